"""Each thing derived once: no step line of an explanation is written twice, and no derivative
is taken twice (a subexpression met again is cited by its step's number). x′ = 1 and c′ = 0
are written in place by the rule that uses them, not on lines of their own. Searched over the
textbook corpus in bench/ and over generated formulas, in the text output."""

from __future__ import annotations

import re
import runpy
from collections import Counter
from pathlib import Path

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from test_explain_properties import expressions

from chainrule import explain
from chainrule.document import Derivation, Para
from chainrule.formats import render
from chainrule.views import document

BOOK = runpy.run_path(str(Path(__file__).parents[1] / "bench" / "corpus.py"))["FORMULAS"]
x, y = sympy.symbols("x y")

#: "3. Sum rule — differentiate term by term …": a step's title line, its number and rule.
_TITLE = re.compile(r"^\s*(\d+)\. (.+?)(?: — |$)")
_DERIVATIVE = re.compile(r"^(d/d|∂/∂)")


def step_lines(text: str) -> list[tuple[str, str]]:
    """(title, math line) for each step of a text rendering wide enough not to wrap."""
    out, title = [], None
    for line in text.splitlines():
        head = _TITLE.match(line)
        if head:
            title = head.group(2)
        elif title is not None and line.startswith(" ") and " = " in line:
            out.append((title, line.strip()))
        elif not line.strip() or line.startswith(("╭", "│")):
            title = None  # the steps have ended (the answer box) or not begun
    return out


def assert_each_once(text: str) -> None:
    lines = step_lines(text)
    repeated = [line for line, n in Counter(m for _, m in lines).items() if n > 1]
    assert not repeated, f"step lines written twice: {repeated}\n{text}"
    # The same derivative twice is a repeat too, though its two lines differ: only putting g
    # back (the chain rule's second line) writes the chain's d/dx again.
    # (The tidy-up's lines, before = after, take no derivative.)
    derived = Counter(
        lhs
        for title, math in lines
        if title != "Substitute back"
        and (lhs := next((f for f in math.split(" = ") if _DERIVATIVE.match(f)), None))
    )
    again = [lhs for lhs, n in derived.items() if n > 1]
    assert not again, f"derived twice: {again}\n{text}"


def text_of(formula, wrt=None) -> str:
    return render(explain(formula, wrt=wrt), "text", width=10_000)


@pytest.mark.parametrize("formula", BOOK)
def test_no_step_line_twice_in_the_book_exercises(formula):
    assert_each_once(text_of(formula))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(expressions)
def test_no_step_line_twice_in_generated_formulas(expr):
    var = x if x in expr.free_symbols or not expr.free_symbols else y
    assert_each_once(text_of(expr, var))


@pytest.mark.parametrize(
    ("formula", "derived_once"),
    [
        ("(1 - cot(x))/(1 + cot(x))", "d/dx cot(x) = −csc²(x)"),
        ("3^x/(3^x + 2)", "d/dx 3ˣ = 3ˣ·ln(3)"),
        ("sin(x)^2 + cos(x)*sin(x)", "d/dx sin(x) = cos(x)"),
    ],
)
def test_a_subexpression_met_again_is_cited(formula, derived_once):
    text = text_of(formula)
    lines = [math for _, math in step_lines(text)]
    assert lines.count(derived_once) == 1, text
    number = next(n for n, math in enumerate(lines, 1) if math == derived_once)
    # Each line that builds on it says so: more than one line cites it, by that number.
    citing = re.findall(rf"\(from steps? (?:[\d, ]+ and )?{number}\b|\(from steps {number},", text)
    assert len(citing) >= 2, text


@pytest.mark.parametrize(
    ("formula", "in_place"),
    [
        ("2x + 1", ["d/dx (2x) = 2·d/dx x = 2·1 = 2", "d/dx (2x + 1) = 2 + 0 = 2"]),
        ("x^2 + x + 1", ["d/dx (x² + x + 1) = 2x + 1 + 0 = 2x + 1"]),
        ("x*sin(x)", ["d/dx (x·sin(x)) = 1·sin(x) + x·cos(x) = sin(x) + x·cos(x)"]),
        ("log(2 + cos(x))", ["d/dx (2 + cos(x)) = 0 − sin(x) = −sin(x)"]),
    ],
)
def test_x_prime_and_c_prime_are_written_in_place(formula, in_place):
    text = text_of(formula)
    lines = [math for _, math in step_lines(text)]
    for line in in_place:
        assert line in lines, text
    assert not any(re.fullmatch(r"d/dx (x = 1|\S+ = 0)", math) for math in lines), text


@pytest.mark.parametrize(
    ("formula", "line"),
    [("x", "d/dx x = 1"), ("5", "d/dx 5 = 0"), ("y", "∂/∂x y = 0")],
)
def test_a_formula_that_is_only_x_or_a_constant_keeps_its_line(formula, line):
    text = text_of(formula, wrt=x)
    assert [math for _, math in step_lines(text)] == [line]
    assert "written where" not in text  # nothing folded, so nothing to say about it


def test_many_xs_write_no_line_for_any_of_them():
    text = text_of("x + 3x + x*x^2 + sin(x)*x")
    assert "d/dx x = 1" not in text
    assert_each_once(text)


def test_what_is_written_in_place_is_said_once_in_every_format():
    ex = explain("x^2 + 3x + 1")
    doc = document(ex)
    words = ["".join(map(str, b.parts)) for b in doc.blocks if isinstance(b, Para)]
    said = [w for w in words if "written where" in w]
    assert len(said) == 1
    (derivation,) = [b for b in doc.blocks if isinstance(b, Derivation)]
    assert [line.rule for line in derivation.lines] == ["power", "constant_multiple", "sum"]
    for format in ("text", "markdown", "latex", "html"):
        out = render(ex, format)
        assert out.count("written where it is used") + out.count("written where they are") == 1
        assert "Variable rule" not in out and "Constant rule" not in out, format
