"""The derivative at a point: h(a), h′(a), the tangent and the normal line, refusals with
their reason, in every format and from the command line."""

from __future__ import annotations

import json
import re

import pytest
import sympy
from typer.testing import CliRunner

from chainrule import render
from chainrule.calculus import at_point
from chainrule.calculus.point import PointError
from chainrule.cli.app import app
from chainrule.errors import ChainruleError, ParseError


@pytest.mark.parametrize(
    ("formula", "point"),
    [
        ("log(2+cos(x))", "x=pi/3"),
        ("x^2", "x=1"),
        ("sin(x)*exp(x)", "x=0.5"),
        ("sqrt(x^2 + 9)", "x=4"),
        ("atan(x)", "x=-2"),
        ("x^3 - 3x", "x=1"),
    ],
)
def test_the_tangent_touches_the_curve_with_the_derivatives_slope(formula, point):
    p = at_point(formula, point)
    x, a = p.variable, p.point
    h = p.explanation.expression
    assert sympy.simplify(p.tangent.subs(x, a) - h.subs(x, a)) == 0
    assert sympy.simplify(sympy.diff(p.tangent, x) - sympy.diff(h, x).subs(x, a)) == 0
    assert abs(float(p.value) - float(h.subs(x, a))) < 1e-12
    if p.normal is not None:  # at right angles: the product of the slopes is −1
        assert sympy.simplify(sympy.diff(p.normal, x) * p.slope + 1) == 0
        assert sympy.simplify(p.normal.subs(x, a) - p.value) == 0


def test_the_courses_function_at_pi_over_3():
    p = at_point("log(2+cos(x))", "x=pi/3")
    assert p.value == sympy.log(sympy.Rational(5, 2))
    assert p.slope == -sympy.sqrt(3) / 5
    text = render(p, "text")
    assert "h(π/3) = ln(5/2)   (≈ 0.916291)" in text
    assert "Tangent: y = ln(5/2) − (√3/5)·(x − π/3)" in text


def test_a_flat_tangent_has_a_vertical_normal():
    p = at_point("x^2", "x=0")
    assert p.slope == 0 and p.normal is None
    assert "the normal is the vertical line x = 0" in render(p, "text")


@pytest.mark.parametrize(
    ("formula", "point", "words"),
    [
        ("log(cos(x))", "x=pi", "ln needs cos(x) > 0"),
        ("sqrt(x)", "x=-1", "the root needs x ≥ 0"),
        ("1/x", "x=0", "it divides"),
        ("abs(x)", "x=0", "the derivative does not exist at x = 0"),
        ("sqrt(x)", "x=0", "the derivative does not exist"),
        ("x^2", "y=1", "not a variable of the formula"),
        ("x^2", "x=1,x=2", "given twice"),
        ("x^2", "x=t", "must be a number"),
        ("x^2", "x", "expected name=value"),
    ],
)
def test_points_outside_the_domain_or_without_a_slope_are_refused(formula, point, words):
    with pytest.raises(PointError, match=re.escape(words)):
        at_point(formula, point)


def test_a_corner_is_refused_and_a_removable_gap_is_the_limit():
    with pytest.raises(PointError, match="a corner"):
        at_point("abs(x) + x^3", "x=0")
    # x·|x| is smooth at 0, though h′ = |x| + x²/|x| is 0/0 there as written.
    assert at_point("x abs(x)", "x=0").slope == 0
    x = sympy.Symbol("x", real=True)
    with pytest.raises(PointError, match="a corner"):  # a finite h′ at a, two slopes beside it
        at_point(sympy.sign(x) * x**2 + sympy.Abs(x), 0)


def test_a_bad_value_is_a_parse_error_under_the_value():
    with pytest.raises(ParseError) as caught:
        at_point("x^2", "x=2^^3")
    assert str(caught.value).splitlines()[1].index("^") == len("x=2^")


def test_values_from_python_are_numbers_or_our_own_parse():
    assert at_point("x^2", 3).slope == 6
    assert at_point("x^2", {"x": "1/2"}).slope == 1
    with pytest.raises(ChainruleError):
        at_point("x^2", {"x": "__import__('os')"})


@pytest.mark.parametrize("fmt", ["text", "rich", "latex", "markdown", "html"])
def test_every_format_shows_the_lines(fmt):
    out = render(at_point("x^2", "x=1"), fmt)
    assert "Tangent" in out and "Normal" in out


def test_json_holds_the_point_the_slope_and_the_lines():
    data = json.loads(render(at_point("x^2", "x=1"), "json"))
    assert data["slope"] == {"exact": "2", "value": 2.0}
    assert data["tangent"] == "2*x - 1" and data["normal"] == "3/2 - x/2"


def test_the_cli_at_option():
    runner = CliRunner()
    ok = runner.invoke(app, ["explain", "log(2+cos(x))", "--at", "x=pi/3", "-f", "text"])
    assert ok.exit_code == 0 and "h′(π/3) = −√3/5" in ok.stdout
    bad = runner.invoke(app, ["explain", "log(x)", "--at", "x=-1"])
    assert bad.exit_code == 2 and "outside the domain" in bad.stderr
    assert "Traceback" not in bad.output


def test_plot_draws_the_tangent_at_the_variables_value():
    from chainrule import plot

    sketch = plot("log(2+cos(x))", at="x=pi/3")
    tangent = sketch.curves[-1]
    assert tangent.label == "tangent at x = π/3"
    x = tangent.variable
    a = float(sympy.pi / 3)
    assert abs(tangent.function(a) - float(sympy.log(sympy.Rational(5, 2)))) < 1e-12
    assert "o tangent at x = π/3: y = ln(5/2)" in "\n".join(sketch.lines())
    assert sympy.diff(tangent.expression, x) == -sympy.sqrt(3) / 5
    other = plot("sin(a x)", at="a=2,x=1")  # the other symbols' numbers first
    assert sympy.diff(other.curves[-1].expression, x) == 2 * sympy.cos(2)
    with pytest.raises(PointError, match="corner"):
        plot("abs(x)", at="x=0")


@pytest.mark.parametrize("at", ["x=pi/31e400", "x=1e200", "x=-1e101"])
def test_a_coordinate_no_float_holds_is_refused_at_once(at):
    # Exact arithmetic at π/(3.1·10⁴⁰¹) ran for minutes; refused when read, with its size.
    with pytest.raises(PointError, match="must lie between"):
        at_point("log(2+cos(x))", at)
