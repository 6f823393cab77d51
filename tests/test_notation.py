"""How expressions are written in each format: the table a learner would check by eye."""

import pytest
import sympy as sp

from chainrule.formats.notation import code, latex, symbol, unicode
from chainrule.functions import sigmoid

x, y, u, z2, a1 = sp.symbols("x y u z2 a1")
yhat = sp.Symbol("yhat")
f, g = sp.Function("f"), sp.Function("g")


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        (-sp.sin(x) / (sp.cos(x) + 2), "−sin(x)/(cos(x) + 2)"),
        (1 / u, "1/u"),
        (1 / (x + 1), "1/(x + 1)"),
        (x**-2, "1/x²"),
        (2 * x**2, "2x²"),
        (12 * x**11, "12x¹¹"),
        (3 * sp.sin(x), "3sin(x)"),
        (x / 2, "x/2"),
        (sp.sqrt(x), "√x"),
        (sp.sqrt(x + 1), "√(x + 1)"),
        (sp.cbrt(x), "∛x"),
        (x ** sp.Rational(2, 3), "x^(2/3)"),
        (sp.exp(x), "eˣ"),
        (sp.exp(-x), "e^(−x)"),
        (sp.exp(x**2), "e^(x²)"),
        (2**x * sp.log(2), "2ˣ·ln(2)"),
        (sp.sin(x) ** 2, "sin²(x)"),
        (sp.Abs(x), "|x|"),
        (sp.atan(x), "arctan(x)"),
        (sp.pi * x, "π·x"),
        (sigmoid(z2) * (1 - sigmoid(z2)), "σ(z₂)·(1 − σ(z₂))"),
        (3 * sigmoid(3 * x) * (1 - sigmoid(3 * x)), "3σ(3x)·(1 − σ(3x))"),
        (-2 * x * (x + 1) / (x - 1) ** 2, "−2x·(x + 1)/(x − 1)²"),
        (x * (x + 1) / 2, "x·(x + 1)/2"),
        ((yhat - y) * a1, "a₁·(ŷ − y)"),
        ((yhat - y) * a1 * sigmoid(z2) * (1 - sigmoid(z2)), "a₁·σ(z₂)·(1 − σ(z₂))·(ŷ − y)"),
        (-x + 1, "1 − x"),
        (sp.Symbol("w1") * x + sp.Symbol("b1"), "w₁·x + b₁"),
        (x**2 + 2 * x + 1, "x² + 2x + 1"),
        (-x - 1, "−x − 1"),
        (sp.diff(f(g(x)), x), "f′(g(x))·g′(x)"),
        (sp.Subs(sp.Derivative(f(u), u), u, g(x)), "f′(g(x))"),
        (2 / (x * y), "2/(x·y)"),  # never 2·1/(x·y)
        (-2 / (x * y), "−2/(x·y)"),
        (sp.sqrt(2) * x, "√2·x"),  # never √2x, which reads as the root of 2x
    ],
)
def test_unicode(expr, expected):
    assert unicode(expr) == expected


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        (sp.log(x), r"\ln{\left(x \right)}"),
        (sigmoid(x), r"\sigma\left(x\right)"),
        (2 * x**2, "2 x^{2}"),
        (x * sp.sin(x), r"x \cdot \sin{\left(x \right)}"),
        (sp.asin(x), r"\arcsin{\left(x \right)}"),
        (sp.Subs(sp.Derivative(f(u), u), u, g(x)), r"f'\left(g{\left(x \right)}\right)"),
        (yhat, r"\hat{y}"),
        (yhat - y, r"\hat{y} - y"),
        (
            sigmoid(z2) * (1 - sigmoid(z2)),
            r"\sigma\left(z_{2}\right) \cdot \left(1 - \sigma\left(z_{2}\right)\right)",
        ),
        (x * (x + 1), r"x \cdot \left(x + 1\right)"),
    ],
)
def test_latex(expr, expected):
    assert latex(expr) == expected


def test_code_is_sympy_syntax():
    assert code(-sp.sin(x) / (sp.cos(x) + 2)) == "-sin(x)/(cos(x) + 2)"
    assert code(x**2 * sigmoid(x)) == "x**2*sigmoid(x)"


def test_symbol_names():
    assert [symbol(n) for n in ("w1", "b_2", "theta", "yhat")] == ["w₁", "b₂", "θ", "ŷ"]
    assert symbol(sp.Symbol("z2")) == "z₂"


def test_numbers_are_accepted_but_text_is_not():
    assert unicode(3) == "3"
    with pytest.raises(TypeError):
        unicode("x + 1")
