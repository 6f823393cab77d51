"""Higher derivatives: each one explained from the one before it, equal to SymPy's, in every
format, with the book's notation (h′, h″, h‴, h⁽⁴⁾, d²y/dx²)."""

from __future__ import annotations

import json

import pytest
import sympy
from hypothesis import example, given, settings
from test_explain_properties import expressions, sympy_derivative
from typer.testing import CliRunner

from chainrule import render
from chainrule.calculus import MAX_ORDER, derivatives
from chainrule.calculus.higher import OrderError
from chainrule.cli.app import app
from chainrule.document import Nth
from chainrule.formats.mathml import mathml
from chainrule.formats.notation import latex, unicode


def _agree(ours: sympy.Expr, reference: sympy.Expr, x: sympy.Symbol) -> bool:
    difference = sympy.simplify(ours - reference)
    if difference == 0:
        return True
    others = sorted(reference.free_symbols | ours.free_symbols, key=lambda s: s.name)
    for point in (0.31, 0.77, 1.3, 2.1):
        at = {s: point + 0.17 * i for i, s in enumerate(others)} | {x: point}
        value = complex(difference.subs(at).evalf())
        if abs(value) > 1e-8 * max(1.0, abs(complex(reference.subs(at).evalf()))):
            return False
    return True


@pytest.mark.parametrize(
    ("formula", "n"),
    [("sin(x^2)", 2), ("x^x", 3), ("log(2 + cos(x))", 2), ("exp(-x^2)", 4), ("tan(x)", 3)],
)
def test_each_derivative_is_sympys(formula, n):
    hd = derivatives(formula, n)
    x = hd.variable
    for k, d in enumerate(hd.derivatives, 1):
        assert _agree(d, sympy.diff(hd.expression, x, k), x), (formula, k)
    assert hd.verified


def test_each_is_explained_from_the_simplified_one_before():
    hd = derivatives("sin(x^2)", 3)
    for before, after in zip(hd.explanations, hd.explanations[1:], strict=False):
        assert after.expression == before.derivative


@settings(max_examples=25, deadline=None)
@given(expressions)
@example(sympy.S(0) ** sympy.Symbol("x"))  # found by hypothesis: ln 0 in its derivative
def test_second_derivatives_of_generated_functions(expr):
    x = sympy.Symbol("x")
    if x not in expr.free_symbols:
        return
    # 0**x and the like have no finite derivative (ln 0 in it): nothing to compare.
    first = sympy_derivative(expr, x)
    if first.has(sympy.nan, sympy.zoo) or sympy_derivative(first, x).has(sympy.nan, sympy.zoo):
        return
    hd = derivatives(expr, 2, wrt="x")
    real_x = hd.variable
    reference = sympy_derivative(sympy_derivative(expr, x), x).xreplace({x: real_x})
    assert _agree(hd.derivatives[-1], reference.subs(sympy.Symbol("x", real=True), real_x), real_x)


def test_a_zero_derivative_ends_the_list_with_a_sentence():
    hd = derivatives("x^3 + x", 5)
    assert [str(d) for d in hd.derivatives] == ["3*x**2 + 1", "6*x", "6", "0"]
    assert hd.ended_early
    text = render(hd, "text")
    assert "h⁽⁴⁾(x) = 0, so every derivative after the fourth is 0 as well" in text


@pytest.mark.parametrize("bad", [0, 6, -1, 2.5, "2", True])
def test_orders_outside_one_to_five_are_refused(bad):
    with pytest.raises(OrderError):
        derivatives("sin(x)", bad)


@pytest.mark.parametrize(
    ("n", "text", "tex"),
    [(1, "h′(x)", "h'"), (2, "h″(x)", "h''"), (3, "h‴(x)", "h'''"), (4, "h⁽⁴⁾(x)", "h^{(4)}")],
)
def test_the_notation_of_each_order(n, text, tex):
    x = sympy.Symbol("x")
    term = Nth(sympy.Symbol("h"), x, n)
    assert unicode(term) == text
    assert latex(term).startswith(tex + r"\left(x")
    marks = {1: "′", 2: "″", 3: "‴"}
    assert (f'<mo lspace="0" rspace="0">{marks[n]}</mo>' if n <= 3 else "<mn>4</mn>") in (
        mathml(term)
    )


def test_leibniz_notation_for_a_function_named_y():
    hd = derivatives("y = x^4", 2)
    text = render(hd, "text")
    assert "d²y/dx² = 12x²" in text
    assert r"\frac{d^{2} y}{d x^{2}}" in render(hd, "latex")


@pytest.mark.parametrize("fmt", ["text", "rich", "latex", "markdown", "html"])
def test_every_format_shows_every_derivative(fmt):
    out = render(derivatives("sin(x^2)", 3), fmt)
    assert out.count("cos") > 3


def test_json_holds_each_derivative_and_its_explanation():
    data = json.loads(render(derivatives("sin(x^2)", 2), "json"))
    assert data["kind"] == "higher derivatives" and data["order"] == 2
    assert data["derivatives"][0] == "2*x*cos(x**2)"
    assert len(data["explanations"]) == 2 and "steps" in data["explanations"][1]


def test_the_cli_order_option():
    runner = CliRunner()
    ok = runner.invoke(app, ["explain", "sin(x^2)", "--order", "2", "-f", "text"])
    assert ok.exit_code == 0 and "h″(x) = 2cos(x²) − 4x²·sin(x²)" in ok.stdout
    for bad in (["--order", str(MAX_ORDER + 1)], ["--order", "0"], ["--order", "2", "--at", "x=1"]):
        result = runner.invoke(app, ["explain", "sin(x^2)", *bad])
        assert result.exit_code == 2, bad
        assert "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1


def test_check_judges_a_second_derivative_and_names_the_product_rule_slip():
    from chainrule import check

    right = check("sin(x^2)", "2cos(x^2) - 4x^2 sin(x^2)", order=2)
    assert right.status == "right"
    wrong = check("sin(x^2)", "-4x^2 sin(x^2)", order=2)  # (2x·cos x²)′ without its P′Q
    assert wrong.status == "wrong" and "product" in wrong.mistake


def test_the_cli_checks_an_order_with_a_leading_minus_answer():
    result = CliRunner().invoke(
        app, ["check", "sin(x^2)", "-4x^2 sin(x^2)", "--order", "2", "-f", "json"]
    )
    assert result.exit_code == 1, result.output
    assert "product" in json.loads(result.stdout)["mistake"]
