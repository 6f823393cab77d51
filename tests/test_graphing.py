"""Curves of h and h′ (``chainrule.graphing``): the values drawn against SymPy's own, nothing
drawn outside the domain, no line across a pole, the chart's layout, and the sketch that
``chainrule.plot`` returns."""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET

import pytest
import sympy
from rich.console import Console

import chainrule
from chainrule.errors import ChainruleError, VariableError
from chainrule.graphing import GraphError, sample, terminal_chart
from chainrule.graphing.chart import Series
from chainrule.graphing.reading import RangeError
from chainrule.graphing.sampling import segments, window

x = sympy.Symbol("x", real=True)


def reference(expr: sympy.Expr, var: sympy.Symbol, at: float) -> float | None:
    """SymPy's value of ``expr`` at ``at``, or None where it is not a finite real number."""
    value = expr.subs(var, sympy.Float(at)).evalf()
    if value.is_real and value.is_finite:
        return float(value)
    return None


# The values drawn are the function's and the derivative's, checked against sympy.diff


FORMULAS = [
    "log(2+cos(x))",
    "tan(x)",
    "1/x",
    "ln(x)",
    "sqrt(x)",
    "asin(x)",
    "atanh(x)",
    "x^3 - 3x",
    "sigmoid(2x)",
    "e^(sin x)",
    "x^x",
    "sin(x)^2",
    "log_2(x^2 + 1)",
]


@pytest.mark.parametrize("formula", FORMULAS)
def test_every_point_drawn_agrees_with_sympy(formula):
    sketch = chainrule.plot(formula, range=(-3, 3))
    h, d = sketch.curves
    # The outside answer: SymPy's own derivative of the formula on the reals, evaluated by SymPy.
    var = sympy.Symbol("x", real=True)
    expr = sketch.explanation.expression.subs(sketch.explanation.variable, var)
    derivative = sympy.diff(expr, var)
    grid = [-3 + 6 * i / 60 for i in range(61)]
    drawn = 0
    for at in grid:
        want_h = reference(expr, var, at)
        # A derivative exists only where its function does.
        want_d = reference(derivative, var, at) if want_h is not None else None
        got_h, got_d = h.function(at), d.function(at)
        assert (got_h is None) == (want_h is None), (at, got_h, want_h)
        assert (got_d is None) == (want_d is None), (at, got_d, want_d)
        if got_h is not None:
            assert got_h == pytest.approx(want_h, rel=1e-9, abs=1e-12)
        if got_d is not None:
            assert got_d == pytest.approx(want_d, rel=1e-9, abs=1e-12)
            drawn += 1
    assert drawn >= 10  # not vacuously true: most of each curve is there


def test_abs_has_no_slope_drawn_at_0():
    # |x| has no derivative at 0 (SymPy's sign(0) = 0 is a convention, not a slope).
    d = chainrule.plot("abs(x)").curves[1]
    assert d.function(0.0) is None
    assert (d.function(-2.5), d.function(0.001)) == (-1.0, 1.0)


def test_the_derivative_drawn_is_the_explained_one():
    sketch = chainrule.plot("log(2+cos(x))")
    assert sketch.curves[1].expression == sketch.explanation.derivative


@pytest.mark.parametrize(
    ("formula", "values", "derivative"),
    [
        ("sin(a x)", {"a": 2}, lambda t: 2 * math.cos(2 * t)),
        ("sin(a x)", "a=2", lambda t: 2 * math.cos(2 * t)),
        ("a x^2 + b", "a=1/2, b=pi", lambda t: t),
        ("x^2 y", {"x": 3}, lambda t: 9.0),  # with wrt="y" below
    ],
)
def test_other_symbols_take_the_values_given(formula, values, derivative):
    wrt = "y" if "y" in formula else None
    sketch = chainrule.plot(formula, at=values, wrt=wrt, range=(-2, 2))
    for at in (-1.5, -0.2, 0.7, 1.9):
        assert sketch.curves[1].function(at) == pytest.approx(derivative(at))


