"""What all of chainrule's printers share: the conventions a learner reads math by (sums in
reading order, σ(z)·(1 − σ(z)) with the bracket last, f′(g(x)), sin²x), where a long formula
may break, and the terms printed alike in every notation."""

from __future__ import annotations

import unicodedata

import sympy
from sympy.core.function import AppliedUndef
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.pretty.pretty_symbology import pretty_symbol

from chainrule import ordering
from chainrule.document.terms import Frac, InOrder, Terms

# Functions written the textbook way, without SymPy's spelling.
UNICODE_NAMES = {
    "log": "ln",
    "sigmoid": "σ",
    **{f"a{name}": f"arc{name}" for name in ("sin", "cos", "tan", "cot", "sec", "csc")},
}
# Written sin²(x) rather than sin(x)², as textbooks do.
POWER_BEFORE_ARGUMENT = frozenset(
    ("sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth", "sech", "csch")
)


def undefined_derivative(expr: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr] | None:
    """(f, argument) when expr is f′ of an undefined f evaluated at its one argument, else None.

    SymPy writes f′(g(x)) either as Derivative(f(g(x)), g(x)) or as
    Subs(Derivative(f(u), u), u, g(x)); a learner writes both as f′(g(x)).
    """
    if isinstance(expr, sympy.Subs):
        inner, (var,), (point,) = expr.args[0], expr.variables, expr.point
        found = undefined_derivative(inner)
        if found is not None and found[1] == var:
            return found[0], point
        return None
    if isinstance(expr, sympy.Derivative) and len(expr.variable_count) == 1:
        (var, count), applied = expr.variable_count[0], expr.expr
        if (
            count == 1
            and isinstance(applied, AppliedUndef)
            and len(applied.args) == 1
            and applied.args[0] == var
        ):
            return applied.func, var
    return None


def reading_order(terms: list[sympy.Expr]) -> list[sympy.Expr]:
    """SymPy's term order, adjusted to the way a learner writes a sum (the sum is unchanged).

    A sum the learner typed keeps the order typed (``chainrule.ordering``): 2 + cos(x). Else
    terms with more distinct symbols come first (w₁·x + b₁, not b₁ + w₁·x), and the sum starts
    with a positive term when it has one (ŷ − y, not −y + ŷ).
    """
    typed = ordering.arranged(terms)
    if typed:
        return list(typed)
    terms = sorted(terms, key=lambda term: -len(term.free_symbols))  # stable
    if terms and terms[0].could_extract_minus_sign():
        for i, term in enumerate(terms):
            if not term.could_extract_minus_sign():
                return [term, *terms[:i], *terms[i + 1 :]]
    return terms


class FactorsAsGiven(sympy.Mul):
    """A product that prints its factors in the order it was built with, not SymPy's."""

    def as_ordered_factors(self, order=None):
        return list(self.args)


def sums_last(expr: sympy.Mul) -> sympy.Mul:
    """The same product with bracketed sums moved to the end: σ(z)·(1 − σ(z)), 3x·(x + 1).

    SymPy sorts (1 − σ(z)) before σ(z); a learner reads σ(z)(1 − σ(z)) as the sigmoid rule. A
    product the learner typed keeps the order typed (``chainrule.ordering``): w·a.
    """
    typed = ordering.arranged(expr.args)
    if typed:  # a number still leads, as textbooks write 2x for x·2
        numbers = [f for f in typed if f.is_Number]
        return FactorsAsGiven._from_args([*numbers, *(f for f in typed if not f.is_Number)])
    factors = expr.as_ordered_factors()
    ordered = sorted(factors, key=lambda factor: factor.is_Add)  # stable: the rest keep order
    return expr if ordered == factors else FactorsAsGiven._from_args(ordered)


class SharedPrinting:
    """Where a long formula may break: its top-level terms or factors, each with its operator.

    ``pieces(term)`` gives (operator, text) pairs — operator "" for the first, then "+", "-",
    "*", or " * " between spaced factors — that join back into exactly what the printer prints
    for the term. A formula that cannot be split (a fraction, a single function) is one piece.
    """

    def pieces(self, term) -> list[tuple[str, str]]:
        if isinstance(term, Terms) and len(term.items) > 1:
            return _signed([self._print(item) for item in term.items])
        if isinstance(term, sympy.Add):
            texts = [
                f"({self._print(t)})" if t.is_Add else self._print(t)
                for t in self._as_ordered_terms(term)
            ]
            return _signed(texts)
        if isinstance(term, sympy.Mul) and no_denominator(term):
            factors = sums_last(term).as_ordered_factors()
            texts = [self.parenthesize(f, PRECEDENCE["Mul"], strict=False) for f in factors]
            return [("", texts[0]), *(("*", t) for t in texts[1:])]
        if isinstance(term, InOrder) and not term.tight and len(term.items) > 1:
            texts = [self._factor(item, term.strict) for item in term.items]
            times = " * " if term.spaced else "*"  # ∂J/∂ŷ · ∂ŷ/∂z₂ keeps its spaces
            return [("", texts[0]), *((times, t) for t in texts[1:])]
        return [("", self._print(term))]

    # Terms printed alike in every notation (each printer supplies _print and _factor).

    def _print_Terms(self, t):
        return join_terms([self._print(item) for item in t.items], "-") if t.items else "0"

    def _print_Neg(self, t):
        return "-" + self.parenthesize(t.body, PRECEDENCE["Mul"], strict=True)

    def _print_Equals(self, t):
        return " = ".join(self._print(side) for side in t.sides)


def no_denominator(expr: sympy.Mul) -> bool:
    """A product of factors only (no fraction, no leading number): safe to break between."""
    coeff, _ = expr.as_coeff_Mul()
    return coeff is sympy.S.One and not any(f.is_Pow and f.exp.is_negative for f in expr.args)


def _signed(texts: list[str]) -> list[tuple[str, str]]:
    out = [("", texts[0])]
    for text in texts[1:]:
        out.append(("-", text[1:].lstrip()) if text.startswith("-") else ("+", text))
    return out


def compound(item) -> bool:
    """A product or a fraction: one factor that strict brackets set apart."""
    return isinstance(item, sympy.Mul | sympy.Pow | InOrder | Frac) or (
        isinstance(item, sympy.Basic) and item.is_Mul
    )


def join_terms(texts: list[str], minus: str) -> str:
    """Terms joined by + and −: 0 − sin(x), never 0 + (−sin(x))."""
    out = texts[0]
    for text in texts[1:]:
        if text.startswith(minus):
            out += f" {minus} {text[len(minus) :].lstrip()}"
        else:
            out += f" + {text}"
    return out


def power_before_argument(base, exponent) -> bool:
    """sin²(x) rather than sin(x)², as textbooks write a trigonometric function squared."""
    return (
        isinstance(base, sympy.Function)
        and not isinstance(base, AppliedUndef)
        and base.func.__name__ in POWER_BEFORE_ARGUMENT
        and exponent.is_Integer
        and exponent > 1
    )


def symbol(name: str | sympy.Symbol) -> str:
    """A variable's name as a learner writes it: w₁, θ, ŷ."""
    text = pretty_symbol(name.name if isinstance(name, sympy.Symbol) else name)
    # pretty_symbol builds ŷ from y + a combining accent; one composed character copies cleanly.
    return unicodedata.normalize("NFC", text)
