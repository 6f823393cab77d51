"""The moves of the tidy-up after the last rule, each one an equality a teacher writes as a
line of its own: multiply out, put over one denominator, cancel, take out a common factor.

A move takes an expression and its variable and gives an equal expression, or the same one
when it does not apply (or would cost more than its guard allows: every move that multiplies
polynomials out is bounded by the size and degree of what it is given, so that the same input
always takes the same, short, time).
"""

from __future__ import annotations

from collections.abc import Callable

import sympy

from chainrule.tidying import identities
from chainrule.tidying.measure import size

#: Rational moves (one denominator, cancel, partial fractions) only below this many nodes …
MAX_RATIONAL_NODES = 150
#: … when sums hold at most this many different denominators (their product is the new one) …
MAX_DENOMINATORS = 3
#: … and no integer power is larger than this, since they multiply polynomials out.
MAX_DEGREE = 8

Move = Callable[[sympy.Expr, sympy.Symbol], sympy.Expr]


def degree(expr: sympy.Expr) -> int:
    """The largest |n| over the integer powers in ``expr``."""
    return max(
        (abs(int(p.exp)) for p in expr.atoms(sympy.Pow) if p.exp.is_Integer),
        default=0,
    )


def _bounded(expr: sympy.Expr) -> bool:
    return size(expr, MAX_RATIONAL_NODES) <= MAX_RATIONAL_NODES and degree(expr) <= MAX_DEGREE


def polynomial(expr: sympy.Expr) -> bool:
    """A polynomial in its symbols, of a degree whose expansion stays short."""
    symbols = expr.free_symbols
    return bool(symbols) and expr.is_polynomial(*symbols) and degree(expr) <= MAX_DEGREE


def reals(expr, x):
    """|u|² = u² and √(u²) = |u|, true for every real u."""
    return identities.on_the_reals(expr)


def expand(expr, x):
    """Multiply out and collect like terms, a quotient by a power of x term by term (4 + 2/x²).
    Not over a sum: SymPy would multiply out the denominator too, which a book keeps as the
    quotient rule left it, (x² + 1)² ("numerator" multiplies out the top alone)."""
    if any(a.has(x) for a in sympy.fraction(expr)[1].atoms(sympy.Add)):
        return expr
    return sympy.expand(expr) if _products_of_sums(expr) and _bounded(expr) else expr


def _products_of_sums(expr: sympy.Expr) -> bool:
    """Whether there is anything to multiply out: a sum in a product, or raised to a power."""
    for node in sympy.preorder_traversal(expr):
        if node.is_Mul and any(a.is_Add for a in node.args):
            return True
        if node.is_Pow and node.base.is_Add and node.exp.is_Integer and node.exp > 1:
            return True
    return False


def numerator(expr, x):
    """Multiply out the numerator and collect like terms; the denominator stays as it is,
    (x² + 1)², as the quotient rule left it."""
    top, bottom = sympy.fraction(expr)
    if bottom == 1 or not _products_of_sums(top) or not _bounded(top):
        return expr
    return _over(sympy.expand(top), bottom)


def together(expr, x):
    """Put the terms over one denominator."""
    if not _bounded(expr) or not 0 < len(_denominators(expr)) <= MAX_DENOMINATORS:
        return expr
    top, bottom = sympy.fraction(sympy.together(expr))
    return _over(top, bottom)


def cancel(expr, x):
    """Cancel a factor the numerator and the denominator share; what is left of the
    denominator stays factored."""
    top, bottom = sympy.fraction(expr)
    if bottom == 1 or not _bounded(expr):
        return expr
    # Only a whole power of a base in x can lose a factor; the gcd with those bases alone is
    # much cheaper than with the whole denominator (a root or a number in it never cancels).
    bases = [b for b, n in map(_whole_power, sympy.Mul.make_args(bottom)) if n and b.has(x)]
    if not bases or not _shared_factor(top, sympy.Mul(*bases)).has(x):
        return expr
    kept = []
    for factor in sympy.Mul.make_args(bottom):
        base, n = _whole_power(factor)
        if not n or not base.has(x):
            kept.append(factor)
            continue
        while n > 0:
            quotient = sympy.cancel(top / base)
            if sympy.fraction(quotient)[1].has(base) or quotient.has(1 / base):
                break
            top, n = quotient, n - 1
        kept.append(base**n)
    if top == sympy.fraction(expr)[0]:
        return expr
    return _over(top, sympy.Mul(*kept))


