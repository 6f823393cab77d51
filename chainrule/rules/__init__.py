"""The rule engine: ``derive(expr, var)`` builds the tree of steps for d(expr)/d(var).

``DISPATCH`` is the one table that chooses a rule from the SymPy class of the expression (looked
up along the class's MRO, so every undefined function f finds ``AppliedUndef``). Anything it
does not cover falls back, visibly, to ``NoRuleStep`` carrying SymPy's own answer.

    python -m chainrule.rules "log(2+cos(x))"
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import sympy
from sympy.core.function import AppliedUndef

from chainrule import ordering
from chainrule.placeholders import Placeholders, names_in
from chainrule.rules import combining, table
from chainrule.steps import ConstantStep, NoRuleStep, Step, VariableStep


class Deriver:
    """Derives the subexpressions of one expression with respect to ``var``, each one once."""

    def __init__(self, var: sympy.Symbol, placeholders: Placeholders) -> None:
        self.var = var
        self._placeholders = placeholders
        self._steps: dict[sympy.Expr, Step] = {}
        self._depends: dict[sympy.Basic, bool] = {}

    def placeholder(self) -> sympy.Symbol:
        return self._placeholders.fresh()

    def depends(self, expr: sympy.Basic) -> bool:
        """Whether ``expr`` contains the variable (memoised, so asking costs O(1) after once)."""
        known = self._depends.get(expr)
        if known is None:
            if expr.is_Atom:
                known = expr == self.var
            else:
                known = any(self.depends(arg) for arg in expr.args)
            self._depends[expr] = known
        return known

    def derive(self, expr: sympy.Expr) -> Step:
        """The step for d(expr)/d(var), built once per distinct subexpression."""
        step = self._steps.get(expr)
        if step is None:
            step = self._derive(expr)
            self._steps[expr] = step
        return step

    def _derive(self, expr: sympy.Expr) -> Step:
        if not self.depends(expr):
            return ConstantStep(expression=expr, variable=self.var, derivative=sympy.S.Zero)
        if expr == self.var:
            return VariableStep(expression=expr, variable=self.var, derivative=sympy.S.One)
        for cls in type(expr).__mro__:
            rule = DISPATCH.get(cls)
            if rule is not None:
                return rule(self, expr)
        return no_rule(self, expr)


# -- rules chosen by the expression's class ---------------------------------------------------


def sum_of_terms(d: Deriver, expr: sympy.Add) -> Step:
    """d/dx (u + v) = u′ + v′, terms in the order they are printed."""
    return combining.sum_rule(d, expr, ordering.terms(expr))


def _denominator(factor: sympy.Expr) -> sympy.Expr | None:
    """b when ``factor`` is b^(−n) for a negative number −n, i.e. a factor written under a bar."""
    if isinstance(factor, sympy.Pow) and factor.exp.is_Number and factor.exp < 0:
        return factor.base ** (-factor.exp)
    return None


def _log_base(factor: sympy.Expr) -> sympy.Expr | None:
    """b when ``factor`` is 1/ln b: SymPy stores log_b u as ln u · (1/ln b)."""
    if isinstance(factor, sympy.Pow) and factor.exp == -1 and isinstance(factor.base, sympy.log):
        return factor.base.args[0]
    return None


def product_or_quotient(d: Deriver, expr: sympy.Mul) -> Step:
    """A product as the learner wrote it: c·u, log_b u, P/Q or P·Q·R.

    SymPy stores P/Q as P·Q⁻¹; factors with a negative exponent are read back as the
    denominator. A reciprocal c/v stays c·v⁻¹ (constant multiple, then the power rule, through
    the chain rule if v is not the variable itself), the way textbooks differentiate 1/x,
    since the quotient rule's P′·Q term would be zero.
    """
    factors = ordering.factors(expr)
    constants = [f for f in factors if not d.depends(f)]
    varying = [f for f in factors if d.depends(f)]
    if len(varying) == 1 and isinstance(varying[0], sympy.log):
        bases = [f for f in constants if _log_base(f) is not None]
        if bases:
            # ln u / ln b is one table entry, log_b u; the remaining constants multiply it.
            constants.remove(bases[0])
            varying.append(bases[0])
            if not constants:
                base = _log_base(bases[0])
                return combining.link(
                    d, expr, varying[0].args[0], partial(table.logarithm, base=base)
                )
    if constants:
        constant = sympy.Mul(*constants)
        if len(constants) > 1 and not isinstance(constant, sympy.Mul):
            # Keep 2·(y + 2) as written: multiplied out alone, SymPy would make it 2y + 4.
            constant = sympy.Mul._from_args(constants)
        return combining.constant_multiple(d, expr, constant, sympy.Mul(*varying))
    # eᵘ typed under the bar (x/eˣ) is a denominator, as written: SymPy keeps it as e^(−u).
    over = ordering.under_bar(expr)
    numerator = [f for f in varying if _denominator(f) is None and f not in over]
    denominator = [1 / f if f in over else _denominator(f) for f in varying if f not in numerator]
    if not denominator:
        return combining.product(d, expr, varying)
    if not numerator:
        # 1/(u·v), like 1/x: the reciprocal (u·v)⁻¹, by the chain rule with u⁻¹ outside.
        return combining.chain(
            d, expr, sympy.Mul(*denominator), partial(table.power, n=sympy.S.NegativeOne)
        )
    return combining.quotient(d, expr, sympy.Mul(*numerator), sympy.Mul(*denominator))


def power_or_exponential(d: Deriver, expr: sympy.Pow) -> Step:
    """uⁿ (power rule), aᵘ (exponential) or f^g (logarithmic differentiation)."""
    base, exponent = expr.args
    if not d.depends(exponent):
        return combining.link(d, expr, base, partial(table.power, n=exponent))
    if not d.depends(base):
        if base.is_zero:
            return no_rule(d, expr)  # 0ᵘ: ln 0 is undefined, so aᵘ·ln a says nothing
        return combining.link(d, expr, exponent, partial(table.exponential, base=base))
    return combining.general_power(d, expr)


def natural_exponential(d: Deriver, expr: sympy.exp) -> Step:
    """eᵘ."""
    return combining.link(d, expr, expr.args[0], table.exponential)


def natural_logarithm(d: Deriver, expr: sympy.log) -> Step:
    """ln u (SymPy's log with one argument; log_b is recognised among products)."""
    return combining.link(d, expr, expr.args[0], table.logarithm)


def elementary(d: Deriver, expr: sympy.Function) -> Step:
    """A function in the derivative table: trig, inverse trig, hyperbolic, |u|, σ."""
    return combining.link(d, expr, expr.args[0], partial(table.elementary, type(expr)))


def unknown_function(d: Deriver, expr: AppliedUndef) -> Step:
    """f(u) for an undefined f: its derivative is f′, whatever f is."""
    if len(expr.args) != 1:
        return no_rule(d, expr)
    return combining.link(d, expr, expr.args[0], partial(table.unknown, type(expr)))


def no_rule(d: Deriver, expr: sympy.Expr) -> Step:
    """No rule of ours: show SymPy's derivative as it is.

    A function of one argument that SymPy can differentiate still gets the chain rule, with
    SymPy's derivative as the outer step, since the chain rule holds whatever f is.
    """
    if isinstance(expr, sympy.Function) and len(expr.args) == 1:
        f = type(expr)
        probe = sympy.Symbol("u")
        f_prime = _sympy_diff(f(probe), probe)
        if not f_prime.has(sympy.Derivative):
            lookup = partial(_no_rule_lookup, f, f_prime, probe)
            return combining.link(d, expr, expr.args[0], lookup)
    return NoRuleStep(expression=expr, variable=d.var, derivative=_sympy_diff(expr, d.var))


def _no_rule_lookup(f: type, f_prime: sympy.Expr, probe: sympy.Symbol, u: sympy.Symbol) -> Step:
    """f(u) with SymPy's f′, derived once in ``probe`` and renamed to the placeholder u."""
    return NoRuleStep(expression=f(u), variable=u, derivative=f_prime.xreplace({probe: u}))


def _sympy_diff(expr: sympy.Expr, var: sympy.Symbol) -> sympy.Expr:
    try:
        return sympy.diff(expr, var)
    except Exception:  # noqa: BLE001 - SymPy's failure must not crash the explanation
        return sympy.Derivative(expr, var)


Rule = Callable[[Deriver, sympy.Expr], Step]

#: SymPy class → rule. The fallback, for classes not listed, is ``no_rule``.
DISPATCH: dict[type, Rule] = {
    sympy.Add: sum_of_terms,
    sympy.Mul: product_or_quotient,
    sympy.Pow: power_or_exponential,
    sympy.exp: natural_exponential,
    sympy.log: natural_logarithm,
    AppliedUndef: unknown_function,
    **{f: elementary for f in table.ENTRIES},
}


def derive(expr: sympy.Expr, var: sympy.Symbol, placeholders: Placeholders | None = None) -> Step:
    """The tree of steps for d(expr)/d(var).

    ``placeholders`` hands out the letters for chain-rule links; by default u, v, w, … avoiding
    every name in ``expr``.
    """
    if placeholders is None:
        placeholders = Placeholders(names_in(expr) | {var.name})
    return Deriver(var, placeholders).derive(expr)
