"""Logarithmic differentiation, asked for with --method log: ln of both sides, the log rules,
the sum differentiated by the same engine, y′ = y·(ln y)′ — equal to sympy.diff, in every format
and from the CLI."""

from __future__ import annotations

import json

import pytest
import sympy
from typer.testing import CliRunner

from chainrule import log_differentiate, render
from chainrule.calculus.log_method import LogMethodError
from chainrule.cli.app import app
from chainrule.parsing import parse

BOOK = "x sqrt(2x+1)/(e^x sin(x)^3)"


@pytest.mark.parametrize(
    "text",
    [
        BOOK,
        "x^2 (x+1)^3",
        "(x^2+1)^4/(x-2)^3",
        "sqrt(x) cos(x) e^(2x)",
        "x^3 tan(x)/(1+x^2)",
        "(3x-1)^5 sqrt(x^2+4) / x",
    ],
)
def test_y_prime_is_sympys(text):
    m = log_differentiate(text)
    x = m.variable
    assert m.verified
    assert sympy.simplify(m.product - sympy.diff(parse(text), x)) == 0
    # ln y written out by the log rules has the derivative y′/y.
    assert (
        sympy.simplify(m.explanation.derivative - sympy.diff(m.expression, x) / m.expression) == 0
    )


def test_the_books_example_takes_every_factor_in_the_typed_order():
    m = log_differentiate(BOOK)
    x = m.variable
    bases = [base for base, _ in m.factors]
    assert bases == [x, 2 * x + 1, sympy.exp(-x), sympy.sin(x)]
    assert [n for _, n in m.factors] == [1, sympy.Rational(1, 2), 1, -3]
    text = " ".join(render(m, "text").split())
    # ln e^(−x) = −x, and the sum keeps the order of the factors as typed.
    assert "ln(y) = ln(x) + ln(2x + 1)/2 − x − 3ln(sin(x))" in text
    for heading in ("Take ln of both sides", "The log rules", "Differentiate both sides"):
        assert heading in text
    assert "Multiply back by y" in text and "y′/y" in text


def test_one_factor_is_refused_with_the_reason():
    with pytest.raises(LogMethodError, match="this has one"):
        log_differentiate("sin(x)")
    with pytest.raises(LogMethodError):
        log_differentiate("5 x^3")  # a constant factor has no logarithm worth taking


@pytest.mark.parametrize("fmt", ["text", "rich", "latex", "markdown", "html"])
def test_every_format_shows_each_step(fmt):
    out = render(log_differentiate("x^2 (x+1)^3"), fmt)
    assert "logarithmic differentiation" in out
    assert "sympy.diff" in out


def test_json():
    data = json.loads(render(log_differentiate(BOOK), "json"))
    assert data["kind"] == "logarithmic differentiation" and data["verified"] is True
    assert [f["exponent"] for f in data["factors"]] == ["1", "1/2", "1", "-3"]
    assert data["explanation"]["steps"]


def test_the_cli():
    runner = CliRunner()
    ok = runner.invoke(app, ["explain", BOOK, "--method", "log", "-f", "text"])
    assert ok.exit_code == 0, ok.output
    assert "Multiply back by y" in ok.stdout
    data = json.loads(
        runner.invoke(app, ["explain", "x^2 (x+1)^3", "--method", "log", "-f", "json"]).stdout
    )
    assert data["kind"] == "logarithmic differentiation"
    for bad in (
        ["sin(x)", "--method", "log"],
        ["x^2 + y^2 = 25", "--method", "log"],
        ["x sin(x)", "--method", "log", "--order", "2"],
        ["x sin(x)", "--method", "log", "--at", "x=1"],
        ["x sin(x", "--method", "log"],
        ["x sin(x)", "--method", "logs"],
    ):
        result = runner.invoke(app, ["explain", *bad])
        assert result.exit_code == 2 and "Traceback" not in result.output, bad


def test_a_variable_power_is_sent_back_to_the_usual_rules():
    with pytest.raises(LogMethodError, match="by logarithms already"):
        log_differentiate("x^x")
