"""MathML for the document's terms (``document.terms``): ∂J/∂ŷ as a built-up fraction, a
product kept in the order a teacher writes it, θ − η·g with numbers in it — and where a long
formula may break. A mixin of ``formats.mathml``'s printer, as the terms are of the document.
"""

from __future__ import annotations

from xml.dom.minidom import Element

import sympy
from sympy.printing.precedence import PRECEDENCE

from chainrule.document.terms import InOrder, Num, Terms
from chainrule.formats.mathml_core import (
    APPLY,
    DOT,
    MINUS,
    TIMES,
    has_top_dot,
    leading_minus,
)
from chainrule.formats.notation import number
from chainrule.formats.printing import as_shown, compound, no_denominator, precedence, sums_last


class TermPrinter:
    """``_print_<Term>`` for every term, on top of a ``mathml_core.Markup`` printer; ``pieces``
    also cuts SymPy's sums and products, with the printer's own ``_terms`` for a sum."""

    def pieces(self, term) -> list[tuple[str, Element]]:
        """Where a long formula may break: its top-level terms or factors, each with the
        operator before it ("" for the first). A fraction or a function is one piece."""
        term = as_shown(term)
        if isinstance(term, Terms) and len(term.items) > 1:
            return self._signed([self._print(item) for item in term.items])
        if isinstance(term, sympy.Add):
            return self._terms(term)
        if isinstance(term, sympy.Mul) and no_denominator(term):
            factors = sums_last(term).as_ordered_factors()
            shown = [self.parenthesize(f, PRECEDENCE["Mul"]) for f in factors]
            return [("", shown[0]), *((DOT, f) for f in shown[1:])]
        if isinstance(term, InOrder) and not term.tight and len(term.items) > 1:
            shown = [self._factor(item, term.strict) for item in term.items]
            return [("", shown[0]), *((DOT, f) for f in shown[1:])]
        return [("", self._print(term))]

    def _signed(self, shown: list[Element]) -> list[tuple[str, Element]]:
        out = [("", shown[0])]
        for element in shown[1:]:
            minus = leading_minus(element)
            if minus is not None:
                row = minus.parentNode
                row.removeChild(minus)
                if row is element and len(row.childNodes) == 1:
                    element = row.removeChild(row.firstChild)  # −(sin x) was a row of two
            out.append(("+" if minus is None else MINUS, element))
        return out

    def _d(self, partial: bool) -> Element:
        # d upright, as the operator it is (ISO 80000-2); ∂ is drawn as the font draws it.
        return self._mi("∂") if partial else self._el("mi", "d", mathvariant="normal")

    def _print_Leibniz(self, t):
        return self._el(
            "mfrac",
            self._row(self._d(t.partial), self._print(t.of)),
            self._row(self._d(t.partial), self._print(t.wrt)),
        )

    def _print_DerivativeOf(self, t):
        body = self._print(t.expression)
        if precedence(as_shown(t.expression)) < PRECEDENCE["Pow"] or leading_minus(body):
            body = self._brackets(body)
        operator = self._el(
            "mfrac", self._d(t.partial), self._row(self._d(t.partial), self._print(t.wrt))
        )
        return self._row(operator, self._mo(APPLY), body)

    def _print_Nth(self, t):
        n, name, x = t.order, self._print(t.name), self._print(t.argument)

        def raised(e: Element) -> Element:
            return self._el("msup", e, self._el("mn", str(n))) if n > 1 else e

        if t.leibniz:  # d²y/dx²: each d its own node (a node sits in one place only)
            return self._el(
                "mfrac",
                self._row(raised(self._d(False)), name),
                self._row(self._d(False), raised(x)),
            )
        if n <= 3:
            marked = self._row(name, self._mo("′″‴"[n - 1], lspace="0", rspace="0"))
        else:
            marked = self._el("msup", name, self._brackets(self._el("mn", str(n))))
        return self._row(marked, self._mo(APPLY), self._brackets(x))

    def _print_Prime(self, t):
        # u′ and f′, but (ln y)′: a prime on a function's bracket would read as f′ of it.
        return self._prime(self.parenthesize(t.body, PRECEDENCE["Atom"], strict=True))

    def _print_InOrder(self, t):
        factors = [self._factor(item, t.strict) for item in t.items]
        if t.tight:
            return self._between(factors, TIMES)
        if t.spaced:  # between Leibniz names: ∂J/∂ŷ · ∂ŷ/∂z₂
            return self._between(factors, DOT, lspace="0.4em", rspace="0.4em")
        return self._between(factors, DOT)

    def _factor(self, item, strict: bool) -> Element:
        """One factor of a product: brackets round sums and negative terms; ``strict`` also
        round a product, so f′(g(x))·g′(x) shows its two factors (a fraction is one already)."""
        shown = self._print(item)
        if precedence(item) < PRECEDENCE["Mul"] or leading_minus(shown):
            return self._brackets(shown)
        if strict and compound(item) and has_top_dot(shown):
            return self._brackets(shown)
        return shown

    def _print_Terms(self, t):
        if not t.items:
            return self._el("mn", "0")
        # 0 − sin(x), never 0 + (−sin(x)): a term's own minus becomes the operator.
        return self._joined(self._signed([self._print(item) for item in t.items]))

    def _print_Neg(self, t):
        return self._negative(self.parenthesize(t.body, PRECEDENCE["Mul"], strict=True))

    def _print_Frac(self, t):
        return self._el("mfrac", self._print(t.numerator), self._print(t.denominator))

    def _print_Transposed(self, t):
        body = self._print(t.body)
        if body.tagName != "mi":
            body = self._brackets(body)
        return self._el("msup", body, self._el("mi", "T", mathvariant="normal"))

    def _print_Hadamard(self, t):
        return self._between([self._factor(item, True) for item in t.items], "⊙")

    def _print_Grid(self, t):
        rows = [self._el("mtr", *(self._el("mtd", self._print(c)) for c in row)) for row in t.rows]
        table = self._el("mtable", *rows)
        return self._row(self._mo("[", stretchy="true"), table, self._mo("]", stretchy="true"))

    def _print_Compose(self, t):
        names = [self._print_Symbol(sympy.Symbol(name)) for name in t.names]
        return self._between(names, "∘")

    def _print_Num(self, t):
        """Six significant digits; 1e-05 written 1·10⁻⁵."""
        text = number(abs(t.value))
        mantissa, e, exponent = text.partition("e")
        shown = self._el("mn", mantissa)
        if e:
            power = self._el("msup", self._el("mn", "10"), self._print(int(exponent)))
            shown = power if mantissa == "1" else self._row(shown, self._mo(DOT), power)
        return self._negative(shown) if t.value < 0 else shown

    def _print_Update(self, t):
        gradient = self._print_Num(Num(t.gradient))
        if t.gradient < 0:
            gradient = self._brackets(gradient)
        current, lr = self._print_Num(Num(t.current)), self._print_Num(Num(t.lr))
        return self._row(current, self._mo(MINUS), lr, self._mo(DOT), gradient)

    def _print_Equals(self, t):
        return self._between([self._print(side) for side in t.sides], "=")

    def _print_Assign(self, t):
        return self._row(self._print(t.target), self._mo("←"), self._print(t.value))
