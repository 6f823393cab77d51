"""One convention for d/dx against ∂/∂x (issue 8, point 8), as the README states it."""

import pytest

from chainrule import explain
from chainrule.formats import render


@pytest.mark.parametrize(
    ("formula", "wrt", "heading", "note", "sign"),
    [
        ("a^x", None, "The derivative of aˣ", "(a is a constant)", "d/dx aˣ = aˣ·ln(a)"),
        ("k*sin(n*x)", None, "The derivative of", "(k and n are constants)", "d/dx"),
        ("x^2*y", None, "The partial derivative of", "(y is held constant)", "∂/∂x"),
        ("a*x + y", None, "The partial derivative of", "(a and y are held constant)", "∂/∂x"),
        ("x^2*y", "y", "The partial derivative of", "(x is held constant)", "∂/∂y"),
        ("sin(x)", None, "The derivative of sin(x)", None, "d/dx sin(x) = cos(x)"),
    ],
)
def test_d_for_one_variable_and_partial_for_several(formula, wrt, heading, note, sign):
    text = render(explain(formula, wrt=wrt), "text")
    assert text.startswith(heading)
    assert note is None or note in text
    assert sign in text
    other = "∂/∂" if sign.startswith("d/d") else "d/d"
    steps = text.split("Steps", 1)[1]
    assert other not in steps.replace("d/du", "").replace("d/dv", "")


def test_the_network_is_partial_throughout():
    from chainrule.network import Network, backprop

    text = render(backprop(Network(), ["w2"]), "text", param="w2")
    assert "∂/∂z₂ σ(z₂)" in text and "d/dz" not in text and "d/dŷ" not in text
