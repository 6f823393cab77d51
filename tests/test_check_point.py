"""check --at: a learner's derivative at a point (exact, or a decimal to the digits typed) or
their tangent line there, judged, with the mistakes named — in every format and from the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from chainrule import check, render
from chainrule.calculus.point import PointError
from chainrule.cli.app import app
from chainrule.errors import ParseError, VariableError

COURSE = "log(2+cos(x))"


@pytest.mark.parametrize(
    ("answer", "status", "mistake"),
    [
        ("-sqrt(3)/5", "right", None),
        ("-sin(pi/3)/(2 + cos(pi/3))", "right", None),
        ("h'(pi/3) = -sin(pi/3)/(2+cos(pi/3)) = -sqrt(3)/5", "right", None),
        ("-sin(x)/(2+cos(x))", "right", None),  # a line in x is taken at the point
        ("-0.346", "right", None),
        ("-0.35", "right", None),
        ("-0.34", "wrong", None),
        ("sqrt(3)/5", "wrong", "sign_error"),
        ("2/5", "wrong", "forgot_inner_derivative"),
        ("log(5/2)", "wrong", "value_not_slope"),
    ],
)
def test_the_slope_at_pi_over_3(answer, status, mistake):
    c = check(COURSE, answer, at="x=pi/3")
    assert (c.status, c.mistake) == (status, mistake)
    assert c.correct is (status == "right")


@pytest.mark.parametrize(
    ("answer", "status", "mistake"),
    [
        ("y = 2x - 1", "right", None),
        ("y = 1 + 2(x - 1)", "right", None),
        ("y = 1 + 2x(x - 1)", "wrong", "tangent_slope_not_evaluated"),
        ("y = 1 + 2(x + 1)", "wrong", "tangent_x_plus_a"),
        ("y = 2 + (x - 1)", "wrong", "tangent_value_and_slope_swapped"),
        ("y = 1 - (x - 1)/2", "wrong", "tangent_is_normal"),
        ("y = 2(x - 1)", "wrong", "tangent_without_value"),
        ("y = 3x", "wrong", None),
    ],
)
def test_the_tangent_of_x_squared_at_1(answer, status, mistake):
    c = check("x^2", answer, at="x=1")
    assert c.kind == "tangent"
    assert (c.status, c.mistake) == (status, mistake)


def test_the_courses_tangent_line():
    from chainrule import at_point

    p = at_point(COURSE, "x=pi/3")
    assert check(COURSE, f"y = {p.tangent}".replace("**", "^"), at="x=pi/3").correct


@pytest.mark.parametrize(
    ("answer", "at", "error"),
    [
        ("2z", "x=1", VariableError),
        ("2(", "x=1", ParseError),
        ("y = 2(", "x=1", ParseError),
        ("y = ", "x=1", ParseError),
        ("1", "x=-1", PointError),
        ("1", "t=1", PointError),
    ],
)
def test_bad_input_is_refused(answer, at, error):
    with pytest.raises(error):
        check("log(x)" if at != "x=1" else "x^2", answer, at=at)


def test_the_caret_points_into_the_whole_answer():
    with pytest.raises(ParseError) as caught:
        check("x^2", "y = 2(", at="x=1")
    assert caught.value.position == 6


@pytest.mark.parametrize("fmt", ["text", "rich", "latex", "markdown", "html"])
def test_every_format_shows_the_verdict_and_the_working(fmt):
    out = render(check(COURSE, "2/5", at="x=pi/3"), fmt)
    assert "forgot" in out and "Tangent" in out


def test_a_decimal_is_echoed_as_typed():
    text = render(check(COURSE, "-0.346", at="x=pi/3"), "text")
    assert "−0.346" in text and "3 decimals" in text


def test_json_and_the_cli():
    data = json.loads(render(check("x^2", "y = 1 + 2(x + 1)", at="x=1"), "json"))
    assert data["kind"] == "check at a point" and data["mistake"] == "tangent_x_plus_a"
    assert data["expected"] == "2*x - 1"
    runner = CliRunner()
    right = runner.invoke(app, ["check", COURSE, "-sqrt(3)/5", "--at", "x=pi/3", "-f", "text"])
    assert right.exit_code == 0 and "Right" in right.stdout
    wrong = runner.invoke(app, ["check", "x^2", "y = 3x", "--at", "x=1", "-f", "text"])
    assert wrong.exit_code == 1
    for bad in (
        ["x^2", "2(", "--at", "x=1"],
        ["x^2", "1", "--at", "x=1", "--order", "2"],
        ["log(x)", "1", "--at", "x=-1"],
        ["x^2", "1", "--at", "x="],
    ):
        result = runner.invoke(app, ["check", *bad])
        assert result.exit_code == 2 and "Traceback" not in result.output, bad
