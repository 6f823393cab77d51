"""MathML for the web page: well-formed MathML Core, and the same choices as the Unicode printer."""

from xml.dom.minidom import parseString

import pytest
import sympy as sp

from chainrule.document import terms
from chainrule.document.terms import (
    Assign,
    Compose,
    DerivativeOf,
    Equals,
    Frac,
    InOrder,
    Leibniz,
    Neg,
    Num,
    Prime,
    Terms,
    Update,
)
from chainrule.formats.mathml import _Printer, mathml, measured, pieces
from chainrule.formats.notation import unicode
from chainrule.functions import sigmoid

x, y, u, v, z2, a1 = sp.symbols("x y u v z2 a1")
yhat, J, w2, theta, eta = sp.symbols("yhat J w2 theta eta")
f, g = sp.Function("f"), sp.Function("g")
f_prime_of_g = sp.Subs(sp.Derivative(f(u), u), u, g(x))

SIN_X = '<mrow><mi mathvariant="normal">sin</mi><mo>\u2061</mo>' + (
    '<mrow><mo stretchy="false">(</mo><mi>x</mi><mo stretchy="false">)</mo></mrow></mrow>'
)
COS_X = SIN_X.replace("sin", "cos")
SIGMA_Z2 = (
    '<mrow><mi>σ</mi><mo>\u2061</mo><mrow><mo stretchy="false">(</mo>'
    '<msub><mi>z</mi><mn>2</mn></msub><mo stretchy="false">)</mo></mrow></mrow>'
)


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        (
            -sp.sin(x) / (sp.cos(x) + 2),
            f"<mrow><mo>−</mo><mfrac>{SIN_X}<mrow>{COS_X}<mo>+</mo><mn>2</mn></mrow></mfrac></mrow>",
        ),
        (
            sp.log(sp.cos(x) + 2),
            '<mrow><mi mathvariant="normal">ln</mi><mo>\u2061</mo><mrow><mo stretchy="false">(</mo>'
            f'<mrow>{COS_X}<mo>+</mo><mn>2</mn></mrow><mo stretchy="false">)</mo></mrow></mrow>',
        ),
        (
            sigmoid(z2) * (1 - sigmoid(z2)),
            f'<mrow>{SIGMA_Z2}<mo>·</mo><mrow><mo stretchy="false">(</mo>'
            f'<mrow><mn>1</mn><mo>−</mo>{SIGMA_Z2}</mrow><mo stretchy="false">)</mo></mrow></mrow>',
        ),
        (
            Leibniz(J, yhat),
            "<mfrac><mrow><mi>∂</mi><mi>J</mi></mrow>"
            '<mrow><mi>∂</mi><mover accent="true"><mi>y</mi><mo>^</mo></mover></mrow></mfrac>',
        ),
        (sp.Symbol("w_1"), "<msub><mi>w</mi><mn>1</mn></msub>"),
        (2 * x**2, "<mrow><mn>2</mn><mo>\u2062</mo><msup><mi>x</mi><mn>2</mn></msup></mrow>"),
        (sp.exp(x), "<msup><mi>e</mi><mi>x</mi></msup>"),
        (Num(-0.059281557044718707), "<mrow><mo>−</mo><mn>0.0592816</mn></mrow>"),
        (Num(1e-5), "<msup><mn>10</mn><mrow><mo>−</mo><mn>5</mn></mrow></msup>"),
        (Compose(("f", "g")), "<mrow><mi>f</mi><mo>∘</mo><mi>g</mi></mrow>"),
        (Prime(u), '<mrow><mi>u</mi><mo lspace="0" rspace="0">′</mo></mrow>'),
        (
            sp.log(x, 2),
            '<mrow><msub><mi mathvariant="normal">log</mi><mn>2</mn></msub><mo>\u2061</mo>'
            '<mrow><mo stretchy="false">(</mo><mi>x</mi><mo stretchy="false">)</mo></mrow></mrow>',
        ),
    ],
)
def test_exact_markup(term, expected):
    assert mathml(term) == expected


