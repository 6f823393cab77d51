r"""A curve drawn in LaTeX's own ``picture`` environment, so a fragment needs no pgfplots.

The kernel's ``\qbezier`` draws a straight segment at any slope when its control point is the
segment's midpoint; a polyline through the sampled values is the curve.
"""

from __future__ import annotations

import math

from chainrule.formats.latex_text import text

_HEIGHT = 110.0
_SAMPLES = 80
_LABEL_ROOM = 46.0  # the value labels left of the axis


def _label(value: float) -> str:
    return text(f"{value:.4g}".replace("-", "−"))


def picture(plot, width: float) -> str:
    """The plot as a centred ``picture``, ``width`` points wide with its labels, or a
    sentence when there is nothing finite to draw."""
    points = [(s, v) for s, v in zip(plot.steps, plot.values, strict=True) if math.isfinite(v)]
    label = text(plot.label)
    if len(points) < 2:
        return f"% {label}: fewer than two finite values, nothing to draw"
    if len(points) > _SAMPLES:
        stride = (len(points) - 1) / (_SAMPLES - 1)
        points = [points[round(i * stride)] for i in range(_SAMPLES)]
    first, last = points[0][0], points[-1][0]
    low, high = min(v for _, v in points), max(v for _, v in points)
    span_x, span_y = (last - first) or 1, (high - low) or 1.0
    plot_width = width - _LABEL_ROOM
    xy = [
        (
            (s - first) / span_x * plot_width,
            (v - low) / span_y * _HEIGHT if high > low else 0.5 * _HEIGHT,
        )
        for s, v in points
    ]
    segments = [
        f"\\qbezier({x0:.1f},{y0:.1f})({(x0 + x1) / 2:.1f},{(y0 + y1) / 2:.1f})({x1:.1f},{y1:.1f})"
        for (x0, y0), (x1, y1) in zip(xy, xy[1:], strict=False)
    ]
    top, bottom = (_label(high), _label(low)) if high > low else (_label(high), "")
    lines = [
        f"% {label} over steps {first} to {last}, drawn with the picture environment (no package)",
        "\\begin{center}",
        "\\setlength{\\unitlength}{1pt}",
        f"\\begin{{picture}}({plot_width:.0f},{_HEIGHT + 14:.0f})(-{_LABEL_ROOM:.0f},-14)",
        f"\\put(0,0){{\\line(1,0){{{plot_width:.0f}}}}}",
        f"\\put(0,0){{\\line(0,1){{{_HEIGHT:.0f}}}}}",
        f"\\put(-4,{_HEIGHT:.0f}){{\\makebox(0,0)[r]{{\\small {top}}}}}",
        f"\\put(-4,0){{\\makebox(0,0)[r]{{\\small {bottom}}}}}",
        f"\\put(-4,{_HEIGHT / 2:.0f}){{\\makebox(0,0)[r]{{{label}}}}}",
        f"\\put(0,-9){{\\makebox(0,0){{\\small {first}}}}}",
        f"\\put({plot_width:.0f},-9){{\\makebox(0,0)[r]{{\\small step {last}}}}}",
        "\\thicklines",
        *segments,
        "\\end{picture}",
        "\\end{center}",
    ]
    return "\n".join(lines)
