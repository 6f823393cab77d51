"""The network at a point: the forward pass, each link's value, a central finite difference of J,
and one gradient-descent update θ ← θ − η·∂J/∂θ.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass

import sympy

from chainrule.functions import LAMBDIFY_MODULES, numeric_sigmoid
from chainrule.network.backprop import Backprop
from chainrule.network.difference import Check, interval_cost, judge
from chainrule.network.model import Network, NetworkError, stack_room

#: The documented point used for whatever ``--at`` leaves out.
DEFAULT_X = 0.5
DEFAULT_Y = 1.0
DEFAULT_WEIGHT = 0.5
DEFAULT_BIAS = 0.0
#: The learning rate η of ``--lr``.
DEFAULT_LR = 0.5

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FLOATS_END = f"(floats end near ±{sys.float_info.max:.1e})"
#: A plain decimal literal, the only numbers --at and a CSV file may hold (float() alone would
#: also take "nan", "inf" and "1_000").
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def parse_point(text: str, network: Network) -> dict[str, float]:
    """``"x=0.5, y=1, w1=0.3"`` → {"x": 0.5, "y": 1.0, "w1": 0.3}, validated against ``network``.

    Numbers are read with float() only after matching a plain decimal literal: no expressions.
    """
    known = ("x", "y", *network.param_names)
    found: dict[str, float] = {}
    for raw in text.split(","):
        item = raw.strip()
        if not item:
            continue
        name, sep, number = (part.strip() for part in item.partition("="))
        if not sep:
            raise NetworkError(f"--at: expected name=number, got {item!r}")
        if not _NAME.fullmatch(name) or name not in known:
            raise NetworkError(f"--at: unknown name {name!r}; use {', '.join(known)}")
        if not NUMBER.fullmatch(number):
            raise NetworkError(f"--at: {name} needs a number like 0.5 or -2e-3, got {number!r}")
        if name in found:
            raise NetworkError(f"--at: {name} is given twice")
        value = float(number)
        if not math.isfinite(value):  # 1e400 reads as inf: no float holds it
            raise NetworkError(f"--at: {name}={number} is not a finite number {_FLOATS_END}")
        found[name] = value
    return found


def finite(value: object, what: str) -> float:
    """``value`` as a finite float, else a NetworkError naming ``what``: 10**400 is an int no
    float holds, and math.isfinite would raise OverflowError on it rather than answer."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:
        raise NetworkError(f"{what} = {_shown(value)} is too large {_FLOATS_END}") from None
    except (TypeError, ValueError):
        raise NetworkError(f"{what} must be a number, got {_shown(value)}") from None
    if not math.isfinite(number):
        raise NetworkError(f"{what} must be a finite number, got {_shown(value)}")
    return number


def _shown(value: object) -> str:
    """A value as an error names it: an int of hundreds of digits by its size alone."""
    if isinstance(value, int) and abs(value) >= 10**20:
        return f"an integer of {len(str(abs(value)))} digits"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def defaults(network: Network) -> dict[str, float]:
    """x = 0.5, y = 1, every weight 0.5, every bias 0."""
    values = {"x": DEFAULT_X, "y": DEFAULT_Y}
    for p in network.params:
        values[p.name] = DEFAULT_WEIGHT if p.name.startswith("w") else DEFAULT_BIAS
    return values


def complete(network: Network, given: Mapping[str, float] | None = None) -> dict[str, float]:
    """The defaults, overridden by ``given`` (names checked)."""
    values = defaults(network)
    for name, value in (given or {}).items():
        if name not in values:
            raise NetworkError(f"unknown name {name!r}; use {', '.join(values)}")
        values[name] = finite(value, name)
    check_label(network, values["y"])
    return values


