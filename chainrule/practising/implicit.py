"""Implicit differentiation to practise: a curve's equation in x and y, its dy/dx, and the
slope at a point of the curve.

Each equation is made from a template and a point (x₀, y₀) with small whole coordinates: the
template's constant c is solved for so that the point lies on the curve (x² + y² = c through
(1, 2) is x² + y² = 5). It is kept only if it reads back as typed, ``chainrule.implicit``
solves it and agrees with SymPy's ``idiff``, ``check`` finds points of the curve to judge an
answer at, and the slope at the point exists and is not 0.

Levels: 1, x and y in terms apart (x² + y² = 5, eʸ = x² − 3: the chain rule on y alone);
2, a product of x and y (x·y + y² = 6, x²·y + y³ = 10: the product rule too); 3, x and y
together inside a function (sin(x·y) + y = 2, e^(x·y) = x + y − 1), or the folium x³ + y³ = 9xy.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import ClassVar

import sympy

from chainrule.calculus import Implicit
from chainrule.display import Displayable, formula
from chainrule.errors import ChainruleError
from chainrule.practising.problems import Part

#: Each level's templates: the equation with its constant {c}, and the points it may pass
#: through (where the functions in it are whole numbers: e⁰, sin 0, √4).
_SMALL = ((1, 2), (2, 1), (1, 3), (3, 1), (2, 3), (3, 2), (-1, 2), (1, -2))
_Y0 = ((1, 0), (2, 0), (3, 0), (-1, 0), (-2, 0))
_X0 = ((0, 1), (0, 2), (0, 3), (0, -1), (0, -2))
_SQUARE = ((1, 4), (4, 1), (2, 8), (8, 2), (1, 9), (9, 1), (2, 2), (3, 3))
TEMPLATES: dict[int, tuple[tuple[str, tuple[tuple[int, int], ...]], ...]] = {
    1: (
        ("x^2 + y^2 = {c}", _SMALL),
        ("2x^2 + y^2 = {c}", _SMALL),
        ("y^2 = x^3 + {c}", _SMALL),
        ("x^3 + y^3 = {c}", _SMALL),
        ("y^3 + y = x^2 + {c}", _SMALL),
        ("e^y = x^2 + {c}", _Y0),
        ("sin(y) + x^2 = {c}", _Y0),
        ("sqrt(y) + x = {c}", ((1, 4), (2, 1), (3, 4), (1, 9))),
    ),
    2: (
        ("x*y + y^2 = {c}", _SMALL),
        ("x^2*y + y^3 = {c}", _SMALL),
        ("x^2 + x*y + y^2 = {c}", _SMALL),
        ("x*y^2 + x^2 = {c}", _SMALL),
        ("y*e^x + y^2 = {c}", _X0),
        ("x*e^y + y = {c}", _Y0),
        ("x*cos(y) + y = {c}", _Y0),
        ("y*ln(x) + y^2 = {c}", ((1, 1), (1, 2), (1, 3), (1, -1))),
    ),
    3: (
        ("x^3 + y^3 = {c}*x*y", ((1, 1), (2, 2), (3, 3), (4, 4), (2, 4))),
        ("sin(x*y) + y = {c}", _X0),
        ("sin(x*y) + x = y + {c}", _X0),
        ("cos(x*y) + x = y + {c}", _X0),
        ("e^(x*y) = x + y + {c}", _X0),
        ("e^(x*y) + y = {c}", _X0),
        ("sqrt(x*y) + x = {c}", _SQUARE),
        ("ln(x*y) + y = {c}", ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1))),
    ),
}
LEVELS = range(1, len(TEMPLATES) + 1)


@dataclass(frozen=True, repr=False)
class ImplicitProblem(Displayable):
    """The curve ``text``, its ``implicit`` differentiation at the point of ``parts``' second
    (``implicit.point``, ``implicit.value``), at ``level``."""

    text: str
    level: int
    implicit: Implicit
    parts: tuple[Part, ...]

    topic: ClassVar[str] = "implicit"

    @property
    def variable(self) -> sympy.Symbol:
        return self.implicit.x

    @property
    def order(self) -> tuple:
        return self.implicit.order

    @property
    def point(self) -> tuple[sympy.Expr, sympy.Expr]:
        (_, a), (_, b) = self.implicit.point
        return a, b

    def part(self, key: str) -> Part | None:
        return next((p for p in self.parts if p.key == key), None)

    def document(self):
        from chainrule.practising.view import exercise

        return exercise(self)

    def as_data(self) -> dict:
        from chainrule.formats.notation import code

        im = self.implicit
        a, b = self.point
        return {
            "text": self.text,
            "left": code(im.left),
            "right": code(im.right),
            "level": self.level,
            "point": {im.x.name: code(a), im.y.name: code(b)},
            "parts": {"dy_dx": code(im.slope), "dy_dx_at": code(im.value)},
            "asks": [p.key for p in self.parts],
        }

    def _summary(self) -> str:
        return f"level {self.level}: {formula(self.text)}"


def generate(level: int, seed: int, count: int) -> list[ImplicitProblem]:
    """``count`` different curves of ``level``: every template and point, in an order drawn
    from ``random.Random(seed)``, each kept if it passes the module's tests."""
    from chainrule.practising.generate import MAX_COUNT

    if not 1 <= count <= MAX_COUNT:
        raise ChainruleError(f"{count} problems: choose 1 to {MAX_COUNT}")
    drawn = [(template, point) for template, points in TEMPLATES[level] for point in points]
    random.Random(seed).shuffle(drawn)
    problems: list[ImplicitProblem] = []
    for template, point in drawn:
        problem = made(template, point, level)
        # Two points can make one curve (x³ + y³ = 28 through (1, 3) and (3, 1)): asked once.
        if problem is not None and problem.text not in {p.text for p in problems}:
            problems.append(problem)
            if len(problems) == count:
                return problems
    raise ChainruleError(  # pragma: no cover - each level has more curves than a set holds
        f"implicit level {level} has {len(problems)} different curves: ask for fewer"
    )


