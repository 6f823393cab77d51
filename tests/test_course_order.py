"""A chain reads as the course teaches it: g′ first, then f′ from the table, their product in
u, then u = g(x) put back as a line of its own; a chain and its parts stay together; no "="
only reorders what is already there."""

from __future__ import annotations

import json

import pytest

from chainrule import explain
from chainrule.document import Derivation
from chainrule.formats import render
from chainrule.views.explanation import document


def lines(formula: str, wrt: str | None = None):
    # The rules' derivation: the first one (the tidy-up, if any, is a second).
    blocks = document(explain(formula, wrt=wrt)).blocks
    return next(block for block in blocks if isinstance(block, Derivation)).lines


def test_the_course_example_line_by_line():
    said = [(line.rule, line.sources) for line in lines("log(2+cos(x))")]
    assert said == [
        ("trig", ""),  # the terms of 2 + cos(x) in the order typed; 2′ = 0 written in place
        ("sum", "from step 1"),  # g′(x) first
        ("logarithm", ""),  # then f′(u) from the table
        ("chain", "from steps 2 and 3"),  # multiply, still in u
        ("substitute", "from step 4"),  # put u = g(x) back
    ]
    text = render(explain("log(2+cos(x))"), "text", width=100)
    assert "d/dx (2 + cos(x)) = 0 − sin(x) = −sin(x)" in text
    table = "3. Logarithm (table) — from the derivative table; for u > 0\n     d/du ln(u) = 1/u"
    assert table in text
    assert "4. Chain rule" in text and "d/dx ln(2 + cos(x)) = (1/u)·(−sin(x))\n" in text
    assert "5. Substitute back — put u = 2 + cos(x) back in (from step 4)" in text
    assert "= (1/(2 + cos(x)))·(−sin(x)) = −sin(x)/(2 + cos(x))" in text


def test_a_chain_and_its_parts_stay_together():
    # ln(sin(x²)): the inner chain sin(x²) is finished, u put back, before ln is looked up.
    rules = [line.rule for line in lines("log(sin(x^2))")]
    assert rules == ["power", "trig", "chain", "substitute", "logarithm", "chain", "substitute"]


def test_nothing_to_put_back_when_the_outer_derivative_is_a_constant():
    # d/du (3u) = 3 has no u in it: the product is the answer, with no substitution line.
    rules = [line.rule for line in lines("exp(x)^2")]
    assert rules.count("chain") == rules.count("substitute")
    assert [line.rule for line in lines("3*sin(x)")] == ["trig", "constant_multiple"]


@pytest.mark.parametrize(
    ("formula", "wrt", "shown"),
    [
        ("sin(x y)", "y", "∂/∂y sin(x·y) = x·cos(x·y)\n"),  # not "= cos(x·y)·x = x·cos(x·y)"
        ("x^2 y + sin(x y)", "y", "∂/∂y (x²·y + sin(x·y)) = x² + x·cos(x·y)\n"),
        ("f(2x)", None, "d/dx f(2x) = 2f′(2x)\n"),
    ],
)
def test_no_equals_sign_only_reorders(formula, wrt, shown):
    assert shown in render(explain(formula, wrt=wrt), "text", width=100)


def test_json_gives_the_chain_in_the_order_shown():
    data = json.loads(render(explain("log(2+cos(x))"), "json"))
    assert data["schema"] == 2
    assert [sub["rule"] for sub in data["steps"]["substeps"]] == ["sum", "logarithm"]


def test_the_letter_for_f_to_the_g_is_not_one_of_the_formulas_own():
    # x^(x·y): the formula has its own y, so ln w = x·y·ln x, never ln y = x·y·ln x.
    text = " ".join(render(explain("x^(x y)", wrt="x"), "text", width=200).split())
    assert "ln(w) = x·y·ln(x), then w′ = w·(ln(w))′" in text
    assert "ln(y) = x·ln(x)" in " ".join(render(explain("x^x"), "text", width=200).split())


def test_a_linear_link_names_the_constant_multiple_rule():
    from chainrule.network import Network, backprop

    text = render(backprop(Network(), ["w2"]), "text", param="w2", width=200)
    assert (
        "∂z₂/∂w₂ = ∂/∂w₂ (w₂·a₁ + b₂) = a₁"
        "   (b₂ is constant; w₂·a₁ by the constant multiple rule, a₁ held constant)"
    ) in text


@pytest.mark.parametrize(
    ("formula", "panel"),
    [
        ("f(g(x))", ["Decomposition: h = f∘g", "outer  f(u)", "inner  u = g(x)"]),
        ("f(x^2+1)", ["Decomposition: h = f∘g", "outer  f(u)", "u = g(x) = x² + 1"]),
        ("f(g(h(x)))", ["Decomposition: H = f∘g∘h", "middle  u = g(v)", "inner   v = h(x)"]),
    ],
)
def test_the_learners_own_f_and_g_name_the_links(formula, panel):
    text = render(explain(formula), "text", width=100)
    for part in panel:
        assert part in text
    assert "f(u) = f(u)" not in text and "f′(u) = f′(u)" not in text


def test_the_product_rule_says_its_sum_once():
    # 2x·sin x + x²·cos x is the answer already: "= x²·cos x + 2x·sin x" would only reorder it.
    text = render(explain("x^2 sin(x)"), "text", width=100)
    assert "d/dx (x²·sin(x)) = 2x·sin(x) + x²·cos(x)\n" in text


@pytest.mark.parametrize(
    "formula", ["sin(x^2+1)^3", "log(sin(x^2))", "exp(sin(x))*cos(2x)", "f(g(h(x)))", "u*sin(v*x)"]
)
def test_each_link_keeps_one_letter_and_no_two_functions_share_a_name(formula):
    import re

    e = explain(formula)
    text = " ".join(render(e, "text", width=300).split())
    # The panel's "u = g(v) = sin(v)" and the steps' "inner u = sin(x² + 1)" name one link.
    panel = dict(re.findall(r"(\w+) = (\w+)\(\w+\) = ", text))  # letter -> function name
    chains = re.findall(r"outer .+?, inner (\w+) = ", text)
    assert set(chains) <= {str(step.u) for step in e.steps() if hasattr(step, "u")}
    for step in e.steps():
        if hasattr(step, "u"):
            assert f"inner {step.u} = " in text
            assert step.u not in e.expression.free_symbols  # never the formula's own letter
    names = list(panel.values())
    assert len(names) == len(set(names))  # two links, two names
