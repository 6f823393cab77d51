"""A power whose base is itself a power, a negative, a fraction or a function is written with
the brackets a teacher would write, in every notation: (x²)², (−x)², (1/x)², (eˣ)², (√x)³,
and sin²(x) for (sin x)² beside sin(x²). Substituting back builds such powers unevaluated."""

from __future__ import annotations

import re

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from chainrule import explain
from chainrule.formats import render
from chainrule.formats.mathml import mathml
from chainrule.formats.notation import latex, unicode
from chainrule.parsing import parse

x = sympy.Symbol("x", real=True)


def power(base, exponent):
    return sympy.Pow(base, exponent, evaluate=False)


def _grow(inner):
    return st.one_of(
        st.builds(power, inner, st.sampled_from([2, 3])),
        st.builds(lambda b: sympy.Mul(-1, b, evaluate=False), inner),
        st.builds(lambda b: sympy.Pow(b, -1, evaluate=False), inner),
        st.builds(lambda b: sympy.Mul(2, b, evaluate=False), inner),
        st.builds(lambda b: sympy.Add(b, 1, evaluate=False), inner),
        st.builds(sympy.sqrt, inner),
        st.builds(sympy.sin, inner),
        st.builds(sympy.exp, inner),
        st.builds(sympy.log, inner),
    )


leaves = st.sampled_from([x, sympy.Integer(3), sympy.Integer(-2), sympy.Rational(1, 2)])
bases = st.recursive(leaves, _grow, max_leaves=4)
exponents = st.sampled_from([2, 3, -1, -2, sympy.Rational(1, 2), sympy.Rational(2, 3)])

# The printer raises a letter after e (eˣ), which the parser does not read; write it back as ^x.
_RAISED_X = str.maketrans({"ˣ": "^x"})


def _value(expr, at: float) -> complex:
    try:
        value = sympy.N(expr.subs(x, at), 30)
    except ZeroDivisionError:  # 1/ln(2·(1/2)) is 1/0
        return complex("nan")
    return complex(value) if value.is_number and value.is_finite else complex("nan")


@settings(max_examples=150, deadline=None)
@given(bases, exponents)
def test_the_unicode_power_reads_back_as_the_same_number(base, exponent):
    expr = power(base, exponent)
    points = (0.7, 1.3, 2.9)
    expected = [_value(expr, at) for at in points]
    # Complex values (√(−2)) are out of the parser's scope, and a pole has no value to compare.
    assume(not expr.has(sympy.I))
    assume(all(v == v and v.imag == 0 and abs(v) < 1e12 for v in expected))
    # A part that is not real (√(1 − 2), squared back to −1) is refused by the parser, rightly.
    parts = [p for p in sympy.preorder_traversal(expr) if p.is_Pow]
    assume(all(_value(p, at).imag == 0 for p in parts for at in points))
    text = unicode(expr)
    back = parse(text.translate(_RAISED_X))
    for at, value in zip(points, expected, strict=True):
        assert abs(_value(back, at) - value) <= 1e-9 * max(1.0, abs(value)), (text, at)


# A base of one letter, number or function needs no brackets; every other base does.
_WRAPPED = [
    power(x**2, 2),
    power(sympy.Mul(-1, x, evaluate=False), 2),
    power(sympy.Integer(-2), 2),
    power(sympy.Pow(x, -1, evaluate=False), 2),
    power(sympy.Rational(1, 2), 2),
    power(sympy.sqrt(x), 3),
    power(sympy.exp(x), 2),
    power(sympy.sin(x) ** 2, 3),
    power(2 * x, 2),
    power(x + 1, 3),
    power(x**2, sympy.Symbol("n")),
]


@pytest.mark.parametrize("expr", _WRAPPED, ids=sympy.srepr)
def test_a_compound_base_is_bracketed_in_unicode(expr):
    base, _ = expr.args
    assert unicode(expr).startswith(f"({unicode(base)})"), unicode(expr)


@pytest.mark.parametrize("expr", _WRAPPED, ids=sympy.srepr)
def test_a_compound_base_is_bracketed_in_latex(expr):
    base, _ = expr.args
    assert latex(expr).startswith(rf"\left({latex(base)}\right)^"), latex(expr)


@pytest.mark.parametrize("expr", _WRAPPED, ids=sympy.srepr)
def test_a_compound_base_is_bracketed_in_mathml(expr):
    base, _ = expr.args
    markup = mathml(expr)
    assert re.match(r'<msup><mrow><mo stretchy="\w+">\(</mo>', markup), markup
    assert mathml(base) in markup


@pytest.mark.parametrize(
    ("expr", "text"),
    [
        (power(x**2, 2), "(x²)²"),
        (power(sympy.Pow(x, -1, evaluate=False), 2), "(1/x)²"),
        (power(sympy.Pow(x, -1, evaluate=False), -1), "1/(1/x)"),
        (power(sympy.Rational(1, 2), -1), "1/(1/2)"),
        (power(sympy.Integer(3), -1), "1/3"),
        (power(sympy.Mul(-1, x, evaluate=False), 2), "(−x)²"),
        (power(sympy.sqrt(x), 3), "(√x)³"),
        (power(sympy.exp(x), 2), "(eˣ)²"),
        (sympy.sin(x) ** 2, "sin²(x)"),
        (sympy.sin(x**2), "sin(x²)"),
        (power(sympy.sin(x) ** 2, 3), "(sin²(x))³"),
        (power(x**3, sympy.Rational(1, 2)), "√(x³)"),
        (1 / (1 + x) ** 2, "1/(x + 1)²"),
        (power(power(x, 2), -2), "1/(x²)²"),
    ],
)
def test_powers_as_a_teacher_writes_them(expr, text):
    assert unicode(expr) == text


def test_a_power_of_a_power_is_not_evaluated_on_its_way_into_a_mathml_fraction():
    # 1/(x²)² must not be drawn as 1/x⁴: the line shows the substitution, not its result.
    markup = mathml(power(power(x, 2), -2))
    assert "<mn>4</mn>" not in markup
    assert markup.count("<mn>2</mn>") == 2


def test_substituting_back_keeps_the_brackets_in_every_format():
    h = explain("arcsin(x^2)")
    text = render(h, "text")
    assert "√(1 − (x²)²)" in text
    assert "x²²" not in text
    assert r"\left(x^{2}\right)^{2}" in render(h, "latex")
    assert r"\left(x^{2}\right)^{2}" in render(h, "markdown")
    assert "<msup><mrow><mo stretchy" in render(h, "html")
