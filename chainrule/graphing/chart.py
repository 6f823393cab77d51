"""Curves drawn in character cells, for any terminal: one mark per curve (``*``, ``+``, ``o``,
``#``, so they are told apart without colour and on an ASCII console), the axes where x = 0
and y = 0, the values at the top and bottom, the range below and a legend.

A chart is rows of runs, (text, what it is): the index of a curve, "axis", or None for plain
text, so a colour console can colour each curve and a plain one prints the text as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chainrule.graphing.sampling import Point, segments, window

#: Each curve's mark, in the order the curves are given (h, h′, f, g).
MARKS = ("*", "+", "o", "#")
#: Rows of the plot area.
HEIGHT = 15
#: Fewest columns of the plot area, whatever the console.
MIN_COLUMNS = 20

#: What a cell of the chart holds: a curve's index, "axis", or None.
Kind = int | str | None
Row = list[tuple[str, Kind]]


@dataclass(frozen=True, kw_only=True)
class Series:
    """One curve to draw: its points, its mark, and its legend ("h(x) = ln(2 + cos(x))")."""

    points: Sequence[Point]
    legend: str
    mark: str = "*"


def chart(
    series: Sequence[Series],
    *,
    lo: float,
    hi: float,
    labels: tuple[str, str],
    width: int,
    height: int = HEIGHT,
) -> list[Row]:
    """The rows of a chart ``width`` characters wide (legend lines may run longer): the plot
    area ``height`` rows high, the x axis and its labels ``labels`` (the range as the learner
    reads it, "−2π" and "2π"), then one legend line per curve."""
    bottom, top = window([s.points for s in series])
    ticks = {0: tick_label(top), height - 1: tick_label(bottom)}
    # The x axis lies along y = 0, the y axis along x = 0, when they are in the window.
    axis_row = round(_row(0.0, bottom, top, height)) if bottom <= 0 <= top else None
    if axis_row is not None and 0 < axis_row < height - 1:
        ticks[axis_row] = "0"
    pad = max(len(t) for t in ticks.values())
    columns = max(MIN_COLUMNS, width - pad - 2)
    grid: list[list[int | None]] = [[None] * columns for _ in range(height)]
    # The first curve is drawn last, on top: h over h′.
    for index in reversed(range(len(series))):
        for piece in segments(series[index].points):
            cells = [(_column(x, lo, hi, columns), _row(y, bottom, top, height)) for x, y in piece]
            _draw(grid, index, cells)
    axis_column = round(_column(0.0, lo, hi, columns)) if lo < 0 < hi else None
    rows: list[Row] = []
    for r, cells in enumerate(grid):
        line: Row = [(f"{ticks.get(r, ''):>{pad}} ", None), ("┤" if r in ticks else "│", "axis")]
        for c, index in enumerate(cells):
            if index is not None:
                line.append((series[index].mark, index))
            elif r == axis_row or c == axis_column:
                across, down = r == axis_row, c == axis_column
                line.append(("┼" if across and down else "─" if across else "│", "axis"))
            else:
                line.append((" ", None))
        rows.append(_merged(line))
    axis = ["─"] * columns
    if axis_column is not None:
        axis[axis_column] = "┬"
    rows.append([(" " * pad + " ", None), ("└" + "".join(axis), "axis")])
    rows.append([(" " * (pad + 2) + _x_labels(labels, axis_column, columns), None)])
    for index, s in enumerate(series):
        rows.append([(" " * (pad + 2), None), (s.mark, index)])
        rows[-1].append((f" {s.legend}", None))
    return rows


def terminal_chart(series: Sequence[Series], **layout) -> list[str]:
    """``chart`` as plain lines of text."""
    return ["".join(text for text, _ in row).rstrip() for row in chart(series, **layout)]


def _column(x: float, lo: float, hi: float, columns: int) -> float:
    return (x - lo) / (hi - lo) * (columns - 1)


def _row(y: float, bottom: float, top: float, height: int) -> float:
    """Row 0 at the top. Far outside the window a value is held a few heights away: where the
    curve leaves the window is all that shows, and a row must stay a number a cell can have."""
    row = (top - y) / (top - bottom) * (height - 1)
    return min(max(row, -4.0 * height), 5.0 * height)


def _draw(grid: list[list[int | None]], index: int, cells: list[tuple[float, float]]) -> None:
    """Mark every cell the unbroken curve through ``cells`` passes: between two points, each
    column gets the rows its part of the straight line crosses, so a steep stretch is a
    vertical run of marks, not a scatter of dots."""
    height, columns = len(grid), len(grid[0])
    if len(cells) == 1:
        cells = cells * 2
    for (c1, r1), (c2, r2) in zip(cells, cells[1:], strict=False):
        for c in range(max(0, round(c1)), min(columns - 1, round(c2)) + 1):
            left, right = max(c1, c - 0.5), min(c2, c + 0.5)
            if c2 > c1:
                ra = r1 + (r2 - r1) * (left - c1) / (c2 - c1)
                rb = r1 + (r2 - r1) * (right - c1) / (c2 - c1)
            else:
                ra, rb = r1, r2
            for r in range(max(0, round(min(ra, rb))), min(height - 1, round(max(ra, rb))) + 1):
                grid[r][c] = index


def _x_labels(labels: tuple[str, str], zero_column: int | None, columns: int) -> str:
    """The range's ends under the axis's ends, and 0 under its tick when there is room."""
    low, high = labels
    line = list(low.ljust(columns))
    line[columns - len(high) :] = high
    if zero_column is not None and len(low) + 1 < zero_column < columns - len(high) - 1:
        line[zero_column] = "0"
    return "".join(line)


def tick_label(value: float) -> str:
    """A value for the y axis, short: 1.1, −0.6, 2.5e+04; 0 never has a sign."""
    if value == 0:
        return "0"
    return f"{value:.4g}".replace("-", "−")


def _merged(line: Row) -> Row:
    """Neighbouring runs of the same kind as one run."""
    out: Row = []
    for text, kind in line:
        if out and out[-1][1] == kind:
            out[-1] = (out[-1][0] + text, kind)
        else:
            out.append((text, kind))
    return out
