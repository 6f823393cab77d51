"""How long an expression is: the measure the tidy-up chooses by, and a bounded node count."""

from __future__ import annotations

from functools import lru_cache

import sympy
from sympy.core.function import _coeff_isneg


def size(expr: sympy.Basic, limit: int) -> int:
    """The number of nodes in ``expr``, counting stops just past ``limit``."""
    n, stack = 0, [expr]
    # An explicit stack: preorder_traversal's nested generators cost O(depth) per node.
    while stack and n <= limit:
        node = stack.pop()
        n += 1
        stack.extend(node.args)
    return n


#: Besides powers and functions, what ``count_ops`` counts as one operation with its arguments.
_COUNTED = (sympy.Derivative, sympy.Integral, sympy.Sum)


@lru_cache(maxsize=4096)
def operations(expr: sympy.Expr) -> int:
    """SymPy's ``count_ops``: each +, −, ·, /, power and function counts one. This is the
    measure of the length of an answer, the one the tidy-up minimises.

    The same walk as ``sympy.count_ops(expr)`` and the same number (a test holds the two
    together over generated expressions), counted as an integer as it goes: SymPy builds a
    symbol for every operation it meets (ADD, MUL, SIN, …) and adds them up as an expression,
    which took a third of the tidy-up's measuring.
    """
    n, stack = 0, [expr]
    while stack:
        a = stack.pop()
        if a.is_Rational:
            if a is not sympy.S.One:  # −1/3 is a negation and a division
                n += (a.p < 0) + (a.q != 1)
                continue
        elif a.is_Mul:
            if _coeff_isneg(a):
                n += 1
                a = a.as_two_terms()[1] if a.args[0] is sympy.S.NegativeOne else -a
            top, bottom = sympy.fraction(a)
            if top.is_Integer:
                n += 1 + (top.p < 0)
                stack.append(bottom)
                continue
            if bottom is not sympy.S.One:
                if not bottom.is_Integer:
                    stack.append(bottom)
                n += 1
                stack.append(top)
                continue
        elif a.is_Add:
            # n terms take n − 1 signs between them (+ or −), and one more when every term
            # is negative: −x − y.
            negative = [_coeff_isneg(term) for term in a.args]
            stack.extend(-term if neg else term for term, neg in zip(a.args, negative, strict=True))
            n += len(a.args) - 1 + all(negative)
            continue
        if a.is_Pow and a.exp is sympy.S.NegativeOne:
            n += 1
            stack.append(a.base)
            continue
        if a is sympy.S.Exp1:
            n += 1
            continue
        if a.is_Pow and a.base is sympy.S.Exp1:
            n += 1
            stack.append(a.exp)
            continue
        if a.is_Mul or isinstance(a, sympy.core.operations.LatticeOp):  # Min, Max
            n += len(a.args) - 1
        elif a.args and (a.is_Pow or a.is_Function or isinstance(a, _COUNTED)):
            n += 1
        if not a.is_Symbol:
            stack.extend(a.args)
    return n
