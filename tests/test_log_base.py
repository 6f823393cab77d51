"""A logarithm to a base reads as the learner typed it, log₂(x), in every format: the heading,
the decomposition, each step and the answer. SymPy stores it as ln(x)/ln(2); only the
printing changes, so every derivative is still SymPy's own."""

from __future__ import annotations

import io
import json
import re

import pytest
import sympy as sp
from rich.console import Console

from chainrule.explaining import explain
from chainrule.formats import render
from chainrule.parsing import parse

x = sp.Symbol("x", real=True)

#: Typed, and how each of the three notations writes the logarithm in it.
TYPED = [
    ("log(x,2)", "log₂(x)", r"\log_{2}{\left(x \right)}", "<mn>2</mn></msub>"),
    ("log2(x)", "log₂(x)", r"\log_{2}{\left(x \right)}", "<mn>2</mn></msub>"),
    ("log_2(x)", "log₂(x)", r"\log_{2}{\left(x \right)}", "<mn>2</mn></msub>"),
    ("log10(x)", "log₁₀(x)", r"\log_{10}{\left(x \right)}", "<mn>10</mn></msub>"),
    ("log(x^2+1, 10)", "log₁₀(x² + 1)", r"\log_{10}{\left(x^{2} + 1 \right)}", "<mn>10</mn>"),
    ("log(sin(x), 2)", "log₂(sin(x))", r"\log_{2}{\left(\sin{\left(x \right)} \right)}", "<mn>2"),
    ("3*log(x,2)", "3log₂(x)", r"3 \log_{2}{\left(x \right)}", "<mn>2</mn></msub>"),
    ("log(x,2)^2", "log₂(x)²", r"\log_{2}{\left(x \right)}^{2}", "<mn>2</mn></msub>"),
    ("log(x,pi)", "log_π(x)", r"\log_{\pi}{\left(x \right)}", "<mi>π</mi></msub>"),
]


@pytest.mark.parametrize(("typed", "text", "tex", "mathml"), TYPED)
def test_every_format_writes_log_b(typed, text, tex, mathml):
    ex = explain(typed)
    assert ex.derivative.equals(sp.diff(parse(typed), x))
    shown = render(ex, "text")
    assert f"The derivative of {text} with respect to x" in shown
    # "Result:", or "As derived:" when a shorter form follows (cos(x)/sin(x) is cot(x)).
    assert re.search(rf"(Result|As derived): d/dx \(?{re.escape(text)}\)? = ", shown)
    assert "ln(x)/ln(" not in shown
    for format in ("latex", "markdown"):
        assert f"The derivative of ${tex}$" in render(ex, format)
    assert mathml in render(ex, "html")
    assert '<mi mathvariant="normal">log</mi>' in render(ex, "html")


def test_the_step_and_its_rule_read_log_b():
    text = render(explain("log(x,2)"), "text")
    assert "1. Logarithm (table) — from the derivative table; for x > 0" in text
    assert "d/dx log₂(x) = 1/(x·ln(2))" in text  # the derivative keeps ln 2: no ln(u) in it
    console = Console(file=io.StringIO(), width=80, color_system=None, force_terminal=False)
    console.print(explain("log(x,2)"))
    assert "d/dx log₂(x) = 1/(x·ln(2))" in console.file.getvalue()
    tex = render(explain("log(x,2)"), "latex")
    assert r"\frac{d}{d x} \log_{2}{\left(x \right)} & = \frac{1}{x \cdot \ln{\left(2" in tex


def test_the_decomposition_and_chain_read_log_b():
    text = render(explain("log(x^2+1, 10)"), "text")
    for phrase in (
        "h(x) = log₁₀(x² + 1) = f(g(x))",
        "f(u) = log₁₀(u)",
        "f′(u) = 1/(u·ln(10))",
        "d/du log₁₀(u) = 1/(u·ln(10))",
        "Chain rule — outer log₁₀(u), inner u = x² + 1",
        "Result: d/dx log₁₀(x² + 1) = 2x/((x² + 1)·ln(10))",
    ):
        assert phrase in text, phrase
    html = render(explain("log(x^2+1, 10)"), "html")
    assert "<mi>f</mi><mo>\u2061</mo>" in html and "<mn>10</mn></msub>" in html


def test_a_typed_product_keeps_its_order_round_log_b():
    assert "The derivative of log₂(x)·x with respect to x" in render(explain("log(x,2)*x"), "text")
    assert "The derivative of x·log₂(x) with respect to x" in render(explain("x*log(x,2)"), "text")


@pytest.mark.parametrize(("typed", "shown"), [("log(x, e)", "ln(x)"), ("log(x, b)", "ln(x)/ln(b)")])
def test_base_e_is_ln_and_a_symbol_base_stays_a_quotient(typed, shown):
    # A symbol base might be the variable itself, so it is not written as a base.
    text = render(explain(typed, wrt="x"), "text")
    assert f"derivative of {shown} with respect to x" in text


@pytest.mark.parametrize(
    ("typed", "ascii"), [("log(x^2+1, 3)", "log_3(x^2 + 1)"), ("log10(x)", "log_10(x)")]
)
def test_an_ascii_console_spells_the_base_as_typed_and_reads_back(typed, ascii):
    shown = render(explain(typed), "text", ascii=True)
    assert shown.isascii()
    assert f"The derivative of {ascii} with respect to x" in shown
    assert parse(ascii) == parse(typed)


def test_json_keeps_sympy_syntax_that_reads_back():
    # JSON is data for programs, in SymPy syntax that keeps the base typed: log(x, 2), which
    # SymPy reads back as the same log(x)/log(2).
    data = json.loads(render(explain("log(x,2)"), "json"))
    assert data["expression"] == "log(x, 2)"
    assert json.loads(render(explain("3 log_10(x) x"), "json"))["expression"] == "3*log(x, 10)*x"
    assert data["steps"]["base"] == "2"
    assert sp.sympify(data["expression"], locals={"x": x}) == sp.log(x, 2)
