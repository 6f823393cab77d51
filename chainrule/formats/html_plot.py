"""The curve of J as an inline SVG line chart: drawn in the page, no image file, no script.

J falls by orders of magnitude while a network learns; on a linear axis the last decades would
lie flat on the floor, so the y axis is logarithmic when every value is positive and they span
more than two decades.
"""

from __future__ import annotations

import math
from html import escape

from chainrule.formats.notation import number

_W, _H = 720, 400
_LEFT, _RIGHT, _TOP, _BOTTOM = 96, 28, 48, 70


def _label(value: float) -> str:
    return f"{value:.3g}".replace("-", "\u2212")


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round numbers (1, 2 or 5 × 10ᵏ apart) from low to high."""
    if high <= low:
        return [low]
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw * 0.999)
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    return [k * step for k in range(first, last + 1)]


def svg(values: tuple[float, ...], steps: tuple[int, ...], label: str) -> str:
    """``values`` over ``steps`` as an ``<svg>``, its axes "step" and ``label``."""
    points = [(s, v) for s, v in zip(steps, values, strict=True) if math.isfinite(v)]
    if not points:
        return ""
    ys = [v for _, v in points]
    log = min(ys) > 0 and max(ys) / min(ys) > 100
    scale = math.log10 if log else float
    low, high = scale(min(ys)), scale(max(ys))
    pad = (high - low) * 0.05 or 1.0  # the curve never runs along a frame edge
    low, high = low - pad, high + pad
    x0, x1 = points[0][0], max(points[-1][0], points[0][0] + 1)

    def px(s: float) -> float:
        return _LEFT + (s - x0) / (x1 - x0) * (_W - _LEFT - _RIGHT)

    def py(v: float) -> float:
        return _TOP + (high - scale(v)) / (high - low) * (_H - _TOP - _BOTTOM)

    if log:
        yticks = [10.0**k for k in range(math.ceil(low), math.floor(high) + 1)]
    else:
        yticks = [t for t in _ticks(low, high) if t >= 0 or min(ys) < 0]
    xticks = [t for t in _ticks(x0, x1) if float(t).is_integer()]
    bottom, right = _H - _BOTTOM, _W - _RIGHT
    summary = f"{label} over {len(points) - 1} steps: {number(ys[0])} to {number(ys[-1])}"
    out = [
        f'<svg class="plot" viewBox="0 0 {_W} {_H}" role="img" aria-label="{escape(summary)}">',
        f"<title>{escape(summary)}{', log scale' if log else ''}</title>",
    ]
    for t in yticks:
        y = f"{py(t):.1f}"
        out.append(f'<line class="grid" x1="{_LEFT}" x2="{right}" y1="{y}" y2="{y}"/>')
        out.append(
            f'<text x="{_LEFT - 10}" y="{y}" dy="0.35em" text-anchor="end">{_label(t)}</text>'
        )
    for t in xticks:
        x = f"{px(t):.1f}"
        out.append(f'<text x="{x}" y="{bottom + 28}" text-anchor="middle">{t:g}</text>')
    curve = " ".join(f"{px(s):.1f},{py(v):.1f}" for s, v in points)
    name = f'<tspan class="name">{escape(label)}</tspan>{" (log scale)" if log else ""}'
    out += [
        f'<polyline class="curve" points="{curve}"/>',
        # Where J ended up (and a lone point, which a line cannot show).
        f'<circle class="end" cx="{px(points[-1][0]):.1f}" cy="{py(ys[-1]):.1f}" r="6"/>',
        f'<path class="axis" fill="none" d="M{_LEFT},{_TOP - 8}V{bottom}H{right}"/>',
        f'<text x="{(_LEFT + right) / 2:.0f}" y="{_H - 12}" text-anchor="middle">step</text>',
        f'<text x="{_LEFT - 10}" y="{_TOP - 20}">{name}</text>',
        "</svg>",
    ]
    return "".join(out)
