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


def domain(step: s.Step):
    """Where a table entry holds on the reals, once and briefly: ln u for u > 0, √u (and any
    fractional power) for u > 0, |u| and 1/uⁿ for u ≠ 0, arcsin u for |u| < 1, f^g for f > 0."""
    u = step.variable
    if isinstance(step, s.LogarithmStep):
        return sympy.Gt(u, 0)
    if isinstance(step, s.PowerStep):
        n = step.exponent
        if n.is_Rational and not n.is_Integer:
            return sympy.Gt(u, 0)
        if n.is_Integer and n < 0:
            return sympy.Ne(u, 0)
        return None
    if isinstance(step, s.AbsStep | s.SignStep):
        return sympy.Ne(u, 0)
    if isinstance(step, s.GeneralPowerStep):
        return sympy.Gt(step.base, 0)
    if isinstance(step, s.InverseTrigStep | s.HyperbolicStep):
        name = type(step.expression).__name__
        if name == "acosh":
            return sympy.Gt(u, 1)
        side = _INVERSE_DOMAINS.get(name)
        if side == "inside":
            return sympy.Lt(sympy.Abs(u), 1)
        if side == "outside":
            return sympy.Gt(sympy.Abs(u), 1)
    return None
