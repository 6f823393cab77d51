"""What the learner typed is kept (issue 17, point 4): a quotient with eˣ under the bar, and a
power with its negative exponent, are shown as typed in every format, the JSON's ``expression``
included, while the expression stays SymPy's own; check echoes each line in its typed order."""

from __future__ import annotations

import json

import pytest
import sympy

from chainrule import check, explain, ordering
from chainrule.formats import render
from chainrule.formats.mathml import mathml
from chainrule.formats.notation import code, latex, unicode
from chainrule.parsing import parse

x = sympy.Symbol("x", real=True)


def heading(ex, fmt: str) -> str:
    """The line of ``render(ex, fmt)`` that names the function: the formula as shown."""
    if fmt == "json":
        return json.loads(render(ex, "json"))["expression"]
    out = render(ex, fmt)
    return next(line for line in out.splitlines() if "derivative of" in line.lower())


# text as typed -> (SymPy's own expression, then the typed form in Unicode, LaTeX and JSON)
TYPED = [
    (
        "x sqrt(2x+1)/(e^x sin(x)^3)",
        x * sympy.sqrt(2 * x + 1) * sympy.exp(-x) / sympy.sin(x) ** 3,
        "x·√(2x + 1)/(eˣ·sin³(x))",
        r"\frac{x \cdot \sqrt{2 x + 1}}{e^{x} \cdot \sin^{3}{\left(x \right)}}",
        "x*sqrt(2*x + 1)/(exp(x)*sin(x)**3)",
    ),
    ("(5-2x)^(-2)", (5 - 2 * x) ** -2, "(5 − 2x)⁻²", r"\left(5 - 2 x\right)^{-2}", None),
    ("3(5-2x)^(-2)", 3 / (5 - 2 * x) ** 2, "3(5 − 2x)⁻²", r"3 \left(5 - 2 x\right)^{-2}", None),
    ("x/e^x", x * sympy.exp(-x), "x/eˣ", r"\frac{x}{e^{x}}", "x/exp(x)"),
    ("1/e^x", sympy.exp(-x), "1/eˣ", r"\frac{1}{e^{x}}", "1/exp(x)"),
    ("x^(-1/2)", x ** sympy.Rational(-1, 2), "x^(−1/2)", r"x^{- \frac{1}{2}}", "x**(-1/2)"),
    ("2x^(-3) + 1", 2 / x**3 + 1, "2x⁻³ + 1", r"2 x^{-3} + 1", "2*x**(-3) + 1"),
]


@pytest.mark.parametrize(("text", "sympys", "shown", "tex", "data"), TYPED)
def test_the_expression_stays_sympys_own(text, sympys, shown, tex, data):
    assert parse(text) == sympys
    assert explain(text).expression == sympys


@pytest.mark.parametrize(("text", "sympys", "shown", "tex", "data"), TYPED)
def test_a_typed_form_is_printed_as_typed(text, sympys, shown, tex, data):
    ex = explain(text)
    assert unicode(ex.expression, order=ex.order) == shown
    assert latex(ex.expression, order=ex.order) == tex
    written = code(ex.expression, order=ex.order)
    if data is not None:
        assert written == data
    assert sympy.sympify(written, locals={"x": x}) == sympys  # JSON reads back equal
    # Without the typed order, SymPy's own form: only the printing changed.
    assert unicode(ex.expression) != shown


@pytest.mark.parametrize(("text", "sympys", "shown", "tex", "data"), TYPED)
def test_every_format_shows_the_formula_as_typed(text, sympys, shown, tex, data):
    ex = explain(text)
    assert shown in heading(ex, "text")
    assert shown in heading(ex, "rich")
    assert tex in heading(ex, "latex")
    assert tex in heading(ex, "markdown")
    with ordering.typed(ex.order):
        assert mathml(ex.expression) in heading(ex, "html")
    assert heading(ex, "json") == code(ex.expression, order=ex.order)


def test_html_keeps_e_to_the_x_under_the_bar():
    ex = explain("x sqrt(2x+1)/(e^x sin(x)^3)")
    top = heading(ex, "html")
    assert "<mfrac>" in top and "<msup><mi>e</mi><mi>x</mi></msup>" in top
    assert "<mo>−</mo><mi>x</mi>" not in top  # no e^(−x)


def test_the_derivatives_own_lines_use_the_usual_form():
    ex = explain("(5-2x)^(-2)")
    assert unicode(ex.derivative, order=ex.order) == "4/(5 − 2x)³"
    assert "d/dx (5 − 2x)⁻² = 4/(5 − 2x)³" in render(ex, "text")


def test_an_exponential_typed_both_ways_is_printed_one_way():
    # e^(−x) and 1/eˣ are one expression to SymPy: printed alike, in SymPy's form.
    ex = explain("e^(-x) + sin(1/e^x)")
    assert unicode(ex.expression, order=ex.order) == "e^(−x) + sin(e^(−x))"
    ex = explain("x^(-2) + cos(1/x^2)")
    assert unicode(ex.expression, order=ex.order) == "1/x² + cos(1/x²)"


def test_an_exponential_typed_in_a_numerator_stays_there():
    ex = explain("e^(-x) sin(x)")
    assert unicode(ex.expression, order=ex.order) == "e^(−x)·sin(x)"


@pytest.mark.parametrize(
    ("text", "typed", "sympys"),
    [
        ("x 3^(x-1)", "x·3^(x − 1)", "3^(x − 1)·x"),
        ("sin(x) x", "sin(x)·x", "x·sin(x)"),
        ("cos(x) x^2", "cos(x)·x²", "x²·cos(x)"),
    ],
)
def test_check_echoes_each_line_in_the_order_typed(text, typed, sympys):
    c = check("x^3", text)
    shown = render(c, "text", width=100)
    assert shown.count(typed) >= 2  # the line echoed, and "Yours:"
    assert sympys not in shown
