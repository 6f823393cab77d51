"""The LaTeX printer: SymPy's LaTeX with ln, σ and f′(u) as a learner writes them, and the
document's terms."""

from __future__ import annotations

import re

import sympy
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE, precedence

from chainrule.formats.printing import (
    FactorsAsGiven,
    SharedPrinting,
    compound,
    reading_order,
    sums_last,
    undefined_derivative,
)


class LearnerLatexPrinter(SharedPrinting, LatexPrinter):
    """SymPy's LaTeX with ln, σ and f′(u) as a learner writes them."""

    def __init__(self) -> None:
        super().__init__({"ln_notation": True, "mul_symbol": "dot", "inv_trig_style": "full"})
        self._base_order = self._settings["order"]

    def _as_ordered_terms(self, expr, order=None):
        # Inside a reordered product the printer's order is "none"; sums still sort as usual.
        order = order or ("lex" if self.order == "none" else None)
        return reading_order(super()._as_ordered_terms(expr, order=order))

    def _print_Derivative(self, expr):
        found = undefined_derivative(expr)
        if found is not None:
            return self._prime_at(*found)
        return super()._print_Derivative(expr)

    def _print_Subs(self, expr):
        found = undefined_derivative(expr)
        if found is not None:
            return self._prime_at(*found)
        return super()._print_Subs(expr)

    def _print_Mul(self, expr):
        ordered = expr if isinstance(expr, FactorsAsGiven) else sums_last(expr)
        # SymPy's LaTeX printer re-sorts factors unless its order is "none"; "none" must hold
        # for this product's own factors only, or a product inside it keeps SymPy's internal
        # order (sin·cos here, cos·sin there).
        saved = self._settings["order"]
        self._settings["order"] = "none" if ordered is not expr else self._base_order
        try:
            text = super()._print_Mul(ordered)
        finally:
            self._settings["order"] = saved
        # mul_symbol="dot" would also write 2·x; a number before a letter needs no dot.
        return re.sub(r"(?<![\w.}])(\d+) \\cdot (?=[a-zA-Z\\(])", r"\1 ", text)

    def _print_Function(self, expr, exp=None):
        if isinstance(expr, AppliedUndef) and "_" in expr.func.__name__:
            # f_1(x): SymPy would write the whole name upright; a learner writes f₁.
            name, _, index = expr.func.__name__.partition("_")
            args = ", ".join(self._print(a) for a in expr.args)
            return rf"{name}_{{{index}}}\left({args}\right)"
        return super()._print_Function(expr, exp)

    def _prime_at(self, function, point) -> str:
        name = self._print(sympy.Symbol(function.__name__))
        return rf"{name}'\left({self._print(point)}\right)"

    # -- the document's terms (chainrule.document.terms) ----------------------------------------

    def _print_Leibniz(self, t):
        d = r"\partial " if t.partial else "d"
        return rf"\frac{{{d}{self._print(t.of)}}}{{{d}{self._print(t.wrt)}}}"

    def _print_DerivativeOf(self, t):
        d = r"\partial" if t.partial else "d"
        text = self._print(t.expression)
        if precedence(t.expression) < PRECEDENCE["Pow"] or text.startswith("-"):
            text = rf"\left({text}\right)"
        return rf"\frac{{{d}}}{{{d} {self._print(t.wrt)}}} {text}"

    def _print_Prime(self, t):
        return self.parenthesize(t.body, PRECEDENCE["Atom"], strict=True) + "'"

    def _print_InOrder(self, t):
        joiner = " " if t.tight else r" \cdot "
        return joiner.join(self._factor(item, t.strict) for item in t.items)

    def _factor(self, item, strict: bool) -> str:
        text = self._print(item)
        if precedence(item) < PRECEDENCE["Mul"] or text.startswith("-"):
            return rf"\left({text}\right)"
        # A \frac is visibly one factor; only a product inside a product needs brackets.
        if strict and compound(item) and r"\cdot" in text:
            return rf"\left({text}\right)"
        return text

    def _print_Frac(self, t):
        return rf"\frac{{{self._print(t.numerator)}}}{{{self._print(t.denominator)}}}"

    def _print_Compose(self, t):
        return r" \circ ".join(self._print(sympy.Symbol(name)) for name in t.names)

    def _print_Num(self, t):
        return latex_number(t.value)

    def _print_Update(self, t):
        g = latex_number(t.gradient)
        g = rf"\left({g}\right)" if t.gradient < 0 else g
        return rf"{latex_number(t.current)} - {latex_number(t.lr)} \cdot {g}"

    def _print_Assign(self, t):
        return rf"{self._print(t.target)} \leftarrow {self._print(t.value)}"


def latex_number(value: float) -> str:
    """Six significant digits; 1e-05 written 1 \\cdot 10^{-5}."""
    text = f"{value:.6g}"
    mantissa, e, exponent = text.partition("e")
    if not e:
        return text
    power = f"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else rf"{mantissa} \cdot {power}"
