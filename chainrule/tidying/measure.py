"""How long an expression is: the measure the tidy-up chooses by, and a bounded node count."""

from __future__ import annotations

from functools import lru_cache

import sympy


def size(expr: sympy.Basic, limit: int) -> int:
    """The number of nodes in ``expr``, counting stops just past ``limit``."""
    n, stack = 0, [expr]
    # An explicit stack: preorder_traversal's nested generators cost O(depth) per node.
    while stack and n <= limit:
        node = stack.pop()
        n += 1
        stack.extend(node.args)
    return n


@lru_cache(maxsize=4096)
def operations(expr: sympy.Expr) -> int:
    """SymPy's ``count_ops``: each +, −, ·, /, power and function counts one. This is the
    measure of the length of an answer, the one the tidy-up minimises."""
    return int(sympy.count_ops(expr))
