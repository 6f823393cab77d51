"""What all of chainrule's printers share: the conventions a learner reads math by (sums in
reading order, σ(z)·(1 − σ(z)) with the bracket last, f′(g(x)), sin²x), where a long formula
may break, and the terms printed alike in every notation."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import TypeVar

import sympy
from sympy.core.function import AppliedUndef, UndefinedFunction
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.precedence import precedence as sympy_precedence
from sympy.printing.precedence import precedence_traditional as sympy_precedence_traditional
from sympy.printing.pretty.pretty_symbology import pretty_symbol
from sympy.printing.printer import Printer

from chainrule import ordering
from chainrule.document.terms import (
    Compose,
    DerivativeOf,
    Equals,
    Frac,
    InOrder,
    Leibniz,
    Neg,
    Nth,
    Prime,
    Terms,
)
from chainrule.formats import typed_forms

T = TypeVar("T")

# Functions written the textbook way, without SymPy's spelling.
UNICODE_NAMES = {
    "log": "ln",
    "sigmoid": "σ",
    "gamma": "Γ",
    **{f"a{name}": f"arc{name}" for name in ("sin", "cos", "tan", "cot", "sec", "csc")},
    "relu": "ReLU",
    "heaviside": "H",
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


def ordered_terms(printer: Printer, expr: sympy.Expr, order=None) -> list:
    """A sum's terms as ``printer`` would order them, then in reading order (``reading_order``).

    SymPy sorts a sum's terms afresh every time it prints it, and the sort is slow (it takes
    every coefficient apart): the derivative of a product of 100 factors prints each of its 100
    sums some hundred times. The sort is remembered here, by sum and order.
    """
    typed = ordering.arranged(expr.args)
    if typed:  # the learner's order, whatever SymPy's is: no need to sort for it
        return list(typed)
    order = order or printer.order
    if order in ("none", "old"):
        return reading_order(list(Printer._as_ordered_terms(printer, expr, order)))
    return reading_order(list(_sympy_order(expr, order)))


@lru_cache(maxsize=4096)
def _sympy_order(expr: sympy.Expr, order) -> tuple:
    return tuple(expr.as_ordered_terms(order=order))


#: Subtrees remembered in one render, past which the memory is let go (a long answer's text).
_KEPT_PRINTS = 50_000

_PRINTED: ContextVar[dict | None] = ContextVar("chainrule_printed", default=None)


def remembering(work: Callable[[], T]) -> T:
    """``work()``, with every printer remembering each subtree it prints while it runs."""
    with remembered():
        return work()


@contextmanager
def remembered() -> Iterator[None]:
    """While this holds (one render), a ``Remembering`` printer prints each distinct subtree
    once. A document prints each step's result again inside the steps above it, and breaking a
    long line prints each piece again inside the piece it belongs to: without this, a deep or
    tall formula costs its size times its depth."""
    token = _PRINTED.set({})
    try:
        yield
    finally:
        _PRINTED.reset(token)


def remembered_text(make: Callable[[object], str], term) -> str:
    """``make(term)``, a whole formula's text, made once per render while ``remembered()``
    holds: a layout asks for the same side again on each of its passes."""
    printed = _PRINTED.get()
    if printed is None:
        return make(term)
    if isinstance(term, _TERMS):
        key = (make, id(term))
    elif isinstance(term, sympy.Basic) and (term.args or term.is_Symbol):
        key = (make, term)
    else:
        return make(term)
    return _kept(printed, key, term, make)


def remembered_value(function: Callable[[sympy.Basic], T], expr) -> T:
    """``function(expr)`` of a SymPy subtree, worked out once per render while ``remembered()``
    holds (anything else, every time)."""
    printed = _PRINTED.get()
    if printed is None or not isinstance(expr, sympy.Basic) or not expr.args:
        return function(expr)
    return _kept(printed, (function, expr), expr, function)


def _kept(printed: dict, key, item, function: Callable):
    """``function(item)``, from ``printed`` if it is there; the item is kept beside it, so that
    a key made of its id stays that item's while the entry lives."""
    kept = printed.get(key)
    if kept is None:
        if len(printed) >= _KEPT_PRINTS:
            printed.clear()
        kept = printed[key] = (item, function(item))
    return kept[1]