# Nothing outside the domain, no line across a pole


def _segments(formula: str, lo: float = -2 * math.pi, hi: float = 2 * math.pi, n: int = 201):
    """The lines drawn: unbroken pieces of two points or more. A lone point is drawn as a dot:
    sign(0) = 0, or tan at the float nearest π/2, which is 1.6e16 and off the chart."""
    e = chainrule.explain(formula)
    return [p for p in segments(sample(e.expression, e.variable, lo, hi, n)) if len(p) > 1]


@pytest.mark.parametrize("n", [200, 201, 77])  # 201 samples x = 0 itself
def test_one_over_x_is_two_pieces_one_each_side_of_0(n):
    pieces = _segments("1/x", n=n)
    assert len(pieces) == 2
    assert all(px < 0 for px, _ in pieces[0]) and all(px > 0 for px, _ in pieces[1])


def test_ln_x_is_drawn_only_where_x_is_positive():
    pieces = _segments("ln(x)")
    assert len(pieces) == 1
    assert all(px > 0 for px, _ in pieces[0])


@pytest.mark.parametrize("n", [80, 200, 201, 1001])
def test_tan_is_broken_at_each_pole_and_nowhere_else(n):
    pieces = _segments("tan(x)", n=n)
    poles = [(k + 0.5) * math.pi for k in range(-2, 2)]  # ±π/2 and ±3π/2 lie in ±2π
    assert len(pieces) == len(poles) + 1
    for piece in pieces:
        low, high = piece[0][0], piece[-1][0]
        assert not any(low < pole < high for pole in poles), (low, high)


@pytest.mark.parametrize(("formula", "count"), [("sign(x)", 2), ("x/abs(x)", 2), ("csc(x)", 4)])
def test_a_jump_breaks_the_curve(formula, count):
    # csc has poles at 0, ±π and ±2π, the ends of the range: four pieces in between.
    assert len(_segments(formula)) == count


@pytest.mark.parametrize("formula", ["atan(50x)", "sigmoid(20x)", "x^3", "e^x", "cos(x)^2"])
def test_a_steep_or_flat_curve_is_one_piece(formula):
    assert len(_segments(formula)) == 1


@pytest.mark.parametrize(
    ("formula", "lo", "hi"),
    [("sqrt(x)", -1, 4), ("asin(x)", -2, 2), ("acosh(x)", -3, 3), ("x^(1/3)", -8, 8)],
)
def test_points_outside_the_domain_are_left_out(formula, lo, hi):
    e = chainrule.explain(formula)
    pts = sample(e.expression, e.variable, lo, hi, 101)
    assert all(
        reference(e.expression, e.variable, px) is not None for px, y in pts if y is not None
    )
    assert any(y is None for _, y in pts) and any(y is not None for _, y in pts)


def test_a_function_without_a_formula_cannot_be_drawn():
    with pytest.raises(GraphError, match="f"):
        chainrule.plot("f(x^2)")


# The window of values and the chart


def test_the_window_shows_all_of_a_tame_curve():
    assert window([sample(sympy.sin(x), x, -3, 3, 61)]) == pytest.approx((-1.0, 1.0))


def test_the_window_of_tan_is_its_middle_not_its_poles():
    pts = sample(sympy.tan(x), x, -2 * math.pi, 2 * math.pi, 400)
    low, high = window([pts])
    largest = max(abs(y) for _, y in pts if y is not None)
    assert high - low < largest / 10
    assert low < -1 and high > 1  # tan's gentle middle stretch, −1 to 1, is in view


def test_a_constant_gets_room_around_it():
    low, high = window([[(0.0, 5.0), (1.0, 5.0)]])
    assert low < 5 < high


