"""The gradient of a function of several variables: each partial derivative explained in
turn, the others held constant, then the vector ∇f of them all, and its value at a point.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from chainrule.display import Displayable
from chainrule.errors import VariableError
from chainrule.steps import Explanation

#: A gradient of more variables than this is a list too long to read in one view.
MAX_VARIABLES = 6


@dataclass(frozen=True, kw_only=True, repr=False)
class Gradient(Displayable):
    """∂f/∂v for each v of ``variables`` (``partials``, in that order), and with ``point``
    their values there (``values``, exact)."""

    partials: tuple[Explanation, ...]
    point: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = ()
    values: tuple[sympy.Expr, ...] = ()

    @property
    def expression(self) -> sympy.Expr:
        return self.partials[0].expression

    @property
    def variables(self) -> tuple[sympy.Symbol, ...]:
        return tuple(p.variable for p in self.partials)

    @property
    def vector(self) -> tuple[sympy.Expr, ...]:
        return tuple(p.derivative for p in self.partials)

    @property
    def order(self) -> tuple:
        merged: dict = {}
        for p in self.partials:
            merged.update(p.order)
        return tuple(merged.items())

    def document(self):
        from chainrule.views.gradient import gradient_view

        return gradient_view(self)

    def json_data(self) -> dict:
        from chainrule.formats.json_calculus import gradient as data

        return data(self)

    def _summary(self) -> str:
        return f"∇ of {self.expression} in {', '.join(v.name for v in self.variables)}"


def variables_of(wrt: str | Sequence[str | sympy.Symbol]) -> tuple[str, ...]:
    """``"x,y"`` or ``("x", "y")`` as names, each once."""
    names = [n.strip() for n in wrt.split(",")] if isinstance(wrt, str) else [str(v) for v in wrt]
    if any(not n for n in names):
        raise VariableError(f"--wrt: an empty name in {wrt!r}; write them like x,y")
    if len(set(names)) != len(names):
        raise VariableError(f"--wrt: a variable is named twice in {', '.join(names)}")
    if len(names) > MAX_VARIABLES:
        raise VariableError(f"--wrt: at most {MAX_VARIABLES} variables, got {len(names)}")
    return tuple(names)


def gradient(
    expr_or_text: str | sympy.Expr,
    wrt: str | Sequence[str | sympy.Symbol] = "x,y",
    at: str | Mapping | None = None,
    *,
    timeout: float | None = None,
) -> Gradient:
    """∇f = (∂f/∂x, ∂f/∂y, …) for the variables ``wrt`` ("x,y"), each partial derivative
    explained; with ``at`` ("x=1,y=pi"), its value at that point."""
    from chainrule.budget import within
    from chainrule.calculus.point import PointError, constant, read_point
    from chainrule.explaining import explain

    names = variables_of(wrt)
    with within(timeout):
        partials = tuple(explain(expr_or_text, wrt=name) for name in names)
    symbols = {s.name: s for s in partials[0].expression.free_symbols}
    missing = [n for n in names if n not in symbols]
    if missing:
        raise VariableError(
            f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not in the formula "
            f"(its variables: {', '.join(sorted(symbols)) or 'none'})"
        )
    if at is None:
        return Gradient(partials=partials)
    given = read_point(at, tuple(sorted(symbols))) if isinstance(at, str) else dict(at)
    left = sorted(set(symbols) - set(map(str, given)))
    if left:
        raise PointError(f"--at: give a value for every variable; {', '.join(left)} is missing")
    unknown = sorted(set(map(str, given)) - set(symbols))
    if unknown:
        raise PointError(f"{', '.join(unknown)} is not a variable of the formula")
    point = tuple((symbols[str(n)], constant(v, str(n))) for n, v in given.items())
    values = tuple(_value(p.derivative.xreplace(dict(point))) for p in partials)
    for p, v in zip(partials, values, strict=True):
        if v.has(sympy.nan, sympy.zoo) or not v.is_real:
            raise PointError(f"∂f/∂{p.variable} has no real value at that point")
    return Gradient(partials=partials, point=point, values=values)


def _value(v: sympy.Expr) -> sympy.Expr:
    simpler = sympy.radsimp(sympy.simplify(v))
    return min((v, simpler), key=sympy.count_ops)
