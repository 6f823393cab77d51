"""A layered network's gradients against an outside answer: ``sympy.diff`` of J written out in
x, y and the parameters, compared at random points.

The written-out J of a layered network nests every layer inside the next, and sympy.diff of it
grows with the parameters and, faster, with the depth: up to ``CHECK_PARAMS`` parameters and
``CHECK_LAYERS`` layers the whole check takes a few seconds; past either it is skipped, and the
output says so and why.
"""

from __future__ import annotations

import math
import random

import sympy

from chainrule.functions import LAMBDIFY_MODULES
from chainrule.network.backprop import GradientCheck
from chainrule.network.layered import Layered

#: The symbolic check's limits: 2-3-1 has 13 parameters, 2-4-4-2 has 42; each layer more
#: makes sympy.diff of the written-out J about twice as slow (2-2-2-2-2-2-1 took 4 s).
CHECK_PARAMS = 50
CHECK_LAYERS = 5
POINTS = 5


def checkable(shape) -> bool:
    """Whether ``shape`` is within the limits of the sympy.diff check."""
    return shape.params <= CHECK_PARAMS and shape.layers <= CHECK_LAYERS


def skipped(model: Layered) -> GradientCheck:
    shape = model.shape
    if shape.params > CHECK_PARAMS:
        past = f"has {shape.params} parameters, past the {CHECK_PARAMS}"
    elif shape.layers > CHECK_LAYERS:
        past = f"has {shape.layers} layers, past the {CHECK_LAYERS}"
    else:
        return GradientCheck(ok=True, method="skipped", reason="not asked for")
    reason = (
        f"{shape.text} {past} up to which sympy.diff of the written-out J is taken (it nests "
        "every layer in the next and would take minutes)"
    )
    return GradientCheck(ok=True, method="skipped", reason=reason)


def sample(model: Layered, rng: random.Random) -> list[float]:
    """A point: inputs and labels in (0.1, 0.9) (ln ŷ and ln(1 − ŷ) stay defined), labels of a
    softmax scaled to add to 1 (as δ = ŷ − y needs), parameters in (−1, 1)."""
    shape = model.shape
    xs = [rng.uniform(0.1, 0.9) for _ in range(shape.widths[0])]
    ys = [rng.uniform(0.1, 0.9) for _ in range(shape.widths[-1])]
    if shape.activations[-1] == "softmax":
        ys = [y / sum(ys) for y in ys]
    return [*xs, *ys, *(rng.uniform(-1, 1) for _ in model.params)]


def compare(model: Layered, ours: dict, *, verify: bool = True) -> dict:
    """For each parameter θ → a list of formulas for ∂J/∂θ (in x, y and the parameters), one
    ``GradientCheck``: every formula equal to sympy.diff(J, θ) at ``POINTS`` random points."""
    if not verify:
        return {param: skipped(model) for param in ours}
    rng = random.Random(2024)
    points = [sample(model, rng) for _ in range(POINTS)]
    params = list(ours)
    every = []
    for param in params:
        every += [*ours[param], sympy.diff(model.expanded_cost, param)]
    # One function for all of them: the gradients share most of their subexpressions.
    run = sympy.lambdify(model.inputs, every, modules=LAMBDIFY_MODULES, cse=True)
    results = [run(*point) for point in points]
    out, at = {}, 0
    for param in params:
        n = len(ours[param])
        ok = all(
            math.isclose(values[at + i], values[at + n], rel_tol=1e-9, abs_tol=1e-12)
            for values in results
            for i in range(n)
        )
        out[param] = GradientCheck(ok=ok, method="numeric", points=POINTS)
        at += n + 1
    return out