def made(template: str, point: tuple[int, int], level: int) -> ImplicitProblem | None:
    """The problem of ``template`` through ``point``, or None if a test of the module's fails."""
    from chainrule.calculus import implicit
    from chainrule.checking.implicit import points_of
    from chainrule.parsing.equations import read_equation

    text = _through(template, point)
    if text is None:
        return None
    at = f"x={point[0]},y={point[1]}"
    try:
        read = read_equation(text)
        if read is None or read.left.rewritten or read.right.rewritten:
            return None
        im = implicit(text, at=at)
        if not im.verified or im.value == 0 or not im.value.is_Rational:
            return None
        if len(points_of(im)) < 2:  # too few points to judge an answer on
            return None
    except ChainruleError:
        return None
    x, root = im.x, im.left_steps.root
    parts = (
        Part("dy_dx", im.slope, x, root, of=text),
        Part("dy_dx_at", im.value, x, root, at=at, slips=_slips(im)),
    )
    return ImplicitProblem(text, level, im, parts)


def _through(template: str, point: tuple[int, int]) -> str | None:
    """``template`` with its constant c such that the curve passes through ``point``, written
    as a learner writes it (x^2 + 1, x^2 − 3, x^2 for c = 0); None if c is no small integer."""
    from chainrule.parsing import parse

    left, right = (parse(side.format(c="c")) for side in template.split("="))
    names = {s.name: s for s in (left - right).free_symbols}
    at = {names[name]: value for name, value in zip("xy", point, strict=True)}
    solved = sympy.solve((left - right).xreplace(at), names["c"])
    if len(solved) != 1 or not solved[0].is_Integer or abs(solved[0]) > 50:
        return None
    value = int(solved[0])
    if "{c}*" in template:  # a coefficient: 0 and 1 would not be written
        return None if value in (0, 1) else template.format(c=value)
    if template.endswith("= {c}"):
        return None if value == 0 else template.format(c=value)
    if value == 0:
        return template.replace(" + {c}", "")
    return template.replace("+ {c}", f"- {-value}" if value < 0 else f"+ {value}")


def _slips(im: Implicit) -> tuple[tuple[str, sympy.Expr], ...]:
    """The value at the point of each usual wrong dy/dx that differs there from the right one."""
    from chainrule.checking.implicit import wrong_slopes

    point = dict(im.point)
    found = []
    for mistake, slope in wrong_slopes(im).items():
        if slope is None:
            continue
        try:
            value = sympy.nsimplify(sympy.simplify(slope.xreplace(point)))
        except (ZeroDivisionError, TypeError, ValueError):
            continue
        if value.is_finite and value.is_real and value != im.value:
            found.append((mistake, value))
    return tuple(found)
