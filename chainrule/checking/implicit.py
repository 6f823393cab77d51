"""Checking a learner's dy/dx of a curve's equation: judged on the curve, not everywhere, since
−x/y and −x/√(25 − x²) are the same slope on x² + y² = 25 and different elsewhere.

The usual wrong paths are built from the equation's own terms F = left − right, split into
the terms in x alone, in y alone and in both: y treated as a constant in the mixed terms
(d/dx (xy) = y, the x·y′ forgotten), y′ left out of the terms in y alone (d/dx y² = 2y), the
sign of −F_x/F_y lost, and the fraction upside down.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import sympy

from chainrule.display import Displayable
from chainrule.errors import VariableError
from chainrule.functions import MPMATH_MODULES

#: Each id a diagnosis of an implicit derivative can give, with what it means.
IMPLICIT_MISTAKES = {
    "implicit_y_as_constant": "y held constant where it meets x: d/dx (x·y) is y + x·y′, not y",
    "implicit_y_prime_left_out": "y′ left out: d/dx y² is 2y·y′ by the chain rule, not 2y",
    "implicit_sign": "the sign: y′ = −(∂F/∂x)/(∂F/∂y), with F everything moved to the left",
    "implicit_upside_down": "the fraction upside down: the y′ terms' coefficient is the "
    "denominator",
}
#: Points of the curve the answer is compared at, when that many can be found.
POINTS = 5
#: How far from the starts a point of the curve is looked for (|y| at most this).
FAR = 1e3


@dataclass(frozen=True, kw_only=True, repr=False)
class ImplicitCheck(Displayable):
    """A learner's ``answer`` for dy/dx of ``implicit``'s curve: ``status`` right, wrong or
    undecided (too few points of the curve found), and for a wrong one the ``mistake``."""

    implicit: object
    answer: str
    given: sympy.Expr
    status: str
    mistake: str | None = None
    points: int = 0

    @property
    def correct(self) -> bool:
        return self.status == "right"

    @property
    def expected(self) -> sympy.Expr:
        return self.implicit.slope

    @property
    def order(self) -> tuple:
        return self.implicit.order

    def document(self):
        from chainrule.views.check_implicit import implicit_check_view

        return implicit_check_view(self)

    def json_data(self) -> dict:
        from chainrule.formats.json_calculus import implicit_check

        return implicit_check(self)

    def _summary(self) -> str:
        return f"dy/dx: {self.status}"


def check_implicit(equation: str, answer: str, x: str = "x", y: str = "y") -> ImplicitCheck:
    """Whether ``answer`` is dy/dx on the curve ``equation``, and which mistake gives it."""
    from chainrule.calculus.implicit import implicit
    from chainrule.checking.links import read_links

    im = implicit(equation, x=x, y=y)
    links = read_links(answer, {im.x, im.y})
    given = links[-1].expr
    foreign = given.free_symbols - {im.x, im.y}
    if foreign:
        raise VariableError(
            f"the answer uses {', '.join(sorted(s.name for s in foreign))}, which the equation "
            f"does not have: write dy/dx in {im.x} and {im.y}"
        )
    points = _on_the_curve(im.left - im.right, im.x, im.y, im.coefficient)
    if len(points) < 2:
        return ImplicitCheck(implicit=im, answer=answer, given=given, status="undecided")
    if _same(given, im.slope, points):
        return ImplicitCheck(
            implicit=im, answer=answer, given=given, status="right", points=len(points)
        )
    mistake = next(
        (
            name
            for name, path in wrong_slopes(im).items()
            if path is not None and _same(given, path, points)
        ),
        None,
    )
    return ImplicitCheck(
        implicit=im, answer=answer, given=given, status="wrong", mistake=mistake, points=len(points)
    )


def wrong_slopes(im) -> dict[str, sympy.Expr | None]:
    """The dy/dx each usual mistake gives for ``im``'s curve, by mistake id (None where the
    mistake cannot be made: no mixed terms to treat y as constant in)."""
    x, y = im.x, im.y
    f = im.left - im.right
    terms = sympy.Add.make_args(sympy.expand(f))
    pure_y = sympy.Add(*(t for t in terms if t.has(y) and not t.has(x)))
    mixed = sympy.Add(*(t for t in terms if t.has(y) and t.has(x)))
    fx, fy = sympy.diff(f, x), sympy.diff(f, y)

    def solved(top, bottom):
        return None if sympy.simplify(bottom) == 0 or mixed == 0 and top is None else -top / bottom

    return {
        # The mixed terms differentiated with y fixed: only the terms in y alone give y′.
        "implicit_y_as_constant": None if mixed == 0 else solved(fx, sympy.diff(pure_y, y)),
        # The terms in y alone differentiated as if y were the variable: 2y, not 2y·y′.
        "implicit_y_prime_left_out": None
        if pure_y == 0 or mixed == 0
        else solved(fx + sympy.diff(pure_y, y), sympy.diff(mixed, y)),
        "implicit_sign": fx / fy,
        "implicit_upside_down": -fy / fx,
    }


def points_of(im) -> list[dict]:
    """The points of ``im``'s curve an answer is compared at (fewer than 2: undecided)."""
    return _on_the_curve(im.left - im.right, im.x, im.y, im.coefficient)


def _on_the_curve(f: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol, coefficient) -> list[dict]:
    """Up to ``POINTS`` points (x, y) with f = 0 where the slope exists, found by Newton's
    method from seeded starts (the same points every run)."""
    import mpmath

    rng = random.Random(0)
    g = sympy.lambdify((x, y), f, modules=MPMATH_MODULES)
    gy = sympy.lambdify((x, y), sympy.diff(f, y), modules=MPMATH_MODULES)
    slope_exists = sympy.lambdify((x, y), coefficient, modules=MPMATH_MODULES)
    found: list[dict] = []

    def near(t):
        # A start with no root beside it can run off (e^y = x² − 3 where x² < 3): past this,
        # exp of the iterate takes mpmath longer than any learner would wait.
        if abs(t) > FAR:
            raise ValueError("Newton's method ran off the curve")
        return t

    for _ in range(60):
        if len(found) >= POINTS:
            break
        a = mpmath.mpf(rng.uniform(-3, 3))
        try:
            b = mpmath.findroot(
                lambda t, a=a: g(a, near(t)),
                mpmath.mpf(rng.uniform(-4, 4)),
                tol=1e-20,
                df=lambda t, a=a: gy(a, near(t)),
                solver="newton",
            )
            if abs(mpmath.im(b)) > 1e-12 or abs(g(a, b)) > 1e-12 or abs(slope_exists(a, b)) < 1e-9:
                continue
        except (ValueError, ZeroDivisionError, TypeError, OverflowError):
            continue
        point = {x: sympy.Float(a, 30), y: sympy.Float(mpmath.re(b), 30)}
        if all(abs(point[y] - p[y]) > 1e-6 or abs(point[x] - p[x]) > 1e-6 for p in found):
            found.append(point)
    return found


def _same(ours: sympy.Expr, theirs: sympy.Expr, points: list[dict]) -> bool:
    for point in points:
        try:
            a, b = (complex(e.xreplace(point).evalf(30)) for e in (ours, theirs))
        except (TypeError, ValueError):
            return False
        if not (math.isfinite(abs(a)) and math.isfinite(abs(b))):
            return False
        if abs(a - b) > 1e-8 * max(1.0, abs(b)):
            return False
    return True
