"""Checking a learner's derivative at a point, or their tangent line there.

An answer ``y = …`` is a tangent line, judged as a line in x against y = h(a) + h′(a)(x − a).
Any other answer is the slope h′(a): a number (exact, or a decimal judged to the digits typed),
or working joined by "=" that ends in one; a line still in x is taken at x = a.

A wrong slope is compared with the usual wrong paths of the explanation, each taken at a, so
the mistakes are named as ``check`` names them; a wrong tangent with the usual slips of the
point-slope form (the slope left in x, (x + a), the value and the slope swapped, the normal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from chainrule.display import Displayable
from chainrule.errors import ParseError, VariableError

#: Each id a diagnosis at a point can give beside ``check``'s own, with what it means.
POINT_MISTAKES = {
    "value_not_slope": "h(a), the function's value, where the slope h′(a) belongs",
    "tangent_slope_not_evaluated": "h′(x) left in x: the tangent's slope is the number h′(a)",
    "tangent_x_plus_a": "(x + a) where (x − a) belongs: the line must pass through x = a",
    "tangent_value_and_slope_swapped": "h′(a) + h(a)·(x − a): the value and the slope swapped",
    "tangent_is_normal": "the normal line, of slope −1/h′(a), where the tangent belongs",
    "tangent_without_value": "h(a) left out: the line must pass through (a, h(a))",
}

_TANGENT = re.compile(r"\s*y\s*=(?!=)")
#: The question in front of a value: h'(pi/3) =, f′(1) =, dy/dx =.
_QUESTION = re.compile(r"\s*([A-Za-z]\w*\s*['′]+\s*\([^=()]*\)|d\w*\s*/\s*d\w+)\s*=(?!=)")
_DECIMALS = re.compile(r"\d*\.(\d+)")


@dataclass(frozen=True, kw_only=True, repr=False)
class PointCheck(Displayable):
    """A learner's ``answer`` at the point of ``at`` (an ``AtPoint``): ``kind`` "slope" or
    "tangent"; ``given`` their value or line; ``status`` right or wrong; ``mistake`` an id of
    ``POINT_MISTAKES`` or of ``check``'s ``MISTAKES``; ``decimals`` the digits a decimal answer
    was judged to (None for an exact one)."""

    at: object
    answer: str
    kind: str
    given: sympy.Expr
    status: str
    mistake: str | None = None
    decimals: int | None = None
    #: The last link as typed, and the order its sums and products were typed in.
    typed: str = ""
    typed_order: tuple = ()

    @property
    def correct(self) -> bool:
        return self.status == "right"

    @property
    def expected(self) -> sympy.Expr:
        return self.at.tangent if self.kind == "tangent" else self.at.slope

    @property
    def order(self) -> tuple:
        return (*self.typed_order, *self.at.order)

    def document(self):
        from chainrule.views.check_point import point_check_view

        return point_check_view(self)

    def json_data(self) -> dict:
        from chainrule.formats.json_calculus import point_check

        return point_check(self)

    def _summary(self) -> str:
        return f"at {self.at.variable} = {self.at.point}: {self.status}"


def check_at_point(function, answer: str, at, wrt=None) -> PointCheck:
    """Whether ``answer`` is h′(a) (or, written ``y = …``, the tangent line at a) for
    ``function`` at the point ``at`` ("x=pi/3"), and which mistake gives a wrong one."""
    from chainrule.calculus import at_point

    point = at_point(function, at, wrt)
    x = point.variable
    tangent = _TANGENT.match(answer)
    if tangent:
        if not answer[tangent.end() :].strip():
            raise ParseError(
                "nothing after 'y =': write the tangent line, e.g. y = 2x - 1",
                tangent.end() - 1,
                answer,
            )
        link = _read(answer, tangent.end(), {x}, x)
        return _judge_tangent(point, answer, link)
    question = _QUESTION.match(answer)
    start = question.end() if question else 0
    link = _read(answer, start, {x}, x)
    value = link.expr.xreplace({x: point.point})
    decimals = _typed_decimals(link.text)
    right = _equal(value, point.slope, decimals)
    return PointCheck(
        at=point,
        answer=answer,
        kind="slope",
        given=link.expr,
        status="right" if right else "wrong",
        mistake=None if right else _slope_mistake(point, value, decimals),
        decimals=decimals,
        typed=link.text,
        typed_order=link.order,
    )


def _read(answer: str, start: int, symbols: set, x: sympy.Symbol):
    """The last link of the answer from ``start`` on, its caret kept in the whole answer."""
    from chainrule.checking.links import read_links

    try:
        links = read_links(answer[start:], symbols)
    except ParseError as error:
        raise ParseError(error.message, start + error.position, answer) from None
    given = links[-1].expr
    foreign = given.free_symbols - {x}
    if foreign:
        names = ", ".join(sorted(s.name for s in foreign))
        raise VariableError(
            f"the answer uses {names}: at a point it is a number, or a line in {x} (y = …)"
        )
    return links[-1]


def _typed_decimals(text: str) -> int | None:
    """The fewest digits after a decimal point in the answer: a learner who types −0.346
    means −√3/5 to three decimals. None when no decimal was typed."""
    found = [len(m.group(1)) for m in _DECIMALS.finditer(text)]
    return min(found) if found else None


def _equal(value: sympy.Expr, expected: sympy.Expr, decimals: int | None) -> bool:
    try:
        difference = complex(sympy.N(value - expected, 30))
    except (TypeError, ValueError):  # ∞ or undefined at the point: no slope's value
        return False
    if not (abs(difference.imag) < 1e-12):
        return False
    if decimals is not None:  # half a unit in the last digit typed, and a little for rounding
        return abs(difference.real) <= 0.5 * 10.0**-decimals * 1.001
    # Two exact numbers that agree to 30 digits are the same number here; simplify() would say
    # so too, at a cost a hostile answer can make unbounded.
    return abs(difference.real) <= 1e-12 * max(1.0, abs(complex(sympy.N(expected)).real))


def _slope_mistake(point, value: sympy.Expr, decimals: int | None) -> str | None:
    """The usual wrong path whose value at a is the learner's, or h(a) for h′(a)."""
    from chainrule.checking.mistakes import wrong_paths

    if _equal(value, point.value, decimals):
        return "value_not_slope"
    x, a = point.variable, point.point
    for path in wrong_paths(point.explanation.root):
        try:
            theirs = path.answer.xreplace({x: a})
            if theirs.is_finite is not False and _equal(value, theirs, decimals):
                return path.mistake
        except (TypeError, ValueError, ZeroDivisionError):
            continue  # a wrong path undefined at a names nothing there
    return None


