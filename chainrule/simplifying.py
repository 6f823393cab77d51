"""The final answer in textbook form, at a bounded cost.

``sympy.simplify`` can take seconds to minutes on innocent derivatives, so this module only
tries a few cheap rewrites, each guarded by the size of the expression, and keeps the shortest
candidate (by ``count_ops``). Nothing here rewrites functions into others, so σ(z)(1 − σ(z))
and sec²x stay as a learner recognises them.
"""

from __future__ import annotations

import sympy

#: Above this many nodes the derivative is left exactly as derived.
MAX_NODES = 600
#: Rational rewrites (together, cancel) only below this many nodes …
MAX_RATIONAL_NODES = 150
#: … and only when no integer power is larger than this, since they expand polynomials.
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


def _has_fractions_to_add(expr: sympy.Basic) -> bool:
    """Whether some sum in ``expr`` has a term with a denominator: only then can putting it
    over a common denominator (together, cancel) shorten it."""
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Add):
            for term in node.args:
                if any(
                    isinstance(f, sympy.Pow) and f.exp.is_negative
                    for f in sympy.Mul.make_args(term)
                ):
                    return True
    return False


def simplify(expr: sympy.Expr) -> tuple[sympy.Expr, bool]:
    """(a shorter equal form of ``expr``, True), or (``expr``, False) if it is over budget."""
    n = size(expr, MAX_NODES)
    if n > MAX_NODES:
        return expr, False
    candidates = [expr]
    # Pull out common factors and signs: 3(x+1)²sin x + (x+1)³cos x → (x+1)²(3 sin x + …).
    candidates.append(sympy.factor_terms(expr))
    candidates.append(sympy.powsimp(expr))
    if (
        n <= MAX_RATIONAL_NODES
        and _has_fractions_to_add(expr)
        and _degree(expr) <= MAX_RATIONAL_DEGREE
    ):
        # One fraction over a common denominator: 1/(2√x)·… + … → (…)/(2√x).
        together = sympy.together(expr)
        candidates.append(together)
        candidates.append(sympy.factor_terms(together))
        candidates.append(sympy.cancel(together))
    return min(candidates, key=_cost), True


def _cost(expr: sympy.Expr) -> tuple[int, int]:
    # min() keeps the first of equals, so ties go to the form as derived.
    return sympy.count_ops(expr), size(expr, MAX_NODES * 4)
