"""The view of implicit differentiation: both sides differentiated with y = y(x), the y′ terms
collected, the equation solved for y′, tidied, and the slope at a point."""

from __future__ import annotations

import sympy

from chainrule.calculus.implicit import Implicit
from chainrule.document import (
    Box,
    DerivativeOf,
    Document,
    Equals,
    Equation,
    Frac,
    Heading,
    InOrder,
    Leibniz,
    Para,
    Verdict,
)
from chainrule.views.calculus import nested


def implicit_view(im: Implicit) -> Document:
    x, y = im.x, im.y
    f = sympy.Function(y.name)(x)
    prime = sympy.Symbol(f"{y.name}′")
    equation = Equals((im.left, im.right))
    blocks: list = [Heading(("Implicit differentiation of ", equation), level=1)]
    blocks.append(
        Para(
            (
                "The equation ties ",
                y,
                " to ",
                x,
                ": read ",
                y,
                " as a function of ",
                x,
                ", ",
                Equals((y, f)),
                ", and differentiate both sides with respect to ",
                x,
                ". Wherever ",
                y,
                " appears, the chain rule brings a factor ",
                prime,
                f" = d{y.name}/d{x.name}: d/d{x.name} ",
                y**2,
                " = ",
                InOrder((2 * y, prime)),
                ", for instance.",
            )
        )
    )
    for side, steps, which in (
        (im.left, im.left_steps, "left"),
        (im.right, im.right_steps, "right"),
    ):
        blocks.append(Heading((f"The {which} side, ", side)))
        if not side.has(x, y):
            blocks.append(Equation((DerivativeOf(side, x), 0), note=("a constant",)))
        else:
            blocks += nested(steps)
    d = sympy.Derivative(f, x)
    in_letters = {d: prime, f: y}
    left_d = im.left_steps.derivative.xreplace(in_letters)
    right_d = im.right_steps.derivative.xreplace(in_letters)
    blocks.append(Heading(("Solve for ", prime)))
    blocks.append(
        Para(("The two sides' derivatives are equal, ", y, "(", x, ") written ", y, " again:"))
    )
    blocks.append(Equation((left_d, right_d)))
    blocks.append(
        Para((f"Collect the terms with {y.name}′ on the left and the rest on the right:",))
    )
    blocks.append(Equation((InOrder((im.coefficient, prime), strict=True), im.rest)))
    blocks.append(Para(("Divide by the coefficient of ", prime, ":")))
    sides: list = [prime, Frac(im.rest, im.coefficient)]
    sides += [m.after for m in im.tidying] or [im.slope]  # SymPy may cancel as it divides
    blocks.append(Equation(tuple(sides)))
    rows: list = [Equation((Leibniz(y, x, partial=False), im.slope), label=("Result:",))]
    if im.value is not None:
        (_, a), (_, b) = im.point
        rows.append(
            Equation((Leibniz(y, x, partial=False), im.value), label=("At (", a, ", ", b, "):"))
        )
    rows.append(
        Verdict(
            "ok" if im.verified else "failed",
            ("checked against SymPy's idiff",)
            if im.verified
            else ("disagrees with SymPy's idiff: a bug in chainrule",),
        )
    )
    blocks.append(Box(("Answer",), tuple(rows), status=rows[-1].status))
    title = f"chainrule: implicit differentiation of {im.text or equation}"
    return Document(tuple(blocks), title=title, order=im.order)
