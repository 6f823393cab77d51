"""No line of an explanation ends in a form a teacher would correct: −1·2 is −2, (−1)·u is
−u, and a factor 1 may stand in the line that shows a rule (cos(u)·1), never in the
simplified form after it. Searched over a generated corpus of exercises, in the text output."""

from __future__ import annotations

import itertools
import re

import pytest

from chainrule import explain
from chainrule.formats import render

_COEFFICIENTS = ["", "-", "2", "-2", "-3", "1/2*", "-1/2*"]
_FUNCTIONS = ["x", "x^2", "sin(x)", "cot(x)", "e^x", "ln(x)", "sqrt(x)", "(5 - 2x)", "1/x"]
_SHAPES = [
    "{c}{f}",
    "{f} - {c}{g}",
    "({c}{f})^(-2)",
    "{c}{f}*{g}",
    "{f}/({c}{g} + 1)",
    "sin({c}{f})",
    "e^({c}{f})",
    "ln(3 - {c}{f}^2)",
    "({g} - {c}{f})^3",
]


def _corpus() -> list[str]:
    """Every shape with every coefficient, the functions taken in turn (a fixed, spread-out
    sample of the whole product, so the run stays short)."""
    out = []
    pairs = itertools.cycle(itertools.product(_FUNCTIONS, _FUNCTIONS[:4]))
    for shape, c in itertools.product(_SHAPES, _COEFFICIENTS):
        for _ in range(2):
            f, g = next(pairs)
            out.append(shape.format(c=c, f=f, g=g))
    return list(dict.fromkeys(out))  # a shape may meet the same pair twice


# −1·k and (−1)·u are never a teacher's form; ·1 (not ·10, ·1.5) is a factor 1.
_NEGATIVE_ONE = re.compile(r"−1·|\(−1\)·")
_FACTOR_ONE = re.compile(r"·1(?![\d.,])|(?<![\d.])1·")


def _equations(text: str):
    """Each line's = forms, box borders stripped."""
    for line in text.splitlines():
        forms = line.strip("│ ").split(" = ")
        if len(forms) > 1:
            yield line.strip("│ "), forms


@pytest.mark.parametrize("formula", _corpus())
def test_no_final_form_keeps_a_factor_of_one(formula):
    text = render(explain(formula), "text")
    for line, forms in _equations(text):
        assert not _NEGATIVE_ONE.search(forms[-1]), line
        if len(forms) > 2:  # the rule's line, then the simplified form: the last is simplified
            assert not _FACTOR_ONE.search(forms[-1]), line


@pytest.mark.parametrize(
    ("formula", "line"),
    [
        ("x^2 - 2x", "d/dx (−2x) = (−2)·d/dx x = (−2)·1 = −2"),
        ("1 - cot(x)", "d/dx (−cot(x)) = −d/dx cot(x) = −(−csc²(x)) = csc²(x)"),
        ("-x", "d/dx (−x) = −d/dx x = −1"),
    ],
)
def test_a_constant_factor_reads_as_a_teacher_writes_it(formula, line):
    assert line in render(explain(formula), "text")


def test_the_decomposition_names_the_inner_derivative_as_one_number():
    text = render(explain("(5 - 2x)^(-2)"), "text")
    assert "g′(x) = −2 " in text
    assert "−1·2" not in text