def check_learning_rate(lr: float) -> None:
    """η must be a positive number: a step of zero or against the slope is no descent."""
    if isinstance(lr, int) and abs(lr) > sys.float_info.max:  # no float holds it
        finite(lr, "the learning rate (--lr)")
    if not (math.isfinite(lr) and lr > 0):
        raise NetworkError(f"the learning rate (--lr) must be a positive finite number, got {lr}")


def check_label(network: Network, y: float, where: str = "y") -> None:
    """The cross-entropy cost compares probabilities: a label outside [0, 1] gives J < 0."""
    if network.cost == "cross-entropy" and not 0 <= y <= 1:
        raise NetworkError(
            f"{where} must be between 0 and 1 for the cross-entropy cost (it compares "
            f"probabilities), got {y:g}; use --cost squared for other labels"
        )


@dataclass(frozen=True, kw_only=True)
class GradientValue:
    """One parameter's gradient at the point, two ways, and the update it gives."""

    param: sympy.Symbol
    factors: tuple[float, ...]  # one per link of the parameter's chain, same order
    value: float  # the product of the links: the chain rule in numbers
    finite_difference: float  # (J(θ + h) − J(θ − h)) / 2h
    check: Check  # the two agree, disagree, or the finite difference cannot tell
    current: float
    updated: float  # θ − η·∂J/∂θ

    @property
    def agrees(self) -> bool:
        return self.check == "agrees"


@dataclass(frozen=True, kw_only=True)
class Evaluation:
    """The network's numbers at one point: inputs, forward pass, cost, δs and gradients."""

    inputs: tuple[tuple[sympy.Symbol, float], ...]  # x, y, then parameters
    forward: tuple[tuple[sympy.Symbol, float], ...]  # z1, a1, …, ŷ
    cost_value: float
    deltas: tuple[tuple[int, float], ...]  # (k, δk), output first
    gradients: tuple[GradientValue, ...]
    lr: float
    h: float
    # J after updating every parameter in ``gradients`` at once; None where J is undefined
    # (a cross-entropy step that pushed ŷ out of (0, 1)).
    cost_after: float | None

    @property
    def agrees(self) -> bool:
        return all(g.agrees for g in self.gradients)

    @property
    def overflowed(self) -> tuple[sympy.Symbol, ...]:
        """The forward pass's values past what a float holds (z₁ = w₁·x with w₁ = x = 1e160)."""
        return tuple(s for s, v in self.forward if not math.isfinite(v))

    @property
    def disagrees(self) -> bool:
        """A chain-rule value the finite difference shows wrong: a bug."""
        return any(g.check == "disagrees" for g in self.gradients)

    def gradient(self, name: str) -> GradientValue:
        for g in self.gradients:
            if g.param.name == name:
                return g
        raise KeyError(name)


def _activation(network: Network, u: float) -> float:
    return numeric_sigmoid(u) if network.activation == "sigmoid" else math.tanh(u)


def forward(network: Network, values: Mapping[str, float]) -> dict[sympy.Symbol, float]:
    """z1, a1, …, ŷ as numbers: the forward pass."""
    out: dict[sympy.Symbol, float] = {}
    a = values["x"]
    for k in range(1, network.nodes + 1):
        z = values[f"w{k}"] * a + values[f"b{k}"]
        a = _activation(network, z)
        out[network.z(k)] = z
        out[network.a(k)] = a
    return out


def cost_function(network: Network):
    """J(x, y, *params) as a fast float function (the expanded J, compiled by lambdify)."""
    compiled = sympy.lambdify(network.inputs, network.expanded_cost, modules=LAMBDIFY_MODULES)

    def cost(*args: float) -> float:
        try:
            return float(compiled(*args))
        except (ValueError, ZeroDivisionError, OverflowError):
            raise NetworkError(_out_of_range(network)) from None

    return cost


def _out_of_range(network: Network) -> str:
    if network.cost == "cross-entropy":
        return (
            "the cross-entropy cost needs 0 < ŷ < 1, and ŷ reached 0 or 1; try other parameter"
            " values, a smaller --lr, or --cost squared"
        )
    return "the numbers overflowed; try smaller parameter values or a smaller --lr"


