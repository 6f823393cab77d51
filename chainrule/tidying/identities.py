"""The identities a teacher uses to tidy an answer, each one an equality on the reals.

Only identities between functions of one and the same argument are used: sin²u + cos²u = 1
and its rearrangements, cosh²u − sinh²u = 1, and the names a derivative table prints for
quotients and reciprocals (cos u/sin u is cot u, 1/cos²u is sec²u, sinh u/cosh u is tanh u).
No multiple angles: a book leaves cos²x − sin²x as it is rather than write cos 2x.
"""

from __future__ import annotations

import sympy

#: (f, g, f/g): the quotients a derivative table names (cos u/sin u is cot u).
QUOTIENTS = (
    (sympy.cos, sympy.sin, sympy.cot),
    (sympy.sin, sympy.cos, sympy.tan),
    (sympy.sinh, sympy.cosh, sympy.tanh),
    (sympy.cosh, sympy.sinh, sympy.coth),
)
#: (f, 1/f): the reciprocals it names (1/cos u is sec u).
RECIPROCALS = (
    (sympy.sin, sympy.csc),
    (sympy.cos, sympy.sec),
    (sympy.cosh, sympy.sech),
    (sympy.sinh, sympy.csch),
)
_NAMED = tuple(f for f, _ in RECIPROCALS)
#: f: (g, p, r, n, m) for the term c·f²u: with p·c·g²u beside it the two are r·c, and with
#: the number n·c beside it they are m·c·g²u. These are sin²u + cos²u = 1 and
#: cosh²u − sinh²u = 1, each read from either of its squares.
_PAIRS = {
    sympy.sin: (sympy.cos, 1, 1, -1, -1),
    sympy.cos: (sympy.sin, 1, 1, -1, -1),
    sympy.cosh: (sympy.sinh, -1, 1, -1, 1),
    sympy.sinh: (sympy.cosh, -1, -1, 1, 1),
    # c·tan²u + c = c·sec²u and c·cot²u + c = c·csc²u: only with the number.
    sympy.tan: (None, 0, 0, 1, 1),
    sympy.cot: (None, 0, 0, 1, 1),
}
#: The function whose square the number turns f² into (sin² − 1 = −cos², tan² + 1 = sec²).
_PAIRED = {
    sympy.sin: sympy.cos,
    sympy.cos: sympy.sin,
    sympy.cosh: sympy.sinh,
    sympy.sinh: sympy.cosh,
    sympy.tan: sympy.sec,
    sympy.cot: sympy.csc,
}
_SQUARED = tuple(_PAIRS)


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


def pythagoras(expr: sympy.Expr) -> sympy.Expr:
    """Every sum with c·sin²u and c·cos²u (or c·cosh²u and −c·sinh²u) in it, the pair
    replaced by c; and c − c·sin²u by c·cos²u (c − c·cos²u by c·sin²u, c + c·sinh²u by
    c·cosh²u)."""
    if not expr.has(*_SQUARED):
        return expr
    return expr.replace(lambda e: e.is_Add, _pythagoras)


def _pythagoras(total: sympy.Add) -> sympy.Expr:
    terms = list(total.args)
    for term in total.args:
        for square, func, u in _squares(term):
            if term not in terms:
                break  # used up by an earlier pair
            c = term / square
            other, p, r, n, m = _PAIRS[func]
            partner = None if other is None else p * c * other(u) ** 2
            if partner is not None and partner in terms:  # c·sin²u + c·cos²u = c
                replacement = r * c
            elif c.is_Number and n * c in terms:  # c·sin²u − c = −c·cos²u
                partner, replacement = n * c, m * c * _PAIRED[func](u) ** 2
            elif other is not None and (k := _same_sign(terms, c, p, other(u) ** 2)):
                # 2sin²u + cos²u = 1 + sin²u: as many whole pairs as the smaller coefficient.
                partner = k * p * other(u) ** 2
                replacement = r * k + (c - k) * square
            else:
                continue
            terms.remove(term)
            terms.remove(partner)
            terms.append(replacement)
    return sympy.Add(*terms) if len(terms) < len(total.args) else total


def _same_sign(terms: list, c: sympy.Expr, p: int, other: sympy.Expr) -> sympy.Expr | None:
    """The smaller coefficient k when some k'·p·other is a term with k' of c's sign and
    |k'| > |c| fails, i.e. the pair c·f² + p·k'·g² holds min(c, k') whole pairs."""
    if not c.is_Number:
        return None
    for t in terms:
        k, rest = t.as_coeff_Mul()
        if rest == other and k.is_Number and (k * p) * c > 0 and abs(k) < abs(c):
            return k * p
    return None


