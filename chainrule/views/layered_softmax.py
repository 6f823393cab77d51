"""How the output's δ cancels to ŷ − y, shown as the course shows its σ′ cancellation: with σ
and binary cross-entropy f′ cancels against ∂J/∂ŷ's denominator; with softmax and categorical
cross-entropy every ŷᵢ of the sum over the outputs cancels, and the labels add to 1."""

from __future__ import annotations

from chainrule.document import Block, Equals, Equation, InOrder, Leibniz, Para, Terms
from chainrule.network.layered import J, Layered


def cancellation(model: Layered, output: tuple, links: tuple) -> list[Block]:
    """``output`` is δᴸ₁ as ``ParamPaths.output`` (or ``LayerDelta``) holds it: the sum of the
    ``links``' products, the steps, and ŷ₁ − y₁ last."""
    L = model.layers
    delta, z = model.delta(L, 1), model.z(L, 1)
    products = tuple(InOrder((a.in_activations, b.in_activations)) for a, b in links)
    if model.activation(L) != "softmax":
        ((cost, act),) = links
        yhat = model.yhat(1)
        return [
            Para(
                (
                    "With the cross-entropy cost the activation's derivative cancels: ",
                    Leibniz(J, yhat),
                    " has ",
                    yhat * (1 - yhat),
                    " in its denominator, and ",
                    Equals((Leibniz(yhat, z), act.derivative, act.in_activations)),
                    " multiplies it back, so",
                )
            ),
            Equation((delta, Leibniz(J, z), products[0], output[-1])),
        ]
    n = model.width(L)
    labels = Terms(tuple(model.y(i) for i in range(1, n + 1)))
    return [
        Para(
            (
                "With softmax every output ŷᵢ holds every z of its layer, so δ at the output "
                "is a sum over the outputs. Each ∂J/∂ŷᵢ = −yᵢ/ŷᵢ has ŷᵢ in its denominator, "
                "and each ∂ŷᵢ/∂z₁ has ŷᵢ as a factor "
                "(ŷ₁·(1 − ŷ₁) for i = 1, −ŷᵢ·ŷ₁ for the others), so every ŷᵢ cancels:",
            )
        ),
        Equation((delta, Leibniz(J, z), Terms(products), *output[1:-1])),
        Para(
            (
                "The labels are a distribution, ",
                Equals((labels, 1)),
                ", so what is left is the same as the sigmoid's with cross-entropy:",
            )
        ),
        Equation((delta, output[-1])),
    ]
