"""Γ(x)′ = Γ(x)·ψ(x): the Gamma and digamma functions in the learner's letters in every format."""

import sympy

from chainrule import explain, render


def test_gamma_and_digamma_are_written_as_tables_write_them():
    ex = explain("Gamma(x^2)")
    assert ex.derivative.has(sympy.polygamma)
    text = render(ex, "text")
    assert "Γ(x²)·ψ(x²)" in text and "polygamma(0, x" not in text
    latex = render(ex, "latex")
    assert r"\psi\left(x^{2}\right)" in latex and "operatorname{polygamma}" not in latex
    html = render(ex, "html")
    assert "<mi>ψ</mi>" in html and "<mi>Γ</mi>" in html


def test_a_higher_polygamma_carries_its_order():
    from chainrule.formats.notation import unicode

    x = sympy.Symbol("x")
    assert unicode(sympy.polygamma(2, x)) == "ψ⁽²⁾(x)"
