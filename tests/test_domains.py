"""A table entry that holds only on part of the reals says where, once and briefly (issue 8,
point 5); sign(u) has the derivative 0 away from its jump."""

from __future__ import annotations

import pytest
import sympy as sp

from chainrule import explain
from chainrule.formats import render


@pytest.mark.parametrize(
    ("formula", "said"),
    [
        ("log(2+cos(x))", "Logarithm (table) — from the derivative table; for u > 0"),
        ("sqrt(1+x^2)", "lower it by one; for u > 0"),
        ("1/x^2", "lower it by one; for x ≠ 0"),
        ("abs(x^2-1)", "Absolute value (table) — from the derivative table; for u ≠ 0"),
        ("asin(2x)", "Inverse trigonometric (table) — from the derivative table; for |u| < 1"),
        ("acosh(x^2+2)", "Hyperbolic (table) — from the derivative table; for u > 1"),
        ("x^x", "then y′ = y·(ln(y))′; for x > 0"),
        ("sign(x)", "Sign (table) — from the derivative table; for x ≠ 0"),
    ],
)
def test_each_condition_is_said_where_the_entry_is_used(formula, said):
    text = " ".join(render(explain(formula), "text", width=200).split())
    assert said in text


@pytest.mark.parametrize("formula", ["sin(x)", "x^3", "exp(2x)", "atan(x)", "sigmoid(x)"])
def test_entries_that_hold_everywhere_say_nothing(formula):
    assert "; for " not in render(explain(formula), "text", width=200)


@pytest.mark.parametrize("formula", ["sign(x)", "sign(x^2 - 1)*x", "sign(sin(x))", "x*sign(x)"])
def test_sign_has_derivative_zero_away_from_its_jump(formula):
    e = explain(formula)
    assert e.verification.ok
    x = sp.Symbol("x", real=True)  # as the parser reads it
    # SymPy's own derivative on the reals, with its 2δ(u) read as 0 off the jumps.
    theirs = sp.diff(e.expression, x).replace(sp.DiracDelta, lambda *_: sp.S.Zero)
    for point in (-1.7, -0.3, 0.4, 2.2):
        assert abs(float(e.derivative.subs(x, point)) - float(theirs.subs(x, point))) < 1e-9


def test_the_condition_is_math_in_every_format():
    h = explain("log(2+cos(x))")
    assert "for $u > 0$" in render(h, "latex")
    assert "<mo>&gt;</mo>" in render(h, "html")


@pytest.mark.parametrize(
    ("formula", "answer"),
    [
        ("log(abs(x))", "1/x"),  # x/|x|² on the reals
        ("sqrt(x^2)", "x/|x|"),  # x/√(x²) on the reals
        ("abs(x)^2", "2x"),
    ],
)
def test_answers_use_what_holds_on_the_reals(formula, answer):
    from chainrule.formats.notation import unicode

    e = explain(formula)
    assert unicode(e.derivative) == answer and e.verification.ok


def test_a_polynomial_answer_is_multiplied_out_when_that_is_no_longer():
    from chainrule.formats.notation import unicode

    assert unicode(explain("(x^2+1)(x^3-2)").derivative) == "5x⁴ + 3x² − 4x"
    # Multiplied out, (x + 1)²(x − 1)³ would take five terms: the factored form stays.
    assert "(5x + 1)" in unicode(explain("(x+1)^2 (x-1)^3").derivative)


@pytest.mark.parametrize("declared", [{}, {"real": True}, {"positive": True}, {"nonzero": True}])
@pytest.mark.parametrize(
    ("relation", "of_abs", "number"),
    [(sp.Gt, False, 0), (sp.Ne, False, 0), (sp.Gt, False, 1), (sp.Lt, True, 1), (sp.Gt, True, 1)],
)
def test_a_condition_is_what_sympy_builds(declared, relation, of_abs, number):
    # Built without asking a sign-unknown symbol's assumptions, it is still SymPy's own.
    from chainrule.views.domains import _condition

    u = sp.Symbol("u", **declared)
    lhs = sp.Abs(u) if of_abs else u
    ours, sympys = _condition(relation, lhs, number), relation(lhs, number)
    assert type(ours) is type(sympys) and ours == sympys