# (term, what its markup must contain): one row per choice the Unicode printer makes too.
CONTAINS = [
    (x**x * (sp.log(x) + 1), "<msup><mi>x</mi><mi>x</mi></msup><mo>·</mo><mrow><mo stretchy"),
    (sp.sqrt(sp.tan(x) ** 2 + 1), '<msqrt><mrow><mrow><msup><mi mathvariant="normal">tan</mi>'),
    (sp.asin(x), '<mi mathvariant="normal">arcsin</mi>'),
    (sp.sin(x) ** 2, '<msup><mi mathvariant="normal">sin</mi><mn>2</mn></msup><mo>\u2061</mo>'),
    (sp.Abs(x), '<mo stretchy="false">|</mo><mi>x</mi><mo stretchy="false">|</mo>'),
    (f_prime_of_g, '<mrow><mi>f</mi><mo lspace="0" rspace="0">′</mo></mrow><mo>\u2061</mo>'),
    (sp.diff(f(g(x)), x), '<mi>g</mi><mo lspace="0" rspace="0">′</mo>'),
    (yhat - y, '<mover accent="true"><mi>y</mi><mo>^</mo></mover><mo>−</mo><mi>y</mi>'),
    (sp.Symbol("w1") * x + sp.Symbol("b1"), "<mo>·</mo><mi>x</mi></mrow><mo>+</mo><msub>"),
    (-x - 1, "<mrow><mrow><mo>−</mo><mi>x</mi></mrow><mo>−</mo><mn>1</mn></mrow>"),
    (sp.Rational(-1, 2), "<mrow><mo>−</mo><mfrac><mn>1</mn><mn>2</mn></mfrac></mrow>"),
    (1 / (x + 1), "<mfrac><mn>1</mn><mrow><mi>x</mi><mo>+</mo><mn>1</mn></mrow></mfrac>"),
    (sp.pi * x, "<mi>π</mi><mo>·</mo><mi>x</mi>"),
    (DerivativeOf(sp.cos(x) + 2, x), "<mi>x</mi></mrow></mfrac><mo>\u2061</mo>"),
    (DerivativeOf(sp.cos(x) + 2, x), '<mo>\u2061</mo><mrow><mo stretchy="false">(</mo>'),
    (DerivativeOf(yhat**2, yhat, partial=True), "<mfrac><mi>∂</mi><mrow><mi>∂</mi><mover"),
    (Prime(sp.log(u)), '<mo stretchy="false">)</mo></mrow><mo lspace="0" rspace="0">′</mo>'),
    (InOrder((1 / (x + 2), -sp.sin(x)), strict=True), '<mo>·</mo><mrow><mo stretchy="false">('),
    (InOrder((Leibniz(J, yhat), Leibniz(yhat, z2)), spaced=True), '<mo lspace="0.4em"'),
    (InOrder((Prime(u), v), tight=True), "</mrow><mo>\u2062</mo><mi>v</mi>"),
    (Terms((0, -sp.sin(x))), "<mrow><mn>0</mn><mo>−</mo><mrow><mi"),
    (Terms((-sp.sin(x), 0)), "<mrow><mrow><mo>−</mo><mrow><mi"),
    (Terms(()), "<mn>0</mn>"),
    (Neg(InOrder((u, Prime(v)), tight=True)), "<mrow><mo>−</mo><mrow><mi>u</mi>"),
    (Frac(u, v**2), "<mfrac><mi>u</mi><msup><mi>v</mi><mn>2</mn></msup></mfrac>"),
    (Update(0.5, 0.5, -0.0592816), '<mo>·</mo><mrow><mo stretchy="false">(</mo><mrow><mo>−'),
    (Equals((z2, a1 * w2)), "<msub><mi>z</mi><mn>2</mn></msub><mo>=</mo>"),
    (Assign(theta, Terms((theta, Neg(InOrder((eta, Leibniz(J, theta))))))), "<mo>←</mo>"),
    (InOrder((Frac(1, x), x)), "<mfrac><mn>1</mn><mi>x</mi></mfrac><mo>·</mo><mi>x</mi>"),
]


@pytest.mark.parametrize(("term", "fragment"), CONTAINS)
def test_markup_contains(term, fragment):
    assert fragment in mathml(term)


