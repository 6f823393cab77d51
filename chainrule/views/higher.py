"""The view of higher derivatives: h′ step by step, then h″ from h′ as it was simplified, …,
and the list of them all at the end."""

from __future__ import annotations

from chainrule.calculus.higher import Higher
from chainrule.document import (
    Box,
    DerivativeOf,
    Document,
    Equals,
    Equation,
    Heading,
    Nth,
    Para,
    Verdict,
)
from chainrule.views.calculus import function_name, nested, ordinal


def higher_view(hd: Higher) -> Document:
    first = hd.first
    name, leibniz = function_name(first)
    x = hd.variable
    named = first.expression if first.name is None else Equals((first.name, first.expression))
    blocks: list = [
        Heading(("The derivatives of ", named, f" up to the {ordinal(hd.highest)}"), level=1)
    ]
    if hd.highest > 1:
        blocks.append(
            Para(
                (
                    "Each derivative is the derivative of the one before it, taken in the form "
                    "that one was simplified to: ",
                    Equals((Nth(name, x, 2, leibniz), DerivativeOf(Nth(name, x, 1, leibniz), x))),
                    ", and so on.",
                )
            )
        )
    for k, ex in enumerate(hd.explanations, 1):
        blocks.append(Heading((f"The {ordinal(k)} derivative, ", Nth(name, x, k, leibniz))))
        if k > 1:
            before = Nth(name, x, k - 1, leibniz)
            blocks.append(
                Para(("Differentiate ", Equals((before, hd.explanations[k - 2].derivative)), "."))
            )
        blocks += nested(ex)
    if hd.ended_early:
        k = len(hd.explanations)
        blocks.append(
            Para(
                (
                    Equals((Nth(name, x, k, leibniz), 0)),
                    f", so every derivative after the {ordinal(k)} is 0 as well"
                    f" (the {ordinal(hd.highest)} asked for included).",
                )
            )
        )
    rows: list = [
        Equation((Nth(name, x, k, leibniz), ex.derivative))
        for k, ex in enumerate(hd.explanations, 1)
    ]
    ok = hd.verified
    rows.append(
        Verdict(
            "ok" if ok else "failed",
            ("Every step of every derivative checked against SymPy.",)
            if ok
            else ("A step disagrees with SymPy: see the derivative marked ✗ above.",),
        )
    )
    blocks.append(Box(("The derivatives",), tuple(rows), status=rows[-1].status))
    title = f"chainrule: {hd.highest} derivatives of {first.input or first.expression}"
    return Document(tuple(blocks), title=title, order=hd.order)
