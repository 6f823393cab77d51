"""MathML Core markup from SymPy's presentation printer: what current browsers draw.

SymPy's printer writes entities into text nodes it never escapes and brackets that always
stretch; the base class here builds plain escaped characters, ``<mo>`` operators, upright
multi-letter names and brackets that grow only round a fraction (MathML Core has no
``<mfenced>``). It also reads back what a layout needs of an element: how wide it is drawn,
whether it starts with a minus sign.
"""

from __future__ import annotations

import html

from sympy.printing.mathml import MathMLPresentationPrinter
from sympy.printing.printer import Printer

from chainrule.formats.mathml_nodes import Document, Element, Text
from chainrule.formats.printing import Remembering, precedence

MINUS, DOT, PRIME = "\u2212", "\u00b7", "\u2032"
# Invisible operators: they say what juxtaposition means (2x, sin x) and space it right.
APPLY, TIMES = "\u2061", "\u2062"


class Markup(Remembering, MathMLPresentationPrinter):
    """Element builders every MathML printer of ours uses. Each distinct subtree is printed
    once in a render (``printing.Remembering``) and shared by every formula it is part of; a
    printed element is never changed, but for its leading minus, which a sum takes for its
    operator (``mathml_terms``): so it is handed out with a lead of its own (``with_own_lead``).
    """

    def __init__(self, settings: dict | None = None) -> None:
        # SymPy's own __init__ only makes a minidom document to build in; ours (``mathml_nodes``)
        # builds the same markup in a fraction of the time.
        Printer.__init__(self, settings)
        self.dom = _DOCUMENT

    def _text(self, data: str) -> Text:
        return Text(data)

    def _kept(self, shown: Element) -> Element:
        _keep(shown)
        return shown

    def _handed_out(self, kept: Element) -> Element:
        return with_own_lead(kept)

    def _el(self, tag: str, *children, **attrs) -> Element:
        # Built straight into the node (as createElement, setAttribute and appendChild would):
        # a page of steps builds tens of thousands of these.
        node = Element(tag)
        if attrs:
            node.attributes.update(attrs)
        kids = node.childNodes
        for child in children:
            if isinstance(child, str):
                child = Text(child)
            kids.append(child)
            child.parentNode = node
        return node

    def _mo(self, op: str, **attrs) -> Element:
        return self._el("mo", op, **attrs)

    def _mi(self, name: str) -> Element:
        # One letter is italic by default; a name (sin, ln) is upright, said outright for readers
        # that do not follow MathML Core's rule.
        return (
            self._el("mi", name) if len(name) == 1 else self._el("mi", name, mathvariant="normal")
        )

    def _row(self, *children) -> Element:
        return self._el("mrow", *children)

    def _between(self, items: list, op: str, **attrs) -> Element:
        """items with the operator ``op`` between each two."""
        if len(items) == 1:
            return items[0]
        row = self._row()
        for i, item in enumerate(items):
            if i:
                row.appendChild(self._mo(op, **attrs))
            row.appendChild(item)
        return row

    def _negative(self, positive: Element) -> Element:
        return self._row(self._mo(MINUS), positive)

    def _joined(self, pieces: list[tuple[str, Element]]) -> Element:
        """(operator, element) pairs in a row, as ``pieces`` gives them."""
        row = self._row()
        for op, element in pieces:
            if op:
                row.appendChild(self._mo(op))
            row.appendChild(element)
        return row

    def _prime(self, body: Element) -> Element:
        # A prime beside the letter, not in a superscript: a math font's prime glyph is already
        # raised, and a superscript shrinks it to a speck.
        return self._row(body, self._mo(PRIME, lspace="0", rspace="0"))

    def _brackets(self, inner: Element, left: str = "(", right: str = ")") -> Element:
        # A bracket grows only round something tall (a fraction): a math font's stretched
        # bracket round a plain x leaves gaps that read as spaces.
        grow = "true" if tall(inner) else "false"
        return self._row(self._mo(left, stretchy=grow), inner, self._mo(right, stretchy=grow))

    def _paren_comma_separated(self, *args):
        return self._brackets(self._between([self._print(a) for a in args], ","))

    def _print_Abs(self, expr, exp=None):
        return self._brackets(self._print(expr.args[0]), "|", "|")

    def emptyPrinter(self, expr):  # noqa: N802 - SymPy's name
        raise TypeError(f"no MathML for a {type(expr).__name__}")

    def parenthesize(self, item, level, strict=False):
        # The Unicode printer's precedence, so both bracket the same things.
        prec = precedence(item)
        if prec < level or (not strict and prec <= level):
            return self._brackets(self._print(item))
        return self._print(item)


