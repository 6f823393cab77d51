"""One parameter of a layered network by the multivariable chain rule (``paths_view``): every
path from it to J, the product of the local derivatives along each, their sum; the same sum
grouped by δ; and the check against sympy.diff. Every formula comes from ``ParamPaths``."""

from __future__ import annotations

from chainrule.document import (
    Block,
    Document,
    Equals,
    Equation,
    Heading,
    InOrder,
    Leibniz,
    Para,
    Terms,
)
from chainrule.network.layered import J
from chainrule.network.paths import MAX_PATHS, ParamPaths
from chainrule.views import layered_common as common
from chainrule.views.layered_softmax import cancellation

#: Paths written out one by one up to this many; their sum is shown term by term up to it too.
SHOWN_PATHS = 8


def paths_view(p: ParamPaths) -> Document:
    model, theta = p.model, p.param
    blocks: list[Block] = common.introduction(model)
    blocks += common.formulas(model)
    kind, l, j, k = model.where(theta)
    z = model.z(l, j)
    blocks.append(Heading(("Every path from ", theta, f" ({p.name}) to ", J)))
    where = (
        f"layer {l}, into neuron {j} from neuron {k}" if kind == "w" else f"layer {l}, neuron {j}"
    )
    feeds: tuple = ()
    if l < model.layers:
        feeds = (", and ", model.a(l, j), f" feeds every neuron of layer {l + 1}")
    if model.activation(model.layers) == "softmax":
        feeds += (", and each z of the softmax layer feeds every output ŷᵢ",)
    blocks.append(
        Para(
            (
                theta,
                f" ({where}) moves ",
                z,
                " alone",
                *feeds,
                f", so J changes along {p.count} path{'s' if p.count != 1 else ''}. "
                "The multivariable chain rule adds them: ∂J/∂θ is the sum, over every path "
                "from θ to J, of the product of the local derivatives along it.",
            )
        )
    )
    if not p.paths:
        blocks.append(
            Para(
                (
                    f"{p.count} paths are more than the {MAX_PATHS} listed one by one; the δ form "
                    "below adds them in one line.",
                )
            )
        )
    for n, path in enumerate(p.paths[:SHOWN_PATHS], start=1):
        blocks.append(Para((f"Path {n}: ", *common.arrows(path.nodes))))
        names = InOrder(tuple(Leibniz(f.of, f.wrt) for f in path.links), spaced=True)
        blocks.append(Equation((names, _product(path.links))))
    if len(p.paths) > SHOWN_PATHS:
        blocks.append(
            Para((f"… and {len(p.paths) - SHOWN_PATHS} more, one for each choice of neuron.",))
        )
    if p.paths:
        blocks.append(Heading(("Each local derivative, derived by the explainer",), level=3))
        blocks.append(
            Para(
                (
                    "A layer's neurons all compute the same sum with other indices, so each kind "
                    "of link is derived once (for neuron 1) and renamed; f′ and ∂J/∂ŷ are "
                    "derived once, for every neuron.",
                )
            )
        )
        blocks += common.link_lines([f for path in p.paths for f in path.links])
        blocks.append(Heading(("Their sum",), level=3))
        sides: list = [Leibniz(J, theta)]
        if len(p.paths) <= SHOWN_PATHS and len(p.paths) > 1:
            sides.append(Terms(tuple(_product(q.links) for q in p.paths)))
        sides.append(p.total)
        blocks.append(Equation(tuple(sides)))
    blocks += _delta_form(p)
    if p.cancels:
        blocks += cancellation(model, p.output, p.output_links)
    blocks.append(Heading(("Checked",), level=3))
    blocks.append(common.verdict(model, [p.check], f"∂J/∂{p.name} (the sum and the δ form)"))
    return Document(tuple(blocks), title=f"chainrule: dJ/d{p.name}", order=p.order)


def _product(links) -> InOrder:
    """The links' derivatives in chain order; a factor 1 (∂z/∂b) is left out, as in a sum."""
    return InOrder(tuple(f.in_activations for f in links if f.in_activations != 1))


def _delta_form(p: ParamPaths) -> list[Block]:
    model, theta = p.model, p.param
    _, l, j, _ = model.where(theta)
    z = model.z(l, j)
    blocks: list[Block] = [
        Heading(("The same sum, grouped by ", p.delta), level=3),
        Para(
            (
                "Every path starts with the link ",
                Leibniz(z, theta),
                "; what follows it is the same for all of them, ",
                Equals((p.delta, Leibniz(J, z))),
                ". So",
            )
        ),
        Equation(
            (
                Leibniz(J, theta),
                InOrder((Leibniz(J, z), Leibniz(z, theta)), spaced=True),
                p.delta if p.own.in_activations == 1 else InOrder((p.delta, p.own.in_activations)),
            )
        ),
    ]
    if l < model.layers:
        blocks.append(
            Para(
                (
                    "and δ of a layer is made from the δ of the layer after, the way the paths "
                    "fan out: ",
                    z,
                    " reaches J only through ",
                    model.a(l, j),
                    ", and that through each neuron of layer ",
                    str(l + 1),
                    ",",
                )
            )
        )
        blocks.append(Equation((p.delta, Leibniz(J, z), p.delta_sum)))
    blocks.append(
        Para(
            (
                "At the output, δ is the product of ∂J/∂ŷ and the output's derivative",
                " (with softmax, a sum over the outputs):"
                if model.activation(model.layers) == "softmax"
                else ":",
            )
        )
    )
    L = model.layers
    blocks.append(Equation((model.delta(L, 1), Leibniz(J, model.z(L, 1)), p.output[0])))
    return blocks
