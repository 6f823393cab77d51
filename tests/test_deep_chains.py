"""A chain that alternates with sums, ln(2 + sin(ln(2 + …))), is shown in letters like any long
chain: every format, output growing with the formula, each sum built on its links' results,
and each letter's definition in the order the learner writes it (2 + sin(v))."""

from __future__ import annotations

import json

import pytest
import sympy
from typer.testing import CliRunner

from chainrule import explain
from chainrule.cli.app import app
from chainrule.formats import render
from chainrule.views.letters import Letters, letters_for, natural

x = sympy.Symbol("x", real=True)
v = sympy.Symbol("v")
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}


def alternating(pairs: int) -> sympy.Expr:
    """ln(2 + sin(…)) ``pairs`` times: a chain of 2·pairs links, a sum between each two."""
    e = x
    for _ in range(pairs):
        e = sympy.log(2 + sympy.sin(e))
    return e


@pytest.mark.parametrize("fmt", ["text", "latex", "markdown", "html", "json", "rich"])
def test_a_hundred_links_alternating_with_sums_are_shown_in_every_format(fmt):
    ex = explain(alternating(50))
    assert len(letters_for(ex).names) == 99
    out = render(ex, fmt)
    if fmt == "json":
        assert json.loads(out)["steps"]["rule"] == "chain"
    else:
        assert "too long to show" not in out
        assert out.count("Sum rule") == 50 and out.count("Chain rule") == 99


def test_each_sum_is_built_on_its_links_results():
    text = render(explain(alternating(50)), "text", width=100)
    # The outermost sum: u = 2 + sin(v), and sin(v)′ = cos(v)·v′ from the line above.
    assert "u′ = d/dx (2 + sin(v)) = cos(v)·v′ + 0 = cos(v)·v′" in text
    # No line of the steps writes a chain out.
    steps = text.split("Steps")[1].split("Answer")[0]
    assert "sin(ln(" not in steps and "ln(2 + sin(" not in steps


def test_the_output_grows_with_the_chain_not_faster():
    sizes = [len(render(explain(alternating(n)), "text", width=100)) for n in (25, 50)]
    # Twice the links, about twice the output (written out, or summed in full, ~4×–8×).
    assert sizes[1] / sizes[0] < 2.5


def test_the_letters_are_defined_in_the_order_a_learner_writes_them():
    text = render(explain(alternating(50)), "text", width=100)
    assert "u = 2 + sin(v), v = ln(w), w = 2 + sin(s)" in text
    assert "+ 2" not in text.split("and u = ")[1]


def test_a_typed_chain_keeps_its_typed_order_in_the_letters():
    formula = "x"
    for _ in range(16):
        formula = f"log(sin({formula}) + 2)"
    result = CliRunner().invoke(app, ["explain", formula], env=ENV)
    assert result.exit_code == 0, result.output
    assert "u = sin(v) + 2" in result.stdout and "u = 2 + sin(v)" not in result.stdout


@pytest.mark.parametrize(
    ("definition", "order"),
    [
        (sympy.sin(v) + 2, (2, sympy.sin(v))),
        (sympy.exp(v) + sympy.log(v) + 1, (1, sympy.exp(v), sympy.log(v))),
        (v**2 + 1, None),  # a polynomial keeps falling powers: v² + 1
        (v + 1, None),
        (sympy.sin(v) + sympy.cos(v), None),  # no number to place
        (2 * sympy.sin(v), None),  # a product: SymPy's number leads already
    ],
)
def test_the_natural_order_of_a_sum_built_in_python(definition, order):
    assert natural(definition) == order


def test_the_answer_in_letters_is_still_the_derivative():
    ex = explain(alternating(6))  # 12 links: SymPy still sorts the product (see times())
    assert letters_for(ex) is not None
    letters = Letters(ex.root)
    in_letters = letters.short(ex.derived)
    for u, definition in letters.substitutions():
        in_letters = in_letters.xreplace({u: definition})
    assert in_letters == ex.derived
