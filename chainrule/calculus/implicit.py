"""Implicit differentiation: an equation in x and y, read as a question about y as a function
of x. Both sides are differentiated with y = y(x) — so every y brings a factor y′ by the chain
rule — the y′ terms are collected on one side, and the equation is solved for y′.

The answer is checked against SymPy's ``idiff``; at a point, the point must lie on the curve.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import sympy

from chainrule.display import Displayable
from chainrule.errors import ChainruleError, VariableError
from chainrule.steps import Explanation, Tidy


class ImplicitError(ChainruleError):
    """An equation that implicit differentiation cannot answer, with the reason."""


@dataclass(frozen=True, kw_only=True, repr=False)
class Implicit(Displayable):
    """d/dx of both sides of ``left`` = ``right`` (``left_steps``, ``right_steps``, with y
    written y(x)), the y′ terms collected (``coefficient``·y′ = ``rest``), the solution
    ``solved`` = rest/coefficient, tidied by ``tidying`` to ``slope`` (in x and y), and with
    ``point`` its value ``value`` there."""

    text: str | None
    left: sympy.Expr
    right: sympy.Expr
    x: sympy.Symbol
    y: sympy.Symbol
    left_steps: Explanation
    right_steps: Explanation
    coefficient: sympy.Expr
    rest: sympy.Expr
    solved: sympy.Expr
    tidying: tuple[Tidy, ...]
    slope: sympy.Expr
    verified: bool
    order: tuple = ()
    point: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = ()
    value: sympy.Expr | None = None

    def document(self):
        from chainrule.views.implicit import implicit_view

        return implicit_view(self)

    def json_data(self) -> dict:
        from chainrule.formats.json_calculus import implicit as data

        return data(self)

    def _summary(self) -> str:
        return f"dy/dx = {self.slope}"


def implicit(
    equation: str | tuple[sympy.Expr, sympy.Expr],
    x: str = "x",
    y: str = "y",
    at: str | Mapping | None = None,
    *,
    timeout: float | None = None,
) -> Implicit:
    """dy/dx of the curve ``equation`` ("x^2 + y^2 = 25", or the pair of sides), y a function
    of x; with ``at`` ("x=3,y=4"), the slope at that point of the curve."""
    from chainrule.budget import within

    with within(timeout):
        return _implicit(equation, x, y, at)


def _implicit(equation, x_name: str, y_name: str, at) -> Implicit:
    from chainrule import ordering
    from chainrule.explaining import explain
    from chainrule.tidying import tidy

    text, left, right, order = _sides(equation)
    symbols = {s.name: s for s in (left.free_symbols | right.free_symbols)}
    if y_name not in symbols:
        raise ImplicitError(
            f"the equation has no {y_name}: implicit differentiation finds d{y_name}/d{x_name} "
            f"of a curve in {x_name} and {y_name} (choose the letters with --wrt and --of)"
        )
    if x_name == y_name:
        raise VariableError(f"--wrt and --of must be two different letters, not {x_name} twice")
    x = symbols.get(x_name, sympy.Symbol(x_name, real=True))
    y = symbols[y_name]
    f = sympy.Function(y_name)(x)
    as_function = {y: f}
    with ordering.typed(order):
        left_steps = explain(left.xreplace(as_function), wrt=x)
        right_steps = explain(right.xreplace(as_function), wrt=x)
    prime = sympy.Symbol(f"{y_name}′")
    derivative = sympy.Derivative(f, x)
    # Everything on the left: A·y′ + B = 0, with A and B free of y′ (the chain rule made it
    # appear linearly, one factor y′ per y).
    both = (left_steps.derivative - right_steps.derivative).xreplace({derivative: prime})
    both = both.xreplace({f: y})
    coefficient = sympy.factor_terms(sympy.expand(sympy.diff(both, prime)))
    rest = sympy.factor_terms(-sympy.expand(both.xreplace({prime: 0})))
    if coefficient.has(prime) or sympy.expand(both - (coefficient * prime - rest)) != 0:
        raise ImplicitError(f"{y_name}′ does not appear linearly: it cannot be solved for")
    if sympy.simplify(coefficient) == 0:
        raise ImplicitError(
            f"{y_name}′ cancels out of the differentiated equation (its coefficient is 0), so "
            f"it cannot be solved for {y_name}′"
        )
    solved = rest / coefficient
    with ordering.typed(order):
        moves = tidy(solved, x).moves
    slope = moves[-1].after if moves else solved
    verified = _agrees(slope, sympy.idiff(left - right, y, x), (x, y))
    found = Implicit(
        text=text,
        left=left,
        right=right,
        x=x,
        y=y,
        left_steps=left_steps,
        right_steps=right_steps,
        coefficient=coefficient,
        rest=rest,
        solved=solved,
        tidying=moves,
        slope=slope,
        verified=verified,
        order=tuple({**order, **dict(left_steps.order), **dict(right_steps.order)}.items()),
    )
    if at is None:
        return found
    return _at(found, at)


def _sides(equation) -> tuple[str | None, sympy.Expr, sympy.Expr, dict]:
    if isinstance(equation, str):
        from chainrule.parsing.equations import read_equation

        read = read_equation(equation)
        if read is None:
            raise ImplicitError(
                "not an equation: implicit differentiation needs two sides, like x^2 + y^2 = 25"
            )
        return equation, read.left.expression, read.right.expression, read.order
    left, right = equation
    if not all(isinstance(side, sympy.Expr) for side in (left, right)):
        raise TypeError("implicit() takes an equation as text or a pair of SymPy expressions")
    return None, left, right, {}


def _agrees(ours: sympy.Expr, reference: sympy.Expr, symbols) -> bool:
    """Equal as functions of x and y: symbolically, else at a few points."""
    if sympy.simplify(ours - reference) == 0:
        return True
    for point in ((0.3, 0.7), (1.1, -0.4), (-0.8, 1.9)):
        values = dict(zip(symbols, point, strict=True))
        a, b = (complex(e.xreplace(values).evalf()) for e in (ours, reference))
        if not (math.isfinite(abs(a)) and abs(a - b) <= 1e-9 * max(1.0, abs(b))):
            return False
    return True


def _at(found: Implicit, at) -> Implicit:
    from dataclasses import replace

    from chainrule.calculus.point import PointError, constant, read_point

    names = (found.x.name, found.y.name)
    given = read_point(at, names) if isinstance(at, str) else dict(at)
    missing = [n for n in names if n not in map(str, given)]
    if missing:
        raise PointError(f"--at: give both {names[0]} and {names[1]}; {missing[0]} is missing")
    point = {
        found.x: constant(given[names[0]], names[0]),
        found.y: constant(given[names[1]], names[1]),
    }
    off = (found.left - found.right).xreplace(point)
    if abs(complex(off.evalf(30))) > 1e-12:
        left, right = (sympy.nsimplify(side.xreplace(point)) for side in (found.left, found.right))
        raise PointError(
            f"({point[found.x]}, {point[found.y]}) is not on the curve: there the left side is "
            f"{left} and the right side {right}"
        )
    if (
        found.coefficient.xreplace(point) == 0
        or sympy.simplify(found.coefficient.xreplace(point)) == 0
    ):
        raise PointError(
            f"the tangent is vertical at ({point[found.x]}, {point[found.y]}): the coefficient "
            f"of {found.y}′ is 0 there, so d{found.y}/d{found.x} does not exist"
        )
    value = sympy.radsimp(sympy.simplify(found.slope.xreplace(point)))
    return replace(found, point=tuple(point.items()), value=value)