def test_a_chart_exactly():
    h = Series(points=sample(x**2 - 1, x, -2, 2, 41), legend="h(x) = x² − 1")
    d = Series(points=sample(2 * x, x, -2, 2, 41), legend="h′(x) = 2x", mark="+")
    lines = terminal_chart([h, d], lo=-2, hi=2, labels=("−2", "2"), width=32, height=7)
    assert lines == [
        " 4 ┤              │          +++",
        "   │***           │     +++++***",
        "   │  ****        │ +++++ ****",
        " 0 ┤─────******++++++******─────",
        "   │       +++********",
        "   │  ++++++      │",
        "−4 ┤+++           │",
        "   └──────────────┬─────────────",
        "    −2            0            2",
        "    * h(x) = x² − 1",
        "    + h′(x) = 2x",
    ]


@pytest.mark.parametrize("width", [30, 60, 80, 100])
@pytest.mark.parametrize("formula", ["tan(x)", "1/x", "ln(x)", "log(2+cos(x))"])
def test_chart_rows_fit_the_width(formula, width):
    lines = chainrule.plot(formula).lines(width)
    chart = [line for line in lines if "│" in line or "┤" in line or "└" in line]
    assert len(chart) == 16  # fifteen rows and the axis
    assert max(len(line) for line in chart) <= width


def _plot_area(lines: list[str]) -> list[str]:
    """The rows of the plot area, without the labels and the frame left of them."""
    axis = next(i for i, line in enumerate(lines) if "└" in line)
    frame = lines[axis].index("└")
    rows = lines[axis - 15 : axis]
    return [row[frame + 1 :].ljust(len(lines[axis]) - frame - 1) for row in rows]


@pytest.mark.parametrize("formula", ["tan(x)", "1/x", "1/(x^2 - 1)", "sec(x)"])
def test_no_column_joins_the_top_to_the_bottom_across_a_pole(formula):
    rows = _plot_area(chainrule.plot(formula).lines(80))
    for c in range(len(rows[0])):
        column = "".join(row[c] for row in rows)
        # h running from the top row to the bottom one in one column: a pole joined.
        assert column.strip("*") != "" or len(column) < 15, (c, column)
        assert not (column[0] == "*" and column[-1] == "*"), (c, column)


# The sketch: parts, notes, display


def test_parts_of_a_chain_are_its_outer_and_inner_functions():
    sketch = chainrule.plot("log(2+cos(x))", parts=True)
    root = sketch.explanation.root
    f, g = sketch.parts
    assert (f.expression, f.variable) == (root.outer, root.u)
    assert (g.expression, g.variable) == (root.inner, sketch.explanation.variable)
    assert [sketch.legend(c) for c in sketch.parts] == ["f(u) = ln(u)", "g(x) = 2 + cos(x)"]
    assert sketch.note == ""
    lines = sketch.lines(80)
    assert "      o f(u) = ln(u)" in lines and "      # g(x) = 2 + cos(x)" in lines
    # f is drawn over u: ln u is undefined for u ≤ 0 and equals ln(3) at u = 3.
    assert f.function(-1.0) is None and f.function(3.0) == pytest.approx(math.log(3))


@pytest.mark.parametrize(
    ("formula", "shape"),
    [
        ("x^2", "a function of x itself"),
        ("x^2 + sin(x)", "a sum"),
        ("2 sin(x^2)", "a constant times a function"),
        ("x sin(x)", "a product"),
    ],
)
def test_a_formula_that_is_no_chain_says_so_and_draws_h_and_h_prime(formula, shape):
    sketch = chainrule.plot(formula, parts=True)
    assert sketch.parts == () and len(sketch.panels) == 1
    assert shape in sketch.note and "not a chain" in sketch.note and "\n" not in sketch.note
    assert sketch.lines(80)[0] == sketch.note


def test_function_names_avoid_the_formulas_own_letters():
    sketch = chainrule.plot("sin(g x)", at={"g": 9.8}, parts=True)
    names = [c.name for c in sketch.curves + sketch.parts]
    assert names == ["h", "h′", "f", "k"]