def _judge_tangent(point, answer: str, link) -> PointCheck:
    x, a, h, m = point.variable, point.point, point.value, point.slope
    given = link.expr
    typed = {"typed": link.text, "typed_order": link.order}
    if _same_line(given, point.tangent, x):
        return PointCheck(
            at=point, answer=answer, kind="tangent", given=given, status="right", **typed
        )
    slips = {
        "tangent_slope_not_evaluated": h + point.explanation.derivative * (x - a),
        "tangent_x_plus_a": h + m * (x + a),
        "tangent_value_and_slope_swapped": m + h * (x - a),
        "tangent_is_normal": point.normal,
        "tangent_without_value": m * (x - a),
    }
    mistake = next(
        (
            name
            for name, line in slips.items()
            if line is not None and line != point.tangent and _same_line(given, line, x)
        ),
        None,
    )
    return PointCheck(
        at=point,
        answer=answer,
        kind="tangent",
        given=given,
        status="wrong",
        mistake=mistake,
        **typed,
    )


def _same_line(given: sympy.Expr, line: sympy.Expr, x: sympy.Symbol) -> bool:
    """Equal as functions of x, at a few points: two lines that agree at three agree
    everywhere, and only a curve built to pass through these three odd points would agree
    with one there (a decimal line to the digits it was typed with is not asked for: a
    tangent is exact or it is wrong)."""
    difference = given - line
    for t in (sympy.Rational(-3, 7), sympy.Rational(1, 3), sympy.Rational(5, 2)):
        try:
            z = complex(sympy.N(difference.xreplace({x: t}), 30))
        except (TypeError, ValueError):  # undefined there (1/(x − 1/3)): not the line
            return False
        if not abs(z) <= 1e-9:
            return False
    return True
