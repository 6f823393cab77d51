"""An equation a learner types, ``x^2 + y^2 = 25``: its two sides, each read by the same safe
parser as a formula, every caret still pointing into the whole text.

``y = …`` with y alone on the left and no y on the right names an explicit function, as
before (``reading``); with y on the right too (``y = x·y + 1``) it is an equation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sympy

from chainrule.errors import ParseError
from chainrule.parsing import _NAMED, Reading, reading


@dataclass(frozen=True, kw_only=True)
class EquationReading:
    """``left`` = ``right``, each side read as a formula."""

    text: str
    left: Reading
    right: Reading

    @property
    def order(self) -> dict:
        return {**self.left.order, **self.right.order}

    @property
    def free_symbols(self) -> set[sympy.Symbol]:
        return self.left.expression.free_symbols | self.right.expression.free_symbols


def read_equation(
    text: str, *, symbols: Iterable[str | sympy.Symbol] = ()
) -> EquationReading | None:
    """The two sides of ``text`` if it is an equation, None if it has no '=' or the '=' only
    names an explicit function (``y = x^2``, ``f(x) = sin(x)``)."""
    equals = [i for i, ch in enumerate(text) if ch == "="]
    if not equals:
        return None
    if len(equals) > 1:
        raise ParseError("an equation has one '=': this has two", equals[1], text)
    i = equals[0]
    symbols = tuple(symbols)
    named = _NAMED.match(text)
    if named and named.end() == i + 1:
        if named.group(2) is not None:
            return None  # f(x) = …: a function's definition
        letter = named.group(1)
        right = _side(text, i + 1, len(text), symbols)
        if letter not in {s.name for s in right.expression.free_symbols} and letter != "x":
            return None  # y = …, with no y on the right: the explicit function y
    for start, end, where in ((0, i, "before"), (i + 1, len(text), "after")):
        if not text[start:end].strip():
            raise ParseError(f"nothing {where} the '=': an equation needs two sides", i, text)
    return EquationReading(
        text=text,
        left=_side(text, 0, i, symbols),
        right=_side(text, i + 1, len(text), symbols),
    )


def _side(text: str, start: int, end: int, symbols: tuple) -> Reading:
    """text[start:end] read as a formula, the rest blanked so that positions stay the text's."""
    blanked = " " * start + text[start:end] + " " * (len(text) - end)
    try:
        return reading(blanked, symbols=symbols)
    except ParseError as error:
        raise ParseError(error.message, error.position, text) from None
