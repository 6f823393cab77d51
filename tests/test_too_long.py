"""Steps too long to show are refused with a clear message, in every format and command,
before any time goes into printing them; the data (JSON) is still there."""

from __future__ import annotations

import json

import pytest
import sympy
from typer.testing import CliRunner

from chainrule import explain
from chainrule.cli.app import app
from chainrule.errors import ChainruleError
from chainrule.formats import render
from chainrule.views.letters import LONGEST, TooLong

x = sympy.Symbol("x", real=True)
ENV = {"COLUMNS": "80", "NO_COLOR": "1"}


def tower(n: int) -> sympy.Expr:
    e = x
    for _ in range(n):
        e = x**e
    return e


def tower_text(n: int) -> str:
    return "^".join(["x"] * (n + 1))


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "html"])
def test_a_tall_tower_is_refused_in_every_format(fmt):
    ex = explain(tower(40))
    with pytest.raises(TooLong, match="too long to show") as caught:
        render(ex, fmt)
    assert isinstance(caught.value, ChainruleError)
    assert f"{LONGEST:,}" in str(caught.value)


def test_the_data_of_a_tall_tower_is_still_there():
    ex = explain(tower(40))
    data = json.loads(render(ex, "json"))
    assert data["verification"]["ok"]
    assert sympy.sympify(data["derivative"]) != 0


def test_a_tower_below_the_limit_is_shown_whole():
    ex = explain(tower(12))
    assert render(ex, "text").count("Logarithmic differentiation") == 12


def test_the_limit_counts_what_would_be_printed():
    # A product of n factors prints n terms of n − 1 factors: 60 pass, 150 do not.
    factors = [x + k for k in range(1, 151)]
    assert "Product rule" in render(explain(sympy.Mul(*factors[:60])), "text")
    with pytest.raises(TooLong):
        render(explain(sympy.Mul(*factors)), "markdown")


def test_a_chain_in_letters_is_not_refused():
    # Letters keep a deep chain's lines short: 300 links are shown.
    e = x
    for i in range(300):
        e = sympy.sin(e) if i % 2 else sympy.log(e)
    text = render(explain(e), "text")
    assert "v₃₇′ = d/dx sin(w₃₇) = cos(w₃₇)·w₃₇′" in text


@pytest.mark.parametrize(
    "args",
    [
        ["explain", tower_text(40)],
        ["explain", tower_text(40), "--format", "html"],
        ["check", tower_text(40), "x"],
    ],
)
def test_the_commands_refuse_it_as_a_user_error(args):
    result = CliRunner().invoke(app, args, env=ENV)
    assert result.exit_code == 2, result.output
    assert "too long to show" in result.stderr and "internal" not in result.stderr


def test_a_list_of_formulas_goes_on_past_one_too_long():
    stdin = f"sin(x)\n{tower_text(40)}\ncos(x)\n"
    result = CliRunner().invoke(app, ["explain", "-", "-f", "markdown"], input=stdin, env=ENV)
    assert result.exit_code == 2
    assert "line 2:" in result.stderr and "too long to show" in result.stderr
    assert "sin" in result.stdout and "cos" in result.stdout
