"""The matrix term: a bracketed array in LaTeX (bmatrix) and MathML (mtable), rows on one line
in text, nested lists in JSON."""

import json

import sympy

from chainrule.document import Document, Equation, Grid, Leibniz
from chainrule.formats import render
from chainrule.formats.mathml import mathml
from chainrule.formats.notation import latex, unicode

a, b, c, d = sympy.symbols("a b c d")
G = Grid(((a, b), (c, d)))


def test_unicode_rows():
    assert unicode(G) == "[a, b; c, d]"
    assert unicode(Grid(((a,), (b,)))) == "[a; b]"


def test_latex_bmatrix():
    assert latex(G) == r"\begin{bmatrix} a & b \\ c & d \end{bmatrix}"


def test_mathml_mtable():
    shown = mathml(G)
    assert shown.count("<mtr>") == 2 and shown.count("<mtd>") == 4 and "<mtable>" in shown


def test_every_format_lays_it_out():
    doc = Document((Equation((Leibniz(sympy.Symbol("J"), sympy.Symbol("W")), G)),))
    assert "[a, b; c, d]" in render(doc, "text")
    assert "bmatrix" in render(doc, "markdown") and "bmatrix" in render(doc, "latex")
    assert "<mtable>" in render(doc, "html")
    (block,) = json.loads(render(doc, "json"))["blocks"]
    assert block["sides"][1] == {"type": "Grid", "rows": [["a", "b"], ["c", "d"]]}


def test_transposed_and_entrywise_products():
    from chainrule.document import Hadamard, InOrder, Transposed

    W, delta, z = sympy.symbols("W__2 delta__2 z__1")
    f = sympy.Function("f")
    e = Hadamard((InOrder((Transposed(W), delta), tight=True), sympy.Derivative(f(z), z)))
    assert unicode(e) == "(W²)ᵀδ² ⊙ f′(z¹)"
    assert latex(e) == r"\left(W^{2}\right)^{\mathsf{T}} \delta^{2} \odot f'\left(z^{1}\right)"
    assert "<mo>⊙</mo>" in mathml(e) and ">T</mi>" in mathml(e)


def test_a_layered_weights_two_indices_are_apart_in_latex():
    from chainrule.formats.notation import latex

    # w1[12,3] and w1[1,23] must not both read w^{1}_{1 2 3}.
    assert latex(sympy.Symbol("w__1_12_3")) == "w^{1}_{12,3}"
    assert latex(sympy.Symbol("w__1_1_23")) == "w^{1}_{1,23}"
