"""A layered network's numbers as a document: the point (and what the defaults filled in), the
forward pass layer by layer, J, each layer's δ, each gradient as a matrix beside the bias
gradient, every gradient beside its central finite difference, and one step. Vectors and
matrices are tables, which every format lays out. Every number comes from
``network.layered_numbers.evaluate_shape``; nothing here computes one."""

from __future__ import annotations

from chainrule.document import Document, Heading, Num, Para, Table, Verdict
from chainrule.network.difference import ABS_TOL, REL_TOL
from chainrule.network.layered_numbers import DEFAULTS_SAID, PARAMS_SAID, LayeredEvaluation
from chainrule.network.shape import Shape
from chainrule.views import wording


def convention(shape: Shape) -> Para:
    """How a weight is named, said with one of this network's own."""
    if shape.is_chain:
        return Para(("One neuron per layer: the course's names w1, b1, …, x, y.",))
    l = 2 if shape.layers >= 2 else 1
    j, k = shape.widths[l], shape.widths[l - 1]
    return Para(
        (
            f"{shape.weight(l, j, k)} is the weight into neuron {j} of layer {l} from neuron "
            f"{k} of layer {l - 1} (Nielsen's order: layer, then into, then from); "
            f"{shape.bias(l, j)} is the "
            f"bias of neuron {j} of layer {l}. Layer 0 is the input.",
        )
    )


def layered_numbers_view(at: LayeredEvaluation) -> Document:
    shape = at.shape
    blocks: list = [Heading((f"The {shape.text} network in numbers",)), convention(shape)]
    blocks += _point(at)
    blocks += _forward(at)
    blocks += _deltas(at)
    blocks += _gradients(at)
    blocks += _check(at)
    blocks += _step(at)
    return Document(tuple(blocks), title=f"chainrule: the {shape.text} network in numbers")


def _point(at: LayeredEvaluation) -> list:
    shape = at.shape
    blocks: list = []
    acts = ", ".join(f"layer {l}: {a}" for l, a in enumerate(shape.activations, start=1))
    blocks.append(Para((f"Activations {acts}; cost: {shape.cost_kind}.",)))
    if at.data_name is not None:
        blocks.append(
            Para(
                (
                    f"{at.rows} rows from {at.data_name}: J is the mean of the rows' costs, and "
                    "each gradient the mean of the rows' gradients. The forward pass below is "
                    "row 1's; δ is shown averaged over the rows.",
                )
            )
        )
    names = (*shape.input_names, *shape.label_names)
    values = (*at.X[0], *at.Y[0])
    blocks.append(
        Table(
            ("input / label", "value"),
            tuple((n, Num(v)) for n, v in zip(names, values, strict=True)),
        )
    )
    if at.defaulted:
        said = DEFAULTS_SAID if at.data_name is None else PARAMS_SAID
        blocks.append(Para((f"Not given, so taken as the defaults: {said}.",)))
    return blocks


def _forward(at: LayeredEvaluation) -> list:
    shape = at.shape
    rows = []
    for l in range(1, shape.layers + 1):
        for j in range(shape.widths[l]):
            rows.append((Num(l), Num(j + 1), Num(at.z[l - 1][0][j]), Num(at.a[l][0][j])))
    return [
        Heading(("Forward pass",), level=3),
        Para(("z = W·a + b of the layer before, then a = f(z); the last layer's a is ŷ.",)),
        Table(("layer", "neuron", "z", "a"), tuple(rows)),
        Para(("J = ", Num(at.cost), "." if not at.clipped else _CLIPPED)),
    ]


_CLIPPED = (
    ", with ŷ moved a hair off exactly 0 or 1 where ln ŷ or 1/ŷ is taken (the floats rounded "
    "it there)."
)


def _deltas(at: LayeredEvaluation) -> list:
    shape = at.shape
    rows = tuple(
        (Num(l), Num(j + 1), Num(at.mean_deltas[l - 1][j]))
        for l in range(shape.layers, 0, -1)
        for j in range(shape.widths[l])
    )
    head = "δ (mean over rows)" if at.rows > 1 else "δ"
    first = (
        f"δ{shape.layers} = ŷ − y: with this cost and output activation, f′(z) and ∂J/∂ŷ cancel"
        if at.cancels
        else f"δ{shape.layers} = ∂J/∂ŷ times f′(z) of the output layer"
    )
    return [
        Heading(("δ of each layer, from the output back",), level=3),
        Para(
            (
                f"{first}; each δ before it is the transpose of the next layer's W times "
                "the next δ, times f′(z) of its own layer, elementwise.",
            )
        ),
        Table(("layer", "neuron", head), rows),
    ]


def _gradients(at: LayeredEvaluation) -> list:
    shape = at.shape
    blocks: list = [
        Heading(("Gradients as matrices",), level=3),
        Para(
            (
                "A layer's ∂J/∂W is its δ times the transpose of the layer before's a: row j, "
                "column k is the gradient of the weight into neuron j from neuron k. Its "
                "∂J/∂b is its δ.",
            )
        ),
    ]
    for l in range(1, shape.layers + 1):
        cols = shape.widths[l - 1]
        headers = (f"∂J/∂W{l}", *(f"k = {k}" for k in range(1, cols + 1)), f"∂J/∂b{l}")
        rows = tuple(
            (f"j = {j + 1}", *(Num(v) for v in row), Num(at.mean_deltas[l - 1][j]))
            for j, row in enumerate(at.weight_gradients[l - 1])
        )
        blocks.append(Table(headers, rows))
    return blocks


def _check(at: LayeredEvaluation) -> list:
    rows = tuple((f"∂J/∂{g.name}", Num(g.value), Num(g.finite_difference)) for g in at.gradients)
    blocks: list = [
        Heading(("Every gradient beside a central finite difference",), level=3),
        Table(("gradient", "backpropagation", "finite difference"), rows),
    ]
    groups = {"agrees": [], "disagrees": [], "cannot tell": []}
    for g in at.gradients:
        groups[g.check if g.check in groups else "cannot tell"].append(g)

    def names(group) -> tuple:
        return () if len(group) == len(at.gradients) else tuple(f"∂J/∂{g.name}" for g in group)

    if groups["disagrees"]:
        blocks.append(Verdict("failed", wording.difference_disagrees(names(groups["disagrees"]))))
    if groups["agrees"]:
        words = wording.difference_agrees(names(groups["agrees"]), at.h, REL_TOL, ABS_TOL)
        blocks.append(Verdict("ok", words))
    if groups["cannot tell"]:
        overflow = any(g.check == "overflow" for g in groups["cannot tell"])
        words = wording.difference_cannot_tell(names(groups["cannot tell"]), overflow)
        blocks.append(Verdict("skipped", words))
    return blocks


def _step(at: LayeredEvaluation) -> list:
    rows = tuple((g.name, Num(g.current), Num(g.value), Num(g.updated)) for g in at.gradients)
    after = (
        ("After the step J is not a finite number: try a smaller --lr.",)
        if at.cost_after is None
        else ("J goes from ", Num(at.cost), " to ", Num(at.cost_after), ".")
    )
    return [
        Heading((f"One gradient-descent step, η = {at.lr:g}",), level=3),
        Para(("Every parameter moves against its gradient at once: θ ← θ − η·∂J/∂θ.",)),
        Table(("θ", "now", "∂J/∂θ", "after the step"), rows),
        Para(after),
    ]
