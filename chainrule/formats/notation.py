"""How math is written in each notation: one-line Unicode, LaTeX, or SymPy/Python code.

The printers extend SymPy's own and also print the document's terms (``document.terms``:
∂J/∂ŷ, d/dx (…), products kept in order …), dispatching on the class name as SymPy does. Every
format prints math through ``unicode``, ``latex`` or ``code`` (MathML: ``formats.mathml``), so a
formula reads the same in the terminal, on a slide and in JSON. Nothing here changes the math.
"""

from __future__ import annotations

import sympy
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.str import StrPrinter

from chainrule import ordering
from chainrule.document import terms
from chainrule.formats.print_latex import LearnerLatexPrinter, latex_number
from chainrule.formats.print_unicode import OPERATORS, UnicodePrinter, finish, number
from chainrule.formats.printing import (
    FactorsAsGiven,
    Remembering,
    as_shown,
    as_typed,
    one_printer,
    remembered_text,
    symbol,
)
from chainrule.formats.typed_forms import alone

__all__ = [
    "as_math",
    "code",
    "latex",
    "latex_number",
    "latex_pieces",
    "number",
    "symbol",
    "unicode",
    "unicode_pieces",
]

_TERMS = tuple(getattr(terms, name) for name in terms.__all__)


def as_math(value) -> sympy.Basic:
    """A SymPy expression or a document term as it is; a plain number as SymPy's (formats hand
    us coefficients and counts too); never text."""
    if isinstance(value, (sympy.Basic, *_TERMS)):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a SymPy expression or a number, got {type(value).__name__}")
    return sympy.Integer(value) if isinstance(value, int) else sympy.Float(value)


def unicode(expr, order=None) -> str:
    """One line of Unicode math: −sin(x)/(cos(x) + 2), σ(z₂)·(1 − σ(z₂)), 2x², √(x + 1).

    ``order`` (an ``Explanation``'s ``order``) keeps sums and products as the learner typed
    them: ``unicode(h.derivative, order=h.order)`` is −sin(x)/(2 + cos(x)).
    """
    if order is not None:
        with ordering.typed(order):
            return unicode(expr)
    return remembered_text(_unicode, expr)


def _unicode(expr) -> str:
    return finish(one_printer(UnicodePrinter).doprint(as_math(expr)))


def unicode_pieces(term) -> list[tuple[str, str]]:
    """``unicode(term)`` cut where a long line may break: (operator, text) pairs."""
    return [
        (OPERATORS.get(op, op), finish(text))
        for op, text in one_printer(UnicodePrinter).pieces(as_math(term))
    ]


def latex_pieces(term) -> list[tuple[str, str]]:
    r"""``latex(term)`` cut where a long line may break: operators "+", "-" and "\cdot"."""
    return [
        (r"\cdot" if op.strip() == "*" else op, text)
        for op, text in one_printer(LearnerLatexPrinter).pieces(as_math(term))
    ]


def latex(expr, order=None) -> str:
    r"""LaTeX math (no surrounding $): \frac{- \sin{\left(x \right)}}{\cos{\left(x \right)} + 2}.

    ``order`` keeps sums and products as typed, as for ``unicode``.
    """
    if order is not None:
        with ordering.typed(order):
            return latex(expr)
    return one_printer(LearnerLatexPrinter).doprint(as_math(expr))


#: A product of more factors than this is written in its stored order (see ``_SharedStr``).
LONG_PRODUCT = 16


def code(expr: sympy.Expr, order=None) -> str:
    """SymPy/Python syntax, as ``str()`` prints it: ``-sin(x)/(cos(x) + 2)``, ``x**2``; fast on
    a deep chain, whose subtrees repeat, while ``printing.remembered()`` holds (every render).

    Only the learner's form differs from ``str()``, and SymPy reads it back equal: sums and
    products keep the order typed (``order``, or the one ``ordering.typed`` holds), so
    ``-sin(x)/(2 + cos(x))``; and log_b u is ``log(u, 2)``, not ``log(u)/log(2)``.
    """
    if order is not None:
        with ordering.typed(order):
            return code(expr)
    return _SharedStr().doprint(expr)


class _SharedStr(Remembering, StrPrinter):
    """``str()`` output, each distinct subtree printed once in a render (``Remembering``).

    A deep chain's gradient repeats the same inner formulas many times over; str() would print
    (and sort the terms of) each repeat again.
    """

    def _as_ordered_terms(self, expr, order=None):
        typed = ordering.arranged(expr.args)
        return list(typed) if typed else super()._as_ordered_terms(expr, order)

    def _print_LogBase(self, expr) -> str:
        u, b = expr.args
        return f"log({self._print(u)}, {self._print(b)})"

    def _print_Pow(self, expr, rational=False) -> str:
        if (typed := alone(expr)) is not None:
            return self._print(typed)
        return super()._print_Pow(expr, rational)

    def _print_exp(self, expr) -> str:
        if (typed := alone(expr)) is not None:
            return self._print(typed)  # 1/exp(x), as typed
        return self._print_Function(expr)

    def _print_Raised(self, expr) -> str:
        base, exponent = expr.args  # (5 - 2*x)**(-2), as typed: SymPy reads it back equal
        return (
            f"{self.parenthesize(base, PRECEDENCE['Pow'], strict=False)}**({self._print(exponent)})"
        )

    def _print_Mul(self, expr) -> str:
        if (written := as_shown(expr)) is not expr:
            return self._print(written)
        typed = ordering.arranged(expr.args)
        coeff, rest = expr.as_coeff_Mul()
        if not typed and coeff is not sympy.S.One and rest.is_Mul:
            # −3·sin(x)·x typed after a minus: the product without its number was recorded.
            typed = (coeff, *found) if (found := ordering.arranged(rest.args)) else None
        if typed and not isinstance(expr, FactorsAsGiven):
            shown = as_typed(typed)
            if shown.could_extract_minus_sign():
                # str() would take the sign off by rebuilding the product in SymPy's order.
                return "-" + self._print_Mul(-shown)
            return self._print_Mul(shown)
        # SymPy sorts a product's factors as it prints them, comparing nested factors argument
        # by argument: a chain n links deep costs ~n³. A long product keeps its stored order
        # instead (the same product; SymPy reads it back equal).
        if len(expr.args) <= LONG_PRODUCT:
            return super()._print_Mul(expr)
        order = self._settings["order"]
        self._settings["order"] = "none"
        try:
            return super()._print_Mul(expr)
        finally:
            self._settings["order"] = order
