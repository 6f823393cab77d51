"""Size that follows the formula (issue 8, point 7): past a budget, a long chain's lines and
answer name each link by its letter, so the output grows with the formula and its answer."""

from __future__ import annotations

import pytest
import sympy

from chainrule import explain
from chainrule.formats import render
from chainrule.formats.notation import code, unicode
from chainrule.views.letters import Letters, letters_for

x = sympy.Symbol("x", real=True)


def nest(depth: int) -> sympy.Expr:
    e = x
    for i in range(depth):
        e = (sympy.sin if i % 2 == 0 else sympy.log)(e)
    return e


def test_the_output_grows_no_faster_than_the_formula_and_its_answer():
    sizes = {}
    for depth in (20, 100):
        e = explain(nest(depth))
        shown = render(e, "text", width=100)
        sizes[depth] = len(shown), len(code(e.expression)) + len(code(e.derivative))
    output_growth = sizes[100][0] / sizes[20][0]
    formula_growth = sizes[100][1] / sizes[20][1]
    assert output_growth <= formula_growth


@pytest.mark.parametrize("format", ["text", "latex", "markdown", "html"])
def test_each_link_is_written_out_once_and_named_by_its_letter_after(format):
    e = explain(nest(30))
    letters = letters_for(e)
    assert letters is not None and len(letters.names) == 29
    # The outermost link's inner function, written out, is long; past the heading, the
    # decomposition and the answer's "where h(x) = …", no line repeats it.
    inner = e.root.inner
    written = unicode(inner) if format in ("text", "markdown") else None
    shown = render(e, format, width=100)
    if written:
        assert shown.count(written) <= 3
    assert "where h(x) = " in shown or "where h(x)" in shown.replace("<mi>", "")
    # Written out, the lines would hold ~n³ characters; in letters, a few per link.
    markup = 10 if format == "html" else 1
    assert len(shown) < markup * 20 * (len(code(e.expression)) + len(code(e.derivative)))


def test_the_answer_in_letters_is_the_derivative():
    e = explain(nest(12))
    letters = Letters(e.root)
    in_letters = letters.short(e.derived)
    # Put the links back, outermost first: each definition holds only the next letter.
    for u, definition in letters.substitutions():
        in_letters = in_letters.xreplace({u: definition})
    assert in_letters == e.derived
    text = render(e, "text", width=100)
    assert "h′ = " in text and "where h(x) = " in text
    assert "u = sin(v)" in text and "u′ = d/dx sin(v) = cos(v)·v′" in text


@pytest.mark.parametrize(
    "formula", ["log(2+cos(x))", "sin(ln(sin(ln(x))))", "exp(sin(cos(tan(x^2+1))))"]
)
def test_short_chains_are_written_out_in_full(formula):
    e = explain(formula)
    assert letters_for(e) is None
    assert "names a link by its letter" not in render(e, "text")
