"""Second derivatives to practise: a function of a rules level, its h′ and then its h″.

h″ is the derivative of h′ as it was simplified (``chainrule.calculus.derivatives``), the form
the learner has just been shown as the answer to h′; it is judged by ``check(…, order=2)``.
A function is kept when the rules level keeps it (``generate.accepted``) and its h″ is verified
too, has a rule at every step, is real on the same interval and is short enough to type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import sympy

from chainrule import steps as s
from chainrule.calculus import Higher
from chainrule.practising.generate import _LEVELS, accepted, collect, real_on
from chainrule.practising.problems import Part, Problem

#: The most operations an h″ may have (SymPy's count): past it, typing it is the exercise.
MAX_OPS = 30


@dataclass(frozen=True, repr=False)
class HigherProblem(Problem):
    """A rules problem asked twice over: h′, then h″ (``higher`` explains both)."""

    higher: Higher

    topic: ClassVar[str] = "higher"

    @property
    def second(self) -> s.Explanation:
        """h″ explained as the derivative of h′."""
        return self.higher.explanations[-1]

    @property
    def order(self) -> tuple:
        return self.higher.order

    def as_data(self) -> dict:
        from chainrule.formats.notation import code

        return {
            "text": self.text,
            "function": code(self.expression),
            "derivative": code(self.derivative),
            "level": self.level,
            "parts": {"second": code(self.second.derivative)},
            "asks": [p.key for p in self.parts],
        }


def generate(level: int, seed: int, count: int) -> list[HigherProblem]:
    return collect(seed, count, _LEVELS[level], lambda text, _: made(text, level))


def made(text: str, level: int) -> HigherProblem | None:
    """The problem of ``text`` at ``level``, or None if it or its h″ fails a test."""
    from chainrule.explaining import explain_again

    problem = accepted(text, level)
    if problem is None:
        return None
    first = problem.explanation
    second = explain_again(first)
    if not second.verification.ok or any(isinstance(st, s.NoRuleStep) for st in second.steps()):
        return None
    if sympy.count_ops(second.derivative) > MAX_OPS or not real_on(second, problem.interval):
        return None
    x = first.variable
    parts = (
        Part("derivative", first.derivative, x, first.root, of=text),
        Part("second", second.derivative, x, second.root, of=text, order=2),
    )
    return HigherProblem(
        text,
        level,
        first,
        parts,
        problem.interval,
        Higher(highest=2, explanations=(first, second)),
    )
