"""A central finite difference of a layered network's J for every parameter, judged beside the
compiled gradient exactly as the course's network judges its own (``network.difference.judge``):
floats first, and where they cannot settle it, J in interval arithmetic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chainrule.network.compiled import Compiled
from chainrule.network.difference import Check, judge
from chainrule.network.shape import Shape


@dataclass(frozen=True, kw_only=True)
class Difference:
    """(J(θ + s) − J(θ − s)) / 2s for one parameter, and what it says of the gradient."""

    value: float
    step: float
    check: Check


def differences(
    compiled: Compiled, theta, X, Y, gradient: Sequence[float], h: float = 1e-5
) -> tuple[Difference, ...]:
    """One ``Difference`` per parameter, in ``param_names`` order; s = h·max(1, |θ|)."""
    point = [float(t) for t in theta]
    seen = [float(v) for v in (*X.ravel(), *Y.ravel())]
    intervals: list = []

    def interval_cost():
        if not intervals:
            intervals.append(_interval_cost(compiled.shape, X, Y))
        return intervals[0]

    out = []
    for i, value in enumerate(gradient):
        step = h * max(1.0, abs(point[i]))
        up, down = list(point), list(point)
        up[i] += step
        down[i] -= step
        j_up, j_down = compiled.cost(up, X, Y), compiled.cost(down, X, Y)
        fd = (j_up - j_down) / (2 * step)
        check = judge(
            float(value),
            fd,
            numbers=(*point, *seen, j_up, j_down),
            interval_cost=interval_cost,
            point=point,
            i=i,
            step=step,
        )
        out.append(Difference(value=fd, step=step, check=check))
    return tuple(out)


def _interval_cost(shape: Shape, X, Y):
    """J(*θ) in mpmath's interval arithmetic for the batch X, Y: it encloses the exact J, and
    no exponent overflows on the way."""
    from mpmath import iv

    def relu(u):
        if u.a >= 0:
            return u
        return iv.mpf(0) if u.b <= 0 else iv.mpf([0, u.b])

    act = {
        "sigmoid": lambda u: 1 / (1 + iv.exp(-u)),
        "tanh": lambda u: 1 - 2 / (iv.exp(2 * u) + 1),
        "relu": relu,
        "linear": lambda u: u,
    }
    rows = [[iv.mpf(float(v)) for v in row] for row in X]
    labels = [[iv.mpf(float(v)) for v in row] for row in Y]
    kind = shape.cost_kind

    def cost(*theta):
        it = iter(theta)
        layers = []
        for l in range(1, shape.layers + 1):
            n, m = shape.widths[l], shape.widths[l - 1]
            W = [[next(it) for _ in range(m)] for _ in range(n)]
            layers.append((W, [next(it) for _ in range(n)], shape.activations[l - 1]))
        total = iv.mpf(0)
        for a, ys in zip(rows, labels, strict=True):
            for W, b, name in layers:
                z = [
                    sum((w * v for w, v in zip(row, a, strict=True)), b[j])
                    for j, row in enumerate(W)
                ]
                if name == "softmax":
                    e = [iv.exp(v) for v in z]
                    s = sum(e, iv.mpf(0))
                    a = [v / s for v in e]
                else:
                    a = [act[name](v) for v in z]
            for yh, y in zip(a, ys, strict=True):
                if kind == "squared":
                    total += (y - yh) ** 2 / 2
                elif kind == "binary cross-entropy":
                    total -= y * iv.log(yh) + (1 - y) * iv.log(1 - yh)
                else:
                    total -= y * iv.log(yh)
        return total / len(rows)

    return cost