def _value(expr: sympy.Expr, numbers: Mapping[sympy.Symbol, float], network: Network) -> float:
    try:
        result = expr.xreplace({s: sympy.Float(v) for s, v in numbers.items()}).evalf(strict=True)
    except sympy.core.evalf.PrecisionExhausted:
        # No digit is sure, as in 1 − σ(∞): take the value floats give, as the forward pass does.
        symbols = sorted(expr.free_symbols, key=str)
        function = sympy.lambdify(symbols, expr, modules=LAMBDIFY_MODULES)
        try:
            return float(function(*(numbers[s] for s in symbols)))
        except (ValueError, ZeroDivisionError, OverflowError):
            raise NetworkError(_out_of_range(network)) from None
    try:
        return float(result)
    except TypeError:  # complex or undefined: ln of a negative ŷ, 1/0 …
        raise NetworkError(_out_of_range(network)) from None


def evaluate(
    result: Backprop,
    given: Mapping[str, float] | None = None,
    *,
    lr: float = DEFAULT_LR,
    h: float = 1e-5,
) -> Evaluation:
    """Every δ and gradient of ``result`` at the point ``given`` (the rest from ``defaults``)."""
    network = result.network
    values = complete(network, given)
    check_learning_rate(lr)
    fwd = forward(network, values)
    numbers = {sympy.Symbol(name): v for name, v in values.items()} | fwd
    with stack_room(network):  # lambdify prints the expanded J, recursing once per level
        cost = cost_function(network)
    order = [values[s.name] for s in network.inputs]
    cost_value = cost(*order)

    links: dict[tuple[sympy.Symbol, sympy.Symbol], float] = {}

    def link(factor) -> float:
        key = (factor.of, factor.wrt)
        if key not in links:
            links[key] = _value(factor.derivative, numbers, network)
        return links[key]

    deltas = []
    delta_values: dict[int, float] = {}
    for d in result.deltas:
        v = math.prod(link(f) for f in d.factors)
        if d.previous is not None:
            v *= delta_values[d.previous]
        delta_values[d.index] = v
        deltas.append((d.index, v))

    intervals = []  # J in interval arithmetic, compiled once if a check needs it

    def cost_in_intervals():
        if not intervals:
            with stack_room(network):
                intervals.append(interval_cost(network))
        return intervals[0]

    gradients = []
    after = list(order)
    for g in result.gradients:
        factors = tuple(link(f) for f in g.chain)
        value = math.prod(factors)
        i = network.inputs.index(g.param)
        step = h * max(1.0, abs(order[i]))
        up, down = list(order), list(order)
        up[i] += step
        down[i] -= step
        j_up, j_down = cost(*up), cost(*down)
        fd = (j_up - j_down) / (2 * step)
        # Every float the two values came from: the point, the links' inputs, J either side.
        used = {s for f in g.chain for s in f.derivative.free_symbols}
        inputs = [numbers[s] for s in used if s in numbers]
        check = judge(
            value,
            fd,
            numbers=(*order, *inputs, *factors, j_up, j_down),
            interval_cost=cost_in_intervals,
            point=order,
            i=i,
            step=step,
        )
        updated = order[i] - lr * value
        after[i] = updated
        gradients.append(
            GradientValue(
                param=g.param,
                factors=factors,
                value=value,
                finite_difference=fd,
                check=check,
                current=order[i],
                updated=updated,
            )
        )
    return Evaluation(
        inputs=tuple((s, values[s.name]) for s in network.inputs),
        forward=tuple(fwd.items()),
        cost_value=cost_value,
        deltas=tuple(deltas),
        gradients=tuple(gradients),
        lr=lr,
        h=h,
        cost_after=_maybe(cost, after),
    )


def _maybe(cost, args: list[float]) -> float | None:
    try:
        return cost(*args)
    except NetworkError:
        return None
