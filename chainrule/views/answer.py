"""The answer to an explanation: as derived, simplified, and checked against SymPy."""

from __future__ import annotations

import sympy

from chainrule import steps as s
from chainrule.document import Box, DerivativeOf, Equals, Equation, Para, Prime, Verdict
from chainrule.views import wording
from chainrule.views.letters import Letters


def answer(ex: s.Explanation, partial: bool, letters: Letters | None = None) -> Box:
    """The answer box: the derivative as derived and simplified, and its check."""
    lhs = DerivativeOf(ex.expression, ex.variable, partial)
    simplified = ex.derivative != ex.derived
    label = wording.derived() if simplified else wording.result()
    derived, derivative = ex.derived, ex.derivative
    if letters:
        # Past the budget the answer is one line in the letters, the letters listed once.
        lhs, derived, derivative = letters.short((Prime(sympy.Symbol("h")), derived, derivative))
    rows: list = [Equation((lhs, derived), label=(f"{label}:",))]
    if simplified:
        rows.append(Equation((lhs, derivative), label=(f"{wording.simplified()}:",)))
    if letters:
        where = tuple(Equals(pair) for pair in letters.substitutions())
        rows.append(Para(wording.where(ex.expression, where)))
    if not ex.simplified:
        rows.append(Para((f"({wording.kept_as_derived()})",)))
    verdict = _verdict(ex.verification, letters)
    rows.append(verdict)
    return Box((wording.answer(),), tuple(rows), status=verdict.status)


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
