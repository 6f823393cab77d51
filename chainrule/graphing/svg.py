"""A sketch as one inline SVG for a notebook: drawn in the page, no image file, no script, no
style sheet (every colour is an attribute, so it looks the same wherever it is shown)."""

from __future__ import annotations

from html import escape

from chainrule.graphing.chart import tick_label
from chainrule.graphing.reading import label
from chainrule.graphing.sampling import segments, window

_W = 720
_LEFT, _RIGHT = 64, 20
_WIDTH = _W - _LEFT - _RIGHT
_TITLE, _PLOT, _AXIS, _LEGEND, _GAP = 30, 260, 34, 22, 16
_POINTS = 401
_FONT = 'font-family="sans-serif" font-size="13"'


def svg(sketch) -> str:
    """``sketch`` (from ``chainrule.plot``) as an ``<svg>``: a panel for h and h′, then one for
    f and g, each with its title, axes, range and legend."""
    out: list[str] = []
    top = 0
    for i, (title, panel) in enumerate(zip(sketch.titles(), sketch.panels, strict=True)):
        drawn, top = _panel(sketch, title, panel, top, first_colour=2 * i)
        out += drawn
        top += _GAP
    summary = escape("; ".join(sketch.legend(c) for panel in sketch.panels for c in panel))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {top}" width="{_W}" '
        f'height="{top}" role="img" aria-label="{summary}" {_FONT}>'
        f'<rect width="{_W}" height="{top}" fill="white"/>' + "".join(out) + "</svg>"
    )


def _panel(sketch, title: str, panel, top: int, first_colour: int) -> tuple[list[str], int]:
    """One panel from ``top`` down: its elements, and where the next one starts."""
    from chainrule.graphing.sketch import COLOURS

    lo, hi = sketch.span
    curves = [curve.points(lo, hi, _POINTS) for curve in panel]
    low, high = window(curves)
    span = high - low

    def px(x: float) -> float:
        return (x - lo) / (hi - lo) * _WIDTH

    def py(y: float) -> float:
        # Far outside the window a value is held a few heights away: only where the curve
        # leaves the window shows, and the numbers stay small.
        y = min(max(y, low - 3 * span), high + 3 * span)
        return (high - y) / span * _PLOT

    colours = [COLOURS[(first_colour + k) % len(COLOURS)] for k in range(len(panel))]
    plot_top = top + _TITLE
    bottom = plot_top + _PLOT
    out = [f'<text x="{_LEFT}" y="{top + 20}" font-weight="bold">{escape(title)}</text>']
    # The curves live in a nested <svg>, which clips them to the plot area.
    out.append(f'<svg x="{_LEFT}" y="{plot_top}" width="{_WIDTH}" height="{_PLOT}">')
    if low < 0 < high:
        out.append(f'<line x1="0" x2="{_WIDTH}" y1="{py(0):.1f}" y2="{py(0):.1f}" stroke="#999"/>')
    if lo < 0 < hi:
        out.append(f'<line x1="{px(0):.1f}" x2="{px(0):.1f}" y1="0" y2="{_PLOT}" stroke="#999"/>')
    for pts, colour in zip(curves, colours, strict=True):
        for piece in segments(pts):
            if len(piece) == 1:  # a lone point (sign(0) = 0) as a dot
                ((x, y),) = piece
                out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="2.5" fill="{colour}"/>')
                continue
            line = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in piece)
            out.append(
                f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
    out.append("</svg>")
    out.append(
        f'<rect x="{_LEFT}" y="{plot_top}" width="{_WIDTH}" height="{_PLOT}" fill="none" '
        'stroke="#555"/>'
    )
    ticks = [(high, plot_top), (low, bottom)]
    if low < 0 < high and 16 < py(0) < _PLOT - 16:
        ticks.append((0.0, plot_top + py(0)))
    for value, y in ticks:
        out.append(
            f'<text x="{_LEFT - 8}" y="{y:.1f}" dy="0.35em" text-anchor="end">'
            f"{tick_label(value)}</text>"
        )
    ends = ((label(sketch.low), _LEFT, "start"), (label(sketch.high), _LEFT + _WIDTH, "end"))
    for text, x, anchor in ends:
        out.append(f'<text x="{x}" y="{bottom + 20}" text-anchor="{anchor}">{text}</text>')
    if lo < 0 < hi and 40 < px(0) < _WIDTH - 40:
        x0 = f"{_LEFT + px(0):.1f}"
        out.append(f'<text x="{x0}" y="{bottom + 20}" text-anchor="middle">0</text>')
    top = bottom + _AXIS
    for curve, colour in zip(panel, colours, strict=True):
        y = top + 12
        out.append(
            f'<line x1="{_LEFT}" x2="{_LEFT + 24}" y1="{y}" y2="{y}" stroke="{colour}" '
            'stroke-width="3"/>'
        )
        legend = escape(sketch.legend(curve))
        out.append(f'<text x="{_LEFT + 32}" y="{y}" dy="0.35em">{legend}</text>')
        top += _LEGEND
    return out, top
