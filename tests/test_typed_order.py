"""The order a learner typed sums and products in is kept in everything shown (issue 8, point
1, for sums and products); the expressions themselves stay SymPy's."""

from __future__ import annotations

import json

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from chainrule import explain, ordering
from chainrule.formats import render
from chainrule.formats.notation import latex, unicode
from chainrule.parsing import parse, read

x, w, a, b = sp.symbols("x w a b", real=True)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("2+cos(x)", (2, sp.cos(x))),
        ("w a + b", (w * a, b)),
        ("w a", (w, a)),
        ("1 - x", (1, -x)),
        ("(x+1)(x-1)", (x + 1, x - 1)),
    ],
)
def test_the_parser_records_the_typed_order(text, parts):
    expr, order, _ = read(text)
    assert order[frozenset(expr.args)] == tuple(sp.sympify(p) for p in parts)
    assert expr == parse(text)  # the expression is SymPy's own


def test_what_sympy_combines_has_no_order_to_keep():
    assert read("x + x")[1] == {}  # 2x
    assert read("2*x*3")[1] == {}  # 6x


@pytest.mark.parametrize("format", ["text", "latex", "markdown", "html"])
def test_the_course_example_keeps_2_plus_cos_x(format):
    shown = render(explain("log(2+cos(x))"), format)
    typed, sympys = {
        "text": ("2 + cos(x)", "cos(x) + 2"),
        "latex": (r"2 + \cos{\left(x \right)}", r"\cos{\left(x \right)} + 2"),
        "markdown": (r"2 + \cos{\left(x \right)}", r"\cos{\left(x \right)} + 2"),
        "html": ("<mn>2</mn><mo>+</mo>", "<mo>+</mo><mn>2</mn>"),
    }[format]
    assert typed in shown and sympys not in shown


def test_the_rules_take_the_terms_in_the_order_typed():
    first = [s.rule for s in explain("x^2 + sin(x)").steps()]
    second = [s.rule for s in explain("sin(x) + x^2").steps()]
    assert first == ["sum", "power", "trig"] and second == ["sum", "trig", "power"]
    assert explain("x^2 + sin(x)").derivative == explain("sin(x) + x^2").derivative


def test_a_product_keeps_its_order():
    text = render(explain("w*a + b", wrt="w"), "text")
    assert "w·a + b" in text


def test_printing_outside_an_explanation_is_sympys_order_unless_asked():
    h = explain("log(2+cos(x))")
    assert unicode(h.derivative) == "−sin(x)/(cos(x) + 2)"
    assert unicode(h.derivative, order=h.order) == "−sin(x)/(2 + cos(x))"
    assert latex(h.expression, order=h.order) == r"\ln{\left(2 + \cos{\left(x \right)} \right)}"
    assert ordering.arranged(h.expression.args) is None  # nothing leaks out of a call


terms = st.sampled_from(["x", "2", "sin(x)", "x^2", "3x", "cos(x)", "e^x", "1/x"])


@settings(max_examples=60, deadline=None)
@given(st.lists(terms, min_size=2, max_size=5, unique=True))
def test_any_typed_sum_is_shown_as_typed_and_derives_the_same(parts):
    h = explain(" + ".join(parts))
    assert h.derivative == explain(" + ".join(reversed(parts))).derivative
    heading = render(h, "text", width=200).splitlines()[0]
    recorded = dict(h.order).get(frozenset(h.expression.args))
    if h.expression.is_Add and recorded:  # x + 2 + 3x is 4x + 2: SymPy combined it
        assert " + ".join(unicode(parse(p)) for p in parts) in heading


def test_the_network_is_written_as_the_course_writes_it():
    # z₂ = w₂·a₁ + b₂, weight before activation (SymPy alone prints a₁·w₂ + b₂).
    from chainrule.network import Network, backprop

    text = render(backprop(Network(), ["w2"]), "text", param="w2")
    assert "z₁ = w₁·x + b₁" in text and "z₂ = w₂·a₁ + b₂" in text
    assert "∂z₂/∂w₂ = ∂/∂w₂ (w₂·a₁ + b₂) = a₁" in text
    assert "σ(w₂·σ(w₁·x + b₁) + b₂)" in text  # written out, too
    assert "a₁·w₂" not in text


def test_the_cross_entropy_cost_is_written_as_the_course_writes_it():
    from chainrule.network import Network, backprop

    text = render(backprop(Network(cost="cross-entropy"), ["w2"]), "text", param="w2")
    assert "J = −y·ln(ŷ) − (1 − y)·ln(1 − ŷ)" in text  # SymPy alone: − ln(1 − ŷ)·(1 − y)


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        ("x^2/x", [("x^2/x", "x")]),
        ("e^x/e^x", [("e^x/e^x", "1")]),
        ("2^3^2", [("2^3^2", "512")]),
        ("2(x+1)", [("2(x+1)", "2*x + 2")]),
        ("(x^2)^3 + sin(0)", [("(x^2)^3", "x**6"), ("sin(0)", "0")]),
        ("x*sin(x^2/x)", [("x^2/x", "x")]),
        ("(x^2/x)^2/x", [("(x^2/x)^2/x", "x")]),  # only the outermost
        ("e^(ln(x))", [("e^(ln(x))", "x")]),
        ("exp(ln(x))", [("exp(ln(x))", "x")]),
        ("sqrt(4x)", [("sqrt(4x)", "2*sqrt(x)")]),
        ("-(x+1)", [("-(x+1)", "-x - 1")]),
        ("x-(x+1)", [("x-(x+1)", "-1")]),
    ],
)
def test_what_sympy_simplifies_as_it_reads_is_noted(text, rewritten):
    from chainrule.parsing import read

    assert [(typed, str(result)) for typed, result in read(text)[2]] == rewritten


@pytest.mark.parametrize(
    "text",
    [
        *("log(2+cos(x))", "1/x", "x/(2y)", "2x*3", "e^x", "x - (y+z)", "-x*y", "x^(1/2)"),
        *("sin^2 x", "log(x, 2)", "log10(x)", "sqrt(x)", "sigmoid(w*x+b)", "-x", "--x"),
    ],
)
def test_a_formula_sympy_keeps_is_not_said_to_be_simplified(text):
    from chainrule.parsing import read

    assert read(text)[2] == ()


def test_the_explanation_says_what_it_derives_when_sympy_simplified_first():
    from chainrule.formats import render

    e = explain("2(x+1)")
    assert str(e.expression) == "2*x + 2" and e.rewritten[0][0] == "2(x+1)"
    text = render(e, "text")
    assert "Simplified as it was read: “2(x+1)” is 2x + 2" in text
    assert json.loads(render(e, "json"))["rewritten"] == [{"typed": "2(x+1)", "as": "2*x + 2"}]
    assert "Simplified as it was read" not in render(explain("2 + cos(x)"), "text")