def test_the_title_gives_the_range_and_the_values():
    sketch = chainrule.plot("sin(a x)", at="a=2", range=("-pi", "pi/2"))
    assert sketch.titles() == ("h(x) and its derivative h′(x), for −π ≤ x ≤ π/2, a = 2",)


def test_rich_draws_the_same_lines_without_colour():
    sketch = chainrule.plot("tan(x)")
    out = io.StringIO()
    Console(file=out, width=80, color_system=None, highlight=False).print(sketch)
    assert out.getvalue().splitlines() == sketch.lines(80)


def test_rich_colours_each_curve():
    out = io.StringIO()
    Console(file=out, width=80, force_terminal=True, color_system="standard").print(
        chainrule.plot("log(2+cos(x))")
    )
    assert "\x1b[1;36m*" in out.getvalue() and "\x1b[35m+" in out.getvalue()


def test_an_ascii_console_gets_ascii():
    from chainrule.formats.terminal import capture

    text = capture(chainrule.plot("sqrt(x)", parts=True), width=80, color=False, ascii=True)
    assert text.isascii()
    assert "* h(x) = sqrt(x)" in text and "+ h'(x) = 1/(2*sqrt(x))" in text
    # −2π is spelled before the layout, so the 0 under the axis's tick stays in place.
    axis, labels = (line for line in text.splitlines() if line.lstrip().startswith(("+-", "-2")))
    assert labels.index("0") == axis.index("+", axis.index("+") + 1)


def test_the_notebook_svg_has_a_line_per_unbroken_piece():
    sketch = chainrule.plot("tan(x)")
    root = ET.fromstring(sketch._repr_svg_())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    lines = root.findall(".//{http://www.w3.org/2000/svg}polyline")
    assert len(lines) == 5 + 5  # tan and sec², each broken at the four poles
    texts = "".join(root.itertext())
    assert "h(x) = tan(x)" in texts and "h′(x) = sec²(x)" in texts


def test_the_repr_is_one_short_line():
    assert repr(chainrule.plot("log(2+cos(x))")) == "<Sketch h(x) = log(cos(x) + 2)>"


# What the learner gives besides the formula


@pytest.mark.parametrize(
    "span",
    [("a", 1), (2, 1), (1, 1), ("1", "nan"), ("1", "1e400"), (1,), "−1 1", ("x", 2), (True, 2)],
)
def test_a_bad_range_is_one_line(span):
    with pytest.raises(RangeError) as caught:
        chainrule.plot("x^2", range=span)
    assert isinstance(caught.value, ChainruleError) and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("span", "ends"),
    [
        (("-2pi", "2pi"), (-2 * math.pi, 2 * math.pi)),
        ((-1, 0.5), (-1, 0.5)),
        (("-π/2", "1"), (-math.pi / 2, 1)),
    ],
)
def test_a_range_in_numbers_or_as_written(span, ends):
    assert chainrule.plot("x", range=span).span == pytest.approx(ends)


@pytest.mark.parametrize(
    ("at", "message"),
    [
        (None, "--at a=2"),
        ("b=1", "no b"),
        ("x=1", "give a a value"),  # x=1 is the tangent's point; a still needs one
        ("a", "not name=number"),
        ("a=q", "not a number"),
    ],
)
def test_other_symbols_need_values(at, message):
    with pytest.raises(VariableError if message != "not a number" else ChainruleError) as caught:
        chainrule.plot("sin(a x)", at=at)
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_save_writes_the_figure_its_suffix_names(tmp_path, suffix):
    pytest.importorskip("matplotlib")
    path = chainrule.plot("log(2+cos(x))", parts=True).save(tmp_path / f"h{suffix}")
    head = path.read_bytes()[:200]
    assert {
        ".png": head.startswith(b"\x89PNG\r\n\x1a\n"),
        ".svg": b"<svg" in head,
        ".pdf": head.startswith(b"%PDF"),
    }[suffix]
