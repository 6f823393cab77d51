"""The central finite difference of J beside the chain rule's value: they agree, they disagree,
or the difference cannot tell.

Floats settle almost every point at once: (J(θ + s) − J(θ − s)) / 2s comes within a millionth of
the chain rule's product. When it does not, the finite difference may be what is wrong: the step
can be lost in rounding (J near 1e200, or ŷ a hair from 1, where 1 − ŷ keeps few digits), or J
can bend within the step (a weight times an input of 1e160). Interval arithmetic (mpmath.iv)
then encloses the exact slopes of J either side of θ for steps from s/4 to 4s, rounding and all.
Only when those slopes have settled on one value, and the chain rule's lies outside them all, is
it a disagreement, a bug. Otherwise the floats cannot make the check at these magnitudes, and a
number past the floats on the way is no check at all.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Literal

import sympy

from chainrule.network.model import Network

#: Agreement asked of the chain rule and the finite difference.
REL_TOL = 1e-6
ABS_TOL = 1e-9
#: The steps, as multiples of s, whose exact slopes either side of θ are enclosed …
SCALES = (0.25, 0.5, 1.0, 2.0, 4.0)
#: … and how closely those slopes must agree among themselves (relative) before they can show
#: the chain rule wrong: a slope that still moves with its step, or differs either side of θ,
#: shows nothing.
SETTLED = 1e-2

#: agrees / disagrees: decided. overflow: a number on the way is past what a float holds.
#: imprecise: the finite difference moves with its step or is lost in rounding.
Check = Literal["agrees", "disagrees", "overflow", "imprecise"]


def judge(
    value: float,
    difference: float,
    *,
    numbers: Sequence[float],
    interval_cost: Callable[[], Callable[..., object]],
    point: Sequence[float],
    i: int,
    step: float,
) -> Check:
    """Whether ``value`` (∂J/∂θ by the chain rule) is the derivative the finite ``difference``
    estimates, θ being ``point[i]`` and ``step`` its s. ``numbers``: every float the two were
    computed from. ``interval_cost()`` gives J in interval arithmetic, made only if needed."""
    if not all(math.isfinite(v) for v in (value, difference, *numbers)):
        return "overflow"
    if math.isclose(value, difference, rel_tol=REL_TOL, abs_tol=ABS_TOL):
        return "agrees"
    slopes = _slopes(interval_cost(), point, i, step)
    if slopes is None:
        return "imprecise"
    low = min(lo for lo, _ in slopes)
    high = max(hi for _, hi in slopes)
    if high - low > SETTLED * max(abs(low), abs(high)):
        # The slopes still move with the step, differ either side of θ (J saturates or bends
        # within the step), or are blurred by rounding: they settle on no value to hold the
        # chain rule to.
        return "imprecise"
    off = max(low - value, value - high)  # how far outside every slope the value lies
    return "disagrees" if off > max(REL_TOL * abs(value), ABS_TOL, high - low) else "imprecise"


def _slopes(cost, point: Sequence[float], i: int, step: float):
    """[low, high] enclosing exactly (J(θ + t) − J(θ)) / t and (J(θ) − J(θ − t)) / t, for each
    t in SCALES·s: one-sided, so a J that saturates alike on both sides of θ shows, as the
    central difference alone would not. None if an enclosure is not finite (J undefined or
    unbounded near the point)."""
    from mpmath import iv

    def at(value: float):
        moved = list(point)
        moved[i] = value
        return cost(*map(iv.mpf, moved))

    out = []
    try:
        centre = at(point[i])
        for scale in SCALES:
            t = step * scale
            # The float points as they are: the slopes are exact for them, rounding enclosed.
            for a, b in ((point[i], point[i] + t), (point[i] - t, point[i])):
                j_a, j_b = (centre if v == point[i] else at(v) for v in (a, b))
                slope = (j_b - j_a) / (iv.mpf(b) - iv.mpf(a))
                out.append((float(slope.a), float(slope.b)))
    except (ArithmeticError, ValueError, TypeError):  # ln of ≤ 0, a step lost in θ (0/0) …
        return None
    if not all(math.isfinite(v) for pair in out for v in pair):
        return None
    return out


def interval_cost(network: Network) -> Callable[..., object]:
    """J(x, y, *params) in interval arithmetic: every operation rounds outward, so the result
    encloses the exact J at the given points. No float overflows on the way (mpmath's
    exponents are unbounded)."""
    from mpmath import iv

    def sigmoid(u):
        return 1 / (1 + iv.exp(-u))  # u once: no widening from using it twice

    def tanh(u):
        return 1 - 2 / (iv.exp(2 * u) + 1)

    # Constants too (lambdify writes ½ as mpf(1)/mpf(2)): a plain mpf will not take an interval.
    names = {"sigmoid": sigmoid, "tanh": tanh, "exp": iv.exp, "log": iv.log, "mpf": iv.mpf}
    return sympy.lambdify(network.inputs, network.expanded_cost, modules=[names, "mpmath"])
