"""Full-batch gradient descent on a layered network with its compiled gradient: θ ← θ − η·∂J/∂θ,
J the mean over the rows, with J and the accuracy recorded at every step.

The defaults solve XOR: ``--shape 2-2-1 --data xor --train`` with sigmoid or tanh hidden units
reaches 100% accuracy from seed 0 in ``DEFAULT_STEPS`` steps at ``DEFAULT_LR``
(tests/test_layered_training.py holds it to that), in well under a second.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from chainrule.display import Displayable
from chainrule.network.compiled import compile_shape
from chainrule.network.compiled_locals import Locals
from chainrule.network.layered_data import Dataset
from chainrule.network.layered_numbers import canonical_name, default_point, initial_weights
from chainrule.network.numbers import check_learning_rate, finite
from chainrule.network.shape import Shape, ShapeError

DEFAULT_STEPS = 2000
DEFAULT_LR = 2.0
DEFAULT_SEED = 0
#: At most this many steps, and at most this much work (steps × rows × parameters): a run
#: takes seconds, not minutes (2-16-16-1 does about 10⁹ of it in a few seconds).
MAX_STEPS = 100_000
MAX_WORK = 1_000_000_000


@dataclass(frozen=True, kw_only=True)
class ShapeRecord:
    """The state before step ``step`` (step = steps: after the last one)."""

    step: int
    cost: float
    accuracy: float | None
    params: tuple[float, ...]  # in ``Shape.param_names`` order


@dataclass(frozen=True, kw_only=True, repr=False)
class ShapeTrainingRun(Displayable):
    """A finished run: its setting, J and accuracy at every step, snapshots every few."""

    shape: Shape
    data: Dataset
    lr: float
    steps: int
    seed: int
    costs: tuple[float, ...]  # J before each step, then after the last: steps + 1 values
    accuracies: tuple[float, ...] | None  # the same steps; None for a regression (n/a)
    records: tuple[ShapeRecord, ...]
    started: tuple[str, ...] = ()  # the parameters ``given`` a start, in param_names order

    def _summary(self) -> str:
        acc = "n/a" if self.accuracies is None else f"{self.accuracies[-1]:.0%}"
        return (
            f"{self.shape.text}, {self.steps} steps, lr {self.lr:g}: J {self.costs[0]:.6g} → "
            f"{self.costs[-1]:.6g}, accuracy {acc}"
        )

    @property
    def start(self) -> ShapeRecord:
        return self.records[0]

    @property
    def final(self) -> ShapeRecord:
        return self.records[-1]

    def final_params(self) -> dict[str, float]:
        return dict(zip(self.shape.param_names, self.final.params, strict=True))


def classifies(shape: Shape) -> bool:
    """Whether accuracy means anything: sigmoid outputs (threshold 0.5) or softmax (argmax)."""
    return shape.activations[-1] in ("sigmoid", "softmax")


def accuracy(shape: Shape, yhat, Y) -> float | None:
    """The share of rows classified right, or None for a regression."""
    last = shape.activations[-1]
    if last == "softmax":
        return float((yhat.argmax(axis=1) == Y.argmax(axis=1)).mean())
    if last == "sigmoid":
        return float(((yhat >= 0.5) == (Y >= 0.5)).all(axis=1).mean())
    return None


def train_shape(
    shape: Shape,
    data: Dataset | None = None,
    lr: float = DEFAULT_LR,
    steps: int = DEFAULT_STEPS,
    seed: int = DEFAULT_SEED,
    given: Mapping[str, float] | None = None,
    *,
    locals: Locals | None = None,
    every: int | None = None,
    on_step: Callable[[int], None] | None = None,
) -> ShapeTrainingRun:
    """``steps`` steps of full-batch gradient descent on ``data`` (without it, one sample: the
    inputs and labels of ``given`` or the defaults). Weights start uniform in [−1, 1] from
    ``seed`` (biases 0), overridden by the parameters in ``given``. A snapshot is kept every
    ``every`` steps (about ten in all by default) and after the last."""
    given = {canonical_name(n, shape): finite(v, n) for n, v in (given or {}).items()}
    sample = [n for n in given if n in shape.input_names or n in shape.label_names]
    if data is not None and sample:
        raise ShapeError(f"{sample[0]} comes from the data: with --data, --at gives parameters")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ShapeError(f"steps must be a whole number ≥ 1, got {steps!r}")
    if steps > MAX_STEPS:
        raise ShapeError(f"steps: {steps:,} is more than this teaching tool runs ({MAX_STEPS:,})")
    check_learning_rate(lr)
    if data is None:
        point = default_point(shape) | given
        data = Dataset(
            name="one sample",
            X=(tuple(point[n] for n in shape.input_names),),
            Y=(tuple(point[n] for n in shape.label_names),),
        )
    work = steps * data.rows * shape.params
    if work > MAX_WORK:
        raise ShapeError(
            f"{steps:,} steps × {data.rows:,} rows × {shape.params} parameters is more work "
            f"than this teaching tool does ({MAX_WORK:,}): use fewer steps or rows"
        )
    compiled = compile_shape(shape, locals)
    np = compiled._np
    X, Y = compiled.batch(data.X, data.Y)
    compiled.check_labels(Y)
    start = initial_weights(shape, seed, decimals=None) | {
        n: v for n, v in given.items() if n in shape.param_names
    }
    theta = compiled.params(start)
    grad = np.empty_like(theta)
    every = every or max(1, steps // 10)
    costs: list[float] = []
    accs: list[float] | None = [] if classifies(shape) else None
    records: list[ShapeRecord] = []
    gradient_at = compiled.stepper(theta, grad)  # theta is updated in place: its views stay true
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for step in range(steps + 1):
            cost, yhat = gradient_at(X, Y)
            if not math.isfinite(cost):
                raise ShapeError(_diverged(step))
            costs.append(cost)
            acc = accuracy(shape, yhat, Y)
            if accs is not None:
                accs.append(acc)
            if step % every == 0 or step == steps:
                records.append(
                    ShapeRecord(step=step, cost=cost, accuracy=acc, params=tuple(theta.tolist()))
                )
            if step == steps:
                break
            # Every parameter moves against the mean gradient at once.
            theta -= lr * grad  # in place, so the stepper's views still see it
            if not np.isfinite(theta).all():
                raise ShapeError(
                    f"training diverged at step {step + 1}: a parameter grew past what a "
                    "float holds; try a smaller --lr"
                )
            if on_step is not None:
                on_step(step + 1)
    return ShapeTrainingRun(
        shape=shape,
        data=data,
        lr=lr,
        steps=steps,
        seed=seed,
        costs=tuple(costs),
        accuracies=None if accs is None else tuple(accs),
        records=tuple(records),
        started=tuple(n for n in shape.param_names if n in given),
    )


def _diverged(step: int) -> str:
    if step == 0:
        return "J is not a finite number at the start: the inputs or starting values are too large"
    return f"training diverged at step {step}: J is no longer a finite number; try a smaller --lr"
