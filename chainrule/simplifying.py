"""The final answer in textbook form, at a bounded cost.

``sympy.simplify`` can take seconds to minutes on innocent derivatives, so this module only
tries a few cheap rewrites, each guarded by the size of the expression, and keeps the shortest
candidate by a documented measure (``_cost``): fewest operations (``count_ops``), where a
rewritten form must save at least two operations over the form as derived, because a
textbook keeps the product rule's sum u′v + uv′ (2x·sin x + x²·cos x) rather than pull out
a single x. The only functions rewritten into others are the reciprocal trigonometric ones a
textbook prints (cos u/sin u is cot u, 1/cos²u is sec²u) and sin²u + cos²u = 1; σ(z)(1 − σ(z))
stays as a learner recognises it. No wall clock is involved: the budget is a number of nodes,
so the same input always gets the same answer.
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
    candidates += [c for c in map(trigonometric, candidates[:]) if c not in candidates]
    if n <= MAX_RATIONAL_NODES:
        denominators = _denominators_in_sums(expr)
        if 0 < len(denominators) <= MAX_DENOMINATORS and _degree(expr) <= MAX_RATIONAL_DEGREE:
            # One fraction over a common denominator: 1/(2√x)·… + … → (…)/(2√x).
            together = sympy.together(expr)
            candidates += [together, sympy.factor_terms(together), sympy.cancel(together)]
    first = candidates[0]
    return min(candidates, key=lambda c: _cost(c, c is expr or c is first)), True


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


#: What a rewritten form must save, in operations, to replace the form as derived.
REWRITE_MARGIN = 2


def _cost(expr: sympy.Expr, as_derived: bool) -> tuple[int, bool, int]:
    """Operations (a rewrite pays the margin), then the form as derived (or, for a
    polynomial, multiplied out) before a rewrite, then fewer nodes."""
    margin = 0 if as_derived else REWRITE_MARGIN - 1
    return sympy.count_ops(expr) + margin, not as_derived, size(expr, MAX_NODES * 4)


#: The reciprocal functions a textbook writes for a quotient of sin and cos.
_QUOTIENTS = ((sympy.cos, sympy.sin, sympy.cot), (sympy.sin, sympy.cos, sympy.tan))
_RECIPROCALS = ((sympy.sin, sympy.csc), (sympy.cos, sympy.sec))
_TRIG = (sympy.sin, sympy.cos)


def trigonometric(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with sin²u + cos²u as 1, cosⁿu/sinⁿu as cotⁿu (sin/cos as tan) and 1/sinⁿu
    as cscⁿu (1/cos as sec): the forms a derivative table prints."""
    if not expr.has(sympy.sin, sympy.cos):
        return expr
    # Quotients before reciprocals: cos²u·sin⁻²u is cot²u, not cos²u·csc²u.
    return (
        expr.replace(lambda e: e.is_Add, _pythagoras)
        .replace(lambda e: e.is_Mul, _quotient)
        .replace(
            lambda e: e.is_Pow and e.exp.is_Integer and e.exp < 0 and isinstance(e.base, _TRIG),
            _reciprocal,
        )
    )


def _pythagoras(total: sympy.Add) -> sympy.Expr:
    """c·sin²u + c·cos²u + rest → c + rest."""
    terms = list(total.args)
    for term in total.args:
        c, f = term.as_coeff_Mul()
        if isinstance(f, sympy.Pow) and f.exp == 2 and isinstance(f.base, sympy.sin):
            partner = c * sympy.cos(f.base.args[0]) ** 2
            if term in terms and partner in terms:
                terms.remove(term)
                terms.remove(partner)
                terms.append(c)
    return sympy.Add(*terms) if len(terms) < len(total.args) else total


def _quotient(product: sympy.Mul) -> sympy.Expr:
    """cosⁿu·sin⁻ⁿu → cotⁿu and sinⁿu·cos⁻ⁿu → tanⁿu, the rest of the product untouched."""
    powers: dict = {}
    for f in product.args:
        base, exp = f.as_base_exp()
        if isinstance(base, (sympy.sin, sympy.cos)) and exp.is_Integer:
            powers[base] = powers.get(base, 0) + exp
    new = product
    for top, bottom, quotient in _QUOTIENTS:
        for base, n in powers.items():
            partner = bottom(*base.args)
            if isinstance(base, top) and n > 0 and powers.get(partner) == -n:
                new = new / (base**n * partner**-n) * quotient(*base.args) ** n
    return new


def _reciprocal(power: sympy.Pow) -> sympy.Expr:
    """sin⁻ⁿu → cscⁿu, cos⁻ⁿu → secⁿu."""
    for func, reciprocal in _RECIPROCALS:
        if isinstance(power.base, func):
            return reciprocal(*power.base.args) ** -power.exp
    return power
