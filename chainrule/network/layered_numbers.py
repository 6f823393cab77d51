"""A layered network at a point (or over a batch): every z, a, δ and gradient as numbers, a
central finite difference beside each gradient, and one step θ ← θ − η·∂J/∂θ.

What ``--at`` leaves out is filled in as documented by ``DEFAULTS_SAID``: each input 0.5, the
label 1 (one-hot on class 1 for several outputs), biases 0, and weights seed-0 uniform in
[−1, 1] rounded to two decimals. Not every weight 0.5: that would make the neurons of a layer
identical, each with the same gradient, and hide what a layer of many neurons is for.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass

from chainrule.display import Displayable
from chainrule.network.compiled import Compiled, compile_shape
from chainrule.network.compiled_locals import Locals
from chainrule.network.difference import Check
from chainrule.network.layered_difference import differences
from chainrule.network.numbers import DEFAULT_LR, NUMBER, check_learning_rate, finite
from chainrule.network.shape import Shape, ShapeError

DEFAULT_X = 0.5
DEFAULT_BIAS = 0.0
WEIGHT_SEED = 0
WEIGHT_DECIMALS = 2
INIT_RANGE = 1.0
PARAMS_SAID = "biases 0, weights uniform in [−1, 1] from seed 0, rounded to two decimals"
DEFAULTS_SAID = (
    f"each input 0.5, the label 1 (one-hot on class 1 for several outputs), {PARAMS_SAID}"
)


def initial_weights(
    shape: Shape, seed: int = WEIGHT_SEED, decimals: int | None = WEIGHT_DECIMALS
) -> dict[str, float]:
    """Every parameter: weights from ``random.Random(seed).uniform(−1, 1)`` in ``param_names``
    order (rounded to ``decimals`` unless None), biases 0."""
    rng = random.Random(seed)
    values = {}
    for name in shape.param_names:
        if shape.part(name).kind == "w":
            w = rng.uniform(-INIT_RANGE, INIT_RANGE)
            values[name] = round(w, decimals) if decimals is not None else w
        else:
            values[name] = DEFAULT_BIAS
    return values


def default_point(shape: Shape) -> dict[str, float]:
    """The inputs, labels and parameters used for whatever is not given."""
    point = dict.fromkeys(shape.input_names, DEFAULT_X)
    point |= {name: 1.0 if j == 0 else 0.0 for j, name in enumerate(shape.label_names)}
    return point | initial_weights(shape)


def parse_shape_point(text: str, shape: Shape) -> dict[str, float]:
    """``"x1=0.5, w2[1,3]=0.2"`` → {"x1": 0.5, "w2[1,3]": 0.2}, each name checked by
    ``Shape.part`` and written the way ``param_names`` writes it. Numbers are plain decimal
    literals (no expressions, nan or inf), read by float() only after matching one."""
    found: dict[str, float] = {}
    for item in _items(text):
        name, sep, number = (p.strip() for p in item.rpartition("="))
        if not sep or not name:
            raise ShapeError(f"--at: expected name=number, got {item!r}")
        canonical = canonical_name(name, shape)
        if not NUMBER.fullmatch(number):
            raise ShapeError(f"--at: {name} needs a number like 0.5 or -2e-3, got {number!r}")
        if canonical in found:
            raise ShapeError(f"--at: {canonical} is given twice")
        value = float(number)
        if not math.isfinite(value):
            raise ShapeError(f"--at: {name}={number} is not a finite number")
        found[canonical] = value
    return found


def _items(text: str) -> list[str]:
    """Split on the commas between items, not those inside w2[1,3]."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "[") - (ch == "]")
        if ch == "," and depth <= 0:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    return [item.strip() for item in items if item.strip()]


def canonical_name(name: str, shape: Shape) -> str:
    """A single number's name as ``param_names`` writes it (w2[1, 3] → w2[1,3]), checked."""
    try:
        part = shape.part(name)
    except ShapeError as error:
        raise ShapeError(f"--at: {error}") from None
    if part.kind == "w":
        return shape.weight(part.layer, part.row, part.col)
    if part.kind == "b":
        return shape.bias(part.layer, part.row)
    if part.kind == "x":
        return shape.input(part.row)
    if part.kind == "y":
        return shape.label(part.row)
    example = shape.bias(part.layer, 1) if part.kind == "bvec" else shape.weight(part.layer, 1, 1)
    what = "δ is computed, not given" if part.kind == "delta" else "it names a whole layer"
    raise ShapeError(f"--at: {name!r}: {what}; give single numbers such as {example}=0.2")


@dataclass(frozen=True, kw_only=True)
class ParamValue:
    """One parameter's gradient two ways, and the step it takes."""

    name: str
    value: float  # ∂J/∂θ by backpropagation
    finite_difference: float
    step: float  # the finite difference's s
    check: Check
    current: float
    updated: float  # θ − η·∂J/∂θ

    @property
    def agrees(self) -> bool:
        return self.check == "agrees"