def precedence(item) -> int:
    """SymPy's ``precedence``, once per subtree in a render: a printer asks it of each factor
    again and again, and of a product it is slow (SymPy builds the product's negative to see
    whether a minus sign can come out)."""
    return remembered_value(sympy_precedence, item)


def precedence_traditional(item) -> int:
    """SymPy's ``precedence_traditional`` (LaTeX's), once per subtree in a render."""
    return remembered_value(sympy_precedence_traditional, item)


def one_printer(cls: type[T]) -> T:
    """A printer of ``cls`` with its default settings, one for the whole render while
    ``remembered()`` holds (a printer keeps nothing between two ``doprint``s)."""
    printed = _PRINTED.get()
    if printed is None:
        return cls()
    printer = printed.get(cls)
    if printer is None:
        printer = printed[cls] = cls()
    elif printer._print_level:  # asked for while it prints: a fresh one, as its own doprint
        return cls()
    return printer


class Remembering:
    """A printer whose ``_print`` of a SymPy subtree is looked up while ``remembered()`` holds.

    A subtree prints the same wherever it sits (its parent adds any brackets) for a given term
    order, which a product's own factors change (``_print_Mul``): the order is in the key.
    A printer whose prints can be changed after they are made (MathML's elements) says what it
    keeps (``_kept``) and hands out copies of the part that can change (``_handed_out``); text
    is kept and handed out as it is.
    """

    def _print(self, expr, **kwargs):
        printed = _PRINTED.get()
        if printed is None or kwargs:
            return super()._print(expr, **kwargs)
        if isinstance(expr, _TERMS):
            # A document's terms are printed again on each pass of a layout (measured, then
            # drawn; whole, then cut into pieces), each time as the same object: they are
            # remembered by identity, the object kept alive with its print so that no other
            # takes its id while the render lasts. (By value, 0.0 and −0.0 would be one.)
            key = (type(self), self._settings["order"], id(expr))
        elif isinstance(expr, sympy.Basic) and (expr.args or expr.is_Symbol):
            key = (type(self), self._settings["order"], expr)
        else:  # a number: quicker printed than looked up
            return self._dispatched(expr)
        kept = printed.get(key)
        if kept is None:
            shown = self._dispatched(expr)
            if len(printed) >= _KEPT_PRINTS:
                printed.clear()
            kept = printed[key] = (expr, self._kept(shown))
        return self._handed_out(kept[1])

    def _dispatched(self, expr):
        """``Printer._print(expr)``, its choice of ``_print_<Class>`` made once per class of
        printer and of expression: SymPy walks the expression's classes for it every time,
        a tenth of the printing."""
        if self.printmethod and hasattr(expr, self.printmethod):
            return super()._print(expr)  # the expression prints itself
        name = _method(type(self), type(expr))
        self._print_level += 1
        try:
            return getattr(self, name)(expr) if name else self.emptyPrinter(expr)
        finally:
            self._print_level -= 1

    def _kept(self, shown):
        return shown

    def _handed_out(self, kept):
        return kept


@lru_cache(maxsize=1024)
def _method(printer: type, cls: type) -> str | None:
    """The name of the method ``Printer._print`` chooses for an expression of class ``cls``: the
    first ``_print_<Class>`` along its classes, where an undefined function (f(x)) is printed as
    one, and a subclass of a known function counts only under its own name."""
    classes = cls.__mro__
    for undefined in (AppliedUndef, UndefinedFunction):
        if undefined in classes:
            classes = classes[classes.index(undefined) :]
    if sympy.Function in classes:
        i = classes.index(sympy.Function)
        own = classes[0].__name__
        classes = (
            *(c for c in classes[:i] if c.__name__ == own or c.__name__.endswith("Base")),
            *classes[i:],
        )
    for c in classes:
        name = f"_print_{c.__name__}"
        if getattr(printer, name, None) is not None:
            return name
    return None


