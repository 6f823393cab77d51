"""The view of a derivative at a point: the explanation, then h(a) and h′(a) exactly and as
decimals, the tangent line and the normal line."""

from __future__ import annotations

import sympy

from chainrule.calculus.point import AtPoint
from chainrule.document import (
    Box,
    Document,
    Equals,
    Equation,
    Heading,
    InOrder,
    Neg,
    Nth,
    Num,
    Para,
    Terms,
)
from chainrule.views.calculus import function_name, nested


def point_view(p: AtPoint) -> Document:
    ex = p.explanation
    name, _ = function_name(ex)
    x, a = p.variable, p.point
    y, m, a_ = sympy.Symbol("y"), sympy.Symbol("m"), sympy.Symbol("a")
    h = sympy.Function(name.name)
    value_at, slope_at = h(a), Nth(name, a, 1)
    named = ex.expression if ex.name is None else Equals((ex.name, ex.expression))
    blocks: list = [Heading(("The derivative of ", named, " at ", Equals((x, a))), level=1)]
    blocks += nested(ex)
    blocks.append(Heading(("At ", Equals((x, a)))))
    blocks.append(
        Para(
            (
                "Put ",
                Equals((x, a)),
                " into the function and into its derivative. The tangent line touches the "
                "graph there with the derivative's slope m: ",
                Equals((y, Terms((h(a_), InOrder((m, x - a_)))))),
                "; the normal line crosses it at right angles, with slope −1/m.",
            )
        )
    )
    rows: list = [
        Equation(_sides(value_at, ex.expression, x, a, p.value), note=_about(p.value)),
        Equation(_sides(slope_at, ex.derivative, x, a, p.slope), note=_about(p.slope)),
        Equation(_line(y, a, p.value, p.slope, x), label=("Tangent:",)),
    ]
    if p.normal is None:
        rows.append(
            Para(("The tangent is flat: the normal is the vertical line ", Equals((x, a)), "."))
        )
    else:
        normal_slope = sympy.radsimp(-1 / p.slope)
        rows.append(Equation(_line(y, a, p.value, normal_slope, x), label=("Normal:",)))
    blocks.append(Box(("At the point",), tuple(rows)))
    return Document(tuple(blocks), title=f"chainrule: the tangent at {x} = {a}", order=ex.order)


def _sides(lhs, formula, x, a, exact) -> tuple:
    """h(a) = the formula with a put in = its value (the middle side only where it differs)."""
    put_in = formula.xreplace({x: a})
    return (lhs, exact) if put_in == exact else (lhs, put_in, exact)


def _line(y, a, value, slope, x) -> tuple:
    """y = h(a) + m·(x − a) with the numbers in, then as y = m·x + c, c = h(a) − m·a."""
    through = _sum(value, _times(slope, x - a))
    sloped = _sum(slope * x, value - slope * a)
    return (y, through) if sloped == through else (y, through, sloped)


def _sum(*terms):
    kept = tuple(t for t in terms if not (isinstance(t, sympy.Expr) and t == 0))
    if not kept:
        return sympy.S.Zero
    return kept[0] if len(kept) == 1 else Terms(kept)


def _times(m, factor):
    """m·factor, a negative m's sign in front and a fraction in brackets: −(√3/5)·(x − π/3).
    A slope of 1 stays (1·(x − 1)): the line shows the point-slope form, simplified after it."""
    if m == 0:
        return sympy.S.Zero
    if m.could_extract_minus_sign():
        return Neg(_times(-m, factor))
    return InOrder((m, factor), strict=True)


def _about(value) -> tuple:
    """≈ the decimal, where the exact value is not already a plain number."""
    return () if value.is_Rational else ("≈ ", Num(float(value)))
