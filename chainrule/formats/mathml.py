"""MathML for the web page: SymPy's presentation printer, written for MathML Core browsers.

It makes the Unicode printer's choices (``formats.notation``) — ln, σ, ŷ, w₁, f′(g(x)),
sin²(x), sums in reading order, σ(z)·(1 − σ(z)) — and prints the document's terms
(``formats.mathml_terms``) on markup current browsers draw (``formats.mathml_core``).
"""

from __future__ import annotations

from xml.dom.minidom import Element

import sympy
from sympy.core.function import AppliedUndef
from sympy.printing.conventions import split_super_sub
from sympy.printing.precedence import PRECEDENCE

from chainrule.document.terms import DerivativeOf, Num
from chainrule.formats.mathml_core import (
    APPLY,
    DOT,
    MINUS,
    TIMES,
    Markup,
    starts_with_digit,
    width,
)
from chainrule.formats.mathml_terms import TermPrinter
from chainrule.formats.notation import as_math
from chainrule.formats.printing import (
    UNICODE_NAMES,
    as_shown,
    ordered_terms,
    power_before_argument,
    sums_last,
    symbol,
    undefined_derivative,
)
from chainrule.formats.typed_forms import alone

# The modifiers SymPy's pretty printer reads from a name's end (ddot before dot).
_ACCENTS = {
    "hat": "^",
    "tilde": "~",
    "bar": "\u00af",
    "ddot": "\u00a8",
    "dot": "\u02d9",
    "vec": "\u2192",
}


