"""Implicit differentiation: both sides with y = y(x), the y′ terms collected, solved, equal to
SymPy's idiff, with a point checked to lie on the curve; every format and the CLI."""

from __future__ import annotations

import json

import pytest
import sympy
from typer.testing import CliRunner

from chainrule import render
from chainrule.calculus import implicit
from chainrule.calculus.implicit import ImplicitError
from chainrule.calculus.point import PointError
from chainrule.cli.app import app
from chainrule.errors import ParseError
from chainrule.parsing.equations import read_equation


@pytest.mark.parametrize(
    "equation",
    [
        "x^2 + y^2 = 25",
        "x^3 + y^3 = 6 x y",
        "sin(x y) = x + y",
        "y = x y + 1",
        "e^y = x",
        "x^2 y + y^3 = 2",
        "sqrt(x) + sqrt(y) = 4",
    ],
)
def test_the_slope_is_idiffs(equation):
    im = implicit(equation)
    reference = sympy.idiff(im.left - im.right, im.y, im.x)
    assert sympy.simplify(im.slope - reference) == 0
    assert im.verified


def test_the_circle():
    im = implicit("x^2 + y^2 = 25", at="x=3,y=4")
    assert im.slope == -im.x / im.y
    assert im.value == sympy.Rational(-3, 4)
    text = " ".join(render(im, "text").split())
    assert "2y·y′ = −2x" in text and "At (3, 4): dy/dx = −3/4" in text
    assert "the chain rule brings a factor y′" in text


def test_the_letters_can_be_chosen():
    im = implicit("t^2 + s^2 = 1", x="t", y="s")
    assert im.slope == -im.x / im.y


@pytest.mark.parametrize(
    ("equation", "at", "error", "words"),
    [
        ("x^2 = 4", None, ImplicitError, "has no y"),
        ("x^2 + y^2 = 25", "x=3,y=5", PointError, "not on the curve"),
        ("x^2 + y^2 = 25", "x=5,y=0", PointError, "tangent is vertical"),
        ("x^2 + y^2 = 25", "x=3", PointError, "y is missing"),
        ("y + x = y + x^2", None, ImplicitError, "cancels"),
    ],
)
def test_what_cannot_be_answered_says_why(equation, at, error, words):
    with pytest.raises(error, match=words):
        implicit(equation, at=at)


def test_equations_are_read_with_carets_into_the_whole_text():
    assert read_equation("y = x^2") is None  # the explicit function y
    assert read_equation("x^2") is None
    assert read_equation("y = x y").right.expression.has(sympy.Symbol("y", real=True))
    with pytest.raises(ParseError) as two:
        read_equation("x = y = 1")
    assert two.value.position == 6
    with pytest.raises(ParseError, match="nothing after"):
        read_equation("x^2 + y^2 = ")


@pytest.mark.parametrize("fmt", ["text", "rich", "latex", "markdown", "html"])
def test_every_format_shows_the_answer(fmt):
    out = render(implicit("x^2 + y^2 = 25"), fmt)
    assert "idiff" in out


def test_json_and_the_cli():
    data = json.loads(render(implicit("x^2 + y^2 = 25", at="x=3,y=4"), "json"))
    assert data["derivative"] == "-x/y" and data["value"]["value"] == -0.75
    runner = CliRunner()
    ok = runner.invoke(app, ["explain", "x^2 + y^2 = 25", "-f", "text"])
    assert ok.exit_code == 0 and "dy/dx = −x/y" in ok.stdout
    for bad in (["x^2 = 4"], ["x^2 + y^2 = 25", "--order", "2"], ["x^2", "--of", "y"]):
        result = runner.invoke(app, ["explain", *bad])
        assert result.exit_code == 2 and "Traceback" not in result.output, bad


@pytest.mark.parametrize(
    ("equation", "answer", "status", "mistake"),
    [
        ("x^2 + y^2 = 25", "-x/y", "right", None),
        ("x^2 + y^2 = 25", "x/y", "wrong", "implicit_sign"),
        ("x^2 + y^2 = 25", "-y/x", "wrong", "implicit_upside_down"),
        ("x^3 + y^3 = 6 x y", "(2y - x^2)/(y^2 - 2x)", "right", None),
        ("x^3 + y^3 = 6 x y", "(2y - x^2)/y^2", "wrong", "implicit_y_as_constant"),
        ("x^3 + y^3 = 6 x y", "(3x^2 + 3y^2 - 6y)/(6x)", "wrong", "implicit_y_prime_left_out"),
        ("x^2 + y^2 = 25", "2x", "wrong", None),
    ],
)
def test_check_judges_dy_dx_on_the_curve_and_names_the_mistake(equation, answer, status, mistake):
    from chainrule import check

    c = check(equation, answer)
    assert (c.status, c.mistake) == (status, mistake)


def test_an_answer_right_only_on_the_curve_is_right():
    from chainrule import check

    # −x/y and (x² + y² − 25 − x)/y agree wherever x² + y² = 25, and nowhere else in general.
    assert check("x^2 + y^2 = 25", "(x^2 + y^2 - 25 - x)/y").status == "right"


def test_a_curve_with_no_point_over_some_x_is_judged_promptly():
    from chainrule import check
    from chainrule.budget import within

    # Over |x| < √3 e^y = x² − 3 has no point: Newton's method from there runs off, and once
    # ran until exp of its iterate took mpmath minutes.
    with within(10):
        assert check("e^y = x^2 - 3", "2x e^(-y)").status == "right"
        assert check("e^y = x^2 - 3", "2x").status == "wrong"


def test_the_cli_checks_an_implicit_answer():
    runner = CliRunner()
    right = runner.invoke(app, ["check", "x^2 + y^2 = 25", "-x/y", "-f", "text"])
    assert right.exit_code == 0 and "Right" in right.stdout
    wrong = runner.invoke(app, ["check", "x^2 + y^2 = 25", "x/y", "-f", "json"])
    assert wrong.exit_code == 1 and json.loads(wrong.stdout)["mistake"] == "implicit_sign"