def _squares(term: sympy.Expr):
    """(factor, f, u) for each factor f(u)² of the term, f one of sin, cos, cosh, sinh."""
    for factor in sympy.Mul.make_args(term):
        if factor.is_Pow and factor.exp == 2 and isinstance(factor.base, _SQUARED):
            yield factor, type(factor.base), factor.base.args[0]


def _square_of(expr: sympy.Expr, func) -> sympy.Expr | None:
    """u when ``expr`` is func(u)², else None."""
    if expr.is_Pow and expr.exp == 2 and isinstance(expr.base, func):
        return expr.base.args[0]
    return None


def table_names(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with cosⁿu/sinⁿu as cotⁿu (sin/cos as tan, sinh/cosh as tanh) and 1/sinⁿu as
    cscⁿu (1/cos as sec, 1/cosh as sech): the forms a derivative table prints."""
    if not expr.has(*_NAMED):
        return expr
    # Quotients before reciprocals: cos²u·sin⁻²u is cot²u, not cos²u·csc²u.
    return expr.replace(lambda e: e.is_Mul, _quotient).replace(
        lambda e: e.is_Pow and e.exp.is_Integer and e.exp < 0 and isinstance(e.base, _NAMED),
        _reciprocal,
    )


def _quotient(product: sympy.Mul) -> sympy.Expr:
    """cosⁿu·sin⁻ⁿu → cotⁿu and sinⁿu·cos⁻ⁿu → tanⁿu, the rest of the product untouched."""
    powers: dict = {}
    for f in product.args:
        base, exp = f.as_base_exp()
        if isinstance(base, _NAMED) and exp.is_Integer:
            powers[base] = powers.get(base, 0) + exp
    new = product
    for top, bottom, quotient in QUOTIENTS:
        for base, n in powers.items():
            partner = bottom(*base.args)
            if isinstance(base, top) and n > 0 and powers.get(partner) == -n:
                new = new / (base**n * partner**-n) * quotient(*base.args) ** n
    return new


def _reciprocal(power: sympy.Pow) -> sympy.Expr:
    """sin⁻ⁿu → cscⁿu, cos⁻ⁿu → secⁿu (and the same for cosh, sinh)."""
    for func, reciprocal in RECIPROCALS:
        if isinstance(power.base, func):
            return reciprocal(*power.base.args) ** -power.exp
    return power


#: Each named function in sin and cos (cosh and sinh): the other usual form of an answer.
_IN_SIN_COS = {
    sympy.tan: lambda u: sympy.sin(u) / sympy.cos(u),
    sympy.cot: lambda u: sympy.cos(u) / sympy.sin(u),
    sympy.sec: lambda u: 1 / sympy.cos(u),
    sympy.csc: lambda u: 1 / sympy.sin(u),
}


#: The functions ``in_sin_and_cos`` writes in sin and cos.
IN_SIN_AND_COS = tuple(_IN_SIN_COS)


def in_sin_and_cos(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with tan, cot, sec and csc written in sin and cos: sec x·tan x is
    sin x/cos²x, the other form a book may print."""
    return expr.replace(lambda e: type(e) in _IN_SIN_COS, lambda e: _IN_SIN_COS[type(e)](*e.args))


def roots(expr: sympy.Expr) -> sympy.Expr:
    """Every root of a sum with fractions in it over one denominator, the number taken out:
    1/(2√(1 − x²/4)) is 1/√(4 − x²)."""
    return expr.replace(
        lambda e: (
            e.is_Pow
            and e.exp.is_Rational
            and not e.exp.is_Integer
            and e.base.is_Add
            and any(t.as_coeff_Mul()[0].q != 1 for t in e.base.args)
        ),
        _one_denominator_under_the_root,
    )


def _one_denominator_under_the_root(power: sympy.Pow) -> sympy.Expr:
    # SymPy spreads a number over a sum ((4 − x²)/4 is 1 − x²/4 again), so the
    # denominator is taken out of the root by hand.
    top, bottom = sympy.fraction(sympy.together(power.base))
    if not bottom.is_Number:
        return power
    return sympy.Pow(top, power.exp) / sympy.Pow(bottom, power.exp)
