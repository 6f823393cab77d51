"""How expressions are written in each format: the table a learner would check by eye."""

import pytest
import sympy as sp

from chainrule.document.terms import DerivativeOf
from chainrule.formats.notation import code, latex, symbol, unicode, unicode_pieces
from chainrule.formats.print_latex import LearnerLatexPrinter
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


# SymPy stores log(u, b) as ln(u)·(ln b)⁻¹; the printers write log_b(u) where a product holds
# one ln(u) and one 1/ln(b) for a number b (to the same power), and leave the rest as it was.
LOG_BASE = [
    # expr, Unicode, LaTeX
    (sp.log(x, 2), "log₂(x)", r"\log_{2}{\left(x \right)}"),
    (sp.log(x**2 + 1, 10), "log₁₀(x² + 1)", r"\log_{10}{\left(x^{2} + 1 \right)}"),
    (sp.log(sp.sin(x), 2), "log₂(sin(x))", r"\log_{2}{\left(\sin{\left(x \right)} \right)}"),
    (3 * sp.log(x, 2), "3log₂(x)", r"3 \log_{2}{\left(x \right)}"),
    (-sp.log(x, 2), "−log₂(x)", r"- \log_{2}{\left(x \right)}"),
    (sp.log(x, 2) ** 2, "log₂(x)²", r"\log_{2}{\left(x \right)}^{2}"),
    (x * sp.log(x, 2), "x·log₂(x)", r"x \cdot \log_{2}{\left(x \right)}"),
    (sp.log(x, 2) / x, "log₂(x)/x", r"\frac{\log_{2}{\left(x \right)}}{x}"),
    (sp.log(x, 2) + sp.log(x, 3), "log₃(x) + log₂(x)", None),
    (sp.log(x, sp.pi), "log_π(x)", r"\log_{\pi}{\left(x \right)}"),
    (sp.log(x, sp.Rational(3, 2)), "log_(3/2)(x)", r"\log_{\frac{3}{2}}{\left(x \right)}"),
    (sp.log(x, sp.E), "ln(x)", r"\ln{\left(x \right)}"),
    # What stays as it was: no ln(u) factor (a derivative's 1/(x·ln 2)), powers that differ,
    # a symbol base (it might be the variable: 1/ln(x)), a quotient of numbers.
    (1 / (x * sp.log(2)), "1/(x·ln(2))", r"\frac{1}{x \cdot \ln{\left(2 \right)}}"),
    (2 * sp.log(x) / (x * sp.log(2) ** 2), "2ln(x)/(x·ln(2)²)", None),
    (sp.log(x) * sp.log(y) / sp.log(2), "ln(x)·ln(y)/ln(2)", None),
    (sp.log(x, y), "ln(x)/ln(y)", r"\frac{\ln{\left(x \right)}}{\ln{\left(y \right)}}"),
    (sp.log(sp.log(x)) / sp.log(x), "ln(ln(x))/ln(x)", None),
    (sp.log(3) / sp.log(2), "ln(3)/ln(2)", None),
]


@pytest.mark.parametrize(("expr", "text", "tex"), LOG_BASE)
def test_a_logarithm_to_a_number_base_is_written_log_b(expr, text, tex):
    assert unicode(expr) == text
    if tex is not None:
        assert latex(expr) == tex


def test_log_b_keeps_the_typed_order_of_the_other_factors():
    typed = {frozenset((sp.log(x), 1 / sp.log(2), x)): (sp.log(x), 1 / sp.log(2), x)}
    assert unicode(x * sp.log(x, 2), order=typed) == "log₂(x)·x"
    assert latex(x * sp.log(x, 2), order=typed) == r"\log_{2}{\left(x \right)} \cdot x"


def test_d_dx_of_log_b_needs_no_brackets():
    assert unicode(DerivativeOf(sp.log(x, 2), x)) == "d/dx log₂(x)"
    assert latex(DerivativeOf(sp.log(x, 2), x)) == r"\frac{d}{d x} \log_{2}{\left(x \right)}"
    assert unicode(DerivativeOf(3 * sp.log(x, 2), x)) == "d/dx (3log₂(x))"  # as d/dx (3sin(x))


def test_log_b_breaks_like_any_product_or_function():
    assert unicode_pieces(x * sp.log(x, 2)) == [("", "x"), ("·", "log₂(x)")]
    assert unicode_pieces(sp.log(x, 2) / (x + 1)) == [("", "log₂(x)"), ("/", "(x + 1)")]
    printer = LearnerLatexPrinter()
    assert printer.fraction(sp.log(x, 2)) is None  # one function, not \frac{\ln x}{\ln 2}
    assert printer.wrap(sp.log(x**2 + 1, 10)).head == r"\log_{10}\,"


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
