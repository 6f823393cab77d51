"""Where a table entry holds on the reals: the condition a line states once, briefly."""

from __future__ import annotations

import sympy

from chainrule import steps as s

_INVERSE_DOMAINS = {
    "asin": "inside",
    "acos": "inside",
    "atanh": "inside",
    "asec": "outside",
    "acsc": "outside",
    "acoth": "outside",
}

#: What a symbol is declared to be when SymPy can tell nothing of its sign: a learner's
#: variable (real) or a bare symbol. Every variable and placeholder a step holds is one.
_SIGN_UNKNOWN = frozenset(
    sympy.Symbol("t", **declared)._assumptions0 for declared in ({}, {"real": True})
)


def domain(step: s.Step):
    """Where a table entry holds on the reals, once and briefly: ln u for u > 0, √u (and any
    fractional power) for u > 0, |u| and 1/uⁿ for u ≠ 0, arcsin u for |u| < 1, f^g for f > 0."""
    u = step.variable
    if isinstance(step, s.LogarithmStep):
        return _condition(sympy.Gt, u, 0)
    if isinstance(step, s.PowerStep):
        n = step.exponent
        if n.is_Rational and not n.is_Integer:
            return _condition(sympy.Gt, u, 0)
        if n.is_Integer and n < 0:
            return _condition(sympy.Ne, u, 0)
        return None
    if isinstance(step, s.AbsStep | s.SignStep):
        return _condition(sympy.Ne, u, 0)
    if isinstance(step, s.GeneralPowerStep):
        return _condition(sympy.Gt, step.base, 0)
    if isinstance(step, s.InverseTrigStep | s.HyperbolicStep):
        name = type(step.expression).__name__
        if name == "acosh":
            return _condition(sympy.Gt, u, 1)
        side = _INVERSE_DOMAINS.get(name)
        if side == "inside":
            return _condition(sympy.Lt, sympy.Abs(u), 1)
        if side == "outside":
            return _condition(sympy.Gt, sympy.Abs(u), 1)
    return None


def _condition(relation, lhs, number):
    """``relation(lhs, number)`` as SymPy builds it. Of a symbol (or its |u|) whose sign
    SymPy cannot know, SymPy keeps the relation as it is, once it has asked the symbol's
    assumptions one by one: that answer is known beforehand, and built without asking."""
    u = lhs.args[0] if isinstance(lhs, sympy.Abs) else lhs
    if u.is_Symbol and u._assumptions0 in _SIGN_UNKNOWN:
        return relation(lhs, number, evaluate=False)
    return relation(lhs, number)
