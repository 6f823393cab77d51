"""The default range of a plot, chosen from the function's shape: where h turns (h′ = 0), bends
(h″ = 0), crosses the axis, jumps or stops being defined, near 0, with room around them, and cut
where h or h′ runs off so far that the rest would be drawn flat (x² e^(−x) left of −1).

Everything is read from samples of h and h′, the derivative the explanation derived: nothing
is solved, so no formula can make choosing the range slow.
"""

from __future__ import annotations

import math

from chainrule.graphing.sampling import Numeric, points, segments, window

#: Features are looked for within ±``REACH``, on a grid of ``GRID`` points.
REACH = 20.0
GRID = 4001
#: The features nearest 0 that the range covers: for sin, 0, ±π/2, ±π (then ±2π with room).
NEAREST = 5
#: The room beyond the outermost features, at least ``ROOM`` and half their span.
ROOM = 3.0
#: Beyond the features, a curve may leave its values there by this many times their spread.
SLACK = 4.0
#: The default is kept unless the features' values would take less than this part of its height.
FLAT = 1 / 50


def shaped(h: Numeric, dh: Numeric, default: tuple[float, float]) -> tuple[float, float] | None:
    """A range that shows h's shape, or None when ``default`` already does."""
    features = _features(h, dh)
    if not features:
        return None  # eˣ, a constant: nothing to centre on
    near = sorted(features, key=abs)[:NEAREST]
    lo, hi = min(near), max(near)
    if default[0] <= lo and hi <= default[1] and not _squashed(h, dh, lo, hi, default):
        return None
    room = max(ROOM, (hi - lo) / 2)
    left = _reach(h, dh, lo, hi, lo - room)
    right = _reach(h, dh, lo, hi, hi + room)
    return _round_out(left, right)


def _features(h: Numeric, dh: Numeric) -> list[float]:
    """Where h crosses 0, h′ crosses 0, h′ turns (an inflection) or a piece of h ends (a pole,
    a jump, the edge of the domain), within ±``REACH``."""
    found: list[float] = []
    pieces = segments(points(h, -REACH, REACH, GRID))
    for piece in pieces:
        xs = [x for x, _ in piece]
        if piece[0][0] > -REACH:
            found.append(piece[0][0])
        if piece[-1][0] < REACH:
            found.append(piece[-1][0])
        found += _crossings(xs, [y for _, y in piece])
        slopes = [dh(x) for x in xs]
        known = [(x, d) for x, d in zip(xs, slopes, strict=True) if d is not None]
        if len(known) > 2:
            kx, kd = zip(*known, strict=True)
            found += _crossings(list(kx), list(kd))
            bends = [b - a for a, b in zip(kd, kd[1:], strict=False)]
            # h′ is exact to about 1e-16 of itself: a smaller bend is rounding, not a turn.
            noise = [1e-12 * max(abs(a), abs(b)) for a, b in zip(kd, kd[1:], strict=False)]
            found += _crossings(list(kx[1:]), bends, noise)
    return _distinct(found)


def _crossings(xs: list[float], ys: list[float], noise: list[float] | None = None) -> list[float]:
    """Where ``ys`` changes sign: between two neighbours of opposite signs, values within their
    ``noise`` (rounding, where a curve is flat) telling nothing either way."""
    out = []
    previous = None
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        if abs(y) <= (noise[i] if noise else 0.0):
            continue
        if previous is not None and (previous[1] < 0) != (y < 0):
            out.append((previous[0] + x) / 2)
        previous = (x, y)
    return out


def _distinct(xs: list[float]) -> list[float]:
    out: list[float] = []
    for x in sorted(xs):
        if not out or x - out[-1] > 0.05:
            out.append(x)
    return out


def _values(f: Numeric, lo: float, hi: float) -> list[float]:
    """f's values from ``lo`` to ``hi``, over at least a width of 2 about their middle."""
    middle = (lo + hi) / 2
    lo, hi = min(lo, middle - 1), max(hi, middle + 1)
    return [y for _, y in points(f, lo, hi, 201) if y is not None]


def _squashed(h: Numeric, dh: Numeric, lo: float, hi: float, default) -> bool:
    """Whether the default range draws h's features in a sliver of its height."""
    around = _values(h, lo, hi)
    if not around:
        return False
    bottom, top = window([points(h, *default, 401)])
    return max(around) - min(around) < FLAT * (top - bottom)


def _reach(h: Numeric, dh: Numeric, lo: float, hi: float, end: float) -> float:
    """How far from the features toward ``end`` h and h′ stay near their values there."""
    bands = []
    for f in (h, dh):
        values = _values(f, lo, hi)
        if values:
            spread = max(max(values) - min(values), 1e-9 * max(1.0, max(map(abs, values))))
            bands.append((f, min(values) - SLACK * spread, max(values) + SLACK * spread))
    start = hi if end > hi else lo
    steps = 200
    reached = start
    for i in range(1, steps + 1):
        x = start + (end - start) * i / steps
        for f, bottom, top in bands:
            y = f(x)
            if y is not None and not bottom <= y <= top:
                return reached
        reached = x
    return reached


def _round_out(low: float, high: float) -> tuple[float, float]:
    """``low`` down and ``high`` up to a round number, two significant digits of the span."""
    unit = 10.0 ** (math.floor(math.log10(max(high - low, 1e-9))) - 1)
    return math.floor(low / unit + 1e-9) * unit, math.ceil(high / unit - 1e-9) * unit
