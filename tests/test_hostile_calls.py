"""Hostile input, typed or built in Python, ends in a ChainruleError with a clear line (the CLI's
exit status 2), never a bare exception, and what a chain can show is shown in every format."""

from __future__ import annotations

import json
import re

import pytest
import sympy
from typer.testing import CliRunner

from chainrule import explain
from chainrule.budget import OutOfTime
from chainrule.cli.app import app
from chainrule.errors import ChainruleError, TooDeep
from chainrule.formats import render
from chainrule.network.backprop import backprop
from chainrule.network.model import Network, NetworkError
from chainrule.network.numbers import evaluate
from chainrule.network.training import train
from chainrule.recursion import stack_room

x, y = sympy.symbols("x y", real=True)
f = sympy.Function("f")
FORMATS = ["text", "latex", "markdown", "html", "json", "rich"]
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}

#: Once an internal error: printing f′(g) as an unevaluated substitution sent SymPy's evalf
#: into endless recursion on the constant acsc(acsch(e⁴)).
CRASH = "pi*f(log(asin(sec(y))) + acsc(acsch(exp(4))))"


def _steps(fmt: str, out: str) -> list[str]:
    """The rules the output names, one per step (JSON: the step tree's own names)."""
    if fmt == "json":
        found, stack = [], [json.loads(out)["steps"]]
        while stack:
            step = stack.pop()
            found.append(step["rule"])
            stack += step.get("substeps", [])
        return found
    return [rule for rule in ("Chain rule", "Substitute back", "Sum rule") if rule in out]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_crash_input_gives_its_steps_in_every_format(fmt):
    result = CliRunner().invoke(app, ["explain", CRASH, "--format", fmt], env=ENV)
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    rules = _steps(fmt, result.stdout)
    assert ("chain" in rules) if fmt == "json" else len(rules) == 3


def test_the_crash_input_puts_g_back_into_f_prime():
    text = render(explain(CRASH), "text", width=200)
    assert "= f′(ln(arcsin(sec(y))) + arccsc(acsch(e⁴)))·" in text


@pytest.mark.parametrize("formula", [CRASH, "f(x + acsc(log(1/2)))", "f(x^2 + acsc(3))"])
def test_f_prime_at_g_is_built_once_in_the_step(formula):
    ex = explain(formula)
    chains, stack = [], [ex.root]
    while stack:
        step = stack.pop()
        stack += step.substeps
        if step.rule == "chain":
            chains.append(step)
    outer = next(c for c in chains if c.outer.has(f))
    # f′(g), unevaluated: the substitution the line "put u back" shows, equal to the math.
    assert isinstance(outer.written_at, sympy.Subs)
    assert outer.written_at.doit() == outer.outer_derivative.subs(outer.u, outer.inner).doit()
    assert sympy.simplify(ex.derivative - sympy.diff(ex.expression, ex.variable)) == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unevaluated_substitution_from_python_renders_in_every_format(fmt):
    ex = explain(sympy.Subs(f(y), y, x**2))
    assert ex.derivative == sympy.diff(ex.expression, x)
    out = render(ex, fmt)
    assert "2" in out and "f" in out


def test_mathml_writes_a_substitution_as_a_bar_with_its_point():
    out = render(explain(sympy.Subs(f(y), y, x**2)), "html")
    assert "<msub><mo>|</mo><mrow><mi>y</mi><mo>=</mo><msup><mi>x</mi><mn>2</mn>" in out


@pytest.mark.parametrize(
    ("number", "message"),
    [
        (sympy.Float("1e100000"), "about 10^100000, is out of range"),
        (sympy.Float("1e-100000"), "about 10^-100000, is out of range"),
        (sympy.Integer(10) ** 2000, "more than 1000 digits"),
        (sympy.Rational(1, 10**2000), "more than 1000 digits"),
    ],
    ids=["1e100000", "1e-100000", "10^2000", "10^-2000"],
)
def test_a_number_past_the_parser_limits_is_refused_from_python_too(number, message):
    with pytest.raises(ChainruleError, match=re.escape(message)) as caught:
        explain(number * x, timeout=1)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200


def test_a_number_within_the_limits_is_explained():
    ex = explain(sympy.Float("1.5e300") * x)
    assert ex.derivative == sympy.Float("1.5e300")


def test_the_library_timeout_stops_explain_with_the_timeout_error():
    # The product rule on 300 factors takes several seconds: far more than the budget.
    many = sympy.Mul(*(sympy.sin(k * x) + k for k in range(1, 301)))
    with pytest.raises(OutOfTime, match="gave up after 1 s") as caught:
        explain(many, timeout=1)
    assert isinstance(caught.value, ChainruleError)


def test_a_timeout_leaves_a_quick_explanation_alone():
    assert explain("sin(x^2)", timeout=30).derivative == 2 * x * sympy.cos(x**2)


def test_a_chain_past_the_deepest_supported_is_too_deep(monkeypatch):
    e = x
    for _ in range(60):
        e = sympy.sin(e)
    monkeypatch.setattr("chainrule.explaining.MAX_DEPTH", 50)
    with pytest.raises(TooDeep, match="nested 61 deep; at most 50"):
        explain(e)


def test_a_recursion_error_from_sympy_is_the_too_deep_refusal():
    def recurse(n):
        return recurse(n + 1)

    with pytest.raises(TooDeep, match="too deep") as caught, stack_room(1):
        recurse(0)
    assert isinstance(caught.value, ChainruleError)


def test_the_cli_refuses_a_recursion_error_with_status_2(monkeypatch):
    def deep_trouble(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("chainrule.explaining.derive", deep_trouble)
    result = CliRunner().invoke(app, ["explain", "sin(x)"], env=ENV)
    assert result.exit_code == 2
    assert "too deep" in result.stderr and "internal error" not in result.stderr


HUGE = 10**400


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda r: evaluate(r, {"x": HUGE}), "x = an integer of 401 digits is too large"),
        (lambda r: evaluate(r, {"w1": -HUGE}), "w1 = an integer of 401 digits is too large"),
        (lambda r: evaluate(r, lr=HUGE), r"learning rate \(--lr\) = an integer of 401"),
        (lambda r: train(r.network, given={"w1": HUGE}), "w1 = an integer of 401 digits"),
        (lambda r: train(r.network, [(HUGE, 1)]), "x = an integer of 401 digits"),
        (lambda r: train(r.network, [(0.5, 1), (1, HUGE)]), "y in row 2 = an integer of 401"),
        (lambda r: train(r.network, lr=HUGE), r"learning rate \(--lr\) = an integer of 401"),
    ],
)
def test_a_number_no_float_holds_is_a_network_error(call, message):
    with pytest.raises(NetworkError, match=message):
        call(backprop(Network()))
