"""A formula as points to draw: evaluated one float at a time, with the points where it is not
defined (ln x for x ≤ 0, √x for x < 0, 1/x at 0) left out and a break wherever it jumps (tan x
at π/2), so no line is ever drawn across a pole.

Evaluation uses Python's ``math`` through ``sympy.lambdify``, point by point: nothing beyond
SymPy is needed, and a point outside the domain raises (ValueError, ZeroDivisionError,
OverflowError) or comes out complex, instead of becoming a NaN somewhere in an array.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import sympy
from sympy.core.function import AppliedUndef

from chainrule.errors import ChainruleError

#: A point of a curve: x, and the value there or None where the formula is not defined.
Point = tuple[float, float | None]
#: A real function of one float, None where it is not defined.
Numeric = Callable[[float], float | None]

#: Halvings that decide whether a big step between two neighbours is a jump: for a continuous
#: curve the step shrinks with the interval; across a pole or a jump it does not.
_HALVINGS = 12
#: Neighbours further apart than this many times the median step are examined for a jump.
_STEEP = 4.0


class GraphError(ChainruleError):
    """A formula that cannot be drawn: it applies a function left undefined, such as f(x)."""


def numeric(
    expr: sympy.Expr,
    var: sympy.Symbol,
    values: dict | None = None,
    *,
    within: Numeric | None = None,
) -> Numeric:
    """``expr`` as a float function of ``var``, None outside its domain; ``values`` gives every
    other symbol a number. With ``within``, also None wherever ``within`` is: a derivative
    exists only where its function does (1/(1 − x²) is drawn for atanh only on (−1, 1))."""
    from chainrule.functions import LAMBDIFY_MODULES

    expr = expr.subs(values or {})
    undefined = expr.atoms(AppliedUndef)
    if undefined or expr.has(sympy.Derivative):
        names = ", ".join(sorted({f.func.__name__ for f in undefined})) or "a derivative"
        raise GraphError(f"cannot draw {names}: a function without a formula has no values")
    others = expr.free_symbols - {var}
    if others:
        names = ", ".join(sorted(s.name for s in others))
        raise GraphError(f"cannot draw a formula in {names} as well as {var}: give them values")
    compiled = sympy.lambdify([var], expr, modules=LAMBDIFY_MODULES)

    def value(x: float) -> float | None:
        if within is not None and within(x) is None:
            return None
        try:
            y = compiled(x)
        except (ArithmeticError, ValueError, TypeError):
            # ValueError: math.log(-1); ZeroDivisionError: 1/0.0; OverflowError: exp(1000);
            # TypeError: a math function handed the complex value of (−8)^(1/3).
            return None
        if isinstance(y, complex):
            return None  # a real formula that is complex here: outside its domain on the reals
        y = float(y)
        return y if math.isfinite(y) else None

    return value


def sample(
    expr: sympy.Expr, var: sympy.Symbol, lo: float, hi: float, n: int, values: dict | None = None
) -> list[Point]:
    """``n`` evenly spaced points of ``expr`` from ``lo`` to ``hi``, both included, with a
    break (x, None) between two neighbours wherever the curve jumps."""
    return points(numeric(expr, var, values), lo, hi, n)


def points(f: Numeric, lo: float, hi: float, n: int) -> list[Point]:
    """``sample`` for a numeric function."""
    n = max(2, n)
    xs = [lo + (hi - lo) * i / (n - 1) for i in range(n)]
    ys = [f(x) for x in xs]
    steps = sorted(
        abs(b - a) for a, b in zip(ys, ys[1:], strict=False) if a is not None and b is not None
    )
    typical = steps[len(steps) // 2] if steps else 0.0
    # Rounding noise on a flat curve is no jump: a step must be more than that to be examined.
    largest = max((abs(y) for y in ys if y is not None), default=0.0)
    steep = max(_STEEP * typical, 1e-9 * max(1.0, largest))
    out: list[Point] = [(xs[0], ys[0])]
    for i in range(1, n):
        a, b = ys[i - 1], ys[i]
        if a is not None and b is not None and abs(b - a) > steep:
            cut = _jump(f, xs[i - 1], a, xs[i], b)
            if cut is not None:
                out.append((cut, None))
        out.append((xs[i], b))
    return out


def _jump(f: Numeric, a: float, ya: float, b: float, yb: float) -> float | None:
    """Where the curve jumps between a and b, or None if it only climbs steeply there.

    Follow the bigger half of the step down a dozen halvings: a continuous curve's step shrinks
    with the interval, a pole's grows and a jump's stays; a point where the function is not
    defined on the way is a break as well (1/x at 0)."""
    first = abs(yb - ya)
    for _ in range(_HALVINGS):
        m = (a + b) / 2
        ym = f(m)
        if ym is None:
            return m
        if abs(ym - ya) >= abs(yb - ym):
            b, yb = m, ym
        else:
            a, ya = m, ym
    # A continuous curve's step is down to about first/4096 by now; a jump through a value in
    # between (sign at 0) keeps at least half of it.
    return (a + b) / 2 if abs(yb - ya) > first / 8 else None


def segments(pts: Sequence[Point]) -> list[list[tuple[float, float]]]:
    """The pieces of a curve to draw, each one unbroken: split wherever a value is None."""
    out: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for x, y in pts:
        if y is None:
            if current:
                out.append(current)
            current = []
        else:
            current.append((x, y))
    if current:
        out.append(current)
    return out


def window(curves: Sequence[Sequence[Point]]) -> tuple[float, float]:
    """The values to show, bottom to top: all of them, unless a few near a pole would squash
    the rest flat (1/x, tan x); then the middle four fifths of the values with room around
    them. Rounded outward to a round number; (−1, 1) when nothing is defined."""
    ys = sorted(y for pts in curves for _, y in pts if y is not None)
    if not ys:
        return -1.0, 1.0
    low, high = ys[0], ys[-1]
    # The middle four fifths: a pole's huge values fall outside them.
    inner_low, inner_high = ys[len(ys) // 10], ys[-1 - len(ys) // 10]
    spread = inner_high - inner_low
    if high - low > 4 * spread and spread > 0:
        low, high = max(low, inner_low - spread / 2), min(high, inner_high + spread / 2)
    # Close to the x axis: show it, so √x is seen to start at 0.
    if 0 < low < (high - low) / 2:
        low = 0.0
    elif -(high - low) / 2 < high < 0:
        high = 0.0
    if high - low < 1e-9 * max(1.0, abs(low), abs(high)):
        # A constant: show it with room, and 0 too when it is close.
        pad = max(1.0, abs(low) / 2)
        low, high = low - pad, high + pad
    return _round_out(low, high)


def _round_out(low: float, high: float) -> tuple[float, float]:
    """``low`` down and ``high`` up to two significant digits of their span."""
    unit = 10.0 ** (math.floor(math.log10(high - low)) - 1)
    return math.floor(low / unit) * unit, math.ceil(high / unit) * unit
