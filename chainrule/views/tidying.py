"""The tidy-up after the last rule as numbered lines: one move a line, each ``before = after``
and named as a teacher names it ("multiply out the numerator", "cancel"), continuing the
derivation's numbers so that the answer can say which lines tidied it."""

from __future__ import annotations

import sympy

from chainrule import steps as s
from chainrule.document import Derivation, Equals, Line, Para
from chainrule.tidying import identities
from chainrule.views import wording

_U = sympy.Symbol("u")

#: Each move's title and what the line says it does.
_SAID: dict[str, tuple[str, str]] = {
    "reals": ("On the reals", "|u|² = u² and √(u²) = |u| for every real u"),
    "expand": ("Multiply out", "and collect like terms"),
    "numerator": (
        "Multiply out the numerator",
        "and collect like terms; the denominator stays as the rule left it",
    ),
    "together": ("One denominator", "the terms over a common denominator"),
    "cancel": ("Cancel", "the factor the numerator and the denominator share"),
    "common_factor": ("Common factor", "taken out of the terms that share it"),
    "factor": ("Factor", "the polynomial into its factors"),
    "apart": ("Divide out", "a polynomial plus simple fractions (partial fractions)"),
    "table_names": ("Table names", "written as the derivative table writes them"),
    "roots": ("Under the root", "one denominator under the root, its number taken out"),
}

#: The identity each family of functions brings to the "pythagoras" move.
_IDENTITIES = (
    ((sympy.sin, sympy.cos), (sympy.sin(_U) ** 2 + sympy.cos(_U) ** 2, sympy.S.One)),
    ((sympy.cosh, sympy.sinh), (sympy.cosh(_U) ** 2 - sympy.sinh(_U) ** 2, sympy.S.One)),
    ((sympy.tan,), (1 + sympy.tan(_U) ** 2, sympy.sec(_U) ** 2)),
    ((sympy.cot,), (1 + sympy.cot(_U) ** 2, sympy.csc(_U) ** 2)),
)
#: The names ``table_names`` may bring in, each with the equality that says so.
_NAMES = (
    *((q, (top(_U) / bottom(_U), q(_U))) for top, bottom, q in identities.QUOTIENTS),
    *((r, (1 / f(_U), r(_U))) for f, r in identities.RECIPROCALS),
)


def tidy_up(ex: s.Explanation, last: int) -> tuple:
    """The blocks of the tidy-up, numbered on from line ``last`` (none when the answer is
    final as derived)."""
    if not ex.tidying:
        return ()
    lines = []
    for i, move in enumerate(ex.tidying, start=last + 1):
        title, sentence = _said(move)
        lines.append(
            Line(
                i,
                "tidy",
                title,
                sentence,
                (move.before, move.after),
                (i - 1,),
                wording.uses((i - 1,)),
            )
        )
    return Para(wording.tidying_up()), Derivation(tuple(lines))


def tidied_in(ex: s.Explanation, last: int) -> tuple[int, int] | None:
    """The numbers of the first and the last line of the tidy-up, if it has any."""
    return (last + 1, last + len(ex.tidying)) if ex.tidying else None


def _said(move: s.Tidy) -> tuple[str, tuple]:
    if move.move == "pythagoras":
        used = [
            Equals(identity)
            for funcs, identity in _IDENTITIES
            if any(move.before.has(f) for f in funcs)
        ]
        return "Pythagoras", tuple(wording.listing(used))
    if move.move == "table_names":
        new = [pair for name, pair in _NAMES if move.after.has(name) and not move.before.has(name)]
        used = [Equals(pair) for pair in new]
        if used:
            return _SAID["table_names"][0], tuple(wording.listing(used))
    title, sentence = _SAID.get(move.move, (wording.title(move.move), ""))
    return title, (sentence,)
