"""ReLU and its derivative, the unit step H with the kink at 0 taken as H(0) = 0."""

import pytest
import sympy

from chainrule import explain
from chainrule.formats import render
from chainrule.formats.mathml import mathml
from chainrule.formats.notation import code, latex, unicode
from chainrule.functions import LAMBDIFY_MODULES, STEP_AT_ZERO, heaviside, relu
from chainrule.network.shape import RELU_AT_ZERO
from chainrule.steps import ReluStep

x, w, b = sympy.symbols("x w b")


@pytest.mark.parametrize(
    ("u", "value", "slope"),
    [(2, 2, 1), (sympy.Rational(1, 3), sympy.Rational(1, 3), 1), (0, 0, 0), (-5, 0, 0)],
)
def test_values_and_the_kink(u, value, slope):
    assert relu(u) == value
    assert heaviside(u) == slope


def test_the_kink_is_one_choice_everywhere():
    assert STEP_AT_ZERO == RELU_AT_ZERO == 0
    assert heaviside(x).rewrite(sympy.Heaviside) == sympy.Heaviside(x, 0)
    assert relu(x).rewrite(sympy.Max) == sympy.Max(0, x)


def test_derivative_agrees_with_sympy_away_from_the_kink():
    ours = sympy.lambdify([w, x, b], sympy.diff(relu(w * x + b), w), modules=LAMBDIFY_MODULES)
    theirs = sympy.diff(sympy.Max(0, w * x + b), w)
    for point in [(1, 2, 0.5), (-1, 2, 0.5), (0.3, -4, 1)]:
        expected = float(theirs.subs(dict(zip((w, x, b), point, strict=True))))
        assert ours(*point) == pytest.approx(expected)


def test_explainer_uses_the_table_entry_and_checks_it():
    e = explain(relu(w * x + b), wrt=w)
    assert e.derivative == x * heaviside(w * x + b)
    assert any(isinstance(s, ReluStep) for s in e.root.walk())
    assert e.verification.ok


def test_printed_in_every_notation():
    e = relu(x) * heaviside(x)
    assert "ReLU(x)" in unicode(e) and "H(x)" in unicode(e)
    assert r"\operatorname{ReLU}" in latex(e) and r"H\left(x\right)" in latex(e)
    assert "ReLU" in mathml(e) and "<mi>H</mi>" in mathml(e)
    assert code(e) in ("heaviside(x)*relu(x)", "relu(x)*heaviside(x)")
    text = render(explain(relu(x)), "text")
    assert "ReLU (table)" in text and "H(x)" in text


def test_a_learner_types_relu_and_its_step():
    from chainrule import at_point, check, explain
    from chainrule.calculus.point import PointError

    ex = explain("relu(x^2 - 1)")
    assert ex.verification.ok
    assert check("relu(3x)", "3 heaviside(3x)").correct
    assert at_point("x relu(x - 1)", "x=2").slope == 3
    with pytest.raises(PointError, match="corner"):
        at_point("relu(x)", "x=0")
