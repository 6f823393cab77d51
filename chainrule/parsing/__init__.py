"""The safe math parser: a formula as a learner types it, turned into a SymPy expression.

The text is never evaluated as Python or given to SymPy's own parsers: ``characters`` normalises
pasted Unicode, ``tokens`` splits the text into numbers, words and operators, ``names`` says what
each word means, ``grammar`` builds the expression node by node, and ``limits`` refuses anything
too long, too deep or too large before it is computed.

    >>> parse("2x sin^2 x")
    2*x*sin(x)**2
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy

from chainrule.errors import ParseError
from chainrule.parsing.characters import normalise
from chainrule.parsing.grammar import Parser
from chainrule.parsing.limits import MAX_LENGTH
from chainrule.parsing.names import Names
from chainrule.parsing.tokens import tokenize

__all__ = ["parse", "ParseError"]


def parse(text: str, *, symbols: Iterable[str | sympy.Symbol] = ()) -> sympy.Expr:
    """Parse ``text`` into a SymPy expression, or raise ``ParseError`` pointing at the problem.

    ``symbols`` declares extra variable names, as strings (``"yhat"``) or SymPy symbols. A
    declared word is always one variable (``yhat`` is not y·h·a·t), and a declared Symbol is
    returned as given, assumptions included, so a learner's answer parsed with
    ``symbols=reference.free_symbols`` compares equal to the reference. Undeclared variables
    are plain ``sympy.Symbol(name)``.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() needs a str, not {type(text).__name__}")
    names = Names(symbols)
    if len(text) > MAX_LENGTH:
        raise ParseError(
            f"formula too long ({len(text)} characters; the limit is {MAX_LENGTH})",
            MAX_LENGTH,
            text,
        )
    tokens = tokenize(text, normalise(text))
    return Parser(text, tokens, names).parse()
