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
