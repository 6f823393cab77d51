"""The order a learner typed sums and products in, and the form of a few single expressions,
kept beside SymPy's own.

SymPy sorts the terms of every sum and the factors of every product as it builds them (even with
``evaluate=False`` it reorders later), so ``2 + cos(x)`` comes back as ``cos(x) + 2``. The
parser records, for each sum and product it builds, the order its parts were typed in; while
``typed(order)`` holds, the rules derive them in that order and every printer writes them so.

It also records two forms SymPy does not keep, each under a one-element tuple ``(expr,)`` (a
key ``arranged`` never looks up): a power typed with its negative exponent, (5 − 2x)^(−2), which
SymPy prints 1/(5 − 2x)² (``typed_power``); and eᵘ typed under a fraction bar, x/eˣ, which SymPy
stores as x·e^(−x) (``under_bar``). Only the printing changes: the expressions stay SymPy's, and
equal to what SymPy would build.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

import sympy

#: args of a sum or a product (as a set) -> the same args in the order typed.
Order = Mapping[frozenset, tuple]

_ORDER: ContextVar[Order | None] = ContextVar("chainrule_typed_order", default=None)


@contextmanager
def typed(order: Order | Iterable[tuple[frozenset, tuple]]) -> Iterator[None]:
    """While this holds, sums and products recorded in ``order`` keep their typed order."""
    token = _ORDER.set(order if isinstance(order, Mapping) else dict(order))
    try:
        yield
    finally:
        _ORDER.reset(token)


def arranged(args: Iterable[sympy.Basic]) -> tuple | None:
    """The typed order of these args of one sum or product, if it was recorded."""
    order = _ORDER.get()
    if not order:
        return None
    args = tuple(args)
    return order.get(frozenset(args)) if len(set(args)) == len(args) else None


#: The form recorded for a power typed with its negative exponent.
POWER = "power"


def typed_power(expr: sympy.Basic) -> bool:
    """Whether ``expr`` is a power the learner typed with its negative exponent, x^(−2)."""
    order = _ORDER.get()
    return bool(order) and expr.is_Pow and order.get((expr,)) == POWER


def under_bar(expr: sympy.Basic) -> frozenset:
    """The factors e^(−u) of ``expr`` (a product, or one e^(−u) alone) that the learner typed as
    eᵘ under a fraction bar: {e^(−x)} for a typed x/eˣ; empty for e^(−x) typed so."""
    order = _ORDER.get()
    if not order or not (expr.is_Mul or isinstance(expr, sympy.exp)):
        return frozenset()
    found = order.get((expr,))
    return found if isinstance(found, frozenset) else frozenset()


def terms(expr: sympy.Expr) -> list[sympy.Expr]:
    """A sum's terms, in the order typed if known, else SymPy's."""
    typed_order = arranged(sympy.Add.make_args(expr))
    return list(typed_order) if typed_order else expr.as_ordered_terms()


def factors(expr: sympy.Expr) -> list[sympy.Expr]:
    """A product's factors, in the order typed if known, else SymPy's."""
    typed_order = arranged(sympy.Mul.make_args(expr))
    return list(typed_order) if typed_order else sympy_factors(expr)


def sympy_factors(expr: sympy.Expr) -> list[sympy.Expr]:
    """A product's factors in SymPy's order, its number one factor: ``as_ordered_factors``
    splits −2x into −1, 2, x, and a learner's constant factor is −2, never −1·2."""
    factors = _as_the_table_writes(expr.as_ordered_factors())
    numbers = [f for f in factors if f.is_Number]
    if len(numbers) < 2:
        return factors
    return [sympy.Mul(*numbers), *(f for f in factors if not f.is_Number)]


#: A table writes d/du sec u = sec u·tan u and d/du csc u = −csc u·cot u: the reciprocal first.
_TABLE_PAIRS = (
    (sympy.sec, sympy.tan),
    (sympy.csc, sympy.cot),
    (sympy.sech, sympy.tanh),
    (sympy.csch, sympy.coth),
)


def _as_the_table_writes(factors: list[sympy.Expr]) -> list[sympy.Expr]:
    """``factors`` with sec u just before tan u (csc u before cot u) where both are there."""
    for first, second in _TABLE_PAIRS:
        for i, f in enumerate(factors):
            if isinstance(f, second):
                partner = first(*f.args)
                j = factors.index(partner) if partner in factors else -1
                if j > i:
                    factors = [*factors[:i], partner, *(g for g in factors[i:] if g != partner)]
    return factors


def note(result: sympy.Expr, parts: list[sympy.Expr]) -> None:
    """Keep the order a rule built ``result`` in (the product rule's u′v + uv′), beside the
    typed order, so that the answer reads in the order it was derived."""
    order = _ORDER.get()
    if isinstance(order, dict) and frozenset(sympy.Add.make_args(result)) not in order:
        # A form already recorded is the learner's own: it wins over a rule's.
        record(order, result, parts)


def kept(kind: type[sympy.Add] | type[sympy.Mul], result: sympy.Expr, parts: list) -> bool:
    """Whether SymPy built the sum or product of ``parts`` without combining any of them,
    numbers apart: x²/x (which is x) and 2·(x + 1) (which SymPy makes 2x + 2) are not kept;
    2·x·3 (6x) and x + 1 + 1 (x + 2) only fold numbers together, as a learner would."""
    flat = [a for part in parts for a in kind.make_args(part) if not a.is_Number]
    return Counter(flat) == Counter(a for a in kind.make_args(result) if not a.is_Number)


def product(order: dict, parts: Iterable[sympy.Expr]) -> sympy.Expr:
    """The product of ``parts``, noted in ``order`` to be written in the order given, as a
    chain's links are, outermost first: (ŷ − y)·σ(z₂)·(1 − σ(z₂))·a₁. A part that is itself a
    product keeps its own noted order, else SymPy's with its sums last, as it prints alone.
    A factor 1 (∂z₂/∂b₂) is left out, as SymPy leaves it out of the product."""
    parts = [part for part in parts if part != 1]
    for part in parts:
        if part.is_Mul and frozenset(part.args) not in order:
            # SymPy sorts the bracket of σ(z)·(1 − σ(z)) first; a learner reads it last.
            record(order, part, sorted(sympy_factors(part), key=lambda f: f.is_Add))
    result = sympy.Mul(*parts)
    if result.is_Mul:  # not a lone sum (δ₂ = ŷ − y), whose terms keep their own order
        record(order, result, parts)
    return result


def record(order: dict, result: sympy.Expr, parts: list[sympy.Expr]) -> None:
    """Note ``parts`` (as typed) as the order of ``result``'s args, when they are exactly its
    args: a sum SymPy combined (x + x is 2x) or a product it folded (2·x·3 is 6x) has no typed
    order to keep."""
    kind = sympy.Add if result.is_Add else sympy.Mul if result.is_Mul else None
    if kind is None:
        return
    flat: list = []
    for part in parts:
        inner = order.get(frozenset(kind.make_args(part))) if isinstance(part, kind) else None
        flat += list(inner or kind.make_args(part))
    if len(flat) == len(result.args) and set(flat) == set(result.args):
        order[frozenset(result.args)] = tuple(flat)
        rest = [part for part in flat if not part.is_Number]
        if kind is sympy.Mul and 1 < len(rest) < len(flat):
            # Printers write a product's number first and the rest on its own (2·(sin x·x)):
            # the rest keeps the typed order too.
            order[frozenset(rest)] = tuple(rest)
