"""Stand-ins for undefined functions f, g, … in the numeric check: fixed concrete functions.

The k-th function named gets (1 + k/7)·Σⱼ cₖ₊ⱼ(tⱼ), a sum of one smooth body per argument, so
different functions differ and ∂f/∂tⱼ at a point is a number, like f itself. They are evaluated
as numbers, never substituted into SymPy expressions: SymPy asks about every part of what it
builds, and f′(g(…)) put into a long derivative took it many minutes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import cache

import sympy

_t = sympy.Symbol("t")

#: Smooth, real on the reals, different from each other, and positive everywhere, so that f(0)
#: or f(1) may stand in a denominator (1/f(0) once read as 1/0 at every point, and as a failed
#: check).
BODIES = (
    sympy.sin(_t) + _t**2 / 3 + 1,  # its minimum is about 0.5
    sympy.exp(_t / 2) + sympy.cos(3 * _t) / 4 + sympy.S.Half,
    sympy.atan(_t) + _t**2 / 5 + 2,  # atan > −π/2
    sympy.cosh(_t / 3) + sympy.sin(2 * _t) / 2,
)


@cache
def _body(k: int, n: int, precise: bool) -> Callable[[complex], complex]:
    """The n-th derivative of body k as a function of a number (mpmath's when precise)."""
    module = "mpmath" if precise else "cmath"
    return sympy.lambdify(_t, sympy.diff(BODIES[k], _t, n), modules=module)


class StandIns:
    """The stand-in of each undefined function, by name, in the order they are first met."""

    def __init__(self, precise: bool = False) -> None:
        self._index: dict[str, int] = {}
        self._precise = precise

    def _k(self, name: str) -> int:
        return self._index.setdefault(name, len(self._index))

    def value(self, name: str, args: Sequence[complex]) -> complex:
        """f(a₀, a₁, …)."""
        k = self._k(name)
        total = sum(
            (_body((k + j) % len(BODIES), 0, self._precise)(a) for j, a in enumerate(args)), 0
        )
        return (1 + k / 7) * total

    def derivative(self, name: str, args: Sequence[complex], slot: int, n: int) -> complex:
        """∂ⁿf/∂tₛⁿ at (a₀, a₁, …): only the body of argument s depends on tₛ."""
        k = self._k(name)
        if n < 1:
            return complex(math.nan, math.nan)
        return (1 + k / 7) * _body((k + slot) % len(BODIES), n, self._precise)(args[slot])