#: The document's terms that hold other math (a number alone is quicker to print than to find).
_TERMS = (Compose, DerivativeOf, Equals, Frac, InOrder, Leibniz, Neg, Nth, Prime, Terms)


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
    if typed:
        return as_typed(typed)
    factors = ordering.sympy_factors(expr)  # −2, not −1·2; sec x·tan x
    ordered = sorted(factors, key=lambda factor: factor.is_Add)  # stable: the rest keep order
    return expr if ordered == expr.as_ordered_factors() else FactorsAsGiven._from_args(ordered)


def as_typed(factors) -> sympy.Mul:
    # A number still leads, as textbooks write 2x for x·2.
    numbers = [f for f in factors if f.is_Number]
    return FactorsAsGiven._from_args([*numbers, *(f for f in factors if not f.is_Number)])


class LogBase(sympy.Function):
    """log_b(u), for printing only (args u, b). SymPy has no such function: it stores log_b u
    as ln u·(ln b)⁻¹, and ``as_shown`` puts this in that product's place. Nothing derives it."""

    nargs = 2


def as_shown(term):
    """The term as the printers write it: a product with one factor ln(u)ⁿ and one (ln b)⁻ⁿ,
    b a number, has log_b(u)ⁿ in their place (ln(x)/ln(2) is log₂(x), 3·ln(x)·x/ln(10) is
    3log₁₀(x)·x, ln(x)²/ln(2)² is log₂(x)²); the other factors stay as they were. Anything
    else is returned as it is.

    Always, not only where the learner typed log(x, 2): SymPy stores log(x, 2) and ln(x)/ln(2)
    alike, so a printer cannot tell them apart, and the two are the same number; the rules
    already take either as the log_b table entry, so the formula reads as the rule it goes by.
    Only a number base: a symbol might be the variable (d/dx ln(ln x)² is 2·ln(ln x)/(x·ln x),
    no logarithm to base x), and a constant ln(3)/ln(2) stays the quotient of numbers it is.

    A power or a product the learner typed in a form SymPy does not keep is written as typed
    (``typed_forms``): (5 − 2x)⁻², x·√(2x + 1)/(eˣ·sin³(x)).
    """
    if (typed := typed_forms.alone(term)) is not None:
        return typed
    if not isinstance(term, sympy.Mul):
        return term
    if forms := typed_forms.in_factors(term):
        shown = sums_last(term)
        factors = shown.args if shown is not term else ordering.sympy_factors(term)
        return FactorsAsGiven._from_args([forms.get(f, f) for f in factors])
    logs, bases = [], []
    for factor in term.args:
        inside, n = factor.as_base_exp()
        if not (isinstance(inside, sympy.log) and n.is_Integer):
            continue
        (u,) = inside.args
        if n > 0 and not u.is_number:
            logs.append((factor, u, n))
        elif n < 0 and u.is_number and u.is_positive and u != 1:
            bases.append((factor, u, -n))
    if len(logs) != 1 or len(bases) != 1 or logs[0][2] != bases[0][2]:
        return term
    (log_factor, u, n), (base_factor, b, _) = logs[0], bases[0]
    written = LogBase(u, b) if n == 1 else sympy.Pow(LogBase(u, b), n)
    typed = ordering.arranged(term.args)
    rest = [written if f == log_factor else f for f in typed or term.args if f != base_factor]
    if len(rest) == 1:
        return written
    return as_typed(rest) if typed else sympy.Mul(*rest)


class SharedPrinting:
    """Where a long formula may break: its top-level terms or factors, each with its operator.

    ``pieces(term)`` gives (operator, text) pairs — operator "" for the first, then "+", "-",
    "*", or " * " between spaced factors — that join back into exactly what the printer prints
    for the term. A formula that cannot be split (a fraction, a single function) is one piece.
    """

    def pieces(self, term) -> list[tuple[str, str]]:
        term = as_shown(term)
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
    return _symbol(name.name if isinstance(name, sympy.Symbol) else name)


@lru_cache(maxsize=1024)
def _symbol(name: str) -> str:
    # A long formula names the same few variables thousands of times.
    text = pretty_symbol(name)
    # pretty_symbol builds ŷ from y + a combining accent; one composed character copies cleanly.
    return unicodedata.normalize("NFC", text)
