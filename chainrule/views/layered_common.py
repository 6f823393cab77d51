"""What the views of a layered network's derivation share: its title and naming convention,
how ReLU's kink is treated, the forward formulas (each one on a small network, in index and
matrix form on a larger one), each link as the explainer derived it, and the sympy.diff check.
"""

from __future__ import annotations

import sympy

from chainrule.document import (
    Block,
    DerivativeOf,
    Equation,
    Heading,
    InOrder,
    Leibniz,
    Para,
    Terms,
    Verdict,
)
from chainrule.functions import relu, sigmoid
from chainrule.network.backprop import GradientCheck
from chainrule.network.layered import J, Layered
from chainrule.network.layered_checking import CHECK_LAYERS, CHECK_PARAMS
from chainrule.network.layered_links import LayeredLink
from chainrule.views import wording
from chainrule.views.layered_numbers import convention
from chainrule.views.network import rules

RELU_SAID = (
    "ReLU(z) = max(0, z) has a kink at z = 0, where it has no derivative; ReLU′(0) is taken as "
    "0, so ReLU′(z) = H(z), the unit step: 1 for z > 0 and 0 for z ≤ 0 (as PyTorch does)."
)

_NAMES = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "linear": "linear", "softmax": "softmax"}


def title(model: Layered) -> tuple:
    shape = model.shape
    acts = ", ".join(f"layer {l}: {_NAMES[a]}" for l, a in enumerate(shape.activations, start=1))
    return (f"The {shape.text} network ({acts}; {shape.cost_kind} cost)",)


def introduction(model: Layered) -> list[Block]:
    """The title, how the weights are named, and ReLU's kink, said once, where ReLU is used."""
    said = convention(model.shape)
    if model.shape.is_chain:
        w, b = model.w(1, 1, 1), model.b(2, 1)
        said = Para(
            (
                "One neuron per layer: you name the parameters as the course does (w1, b2, …); "
                "the formulas write them with the layer above and the neurons below, w1 as ",
                w,
                " and b2 as ",
                b,
                ".",
            )
        )
    blocks: list[Block] = [Heading(title(model)), said]
    if "relu" in model.shape.activations:
        blocks.append(Para((RELU_SAID,)))
    return blocks


def formulas(model: Layered) -> list[Block]:
    """The forward pass: every formula up to ``CHECK_PARAMS`` parameters (past it, the index
    form alone), and the matrix form with the shape of each factor."""
    shape = model.shape
    blocks: list[Block] = [Heading(("The forward pass",), level=3)]
    if shape.params <= CHECK_PARAMS:
        blocks += [Equation((f.lhs, f.rhs)) for f in model.formulas]
    else:
        blocks.append(
            Para(
                (
                    f"{shape.params} parameters are too many formulas to list: neuron j of "
                    "layer l computes the sum over k of wl[j,k] times the activation k of the "
                    "layer before, plus bl[j], and applies its layer's f; the inputs come first "
                    "and the last layer's activations are the prediction ŷ. J is",
                )
            )
        )
        blocks.append(Equation((J, model.cost_expr)))
    blocks.append(Para(("Layer by layer, as matrices:",)))
    for l in range(1, model.layers + 1):
        rows, cols = model.width(l), model.width(l - 1)
        product = InOrder((model.W(l), model.avec(l - 1)), tight=True)
        blocks.append(
            Equation(
                (model.zvec(l), Terms((product, model.bvec(l)))),
                note=(
                    model.W(l),
                    f" is {rows}×{cols} and ",
                    model.avec(l - 1),
                    f" is {cols}×1, so ",
                    product,
                    " and ",
                    model.bvec(l),
                    f" are {rows}×1",
                ),
            )
        )
        blocks.append(Equation((model.avec(l), _activation_of(model, l))))
    return blocks


def _activation_of(model: Layered, l: int):
    name = model.activation(l)
    z = model.zvec(l)
    if name == "softmax":
        return sympy.Function("softmax")(z)
    return {"sigmoid": sigmoid(z), "tanh": sympy.tanh(z), "relu": relu(z), "linear": z}[name]


def link_lines(links: list[LayeredLink]) -> list[Block]:
    """Each distinct link once: ∂of/∂wrt = ∂/∂wrt (its formula) = its derivative, with the
    rules the explainer used; in the activations where that reads differently."""
    seen: set = set()
    blocks: list[Block] = []
    for f in links:
        if (f.of, f.wrt) in seen:
            continue
        seen.add((f.of, f.wrt))
        sides = [Leibniz(f.of, f.wrt), DerivativeOf(f.expression, f.wrt, partial=True)]
        sides.append(f.derivative)
        if f.in_activations != f.derivative:
            sides.append(f.in_activations)
        blocks.append(Equation(tuple(sides), note=_how(f)))
    return blocks


def _how(f: LayeredLink) -> tuple:
    """The rules the explainer used; for a link renamed from neuron 1's, its rules by name."""
    if not f.renamed:
        return rules(f.explanation)
    names: list[str] = []
    for step in f.explanation.steps():
        title = wording.title(step.rule)
        if title.endswith(" (table)"):  # as views.network.rules names it: "table: sigmoid"
            title = "table: " + title.removesuffix(" (table)").lower()
        title = title[0].lower() + title[1:]
        if step.rule not in ("constant", "variable") and title not in names:
            names.append(title)
    return (f"{', '.join(names) or 'variable rule'}; derived for neuron 1, renamed",)


def verdict(model: Layered, checks: list[GradientCheck], what: str) -> Verdict:
    """One line for ``checks`` of ``what`` ("∂J/∂w1[2,1]", "all 13 gradients")."""
    skipped = [c for c in checks if c.method == "skipped"]
    if skipped:
        return Verdict("skipped", (f"{what} not checked against sympy.diff: {skipped[0].reason}",))
    if not all(c.ok for c in checks):
        return Verdict(
            "failed", (f"{what} does NOT equal sympy.diff: a bug in chainrule, please report it",)
        )
    points = checks[0].points if checks else 0
    return Verdict(
        "ok",
        (
            f"{what} equal sympy.diff of J written out in the inputs, labels and parameters "
            f"(compared at {points} random points; sympy.diff is taken up to {CHECK_PARAMS} "
            f"parameters and {CHECK_LAYERS} layers)",
        ),
    )


def arrows(nodes) -> tuple:
    """θ → z¹₂ → a¹₂ → … → J as words and math."""
    parts: list = []
    for i, node in enumerate(nodes):
        if i:
            parts.append(" → ")
        parts.append(node)
    return tuple(parts)
