"""The tidy-up a teacher does after the last rule, as named moves, chosen by a stated measure.

The rules leave the derivative as they built it: (x²·(12x² − 2) − 2x·(4x³ − 2x + 1))/x⁴. A
teacher then multiplies out the numerator, collects like terms and cancels, each as a line of
its own. This module tries a few such plans (``PLANS``: sequences of the moves in
``chainrule.tidying.moves``), each move written only where it changes something, and keeps the
form that is shortest by SymPy's ``count_ops`` (``measure.operations``), a rewritten form only
when it saves ``REWRITE_MARGIN`` operations over the form as derived: a textbook keeps the
product rule's sum P′Q + PQ′ (2x·sin x + x²·cos x) rather than take out a single x. Ties go to
fewer moves, then to the earlier plan. No wall clock is involved: every move is bounded by the
size of its input, so the same derivative always gets the same answer.

``sympy.simplify`` is not used: it can take minutes on innocent derivatives, and its answers
(cos 2x for cos²x − sin²x, 1/(4cosh²(x/2)) for a sigmoid's derivative) are not a book's.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from chainrule import ordering
from chainrule.steps import Tidy
from chainrule.tidying import identities
from chainrule.tidying.measure import operations, size
from chainrule.tidying.moves import MOVES, polynomial

__all__ = ["PLANS", "REWRITE_MARGIN", "Tidying", "operations", "size", "tidy"]

#: Above this many nodes the derivative is left exactly as derived.
MAX_NODES = 300
#: What a rewritten form must save, in operations, to replace the form as derived.
REWRITE_MARGIN = 2
#: What the other usual form (sin x/cos²x beside sec x·tan x) may cost over the answer.
OTHER_FORM_MARGIN = 3

#: The plans a teacher follows, in order of preference; "reals" goes first in each.
PLANS: tuple[tuple[str, ...], ...] = (
    ("expand", "pythagoras", "table_names"),
    ("common_factor", "pythagoras", "table_names"),
    ("numerator", "pythagoras", "cancel", "common_factor", "table_names"),
    ("together", "numerator", "pythagoras", "cancel", "common_factor", "table_names"),
    ("apart",),
    ("factor",),
    ("roots", "common_factor", "table_names"),
    ("pythagoras", "table_names", "common_factor"),
)


@dataclass(frozen=True)
class Tidying:
    """The moves from the derivative as derived to its final form (none: it is final as it
    is), whether the tidy-up was tried at all (not past ``MAX_NODES``), and the other usual
    form of the answer, if it has one."""

    moves: tuple[Tidy, ...]
    tried: bool
    other_form: sympy.Expr | None = None


def tidy(derived: sympy.Expr, x: sympy.Symbol) -> Tidying:
    """The shortest equal form of ``derived`` the plans reach, with the moves that reach it."""
    if size(derived, MAX_NODES) > MAX_NODES:
        return Tidying((), False)
    expanded_is_derived = polynomial(derived)  # a book multiplies a polynomial out
    results: dict[tuple[sympy.Expr, str], sympy.Expr] = {}

    def apply(expr: sympy.Expr, move: str) -> sympy.Expr:
        key = (expr, move)
        if key not in results:
            try:
                results[key] = (
                    _termwise(expr, move, x) if move in TERMWISE else MOVES[move](expr, x)
                )
            except (sympy.PolynomialError, NotImplementedError):
                results[key] = expr  # a rational move on what is not rational after all
        return results[key]

    sizes: dict[sympy.Expr, int] = {}  # plans meet at the same forms: each is measured once

    def cost(expr: sympy.Expr, path: tuple, as_derived: bool) -> tuple[int, int]:
        """Operations, and one more for each fraction inside a denominator, which a teacher
        always clears (1/(3(x²/9 + 1)) is 3/(x² + 9)); a rewrite pays the margin; then
        fewer moves."""
        if expr not in sizes:
            sizes[expr] = operations(expr) + _compound(expr)
        margin = 0 if as_derived or not path else REWRITE_MARGIN - 1
        return sizes[expr] + margin, len(path)

    # Only a strictly better form replaces the best so far: ties go to the earlier plan.
    best_cost, best = cost(derived, (), True), ()
    for plan in PLANS:
        path: tuple[Tidy, ...] = ()
        expr = derived
        for move in ("reals", *plan):
            after = apply(expr, move)
            if after == expr:
                continue
            path += (Tidy(move=move, before=expr, after=after),)
            expr = after
            now = cost(expr, path, expanded_is_derived and move == "expand" and len(path) == 1)
            if now < best_cost:
                best_cost, best = now, path
    moves = best
    for move in moves:
        _in_descending_powers(move.after, x)
    final = moves[-1].after if moves else derived
    other = _other_form(final)
    return Tidying(moves, True, None if other == derived else other)


#: The moves that rewrite each term on its own: a sum keeps the order it was derived in.
TERMWISE = frozenset({"reals", "table_names", "roots"})


def _termwise(expr: sympy.Expr, move: str, x: sympy.Symbol) -> sympy.Expr:
    """The move on each term of a sum, the terms kept in their order."""
    whole = MOVES[move](expr, x)
    if not expr.is_Add or whole == expr:
        return whole
    parts = [MOVES[move](term, x) for term in ordering.terms(expr)]
    result = sympy.Add(*parts)
    ordering.note(result, parts)
    return result


def _in_descending_powers(expr: sympy.Expr, x: sympy.Symbol) -> None:
    """Note each sum of powers of x to be written from the highest power down, as a book
    writes 4 + 2/x² − 2/x³ (SymPy prints 2/x² − 2/x³ + 4); of two terms, the positive one
    first: 2 − x², not −x² + 2."""
    for node in sympy.preorder_traversal(expr):
        if not node.is_Add:
            continue
        powers = [_power_of(term, x) for term in node.args]
        if None not in powers:
            ranked = sorted(zip(powers, node.args, strict=True), key=lambda p: -p[0])
            terms = [term for _, term in ranked]
            if len(terms) == 2 and terms[0].could_extract_minus_sign():
                terms.reverse()
            ordering.note(node, terms)


def _power_of(term: sympy.Expr, x: sympy.Symbol) -> sympy.Expr | None:
    """k when ``term`` is c·xᵏ with c free of x and k a number, else None."""
    _, rest = term.as_independent(x, as_Add=False)
    if rest == 1:
        return sympy.S.Zero
    if rest == x:
        return sympy.S.One
    if rest.is_Pow and rest.base == x and rest.exp.is_Number:
        return rest.exp
    return None


def _compound(expr: sympy.Expr) -> int:
    """The fractions inside denominators."""
    return sum(
        1
        for node in sympy.preorder_traversal(expr)
        if node.is_Pow
        and node.exp.is_negative
        and any(
            (inner.is_Rational and inner.q != 1) or (inner.is_Pow and inner.exp.is_negative)
            for inner in sympy.preorder_traversal(node.base)
        )
    )


def _other_form(final: sympy.Expr) -> sympy.Expr | None:
    """sin x/cos²x beside sec x·tan x: the answer in sin and cos, when a book might print
    that instead, it is not much longer and has no fraction inside a fraction (cot x + 1 in a
    denominator is put over sin x first: 2/(sin x + cos x)²)."""
    if not final.has(*identities.IN_SIN_AND_COS):
        return None
    parts = [identities.in_sin_and_cos(term) for term in ordering.terms(final)]
    other = sympy.Add(*parts)
    if other == final:
        return None
    ordering.note(other, parts)  # in the answer's own order
    if _compound(other):
        other = sympy.together(other)
    if _compound(other) or operations(other) > operations(final) + OTHER_FORM_MARGIN:
        return None
    return other
