"""The log rules before differentiating, as a book does for the log of a product or quotient:
ln(x²·sin x/(2x + 1)) = 2ln x + ln(sin x) − ln(2x + 1), whose derivative is a sum of simple
terms, where the chain rule on the whole log would end in one long fraction.

The two sides are equal where every factor is positive; elsewhere they may differ by ln of
signs, a constant on each interval, so the derivatives agree wherever the log is defined
(d/dx ln|u| = u′/u). The explanation says so, and the verifier compares the derivative found
with ``sympy.diff`` of the expression as typed.
"""

from __future__ import annotations

import sympy

from chainrule import ordering


def log_rules(expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr | None:
    """``expr`` with each log of a product or quotient of two or more factors in x (or of a
    root) written as a sum of logs, when it is the expression or a term of it; None when
    there is none to rewrite."""
    terms = [_split_term(term, x) for term in ordering.terms(expr)]
    if all(new is None for new in terms):
        return None
    parts = [
        term if new is None else new for term, new in zip(ordering.terms(expr), terms, strict=True)
    ]
    result = sympy.Add(*parts)
    ordering.note(result, [t for part in parts for t in ordering.terms(part)])
    return result


def _split_term(term: sympy.Expr, x: sympy.Symbol) -> sympy.Expr | None:
    """c·ln(a·b/d) → c·(ln a + ln b − ln d), or None."""
    c, rest = term.as_coeff_Mul()
    if not isinstance(rest, sympy.log):
        return None
    logs = _split(rest.args[0], x)
    if logs is None:
        return None
    result = sympy.Add(*(c * t for t in logs))
    ordering.note(result, [c * t for t in logs])
    return result


def _split(arg: sympy.Expr, x: sympy.Symbol) -> list[sympy.Expr] | None:
    """The logs ln(a·b/d) splits into, in the order the factors were typed."""
    factors = ordering.factors(arg) if arg.is_Mul else [arg]
    varying = [f for f in factors if f.has(x)]
    constant = sympy.Mul(*(f for f in factors if not f.has(x)))
    rooted = (
        len(varying) == 1
        and _power(varying[0])[1].is_Rational
        and not (_power(varying[0])[1].is_Integer)
    )
    if not (len(varying) >= 2 or rooted) or not constant.is_positive:
        return None
    logs = [sympy.log(constant)] if constant != 1 else []
    for f in varying:
        base, n = _power(f)
        logs.append(n * sympy.log(base) if n.is_Number and n != 1 else sympy.log(f))
    return logs


def _power(f: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    base, n = f.as_base_exp()
    return (base, n) if n.is_Number else (f, sympy.S.One)
