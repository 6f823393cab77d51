"""The answer to an explanation: as derived, simplified, and checked against SymPy."""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from chainrule import steps as s
from chainrule.document import (
    Box,
    DerivativeOf,
    Equals,
    Equation,
    Leibniz,
    Para,
    Prime,
    Verdict,
)
from chainrule.views import wording
from chainrule.views.letters import Letters


def answer(ex: s.Explanation, partial: bool, letters: Letters | None = None) -> Box:
    """The answer box: the derivative as derived and simplified, and its check."""
    lhs = _lhs(ex, partial)
    simplified = ex.derivative != ex.derived
    label = wording.derived() if simplified else wording.result()
    derived, derivative = ex.derived, ex.derivative
    if letters:
        # Past the budget the answer is one line in the letters, the letters listed once.
        whole = sympy.Symbol(answer_name(ex) or "h")
        lhs, derived, derivative = letters.short((Prime(whole), derived, derivative))
    rows: list = [Equation((lhs, derived), label=(f"{label}:",))]
    if simplified:
        rows.append(Equation((lhs, derivative), label=(f"{wording.simplified()}:",)))
    if ex.other_form is not None and not letters:
        rows.append(Equation((lhs, ex.other_form), label=(f"{wording.also_written()}:",)))
    if letters:
        where = tuple(Equals(pair) for pair in letters.substitutions())
        rows.append(Para(wording.where(ex.expression, where)))
    if not ex.simplified:
        rows.append(Para((f"({wording.kept_as_derived()})",)))
    verdict = _verdict(ex.verification, letters)
    rows.append(verdict)
    return Box((wording.answer(),), tuple(rows), status=verdict.status)


def answer_name(ex: s.Explanation) -> str | None:
    """The letter the learner named the function by (y in y = …, f in f(x) = …), if any."""
    if ex.name is None:
        return None
    return ex.name.func.__name__ if isinstance(ex.name, AppliedUndef) else ex.name.name


def _lhs(ex: s.Explanation, partial: bool):
    """What the answer is the derivative of: d/dx (…), or by the learner's name, dy/dx or
    f′(x) as the book writes it (∂f/∂x when other symbols are held fixed)."""
    name = answer_name(ex)
    if name is None:
        return DerivativeOf(ex.expression, ex.variable, partial)
    if isinstance(ex.name, AppliedUndef) and ex.name.args == (ex.variable,) and not partial:
        u = sympy.Dummy("u")
        f = sympy.Function(name)
        return sympy.Subs(sympy.Derivative(f(u), u), u, ex.variable)  # printed f′(x)
    return Leibniz(sympy.Symbol(name), ex.variable, partial)


def _verdict(v: s.Verification, letters: Letters | None) -> Verdict:
    """✓ checked, ✗ a step disagrees (a bug), or – some step could not be checked."""
    if v.failures:
        return Verdict("failed", wording.not_verified(v.failures))
    if v.unchecked:
        # The smallest unchecked step names where the points fell short; steps built on it
        # usually fall short there too.
        first = min(v.unchecked, key=lambda u: sympy.count_ops(u.expression, visual=False))
        named = letters.short(first.expression) if letters else first.expression
        more = len(v.unchecked) > 1
        parts = wording.not_checked(named, first.reason, more, v.steps_checked > len(v.unchecked))
        return Verdict("skipped", parts)
    return Verdict("ok", wording.verified(v.method, v.steps_checked))
