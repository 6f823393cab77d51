"""The tidy-up's measure counts exactly what ``sympy.count_ops`` counts, on every kind of tree."""

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from test_explain_properties import expressions

from chainrule.explaining import explain
from chainrule.tidying.measure import operations

x = sympy.Symbol("x", real=True)


@settings(max_examples=400, deadline=None)
@given(expressions)
def test_operations_is_count_ops_on_generated_trees(expr):
    assert operations(expr) == sympy.count_ops(expr)


@settings(max_examples=200, deadline=None)
@given(expressions)
def test_operations_is_count_ops_on_derivatives_and_their_negatives(expr):
    d = sympy.diff(expr, sympy.Symbol("x"))
    for e in (d, -d, 1 / (d + 2), sympy.Mul(-3, d + 1, evaluate=False)):
        assert operations(e) == sympy.count_ops(e)


def test_operations_is_count_ops_on_every_form_the_tidy_up_weighed():
    for formula in ("x/(x^2 + 1)", "cos(x)/(1 + sin(x))", "(3x - 1)^4", "exp(x)/(1 + exp(x))^2"):
        e = explain(formula)
        forms = [e.derived, e.derivative, *(m.after for m in e.tidying)]
        for f in forms:
            assert operations(f) == sympy.count_ops(f), f


@given(st.integers(-5, 5), st.integers(1, 4))
def test_operations_counts_signs_and_fractions_of_numbers(p, q):
    r = sympy.Rational(p, q)
    for e in (r, r * x, r + x, -x - r, x**r, sympy.exp(r * x), sympy.E**2):
        assert operations(e) == sympy.count_ops(e)
