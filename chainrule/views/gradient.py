"""The view of a gradient: each partial derivative explained in turn, the other variables
held constant, then ∇f as a vector, and its value at a point."""

from __future__ import annotations

import sympy

from chainrule.calculus.gradient import Gradient
from chainrule.document import Box, Document, Equals, Equation, Heading, Leibniz, Para, Verdict
from chainrule.views.calculus import nested


def gradient_view(g: Gradient) -> Document:
    f = sympy.Symbol("f")
    first = g.partials[0]
    names = tuple(g.variables)
    blocks: list = [Heading(("The gradient of ", first.expression), level=1)]
    blocks.append(
        Para(
            (
                "The gradient ∇f collects the partial derivatives, one for each variable: ",
                "each is taken with the other variables held constant, by the same rules.",
            )
        )
    )
    for p in g.partials:
        blocks.append(Heading(("The partial derivative ", Leibniz(f, p.variable))))
        blocks += nested(p)
    vector = sympy.Tuple(*g.vector)
    rows: list = [
        *(Equation((Leibniz(f, p.variable), p.derivative)) for p in g.partials),
        Equation((sympy.Symbol("∇f"), vector)),
    ]
    if g.point:
        at = tuple(Equals((v, a)) for v, a in g.point)
        rows.append(
            Para(
                (
                    "At ",
                    *_listed(at),
                    ": ",
                    Equals((sympy.Symbol("∇f"), sympy.Tuple(*g.values))),
                    ".",
                )
            )
        )
    ok = all(p.verification.ok for p in g.partials)
    rows.append(
        Verdict(
            "ok" if ok else "failed",
            ("Every step checked against SymPy.",) if ok else ("A step disagrees with SymPy.",),
        )
    )
    blocks.append(
        Box((f"∇f in {', '.join(v.name for v in names)}",), tuple(rows), status=rows[-1].status)
    )
    title = f"chainrule: the gradient of {first.input or first.expression}"
    return Document(tuple(blocks), title=title, order=g.order)


def _listed(items: tuple) -> tuple:
    out: list = []
    for i, item in enumerate(items):
        if i:
            out.append(", ")
        out.append(item)
    return tuple(out)
