"""The book's own input: y = …, f(x) = …, h(t) = … name the function; log is ln, said once; a
space between factors is a product, as on paper (2 3 is still a slip)."""

from __future__ import annotations

import json

import pytest
import sympy as sp
from typer.testing import CliRunner

from chainrule import explain
from chainrule.cli.app import app
from chainrule.errors import ParseError
from chainrule.parsing import parse, reading

x, t = sp.symbols("x t", real=True)


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1"})


@pytest.mark.parametrize(
    ("typed", "body", "name"),
    [
        ("y = x^2 - sec(x) + 1", "x^2 - sec(x) + 1", sp.Symbol("y", real=True)),
        ("f(x) = sin(x^2)", "sin(x^2)", sp.Function("f")(x)),
        ("h(t) = t^3 cos(t)", "t^3 cos(t)", sp.Function("h")(t)),
        ("  g ( x )=x", "x", sp.Function("g")(x)),
        ("s = 5t^2", "5t^2", sp.Symbol("s", real=True)),
    ],
)
def test_a_named_function_reads_as_its_formula_and_keeps_its_name(typed, body, name):
    read = reading(typed)
    assert read.expression == parse(body)
    assert read.name == name


@pytest.mark.parametrize(
    ("typed", "position", "message"),
    [
        ("y = x y", 0, "y names the function"),
        ("f(x) = f(x) + 1", 0, "f names the function"),
        ("e = x^2", 0, "'e' cannot name a function"),
        ("f(e) = x", 2, "'e' cannot name a function"),
        ("f(f) = x", 2, "two letters"),
        ("x = 1", 2, "not an equation"),
        ("y = x = 2", 6, "not an equation"),
        ("x^2 = 1", 4, "not an equation"),
        ("y = 2 3", 6, "missing operator before '3'"),
    ],
)
def test_what_is_not_a_named_function_is_refused_at_its_place(typed, position, message):
    with pytest.raises(ParseError) as caught:
        parse(typed)
    assert caught.value.position == position
    assert message in caught.value.message
    assert caught.value.text == typed  # the caret points into what was typed


@pytest.mark.parametrize(
    ("typed", "answer", "variable"),
    [
        ("y = x^2 - sec(x) + 1", "dy/dx = ", "x"),
        ("f(x) = sin(x^2)", "f′(x) = ", "x"),
        ("h(t) = t^2 sin(t)", "h′(t) = ", "t"),
        ("y = t^2 + 1", "dy/dt = ", "t"),
    ],
)
def test_the_answer_names_the_derivative_as_the_book_does(typed, answer, variable):
    result = run("explain", typed, "-f", "text")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    heading = result.stdout.splitlines()[0]
    assert heading.startswith("The derivative of " + typed.split("=")[0].strip() + " = ")
    assert heading.endswith(f"with respect to {variable}")
    assert f"Result: {answer}" in result.stdout
    ex = explain(typed)
    assert ex.variable.name == variable
    assert sp.simplify(ex.derivative - sp.diff(ex.expression, ex.variable)) == 0


def test_the_name_is_the_whole_function_of_the_decomposition():
    out = run("explain", "f(x) = sin(x^2)", "-f", "text").stdout
    assert "f(x) = sin(x²) = g(k(x))" in out  # the chain's letters are not f again
    assert "f′(x) = g′(k(x))·k′(x)" in out


def test_wrt_still_chooses_the_variable_of_a_named_function():
    result = run("explain", "f(x) = x y^2", "--wrt", "y", "-f", "text")
    assert result.exit_code == 0, result.output
    assert "Result: ∂f/∂y = 2x·y" in result.stdout


@pytest.mark.parametrize("format", ["latex", "markdown", "html", "json"])
def test_a_named_function_in_every_format(format):
    result = run("explain", "f(x) = log(x^2 + 1)", "-f", format)
    assert result.exit_code == 0, result.output
    if format == "json":
        data = json.loads(result.stdout)
        assert data["variable"] == "x" and data["name"] == "f(x)"
    elif format != "html":
        assert "f'" in result.stdout or "f′" in result.stdout


def test_a_refused_name_is_exit_status_2_with_the_caret():
    result = run("explain", "f(x) = f(x) + 1")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "f(x) = f(x) + 1\n^ f names the function" in result.stderr


def test_y_on_both_sides_is_an_equation_differentiated_implicitly():
    result = run("explain", "y = x y", "-f", "text")
    assert result.exit_code == 0, result.output
    assert "dy/dx = y/(1 − x)" in result.stdout


LOG_NOTE = "log is the natural logarithm ln"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("log(x^2 + 1)", True),
        ("log(x) + log(sin(x))", True),  # once, however many logs
        ("y = x log(x)", True),
        ("ln(x^2 + 1)", False),
        ("log(x, 2)", False),  # a base given is no natural logarithm
        ("log_10(x)", False),
        ("x^2", False),
    ],
)
def test_log_typed_for_ln_is_said_once(typed, said):
    out = run("explain", typed, "-f", "text").stdout
    assert out.count(LOG_NOTE) == (1 if said else 0), out


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        ("x 3^(x-1)", "x*3^(x-1)"),
        ("5(1+x^2)^5 2x", "5*(1+x^2)^5*2*x"),
        ("3 x^2", "3*x^2"),
        ("2x 3", "2*x*3"),
        ("x^2 3^x ln(3)", "x^2*3^x*ln(3)"),
        ("sin(x) 2", "sin(x)*2"),
    ],
)
def test_a_space_between_factors_is_a_product(typed, same_as):
    assert parse(typed) == parse(same_as)


@pytest.mark.parametrize(
    ("typed", "position", "message"),
    [
        ("2 3", 2, "write '*' to multiply numbers"),
        ("pi 2", 3, "missing operator before '2'"),
        ("x/2 3", 4, "missing operator before '3'"),
        ("(x+1)2", 5, "write '*' to multiply by a number"),  # no space: not a paper product
        ("sin x 3", 6, "missing operator before '3'"),  # sin(3x) or 3·sin(x)? not guessed
    ],
)
def test_two_plain_numbers_side_by_side_stay_a_slip(typed, position, message):
    with pytest.raises(ParseError) as caught:
        parse(typed)
    assert caught.value.position == position
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("function", "answer", "code"),
    [
        ("x^3", "3 x^2", 0),
        ("(1+x^2)^6", "6(1+x^2)^5 2x", 0),
        ("x^3 3^x", "3x^2 3^x + x^3 3^x ln(3)", 0),
        ("3^x", "x 3^(x-1)", 1),  # read, and wrong: the power rule on a variable exponent
        ("y = sin(x^2)", "dy/dx = cos(x^2) 2x", 0),
    ],
)
def test_check_reads_paper_products(function, answer, code):
    result = run("check", function, answer, "-f", "text")
    assert result.exit_code == code, result.output
    assert "write '*'" not in result.output


def test_check_still_refuses_two_numbers_side_by_side():
    result = run("check", "x^3", "3 2 x^2")
    assert result.exit_code == 2
    assert "write '*' to multiply numbers" in result.stderr
