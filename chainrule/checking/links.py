"""A learner's working, as written on paper: links joined by "=", each one a formula.

``1/(2+cos x)·(−sin x) = −sin x/(2+cos x)`` is two links. A first link that only names the
derivative (``h'(x) =``, ``dy/dx =``, ``d/dx ln(2+cos x) =``) is the question, not working,
and is left out. Each link is read by the safe parser; an unreadable one raises a ParseError
whose caret points into the whole answer, not into the link alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import sympy

from chainrule.errors import ParseError

#: The question, not working: h'(x), y', f′, dy/dx, d/dx …, ∂J/∂w …
_QUESTION = re.compile(r"\s*([A-Za-z]\w*\s*['′]+\s*(\(\s*\w+\s*\))?|[d∂]\w*\s*/\s*[d∂]\w+.*)\s*$")
_OPENERS, _CLOSERS = "([{", ")]}"


@dataclass(frozen=True)
class Link:
    """One link of the working: its text, where it starts in the answer, and its formula, with
    the order its sums and products were typed in (``chainrule.ordering``), to echo it so."""

    text: str
    start: int
    expr: sympy.Expr
    order: tuple = ()


def split(answer: str) -> list[tuple[str, int]]:
    """The links of ``answer`` with their start offsets: "=" splits only outside brackets."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(answer):
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif ch == "=" and depth == 0:
            pieces.append((answer[start:i], start))
            start = i + 1
    pieces.append((answer[start:], start))
    if len(pieces) > 1 and _QUESTION.match(pieces[0][0]):
        pieces = pieces[1:]
    return pieces


def read_links(answer: str, symbols: Iterable[sympy.Symbol]) -> list[Link]:
    """Every link of ``answer`` parsed, the function's own symbols declared so they compare
    equal; a ParseError's caret points into ``answer``."""
    from chainrule.parsing import read

    if not answer.strip():
        raise ParseError("empty answer: type the derivative, e.g. -sin(x)/(2+cos(x))", 0, answer)
    links = []
    symbols = tuple(symbols)
    for text, start in split(answer):
        if not text.strip():
            where = "before" if start == 0 else "after"
            raise ParseError(
                f"nothing {where} this '=': each side of '=' is a formula",
                max(0, start - 1),
                answer,
            )
        try:
            expr, order, _ = read(text, symbols=symbols)
        except ParseError as error:
            message = f"in the answer: {error.message}"
            raise ParseError(message, start + error.position, answer) from None
        links.append(Link(text.strip(), start, expr, tuple(order.items())))
    return links