class _Printer(TermPrinter, Markup):
    """SymPy's presentation MathML with ln, σ and f′(u) as a learner writes them."""

    def __init__(self) -> None:
        super().__init__({"mul_symbol": "dot", "ln_notation": True, "inv_trig_style": "full"})

    def _as_ordered_terms(self, expr, order=None):
        return ordered_terms(self, expr, order)

    # -- names -------------------------------------------------------------------------------

    def _print_Symbol(self, sym, style="plain"):
        name, supers, subs = split_super_sub(sym.name)
        head = self._letter(name) if name else self._mi(sym.name)
        if subs and supers:
            return self._el("msubsup", head, self._script(subs), self._script(supers))
        if subs:
            return self._el("msub", head, self._script(subs))
        if supers:
            return self._el("msup", head, self._script(supers))
        return head

    def _letter(self, name: str) -> Element:
        """A name as a learner writes it: θ for theta; ŷ for yhat, the hat an accent over an
        italic y (a composed ŷ has no italic form and would stand upright among italics)."""
        for modifier, mark in _ACCENTS.items():
            if name.endswith(modifier) and len(name) > len(modifier):
                base = self._letter(name[: -len(modifier)])
                return self._el("mover", base, self._mo(mark), accent="true")
        return self._mi(symbol(name))

    _print_Dummy = _print_Symbol

    def _script(self, parts: list[str]) -> Element:
        items = [self._el("mn", p) if p.isdigit() else self._mi(symbol(p)) for p in parts]
        return items[0] if len(items) == 1 else self._between(items, ",")

    def _name(self, func) -> Element:
        name = func.__name__
        if issubclass(func, AppliedUndef):
            return self._print_Symbol(sympy.Symbol(name))
        return self._mi(UNICODE_NAMES.get(name, name))

    def _applied(self, head: Element, args) -> Element:
        return self._row(head, self._mo(APPLY), self._paren_comma_separated(*args))

    def _print_Function(self, expr):
        return self._applied(self._name(expr.func), expr.args)

    def _print_polygamma(self, expr):
        n, u = expr.args
        head = self._mi("ψ")
        if n != 0:
            head = self._el("msup", head, self._row(self._mo("("), self._print(n), self._mo(")")))
        return self._applied(head, (u,))

    def _print_LogBase(self, expr):
        u, b = expr.args
        return self._applied(self._el("msub", self._mi("log"), self._print(b)), (u,))

    def _print_Exp1(self, e):
        return self._mi("e")

    def _print_ImaginaryUnit(self, e):
        return self._mi("i")

    def _print_Pi(self, e):
        return self._mi("π")

    def _print_exp(self, expr):
        if (typed := alone(expr)) is not None:
            return self._print(typed)  # 1/eˣ, as typed
        return self._el("msup", self._mi("e"), self._print(expr.args[0]))

    def _print_Raised(self, expr):
        return self._raised(*expr.args)  # (5 − 2x)⁻², as typed

    def _print_Derivative(self, expr):
        found = undefined_derivative(expr)
        if found is not None:
            return self._prime_of(*found)
        if len(expr.variable_count) == 1 and expr.variable_count[0][1] == 1:
            partial = len(expr.expr.free_symbols) > 1
            return self._print(DerivativeOf(expr.expr, expr.variables[0], partial))
        return super()._print_Derivative(expr)

    def _print_Subs(self, expr):
        found = undefined_derivative(expr)
        if found is not None:
            return self._prime_of(*found)
        at = [
            self._row(self._print(v), self._mo("="), self._print(p))
            for v, p in zip(expr.variables, expr.point, strict=True)
        ]
        bar = self._el("msub", self._mo("|"), self._between(at, ","))
        return self._row(self._brackets(self._print(expr.expr)), bar)

    def _prime_of(self, func, argument) -> Element:
        """f′(g(x)): the prime on the name, then the argument."""
        return self._applied(self._prime(self._name(func)), (argument,))

    def mathml_tag(self, e):
        return "d" if isinstance(e, sympy.Derivative) else super().mathml_tag(e)

    # -- numbers, sums, products, powers -------------------------------------------------------

    def _print_Integer(self, e):
        # Its digits as str() writes them, without making a printer for each number.
        p = int(e)
        return self._negative(self._el("mn", str(-p))) if p < 0 else self._el("mn", str(p))

    def _print_int(self, p):
        return self._print_Integer(sympy.Integer(p))

    def _print_float(self, value):
        return self._print_Num(Num(value))

    def _print_Rational(self, e):
        if e < 0:
            return self._negative(self._print(-e))
        if e.q == 1:
            return self._print_Integer(e)
        return self._el("mfrac", self._print(e.p), self._print(e.q))

    def _print_Float(self, e):
        return self._negative(super()._print_Float(-e)) if e < 0 else super()._print_Float(e)

    def _print_Add(self, expr, order=None):
        return self._joined(self._terms(expr, order))

    def _terms(self, expr, order=None) -> list[tuple[str, Element]]:
        """A sum's terms in reading order, each with its + or −: ŷ − y, never ŷ + (−y)."""
        out = []
        for i, term in enumerate(self._as_ordered_terms(expr, order=order)):
            negative = bool(i) and term.could_extract_minus_sign()
            shown = -term if negative else term
            element = self._brackets(self._print(shown)) if shown.is_Add else self._print(shown)
            out.append((MINUS if negative else "+" if i else "", element))
        return out

    def _print_Mul(self, expr):
        if (written := as_shown(expr)) is not expr:
            return self._print(written)
        if expr.could_extract_minus_sign():
            return self._negative(self._print(-expr))
        top, bottom = [], []
        for factor in sums_last(expr).as_ordered_factors():
            if factor.is_Rational and factor.q != 1:
                top.append(sympy.Integer(factor.p))
                bottom.append(sympy.Integer(factor.q))
            elif factor.is_Pow and factor.exp.is_Rational and factor.exp.is_negative:
                bottom.append(_positive(factor.base, -factor.exp))
            else:
                top.append(factor)
        top = [f for f in top if f != 1] or [sympy.S.One]
        if not bottom:
            return self._product(top)
        return self._el("mfrac", self._product(top), self._product(bottom))

    def _product(self, factors: list) -> Element:
        """Factors joined by ·, except after a whole number: 2x, 3sin(x), 2(x + 1)."""
        if len(factors) == 1:
            return self._print(factors[0])
        row = self._row()
        for i, factor in enumerate(factors):
            shown = self.parenthesize(factor, PRECEDENCE["Mul"])
            if i:
                before = factors[i - 1]
                coefficient = before.is_Integer and i == 1 and not starts_with_digit(shown)
                row.appendChild(self._mo(TIMES if coefficient else DOT))
            row.appendChild(shown)
        return row

    def _print_Pow(self, expr):
        if (typed := alone(expr)) is not None:
            return self._print(typed)
        base, exponent = expr.args  # as_base_exp() would read (1/2)² as 1/2²
        if power_before_argument(base, exponent):
            raised = self._el("msup", self._name(base.func), self._print(exponent))
            return self._applied(raised, base.args)
        if (
            exponent.is_Rational
            and exponent.is_negative
            and not (exponent.q != 1 and abs(exponent.p) == 1)
        ):
            return self._el("mfrac", self._el("mn", "1"), self._print(_positive(base, -exponent)))
        if exponent.is_Rational and abs(exponent.p) == 1 and exponent.q != 1:
            return super()._print_Pow(expr)  # √ and ∛
        return self._raised(base, exponent)

    def _raised(self, base, exponent) -> Element:
        # A power of a power is (x²)², and (eˣ)² too: e^{x^2} would be another number.
        shown = self.parenthesize(base, PRECEDENCE["Pow"], strict=False)
        if isinstance(base, sympy.exp):
            shown = self._brackets(shown)
        return self._el("msup", shown, self._print(exponent))


def _positive(base, exponent):
    """base to a positive power, as it stands: 1/(x²)² must not become 1/x⁴ on the way."""
    return base if exponent == 1 else sympy.Pow(base, exponent, evaluate=False)


def mathml(term) -> str:
    """Presentation MathML for a SymPy expression or a term, without the ``<math>`` around it:
    ``<mrow><mi>ln</mi>…</mrow>``. The caller chooses inline or ``display="block"``."""
    return _Printer()._print(as_math(term)).toxml()


def measured(term) -> tuple[str, float]:
    """``mathml(term)`` and about how wide it is drawn, in ems of the math font."""
    element = _Printer()._print(as_math(term))
    return element.toxml(), width(element)


def pieces(term) -> list[tuple[str, str, float]]:
    """``term`` cut where a long line may break: (operator, markup, width in ems), the operator
    "" for the first piece, then "+", "−" or "·"."""
    return [(op, e.toxml(), width(e)) for op, e in _Printer().pieces(as_math(term))]
