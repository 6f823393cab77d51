"""The final answer in textbook form, at a bounded cost.

``sympy.simplify`` can take seconds to minutes on innocent derivatives, so this module only
tries a few cheap rewrites, each guarded by the size of the expression, and keeps the shortest
candidate (by ``count_ops``). Nothing here rewrites functions into others, so σ(z)(1 − σ(z))
and sec²x stay as a learner recognises them. No wall clock is involved: the budget is a
number of nodes, so the same input always gets the same answer.
"""

from __future__ import annotations

import sympy

#: Above this many nodes the derivative is left exactly as derived.
MAX_NODES = 300
#: Rational rewrites (together, cancel) only below this many nodes …
MAX_RATIONAL_NODES = 150
#: … when sums hold at most this many different denominators (their product is the new one) …
MAX_DENOMINATORS = 3
#: … and no integer power is larger than this, since they multiply polynomials out.
MAX_RATIONAL_DEGREE = 8


def size(expr: sympy.Basic, limit: int) -> int:
    """The number of nodes in ``expr``, counting stops just past ``limit``."""
    n, stack = 0, [expr]
    # An explicit stack: preorder_traversal's nested generators cost O(depth) per node.
    while stack and n <= limit:
        node = stack.pop()
        n += 1
        stack.extend(node.args)
    return n


def _degree(expr: sympy.Basic) -> int:
    """The largest |n| over the integer powers in ``expr``."""
    return max(
        (abs(int(p.exp)) for p in expr.atoms(sympy.Pow) if p.exp.is_Integer),
        default=0,
    )


def _denominators_in_sums(expr: sympy.Basic) -> set[sympy.Expr]:
    """The different denominators of terms of sums in ``expr``: what a common denominator
    would multiply together."""
    found: set[sympy.Expr] = set()
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Add):
            for term in node.args:
                for f in sympy.Mul.make_args(term):
                    if isinstance(f, sympy.Pow) and f.exp.is_negative:
                        found.add(f.base)
    return found


def simplify(expr: sympy.Expr) -> tuple[sympy.Expr, bool]:
    """(a shorter equal form of ``expr``, True), or (``expr``, False) if it is over budget."""
    n = size(expr, MAX_NODES)
    if n > MAX_NODES:
        return expr, False
    # Pull out common factors and signs: 3(x+1)²sin x + (x+1)³cos x → (x+1)²(3 sin x + …).
    candidates = [expr, sympy.factor_terms(expr)]
    if _polynomial(expr):
        # A textbook multiplies a polynomial out (5x⁴ + 3x² − 4x) unless that is longer; first,
        # so that it wins a tie.
        candidates.insert(0, sympy.expand(expr))
    real = on_the_reals(expr)
    if real != expr:  # d/dx ln|x| = x/|x|² is 1/x; d/dx √(x²) = x/√(x²) is x/|x|
        candidates += [real, sympy.factor_terms(real)]
    if n <= MAX_RATIONAL_NODES:
        denominators = _denominators_in_sums(expr)
        if 0 < len(denominators) <= MAX_DENOMINATORS and _degree(expr) <= MAX_RATIONAL_DEGREE:
            # One fraction over a common denominator: 1/(2√x)·… + … → (…)/(2√x).
            together = sympy.together(expr)
            candidates += [together, sympy.factor_terms(together), sympy.cancel(together)]
    return min(candidates, key=_cost), True


def _polynomial(expr: sympy.Expr) -> bool:
    """A polynomial in its symbols, of a degree whose expansion stays short."""
    symbols = expr.free_symbols
    return bool(symbols) and expr.is_polynomial(*symbols) and _degree(expr) <= MAX_RATIONAL_DEGREE


def on_the_reals(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with what holds for every real u written plainly: |u|²ⁿ is u²ⁿ and √(u²) is |u|.
    (chainrule's variables are real; SymPy's need not be, so it keeps both as they are.)"""
    return expr.replace(
        lambda e: e.is_Pow and isinstance(e.base, sympy.Abs) and e.exp.is_even,
        lambda e: e.base.args[0] ** e.exp,
    ).replace(
        # (u²)^(k/2) = |u|^k for real u: √(u²) = |u|, 1/√(u²) = 1/|u|.
        lambda e: (
            e.is_Pow and e.exp.is_Rational and e.exp.q == 2 and e.base.is_Pow and e.base.exp == 2
        ),
        lambda e: sympy.Abs(e.base.base) ** (2 * e.exp),
    )


def _cost(expr: sympy.Expr) -> tuple[int, int]:
    # min() keeps the first of equals, so ties go to the form as derived.
    return sympy.count_ops(expr), size(expr, MAX_NODES * 4)
