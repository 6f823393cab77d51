"""Gradient descent with the derived gradient: θ ← θ − η·∂J/∂θ, repeated, on one sample or on
a small data set of (x, y) rows (the cost is then the mean of J over the rows).

The gradient is the one backpropagation derived, written out in x, y and the parameters, and
compiled once by ``lambdify`` (with common subexpressions shared, so the forward pass is not
repeated per parameter); nothing here differentiates numerically.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import sympy

from chainrule.display import Displayable
from chainrule.functions import LAMBDIFY_MODULES
from chainrule.network.backprop import Backprop, backprop
from chainrule.network.model import Network, NetworkError, stack_room
from chainrule.network.numbers import (
    DEFAULT_LR,
    DEFAULT_X,
    DEFAULT_Y,
    check_label,
    check_learning_rate,
    finite,
)
from chainrule.network.samples import Sample

DEFAULT_STEPS = 200
DEFAULT_SEED = 0
#: Weights start uniform in [−INIT_RANGE, INIT_RANGE]; biases start at 0.
INIT_RANGE = 1.0
#: Training runs in seconds, not hours: at most this many steps (a second or so on one sample) …
MAX_STEPS = 100_000
#: … and at most this much work, steps × rows × nodes (200 steps on 10,000 rows take seconds).
MAX_WORK = 4_000_000


@dataclass(frozen=True, kw_only=True)
class Record:
    """The state before step ``step`` (step = steps: after the last one)."""

    step: int
    cost: float
    params: tuple[float, ...]  # in ``Network.params`` order


@dataclass(frozen=True, kw_only=True, repr=False)
class TrainingRun(Displayable):
    """A finished gradient descent: its setting, J at every step, and snapshots every few."""

    network: Network
    data: tuple[Sample, ...]
    lr: float
    steps: int
    seed: int
    costs: tuple[float, ...]  # J before each step, then after the last: steps + 1 values
    records: tuple[Record, ...]
    started: tuple[str, ...] = ()  # the parameters ``given`` a start, in ``params`` order

    def _summary(self) -> str:
        return f"{self.steps} steps, lr {self.lr:g}: J {self.costs[0]:.6g} → {self.costs[-1]:.6g}"

    @property
    def start(self) -> Record:
        return self.records[0]

    @property
    def final(self) -> Record:
        return self.records[-1]


def initial_params(
    network: Network, seed: int = DEFAULT_SEED, given: Mapping[str, float] | None = None
) -> dict[str, float]:
    """Weights uniform in [−1, 1] from ``random.Random(seed)``, biases 0; ``given`` overrides."""
    rng = random.Random(seed)
    values = {
        p.name: rng.uniform(-INIT_RANGE, INIT_RANGE) if p.name.startswith("w") else 0.0
        for p in network.params
    }
    known = [s.name for s in network.inputs]  # x, y (the sample) and the parameters
    for name, value in (given or {}).items():
        if name not in known:
            raise NetworkError(f"unknown name {name!r}; use {', '.join(known)}")
        value = finite(value, name)
        if name in values:
            values[name] = value
    return values


def seed_matters(network: Network, given: Mapping[str, float] | None = None) -> bool:
    """Whether the seed chooses anything: a weight that ``given`` leaves to chance."""
    return any(f"w{k}" not in (given or {}) for k in range(1, network.nodes + 1))


def compile_gradient(result: Backprop) -> Callable[..., list[float]]:
    """f(x, y, *params) → [J, ∂J/∂θ for each θ]: the expanded cost and gradients, compiled."""
    network = result.network
    by_name = {g.param.name: g for g in result.gradients}
    missing = [p.name for p in network.params if p.name not in by_name]
    if missing:
        raise NetworkError(f"training needs every gradient; missing {', '.join(missing)}")
    exprs = [network.expanded_cost, *(by_name[p.name].expanded for p in network.params)]
    return sympy.lambdify(network.inputs, exprs, modules=LAMBDIFY_MODULES, cse=True)


def train(
    network: Network,
    data: tuple[Sample, ...] | list[Sample] | None = None,
    *,
    given: Mapping[str, float] | None = None,
    steps: int = DEFAULT_STEPS,
    lr: float = DEFAULT_LR,
    seed: int = DEFAULT_SEED,
    every: int | None = None,
    on_step: Callable[[int], None] | None = None,
) -> TrainingRun:
    """Run ``steps`` steps of gradient descent on the mean of J over ``data``.

    Without ``data`` the one sample is (x, y) from ``given`` or the defaults (0.5, 1).
    Parameters start from ``initial_params(network, seed, given)``. A snapshot is kept every
    ``every`` steps (default: about ten in all) and after the last. ``on_step(i)`` is called
    after each step, for a progress bar.
    """
    given = dict(given or {})
    if data is not None and {"x", "y"} & given.keys():
        raise NetworkError(
            "x and y come from the data: with --data, --at gives only starting parameter values"
        )
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise NetworkError(f"steps must be a whole number ≥ 1, got {steps!r}")
    check_learning_rate(lr)
    if data is None:
        data = ((given.get("x", DEFAULT_X), given.get("y", DEFAULT_Y)),)
    rows = tuple(data)
    data = tuple(_row(i, row, len(rows)) for i, row in enumerate(rows, start=1))
    if not data:
        raise NetworkError("no data to train on")
    for i, (_, label) in enumerate(data, start=1):
        check_label(network, label, f"y in row {i}" if len(data) > 1 else "y")
    if steps > MAX_STEPS:
        raise NetworkError(f"steps: {steps:,} is more than this teaching tool runs ({MAX_STEPS:,})")
    work = steps * len(data) * network.nodes
    if work > MAX_WORK:
        raise NetworkError(
            f"{steps:,} steps × {len(data):,} rows × {network.nodes} nodes is more work than this "
            f"teaching tool does ({MAX_WORK:,}): use fewer steps, rows or --layers"
        )
    every = every or max(1, steps // 10)

    with stack_room(network):  # lambdify prints the expanded formulas, recursing once per level
        f = compile_gradient(backprop(network, verify=False))
    theta = [initial_params(network, seed, given)[p.name] for p in network.params]
    n = len(data)
    costs: list[float] = []
    records: list[Record] = []
    for step in range(steps + 1):
        total = 0.0
        grad = [0.0] * len(theta)
        for x, y in data:
            try:
                cost, *g = f(x, y, *theta)
            except (ValueError, ZeroDivisionError, OverflowError):
                raise NetworkError(_diverged(network, step)) from None
            total += cost
            grad = [a + b for a, b in zip(grad, g, strict=True)]
        cost = total / n
        if not math.isfinite(cost):
            raise NetworkError(_diverged(network, step))
        costs.append(cost)
        if step % every == 0 or step == steps:
            records.append(Record(step=step, cost=cost, params=tuple(theta)))
        if step == steps:
            break
        # Gradient descent: every parameter moves against the mean gradient at once.
        theta = [t - lr * g / n for t, g in zip(theta, grad, strict=True)]
        if not all(math.isfinite(t) for t in theta):  # J may still be finite: σ saturates
            raise NetworkError(
                f"training diverged at step {step + 1}: a parameter grew past what a float"
                " holds; try a smaller --lr"
            )
        if on_step is not None:
            on_step(step + 1)
    return TrainingRun(
        network=network,
        data=data,
        lr=lr,
        steps=steps,
        seed=seed,
        costs=tuple(costs),
        records=tuple(records),
        started=tuple(p.name for p in network.params if p.name in given),
    )


def _row(i: int, row: Sample, rows: int) -> tuple[float, float]:
    """One (x, y) to train on, each a finite float."""
    where = f" in row {i}" if rows > 1 else ""
    a, b = row
    return finite(a, f"x{where}"), finite(b, f"y{where}")


def _diverged(network: Network, step: int) -> str:
    if step == 0:  # before any step: the learning rate is not to blame
        if network.cost == "cross-entropy":
            return (
                "the cross-entropy cost needs 0 < ŷ < 1, and ŷ is 0 or 1 at the start: x or"
                " the starting values are too large; try smaller ones, or --cost squared"
            )
        return "J overflows at the start: x, y or the starting values are too large for floats"
    if network.cost == "cross-entropy":
        return (
            f"training stopped at step {step}: the cross-entropy cost needs 0 < ŷ < 1 and ŷ"
            " reached 0 or 1; try a smaller --lr, another --seed, or --cost squared"
        )
    return f"training diverged at step {step}: try a smaller --lr"
