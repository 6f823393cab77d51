"""Tangent lines to practise: a function of a rules level, its value h(a), its slope h′(a) and
the tangent line y = h(a) + h′(a)(x − a) at a nice point a.

The point is drawn from the seed among the ones that suit the formula: a simple rational inside
the problem's interval, or 0, where the function is real and h′(a) comes of putting a into
h′(x) (``chainrule.at_point``); or π/6 … π/2 where x appears only in angles r·x of sin, cos,
tan and the π goes out of h(a) and h′(a) (sin(2x) at π/6; x·sin x at π/3 is no exercise).
h′(a) and the line are judged by ``check(…, at="x=a")``, h(a) as a number.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import ClassVar

import sympy

from chainrule.calculus import AtPoint
from chainrule.errors import ChainruleError
from chainrule.practising.generate import _LEVELS, accepted, collect
from chainrule.practising.problems import Part, Problem

#: Rational points, tried when inside the problem's interval.
RATIONAL = tuple(sympy.Rational(n, d) for n, d in ((1, 1), (1, 2), (2, 1), (3, 2)))
#: The angles of the unit circle's table, tried where x is only ever such an angle's multiple.
ANGLES = [sympy.pi / k for k in (6, 4, 3, 2)]
_TRIG = (sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc)
#: The most operations h(a) or h′(a) may have (SymPy's count), so each is a number to work out.
MAX_OPS = 8
#: The largest integer in h(a) or h′(a), numerator or denominator.
MAX_INTEGER = 10_000


@dataclass(frozen=True, repr=False)
class TangentProblem(Problem):
    """A rules problem asked at a point: h(a), h′(a), the tangent line (``point`` has all)."""

    point: AtPoint

    topic: ClassVar[str] = "tangent"

    @property
    def a(self) -> sympy.Expr:
        return self.point.point

    def as_data(self) -> dict:
        from chainrule.formats.notation import code

        p = self.point
        return {
            "text": self.text,
            "function": code(self.expression),
            "derivative": code(self.derivative),
            "level": self.level,
            "point": code(self.a),
            "parts": {"value": code(p.value), "slope": code(p.slope), "tangent": code(p.tangent)},
            "asks": [part.key for part in self.parts],
        }


def generate(level: int, seed: int, count: int) -> list[TangentProblem]:
    return collect(seed, count, _LEVELS[level], lambda text, rng: made(text, level, rng))


def made(text: str, level: int, rng: random.Random) -> TangentProblem | None:
    """The problem of ``text`` at ``level`` at a point drawn by ``rng``, or None if the
    function fails a test of its level or no point suits it."""
    problem = accepted(text, level)
    if problem is None:
        return None
    low, high = problem.interval
    points = [a for a in RATIONAL if low <= a <= high] + [sympy.S.Zero]
    if _angles(problem.expression, problem.variable):
        points += ANGLES
    rng.shuffle(points)
    point = next((p for p in map(lambda a: _suits(problem, a), points) if p is not None), None)
    if point is None:
        return None
    x, a = problem.variable, point.point
    at = f"{x}={_typed(a)}"
    root = problem.explanation.root
    parts = (
        Part("value", point.value, x, root, at=at),
        Part("slope", point.slope, x, root, of=text, at=at),
        Part("tangent", point.tangent, x, root, of=text, at=at),
    )
    ex = problem.explanation
    return TangentProblem(text, level, ex, parts, problem.interval, point)


def _suits(problem: Problem, a: sympy.Expr) -> AtPoint | None:
    """h at x = ``a``, if h is real there with a slope, and h(a), h′(a) are short numbers
    (free of π at a π point)."""
    from chainrule.calculus import at_point

    try:
        point = at_point(problem.explanation, {problem.variable.name: a})
    except ChainruleError:
        return None
    numbers = (point.value, point.slope)
    if not all(_short(n) for n in numbers):
        return None
    # h′(a) must come of putting a into h′(x): not a limit of 0/0 (√(sin x⁴) at 0).
    put_in = problem.derivative.xreplace({problem.variable: a})
    if put_in.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or not put_in.is_finite:
        return None
    if a.has(sympy.pi) and any(n.has(sympy.pi) for n in numbers):
        return None
    return point


def _angles(h: sympy.Expr, x: sympy.Symbol) -> bool:
    """Whether x appears in ``h`` only as r·x inside sin, cos, tan … (sin(2x), cos(x)²), so
    that at π/k every trig value is one of the table's."""
    if not h.has(x):
        return True
    if isinstance(h, _TRIG):
        return (h.args[0] / x).is_Rational
    if h == x:
        return False
    return all(_angles(arg, x) for arg in h.args)


def _short(n: sympy.Expr) -> bool:
    """Few operations and no long integers: ln(4294967296) is no number to work out by hand."""
    if sympy.count_ops(n) > MAX_OPS or n.has(sympy.zoo, sympy.nan):
        return False
    rationals = (r for r in sympy.preorder_traversal(n) if isinstance(r, sympy.Rational))
    return all(abs(r.p) <= MAX_INTEGER and r.q <= MAX_INTEGER for r in rationals)


def _typed(a: sympy.Expr) -> str:
    """The point as a learner types it, and ``check``'s ``at`` reads it: 1/2, pi/3."""
    from chainrule.formats.notation import code

    return code(a)