def test_every_term_has_its_own_printer():
    missing = [name for name in terms.__all__ if not hasattr(_Printer, f"_print_{name}")]
    assert missing == []


def _text(node) -> str:
    if node.nodeType == node.TEXT_NODE:
        return node.data
    return "".join(_text(child) for child in node.childNodes)


@pytest.mark.parametrize(("term", "fragment"), CONTAINS)
def test_well_formed_mathml_core(term, fragment):
    markup = mathml(term)
    root = parseString(f"<math>{markup}</math>").documentElement
    assert "mfenced" not in markup  # MathML Core dropped it
    assert "&" not in markup  # characters, not entities a strict reader rejects
    assert "<mo>-</mo>" not in markup  # a true minus sign
    for mi in root.getElementsByTagName("mi"):
        if len(_text(mi)) > 1:
            assert mi.getAttribute("mathvariant") == "normal", mi.toxml()


_PLAIN = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉ˣ", "01234567890123456789x")


@pytest.mark.parametrize(
    "expr",
    [
        2 * x**2,
        3 * sp.sin(x),
        2**x * sp.log(2),
        sp.sin(x) ** 2,
        sp.Abs(x),
        sp.atan(x),
        sp.pi * x,
        sigmoid(z2) * (1 - sigmoid(z2)),
        3 * sigmoid(3 * x) * (1 - sigmoid(3 * x)),
        (yhat - y) * a1 * sigmoid(z2) * (1 - sigmoid(z2)),
        -x + 1,
        sp.Symbol("w1") * x + sp.Symbol("b1"),
        x**2 + 2 * x + 1,
        -x - 1,
        sp.diff(f(g(x)), x),
        x**x * (sp.log(x) + 1),
        sp.log(x**2 + 1, 10),
        3 * sp.log(sp.sin(x), 2),
        -sp.log(x, 2),
        sp.log(x, 2) ** 2,
    ],
)
def test_reads_as_the_unicode_printer_writes(expr):
    # The same symbols in the same order: the page says what the terminal says.
    shown = _text(parseString(f"<math>{mathml(expr)}</math>").documentElement)
    shown = shown.replace("\u2061", "").replace("\u2062", "").replace("y^", "ŷ")
    assert shown == unicode(expr).replace(" ", "").translate(_PLAIN)


def test_log_b_is_log_with_its_base_below():
    assert '<msub><mi mathvariant="normal">log</mi><mi>π</mi></msub>' in mathml(sp.log(x, sp.pi))
    assert mathml(DerivativeOf(sp.log(x, 2), x)).count("<mfrac>") == 1  # d/dx, not ln x/ln 2
    assert '<mo stretchy="false">(</mo><mrow><msub>' not in mathml(DerivativeOf(sp.log(x, 2), x))
    assert [op for op, _, _ in pieces(x * sp.log(x, 2))] == ["", "·"]


def test_a_long_product_breaks_between_factors():
    a = sigmoid(sp.Symbol("w1") * x + sp.Symbol("b1"))
    expr = a * (1 - a) * sigmoid(w2 * a) * (sigmoid(w2 * a) - y)
    cut = pieces(expr)
    assert [op for op, _, _ in cut] == ["", "·", "·", "·"]
    assert all(parseString(f"<math>{markup}</math>") for _, markup, _ in cut)
    assert sum(wide for _, _, wide in cut) == pytest.approx(measured(expr)[1], rel=0.2)


def test_a_sum_breaks_with_its_signs():
    assert [op for op, _, _ in pieces(yhat - y + 1)] == ["", "−", "+"]


def test_a_fraction_is_drawn_narrower_than_written():
    markup, wide = measured(-sp.sin(x) / (sp.cos(x) + 2))
    assert wide < len(unicode(-sp.sin(x) / (sp.cos(x) + 2))) * 0.55


def test_text_is_escaped():
    assert "<mi>a&lt;b</mi>" in mathml(sp.Symbol("a<b")).replace(' mathvariant="normal"', "")


def test_refuses_what_is_not_math():
    with pytest.raises(TypeError):
        mathml("x + 1")
