"""The curve of J: the text chart (log scale when J spans decades, fixed widths, safe with NaN
and inf) and the figure file (its type from the suffix, refused up front when it cannot be
written)."""

from __future__ import annotations

import math
import sys

import pytest

from chainrule.errors import ChainruleError
from chainrule.plotting import (
    PlotError,
    check_figure_path,
    plot_lines,
    wants_log_scale,
    write_figure,
)

#: Gradient descent that works: J falls from 0.55 to 2.5e-5, over four decades.
DECADES = [0.55 * math.exp(-i / 20) for i in range(201)]
#: J falling by a factor of 50: a linear scale shows it well.
GENTLE = [1 / (1 + i) for i in range(50)]


def chart(lines: list[str]) -> list[str]:
    """The columns of the chart rows, without the value labels."""
    return [line.split("│")[1] for line in lines if "│" in line]


@pytest.mark.parametrize(
    ("values", "log"),
    [
        (DECADES, True),
        (GENTLE, False),
        ([1.0, 100.0], False),  # exactly two decades: not more
        ([1.0, 100.1], True),
        ([0.0, 1e-9, 1.0], False),  # a zero has no logarithm
        ([-1.0, 1e3], False),
        ([math.nan, 1e-6, 1.0, math.inf], True),  # decided on the finite values
        ([math.nan], False),
        ([], False),
    ],
)
def test_log_scale_only_for_positive_values_over_two_decades(values, log):
    assert wants_log_scale(values) is log
    lines = plot_lines(values, 60, 8)
    assert any("log scale" in line for line in lines) is log


def test_the_course_curve_on_a_log_scale_exactly():
    assert plot_lines(DECADES, width=40, height=4) == [
        "     0.55 │█▇▆▅▃▂▁                     ",
        "          │████████▇▆▅▃▂▁              ",
        "log scale │███████████████▇▆▄▃▂▁       ",
        "2.497e−05 │██████████████████████▇▆▄▃▂▁",
        "          └────────────────────────────",
        "           0                   step 200",
    ]


def test_a_linear_curve_exactly():
    assert plot_lines((3.0, 2.0, 1.0), width=24, height=2) == [
        "        3 │███▁▁▁▁▁▁   ",
        "        1 │█████████▁▁▁",
        "          └────────────",
        "           0     step 2",
    ]


def test_on_a_log_scale_every_decade_gets_its_share_of_rows():
    rows = chart(plot_lines(DECADES, 60, 8))
    assert all(any(block in row for block in "▁▂▃▄▅▆▇") for row in rows)


@pytest.mark.parametrize("width", [1, 22, 40, 60, 80, 100])
@pytest.mark.parametrize("height", [1, 2, 3, 8])
@pytest.mark.parametrize("values", [DECADES, GENTLE, [0.5], [math.nan, math.inf, 1.0]])
def test_every_line_has_the_same_width(width, height, values):
    lines = plot_lines(values, width, height)
    assert len(lines) == height + 2
    assert {len(line) for line in lines} == {max(21, width - 1)}


@pytest.mark.parametrize(
    "values",
    [
        [math.nan, 1.0, 2.0],
        [math.inf, 1.0, -math.inf],
        [math.nan, math.nan],
        [-1e308, 1e308],
        [5e-324, 1e308],
        [-1.23456e-12, 1.0],
    ],
)
def test_any_floats_are_drawn_without_error(values):
    lines = plot_lines(values, 40, 4)
    labels = [line.split("│")[0] for line in lines if "│" in line]
    assert all(len(label) == 10 for label in labels)  # the labels fit their column


def test_a_value_that_is_not_finite_leaves_its_column_empty():
    rows = chart(plot_lines([1.0, math.nan, 2.0], 24, 2))
    middle = len(rows[0]) // 2
    assert all(row[middle] == " " for row in rows)
    assert rows[-1][0] != " " and rows[-1][-1] != " "


def test_no_values_no_chart():
    assert plot_lines([]) == []


def test_the_training_view_draws_through_plotting():
    from chainrule.formats import render
    from chainrule.network import Network
    from chainrule.network.training import train

    run = train(Network(), steps=40)
    shown = render(run, "text", width=60).splitlines()
    # The curve sits under the table: eight rows of bars, the axis, then the step labels.
    axis = next(i for i, line in enumerate(shown) if line.lstrip().startswith("└"))
    bars = shown[axis - 8 : axis]
    assert all("│" in row for row in bars)
    assert bars[0].split("│")[0].strip() == f"{max(run.costs):.4g}"
    assert shown[axis + 1].rstrip().endswith("step 40")


# The figure file.


@pytest.mark.parametrize("name", ["cost.jpg", "cost", "cost.png.txt", "cost.svgz"])
def test_only_png_svg_and_pdf(tmp_path, name):
    with pytest.raises(PlotError, match=r"\.png, \.svg or \.pdf") as caught:
        check_figure_path(tmp_path / name)
    assert isinstance(caught.value, ChainruleError)
    assert "\n" not in str(caught.value)


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(PlotError, match="the folder .* does not exist"):
        check_figure_path(tmp_path / "nope" / "cost.png")


def test_missing_matplotlib_is_refused_with_the_install_hint(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    with pytest.raises(PlotError, match=r'pip install "chainrule\[plot\]"'):
        check_figure_path(tmp_path / "cost.png")
    with pytest.raises(PlotError, match="matplotlib"):
        write_figure(DECADES, tmp_path / "cost.png", title="J")
    assert list(tmp_path.iterdir()) == []


MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".svg": b"<?xml", ".pdf": b"%PDF"}


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf", ".PNG"])
def test_the_suffix_names_the_file_type(tmp_path, suffix):
    pytest.importorskip("matplotlib")
    path = write_figure(GENTLE, tmp_path / f"cost{suffix}", title="Gradient descent")
    assert path == tmp_path / f"cost{suffix}"
    assert path.read_bytes().startswith(MAGIC[suffix.lower()])


@pytest.mark.parametrize(("costs", "label"), [(DECADES, "J (log scale)"), (GENTLE, "J")])
def test_the_figure_uses_a_log_scale_over_decades(tmp_path, costs, label):
    pytest.importorskip("matplotlib")
    svg = write_figure(costs, tmp_path / "cost.svg", title="η = 0.5").read_text("utf-8")
    # matplotlib writes each text of the figure as a comment beside its glyphs.
    assert f"<!-- {label} -->" in svg
    assert ("10^{-3}" in svg) is (costs is DECADES)
