"""The step numbers ``check`` cites are the explanation's own: "It parts from the right path
at step 4" points at the line numbered 4 in ``chainrule explain``, showing the same math,
though a step met again is cited rather than shown and x′ = 1, c′ = 0 are written in place.
And a step derived once is wrong in every line that cites it."""

from __future__ import annotations

import re

import pytest
import sympy

from chainrule import check, explain
from chainrule import steps as s
from chainrule.checking.mistakes import wrong_paths
from chainrule.document import Box, Derivation, DerivativeOf, Equation, Para
from chainrule.views import document
from chainrule.views.check import check_view

FORMULAS = [
    "(1 - cot(x))/(1 + cot(x))",  # cot(x) and the constant 1 met twice
    "3^x/(3^x + 2)",  # 3ˣ met twice
    "log(2 + cos(x))",  # the course's example: 2′ = 0 in place
    "x*sin(x) + sin(x)^2",  # sin(x) met twice, x′ = 1 in place
    "x^2 + 3x + 1",
    "sin(x^2)/x^2",
]

_PARTS = re.compile(r"It parts from the right path at steps? ([\d, and]+) \((.+)\):")


def numbered(formula: str) -> dict:
    # The rules' derivation: the first (a tidy-up after it is a second, which check never cites).
    derivation = next(b for b in document(explain(formula)).blocks if isinstance(b, Derivation))
    return {line.number: line for line in derivation.lines}


def cited(formula: str, answer: str):
    """The numbers, rule title and equations the check's box cites, and the check."""
    c = check(formula, answer)
    (box,) = [b for b in check_view(c).blocks if isinstance(b, Box)]
    words = ["".join(map(str, b.parts)) for b in box.blocks if isinstance(b, Para)]
    match = next((m for m in map(_PARTS.search, words) if m), None)
    if match is None:
        return c, None, None, {}
    numbers = [int(n) for n in re.findall(r"\d+", match.group(1))]
    shown = {
        int(b.label[0].rstrip(".")): b.sides
        for b in box.blocks
        if isinstance(b, Equation) and b.label and re.fullmatch(r"\d+\.", str(b.label[0]))
    }
    return c, numbers, match.group(2), shown


def _paths(formula):
    return [(formula, p) for p in wrong_paths(explain(formula).root)]


@pytest.mark.parametrize(("formula", "path"), [fp for f in FORMULAS for fp in _paths(f)])
def test_the_step_check_cites_is_the_explanations_line_of_that_number(formula, path):
    lines = numbered(formula)
    c, numbers, title, shown = cited(formula, sympy.sstr(path.answer))
    if c.path is None:
        return  # named by another mistake without a path (a constant factor): nothing cited
    assert numbers, "a wrong path always points at a line"
    assert sorted(shown) == numbers
    for n in numbers:
        assert shown[n] == lines[n].math  # the same line, with the same number
    assert title == lines[numbers[0]].title
    step, first = c.path.step, lines[numbers[0]]
    lhs = next(side for side in first.math if isinstance(side, DerivativeOf))
    if isinstance(step, (s.VariableStep, s.ConstantStep)):
        # x′ = 1 or c′ = 0 taken wrongly: the line that writes it in place uses it.
        assert lhs.expression.has(step.expression), (lhs.expression, step.expression)
    else:
        assert lhs.expression == step.expression


def test_a_step_met_twice_is_wrong_in_both_uses():
    # 3ˣ′ = 3ˣ·ln 3 derived once (step 1) and cited by the sum and the quotient: leaving ln 3
    # out there leaves it out of both, and check names that, at step 1.
    c, numbers, title, _ = cited("3^x/(3^x + 2)", "(3^x*(3^x+2) - 3^x*3^x)/(3^x+2)^2")
    assert c.mistake == "forgot_log_of_base"
    assert numbers == [1] and title == "Exponential (table)"


def test_a_constant_taken_wrongly_points_at_the_line_that_writes_its_zero():
    c, numbers, title, shown = cited("x^2 + 3", "2x + 3")
    assert c.mistake == "part_not_differentiated"
    assert c.path.step.expression == 3
    assert title == "Sum rule" and numbers == [max(numbered("x^2 + 3"))]