def _shared_factor(a: sympy.Expr, b: sympy.Expr) -> sympy.Expr:
    """The greatest common divisor of two expressions in x, as polynomials in x and the
    functions they hold: ``sympy.gcd`` less its first question, whether both are irrational
    numbers, which asks SymPy's assumptions of the whole of each and took most of its time."""
    (f, g), _ = sympy.parallel_poly_from_expr((a, b))
    return f.gcd(g).as_expr()


def _whole_power(factor: sympy.Expr) -> tuple[sympy.Expr, int]:
    """(base, n) for baseⁿ with n a positive integer and a base that is not a number, else
    (factor, 0)."""
    base, n = factor.as_base_exp()
    if n.is_Integer and n > 0 and not base.is_Number:
        return base, int(n)
    return factor, 0


def common_factor(expr, x):
    """Take out the factor (and the sign) the terms share: 3(x+1)²sin x + (x+1)³cos x is
    (x+1)²·(3sin x + (x+1)cos x)."""
    if not expr.has(sympy.Add):  # no sum, no terms to share a factor
        return expr
    top, bottom = sympy.fraction(expr)
    if bottom != 1:
        return _over(sympy.factor_terms(top), bottom)
    return sympy.factor_terms(expr)


def factor(expr, x):
    """Factor a polynomial: the common factor (2x − 1)·(x² + 1)² that the product rule's two
    terms share, though SymPy has multiplied one of them out."""
    return sympy.factor(expr) if polynomial(expr) and _bounded(expr) else expr


def apart(expr, x):
    """Divide out: a polynomial plus simple fractions, as a book writes 270x⁴ + 39/(x + 1)².
    Only for a sum with fractions in it: a quotient rule's answer stays one fraction, over
    its denominator squared, as a book leaves it."""
    if not expr.is_Add or not _denominators(expr) or not _bounded(expr):
        return expr
    if not expr.is_rational_function(x) or expr.free_symbols != {x}:
        return expr
    return sympy.apart(sympy.together(expr), x)


def pythagoras(expr, x):
    """sin²u + cos²u = 1, and cosh²u − sinh²u = 1."""
    return identities.pythagoras(expr)


def table_names(expr, x):
    """cos u/sin u = cot u, 1/cos u = sec u, …: the names a derivative table uses."""
    return identities.table_names(expr)


def roots(expr, x):
    """One denominator under a root, the number taken out: 1/(2√(1 − x²/4)) = 1/√(4 − x²)."""
    return identities.roots(expr)


def _over(top: sympy.Expr, bottom: sympy.Expr) -> sympy.Expr:
    """top/bottom, the number of a sum in the numerator kept outside it: SymPy would spread
    2·(…)/x³ into its terms."""
    return sympy.Mul(top, sympy.Pow(bottom, -1))


def _denominators(expr: sympy.Expr) -> set[sympy.Expr]:
    """The different denominators of terms of sums in ``expr``, numbers too (x²/9 + 1): what
    a common denominator would multiply together."""
    found: set[sympy.Expr] = set()
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Add):
            for term in node.args:
                for f in sympy.Mul.make_args(term):
                    if isinstance(f, sympy.Pow) and f.exp.is_negative:
                        found.add(f.base)
                    elif f.is_Rational and f.q != 1:
                        found.add(sympy.Integer(f.q))
    return found


#: Every move, by the name the steps and the JSON carry.
MOVES: dict[str, Move] = {
    "reals": reals,
    "expand": expand,
    "numerator": numerator,
    "together": together,
    "cancel": cancel,
    "common_factor": common_factor,
    "factor": factor,
    "apart": apart,
    "pythagoras": pythagoras,
    "table_names": table_names,
    "roots": roots,
}
