"""The safe math parser: a formula as a learner types it, turned into a SymPy expression.

The text is never evaluated as Python or given to SymPy's own parsers: ``characters`` normalises
pasted Unicode, ``tokens`` splits the text into numbers, words and operators, ``names`` says what
each word means (and ``words`` which words are never part of a formula), ``grammar`` builds the
expression node by node, and ``limits`` refuses anything too long, too deep or too large before
it is computed.

    >>> parse("2x sin^2 x")
    2*x*sin(x)**2

A formula may name its function as a book does, ``y = x^2`` or ``f(x) = sin(x^2)``: the name is
no part of the expression, and ``reading`` returns it beside the expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import sympy
from sympy.core.function import AppliedUndef

from chainrule.errors import ParseError
from chainrule.functions import on_the_reals
from chainrule.parsing.characters import normalise
from chainrule.parsing.grammar import Parser
from chainrule.parsing.limits import MAX_LENGTH
from chainrule.parsing.names import CONSTANTS, Names
from chainrule.parsing.tokens import tokenize

__all__ = ["parse", "ParseError", "Reading", "reading"]

# "d/dx x^2", "dy/dx = …", "∂/∂x …": learners write the question, not the function.
_LEIBNIZ = re.compile(r"\s*[d∂]\s*[a-zA-Z]?\s*/\s*[d∂]\s*[a-zA-Z]")

# "y = …", "f(x) = …", "h(t) = …": the book names the function before its formula.
_NAMED = re.compile(r"\s*([A-Za-z])\s*(?:\(\s*([A-Za-z])\s*\))?\s*=(?!=)")


@dataclass(frozen=True, kw_only=True)
class Reading:
    """A formula as read: the expression, and what the explanation says about how it was typed."""

    expression: sympy.Expr
    #: The typed order of each sum and product (``chainrule.ordering``).
    order: dict
    #: What SymPy rewrote as it built the expression: (the text as typed, what it became).
    rewritten: tuple[tuple[str, sympy.Expr], ...]
    #: The function's own name, if the formula gave one: y for "y = …", f(x) for "f(x) = …".
    name: sympy.Expr | None = None
    #: Whether ``log`` was typed for the natural logarithm (log(x), no base).
    log_is_ln: bool = False


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
    r = reading(text, symbols=symbols)
    return r.expression, r.order, r.rewritten


def reading(text: str, *, symbols: Iterable[str | sympy.Symbol] = ()) -> Reading:
    """Everything ``read`` gives, and the function's name if the text gave one (``y = x^2``)."""
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
    named = _NAMED.match(text)
    if named and named.group(2) is None and named.group(1) == "x":
        named = None  # x = 1 is an equation in x, not a function called x
    name = None
    body = text
    if named:
        name = _name(named, names, text)
        # The name is blanked out, not cut off, so every caret still points into the text typed.
        body = " " * named.end() + text[named.end() :]
    try:
        tokens = tokenize(text, normalise(body))
    except ParseError as error:
        raise ParseError(error.message, error.position, text) from None
    parser = Parser(text, tokens, names)
    expr = parser.parse()
    if name is not None:
        _refuse_named_inside(name, expr, named, text)
    # Variables are real symbols, so SymPy writes |2^x| as 2^x, never 2^re(x); a symbol the
    # caller declared without real=True may still bring re and im, which are written plainly.
    rewritten = tuple((text[start:end], result) for start, end, result in parser.rewritten)
    return Reading(
        expression=on_the_reals(expr),
        order=parser.order,
        rewritten=rewritten,
        name=name,
        log_is_ln=parser.natural_log,
    )


def _name(named: re.Match, names: Names, text: str) -> sympy.Expr:
    """y for "y = …", f(x) for "f(x) = …": the function's name, never a constant's."""
    letter, argument = named.group(1), named.group(2)
    for group in (1, 2):
        word = named.group(group)
        if word is not None and (word in CONSTANTS or names.refusal(word)):
            raise ParseError(
                f"{word!r} cannot name a function or its variable here: write y = … or f(x) = …",
                named.start(group),
                text,
            )
    if argument is None:
        return names.symbol(letter)
    if argument == letter:
        raise ParseError(
            "the function and its variable need two letters, as in f(x) = …,"
            f" not {letter}({letter})",
            named.start(2),
            text,
        )
    return sympy.Function(letter)(names.symbol(argument))


def _refuse_named_inside(name: sympy.Expr, expr: sympy.Expr, named: re.Match, text: str) -> None:
    """y = x·y defines y by itself: an equation to solve, not a function to differentiate."""
    letter = named.group(1)
    inside = {s.name for s in expr.free_symbols} | {
        f.func.__name__ for f in expr.atoms(AppliedUndef)
    }
    if letter in inside:
        raise ParseError(
            f"{letter} names the function, so its formula cannot use {letter} too"
            " (chainrule differentiates explicit functions: write the right-hand side alone)",
            named.start(1),
            text,
        )
