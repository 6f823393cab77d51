"""Rules that combine the derivatives of parts: constant multiple, sum, product, quotient,
the chain rule and logarithmic differentiation.

Each rule derives its parts through the ``Deriver`` (so a repeated subtree is derived once),
then builds its derivative from theirs with SymPy's automatic arithmetic only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import sympy
from sympy.core.function import AppliedUndef

from chainrule import ordering
from chainrule.steps import (
    ChainStep,
    ConstantMultipleStep,
    GeneralPowerStep,
    ProductStep,
    QuotientStep,
    Step,
    SumStep,
)

if TYPE_CHECKING:
    from chainrule.rules import Deriver

#: Builds the table step for f(u) in a placeholder u (see ``chainrule.rules.table``).
Lookup = Callable[[sympy.Symbol], Step]


def constant_multiple(d: Deriver, expr: sympy.Expr, c: sympy.Expr, factor: sympy.Expr) -> Step:
    """d/dx c·u = c·du/dx for c free of x."""
    sub = d.derive(factor)
    return ConstantMultipleStep(
        expression=expr,
        variable=d.var,
        derivative=c * sub.derivative,
        substeps=(sub,),
        constant=c,
        factor=factor,
    )


def sum_rule(d: Deriver, expr: sympy.Expr, terms: Sequence[sympy.Expr]) -> Step:
    """d/dx (u + v + …) = du/dx + dv/dx + …"""
    subs = tuple(d.derive(term) for term in terms)
    derivative = sympy.Add(*(sub.derivative for sub in subs))
    ordering.note(derivative, [sub.derivative for sub in subs])  # term by term, as derived
    return SumStep(
        expression=expr,
        variable=d.var,
        derivative=derivative,
        substeps=subs,
        terms=tuple(terms),
    )


def product(d: Deriver, expr: sympy.Expr, factors: Sequence[sympy.Expr]) -> Step:
    """d/dx (P₁·P₂·…·Pₙ) = Σᵢ P₁·…·Pᵢ′·…·Pₙ: each factor differentiated in turn."""
    subs = tuple(d.derive(factor) for factor in factors)
    terms = []
    for i, sub in enumerate(subs):
        others = [*factors[:i], *factors[i + 1 :]]
        terms.append(sympy.Mul(sub.derivative, *others))
    derivative = sympy.Add(*terms)
    ordering.note(derivative, terms)  # P′Q + PQ′, the order the answer is read in
    return ProductStep(
        expression=expr,
        variable=d.var,
        derivative=derivative,
        substeps=subs,
        factors=tuple(factors),
    )


def quotient(d: Deriver, expr: sympy.Expr, numerator: sympy.Expr, denominator: sympy.Expr) -> Step:
    """d/dx (P/Q) = (P′·Q − P·Q′)/Q², in the product rule's letters (never a chain's u)."""
    top, bottom = d.derive(numerator), d.derive(denominator)
    derivative = (top.derivative * denominator - numerator * bottom.derivative) / denominator**2
    return QuotientStep(
        expression=expr,
        variable=d.var,
        derivative=derivative,
        substeps=(top, bottom),
        numerator=numerator,
        denominator=denominator,
    )


def link(d: Deriver, expr: sympy.Expr, inner: sympy.Expr, lookup: Lookup) -> Step:
    """f(g(x)): the table entry itself when g is the variable, else the chain rule."""
    if inner == d.var:
        return lookup(d.var)
    return chain(d, expr, inner, lookup)


def chain(d: Deriver, expr: sympy.Expr, inner: sympy.Expr, lookup: Lookup) -> Step:
    """d/dx f(g(x)) = f′(g(x))·g′(x): g′(x) first, then f′(u) from the table, then u = g(x)
    put back, in the order the course teaches it."""
    # The placeholder is taken before the inner function is derived, so that the outermost
    # link gets u, the next v, and so on, the order a teacher writes them in.
    u = d.placeholder()
    inner_step = d.derive(inner)
    outer_step = lookup(u)
    at_inner = at(outer_step.derivative, u, inner)
    derivative = times(at_inner, inner_step.derivative)
    return ChainStep(
        expression=expr,
        variable=d.var,
        derivative=derivative,
        substeps=(inner_step, outer_step),
        outer=outer_step.expression,
        u=u,
        inner=inner,
        outer_derivative=outer_step.derivative,
        inner_derivative=inner_step.derivative,
        written_at=written_at(outer_step.derivative, u, inner, at_inner),
    )


def at(f_prime: sympy.Expr, u: sympy.Symbol, inner: sympy.Expr) -> sympy.Expr:
    """f′(u) evaluated at u = g(x).

    For an undefined f, f′(g) must stay "f′ at the point g": SymPy writes it as a derivative
    with respect to g when g is itself a symbol or an undefined function, else as a ``Subs``.
    """
    if f_prime.has(sympy.Derivative) and not isinstance(inner, (sympy.Symbol, AppliedUndef)):
        return sympy.Subs(f_prime, u, inner)
    return f_prime.xreplace({u: inner})


def written_at(
    f_prime: sympy.Expr, u: sympy.Symbol, inner: sympy.Expr, evaluated: sympy.Expr
) -> sympy.Expr:
    """f′(g(x)) as a teacher writes it on putting g back for u: u replaced and nothing else
    done, 1/√(1 − (x²)²) rather than 1/√(1 − x⁴). ``evaluated`` is ``at(f_prime, u, inner)``.
    """
    if isinstance(evaluated, sympy.Subs):
        # Already unevaluated. Built again under evaluate(False), SymPy would sort its point
        # by evaluating it numerically, which recurses without end for a constant such as
        # acsc(acsch(e⁴)).
        return evaluated
    with sympy.evaluate(False):
        return f_prime.xreplace({u: inner})


#: A chain's product f′(g)·g′ with more factors than this is not re-sorted (see ``times``).
MAX_SORTED_FACTORS = 16


def times(f_prime: sympy.Expr, g_prime: sympy.Expr) -> sympy.Expr:
    """f′(g)·g′, as SymPy would write it, except for very long products.

    SymPy keeps a product's factors sorted, comparing nested factors argument by argument, so
    a chain n links deep costs it ~n³ steps (sympy.diff pays this too). A long g′ that shares
    no base with f′(g) is extended as it stands instead: the same product, factors unsorted.
    """
    if not (isinstance(g_prime, sympy.Mul) and len(g_prime.args) > MAX_SORTED_FACTORS):
        return f_prime * g_prime
    c_new, rest_new = f_prime.as_coeff_Mul()
    c_old, rest_old = g_prime.as_coeff_Mul()
    new, old = sympy.Mul.make_args(rest_new), sympy.Mul.make_args(rest_old)
    bases = {factor.as_base_exp()[0] for factor in old}
    coefficient = c_new * c_old
    if coefficient == 0 or any(
        factor.as_base_exp()[0] in bases or not factor.is_commutative for factor in new
    ):
        return f_prime * g_prime
    head = () if coefficient == 1 else (coefficient,)
    return sympy.Mul._from_args((*head, *old, *new))


def general_power(d: Deriver, expr: sympy.Pow) -> Step:
    """d/dx f^g by logarithmic differentiation: ln y = g·ln f, so y′ = f^g·(g·ln f)′."""
    base, exponent = expr.args
    log_form = exponent * sympy.log(base)
    sub = d.derive(log_form)
    return GeneralPowerStep(
        expression=expr,
        variable=d.var,
        derivative=expr * sub.derivative,
        substeps=(sub,),
        base=base,
        exponent=exponent,
        log_form=log_form,
    )
