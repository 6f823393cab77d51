"""The safe math parser: a formula as a learner types it, turned into a SymPy expression.

The text is never evaluated as Python or given to SymPy's own parsers: ``characters`` normalises
pasted Unicode, ``tokens`` splits the text into numbers, words and operators, ``names`` says what
each word means (and ``words`` which words are never part of a formula), ``grammar`` builds the
expression node by node, and ``limits`` refuses anything too long, too deep or too large before
it is computed.

    >>> parse("2x sin^2 x")
    2*x*sin(x)**2
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import sympy

from chainrule.errors import ParseError
from chainrule.functions import on_the_reals
from chainrule.parsing.characters import normalise
from chainrule.parsing.grammar import Parser
from chainrule.parsing.limits import MAX_LENGTH
from chainrule.parsing.names import Names
from chainrule.parsing.tokens import tokenize

__all__ = ["parse", "ParseError"]

# "d/dx x^2", "dy/dx = …", "∂/∂x …": learners write the question, not the function.
_LEIBNIZ = re.compile(r"\s*[d∂]\s*[a-zA-Z]?\s*/\s*[d∂]\s*[a-zA-Z]")


def parse(text: str, *, symbols: Iterable[str | sympy.Symbol] = ()) -> sympy.Expr:
    """Parse ``text`` into a SymPy expression, or raise ``ParseError`` pointing at the problem.

    ``symbols`` declares extra variable names, as strings (``"yhat"``) or SymPy symbols. A
    declared word is always one variable (``yhat`` is not y·h·a·t), and a declared Symbol is
    returned as given, assumptions included, so a learner's answer parsed with
    ``symbols=reference.free_symbols`` compares equal to the reference. Every other variable,
    and a name declared as a string, is real: ``sympy.Symbol(name, real=True)``.
    """
    return read(text, symbols=symbols)[0]


def read(
    text: str, *, symbols: Iterable[str | sympy.Symbol] = ()
) -> tuple[sympy.Expr, dict, tuple[tuple[str, sympy.Expr], ...]]:
    """``parse``, the order each sum and product was typed in (``chainrule.ordering``), and
    what SymPy rewrote as it built the expression: (the text as typed, what it became), such
    as ("x^2/x", x), outermost first."""
    if not isinstance(text, str):
        raise TypeError(f"parse() needs a str, not {type(text).__name__}")
    names = Names(symbols)
    if len(text) > MAX_LENGTH:
        raise ParseError(
            f"formula too long ({len(text)} characters; the limit is {MAX_LENGTH})",
            MAX_LENGTH,
            text,
        )
    if _LEIBNIZ.match(text):
        raise ParseError(
            "write only the function to differentiate, without d/dx: chainrule differentiates it"
            " (choose the variable with --wrt, or wrt= in Python)",
            0,
            text,
        )
    tokens = tokenize(text, normalise(text))
    parser = Parser(text, tokens, names)
    expr = parser.parse()
    # Variables are real symbols, so SymPy writes |2^x| as 2^x, never 2^re(x); a symbol the
    # caller declared without real=True may still bring re and im, which are written plainly.
    rewritten = tuple((text[start:end], result) for start, end, result in parser.rewritten)
    return on_the_reals(expr), parser.order, rewritten