class _Document(Document):
    """SymPy writes entities (&#xB7;, &dd;) into text nodes it never escapes; they are decoded
    here, so every node is plain text, escaped when written."""

    @staticmethod
    def createTextNode(data: str) -> Text:
        return Text(html.unescape(data))


_DOCUMENT = _Document()


def _keep(node) -> None:
    """Mark a remembered element and what is under it as never to change again, down to what
    is marked already: each keeps its markup and width once worked out (``mathml_nodes``)."""
    if node.nodeType != node.ELEMENT_NODE or node.kept:
        return
    node.kept = True
    for child in node.childNodes:
        _keep(child)


def with_own_lead(node: Element) -> Element:
    """``node`` with fresh copies of the rows down to its first leaf and of that leaf (where
    ``leading_minus`` looks), the rest shared: taking its leading minus away leaves every other
    use of the same subtree as it was."""
    top = node = node.shallow_copy()
    while node.tagName == "mrow" and node.childNodes:
        first = node.childNodes[0]
        if first.nodeType != first.ELEMENT_NODE:
            break
        first = node.childNodes[0] = first.shallow_copy()
        first.parentNode = node
        node = first
    return top


def leading_minus(node: Element) -> Element | None:
    """The ``<mo>−</mo>`` a formula starts with, if it starts with one."""
    while node.tagName == "mrow" and node.firstChild is not None:
        node = node.firstChild
    if node.tagName == "mo" and node.firstChild is not None and node.firstChild.data == MINUS:
        return node
    return None


def has_top_dot(node: Element) -> bool:
    """A · outside every bracket and fraction: the product shows as several factors."""
    if node.tagName != "mrow":
        return False
    children = [c for c in node.childNodes if c.nodeType == c.ELEMENT_NODE]
    if children and children[0].tagName == "mo" and children[0].firstChild.data == "(":
        return False
    return any((c.tagName == "mo" and c.firstChild.data == DOT) or has_top_dot(c) for c in children)


def tall(node: Element) -> bool:
    """Taller than a line of text: holds a built-up fraction."""
    return node.tagName == "mfrac" or bool(node.getElementsByTagName("mfrac"))


def starts_with_digit(node: Element) -> bool:
    while node.firstChild is not None and node.firstChild.nodeType == node.ELEMENT_NODE:
        node = node.firstChild
    return node.tagName == "mn"


def width(node) -> float:
    """About how wide a formula is drawn, in ems: a fraction as wide as its wider part."""
    if node.ems is not None:
        return node.ems
    ems = _width(node)
    if node.kept:
        node.ems = ems
    return ems


def _width(node) -> float:
    if node.nodeType == node.TEXT_NODE:
        return 0.55 * len(node.data)
    inner = [width(child) for child in node.childNodes]
    if node.tagName == "mfrac":
        return max(inner) + 0.3
    if node.tagName == "mtable":  # as wide as its widest row
        return max(inner, default=0.0)
    if node.tagName == "mtr":
        return sum(inner) + 0.8 * (len(inner) - 1)
    if node.tagName in ("msup", "msub"):
        return inner[0] + 0.7 * sum(inner[1:])
    if node.tagName == "mo" and node.firstChild.data not in "()|" + APPLY + TIMES:
        return sum(inner) + 0.5  # the space around an operator
    return sum(inner) + (1.0 if node.tagName == "msqrt" else 0.0)