Rows = tuple[tuple[float, ...], ...]


@dataclass(frozen=True, kw_only=True, repr=False)
class LayeredEvaluation(Displayable):
    """Every number of the network at the point: lists index layers 1 … L (a also has a⁰)."""

    shape: Shape
    X: Rows
    Y: Rows
    data_name: str | None  # the --data set the rows came from; None for one --at point
    defaulted: tuple[str, ...]  # the names the defaults filled in
    z: tuple[Rows, ...]
    a: tuple[Rows, ...]
    cost: float
    deltas: tuple[Rows, ...]  # δˡ per row
    mean_deltas: tuple[tuple[float, ...], ...]  # δˡ averaged over the rows: ∂J/∂bˡ
    weight_gradients: tuple[Rows, ...]  # ∂J/∂Wˡ as matrices (widthˡ × widthˡ⁻¹)
    gradients: tuple[ParamValue, ...]  # every parameter, in param_names order
    lr: float
    h: float
    cost_after: float | None  # None where J is not finite after the step
    clipped: bool
    cancels: bool  # δᴸ came out as ŷ − y (f′ and ∂J/∂ŷ cancel), with no f′ multiplied in

    @property
    def rows(self) -> int:
        return len(self.X)

    def _summary(self) -> str:
        return f"{self.shape.text} network: J = {self.cost:.6g}, {len(self.gradients)} gradients"

    @property
    def agrees(self) -> bool:
        return all(g.agrees for g in self.gradients)

    @property
    def disagrees(self) -> bool:
        return any(g.check == "disagrees" for g in self.gradients)

    @property
    def values(self) -> dict[str, float]:
        """Every parameter name → ∂J/∂θ."""
        return {g.name: g.value for g in self.gradients}

    def gradient(self, name: str) -> ParamValue:
        for g in self.gradients:
            if g.name == name:
                return g
        raise KeyError(name)


def evaluate_shape(
    shape: Shape,
    given: Mapping[str, float] | None = None,
    lr: float = DEFAULT_LR,
    *,
    data=None,
    h: float = 1e-5,
    locals: Locals | None = None,
    compiled: Compiled | None = None,
) -> LayeredEvaluation:
    """The numbers of ``shape`` at ``given`` (the rest from ``default_point``), or over the rows
    of ``data`` (a ``layered_data.Dataset``: J is then their mean, the gradient the mean of the
    per-row gradients, and ``given`` holds parameters only)."""
    check_learning_rate(lr)
    compiled = compiled or compile_shape(shape, locals)
    np = compiled._np
    point = default_point(shape)
    given = {
        canonical_name(name, shape): finite(value, name) for name, value in (given or {}).items()
    }
    point |= given
    if data is not None:
        sample = [n for n in given if n in shape.input_names or n in shape.label_names]
        if sample:
            raise ShapeError(
                f"{sample[0]} comes from the data: with --data, --at gives only parameters"
            )
        X, Y = compiled.batch(data.X, data.Y)
    else:
        X, Y = compiled.batch(
            [[point[n] for n in shape.input_names]], [[point[n] for n in shape.label_names]]
        )
    theta = np.array([point[n] for n in shape.param_names])
    grad = compiled.gradient(theta, X, Y)
    diffs = differences(compiled, theta, X, Y, grad.flat, h)
    after = theta - lr * grad.flat
    with np.errstate(all="ignore"):
        j_after = compiled.cost(after, X, Y)
    defaulted = tuple(
        n
        for n in (*shape.input_names, *shape.label_names, *shape.param_names)
        if n not in given and (data is None or n in shape.param_names)
    )
    return LayeredEvaluation(
        shape=shape,
        X=_rows(X),
        Y=_rows(Y),
        data_name=getattr(data, "name", None),
        defaulted=defaulted,
        z=tuple(_rows(z) for z in grad.forward.z),
        a=tuple(_rows(a) for a in grad.forward.a),
        cost=grad.cost,
        deltas=tuple(_rows(d) for d in grad.deltas),
        mean_deltas=tuple(
            tuple(map(float, grad.mean_delta(l))) for l in range(1, shape.layers + 1)
        ),
        weight_gradients=tuple(_rows(W) for W in grad.weights),
        gradients=tuple(
            ParamValue(
                name=name,
                value=float(g),
                finite_difference=d.value,
                step=d.step,
                check=d.check,
                current=float(t),
                updated=float(u),
            )
            for name, g, d, t, u in zip(
                shape.param_names, grad.flat, diffs, theta, after, strict=True
            )
        ),
        lr=lr,
        h=h,
        cost_after=j_after if math.isfinite(j_after) else None,
        clipped=grad.clipped,
        cancels=compiled.locals.output_delta is not None,
    )


def _rows(array) -> Rows:
    return tuple(tuple(map(float, row)) for row in array)
