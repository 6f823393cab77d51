"""The tidy-up after the last rule (issue 17, point 2): answers in the book's form, as short as
the shortest form SymPy finds, each move a named line of its own that is checked like a step."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import pathlib

import pytest
import sympy
from test_textbook_answers import _answer

from chainrule import explain
from chainrule.formats import render
from chainrule.formats.notation import unicode
from chainrule.tidying import REWRITE_MARGIN, tidy
from chainrule.tidying.measure import operations

_CORPUS = pathlib.Path(__file__).parent.parent / "bench" / "corpus.py"


def _formulas() -> tuple[str, ...]:
    spec = importlib.util.spec_from_file_location("corpus", _CORPUS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FORMULAS


FORMULAS = _formulas()


@pytest.mark.parametrize(
    ("formula", "book"),
    [
        ("3x(18x^4 + 13/(x+1))", "270x⁴ + 39/(x + 1)²"),  # a polynomial plus one fraction
        ("(4x^3 - 2x + 1)/x^2", "4 + 2/x² − 2/x³"),  # from the highest power down
        ("cos(x)/(1 + sin(x))", "−1/(1 + sin(x))"),  # Pythagoras, then cancel
        ("x/((x+1)(x+2))", "(2 − x²)/((x + 1)²·(x + 2)²)"),  # the denominator² stays
        ("x/(x^2+1)", "(1 − x²)/(x² + 1)²"),
        ("ln(x^2 sin(x)/(2x + 1))", "2/x + cot(x) − 2/(2x + 1)"),  # the log rules first
        ("acos(x/2)", "−1/√(4 − x²)"),
        ("atan(sinh(x))", "sech(x)"),
        ("sec(x)", "sec(x)·tan(x)"),  # the table's order
        ("(x^2 + 1)^3*(2x - 1)^2", "2(x² + 1)²·(2x − 1)·(8x² − 3x + 2)"),
    ],
)
def test_the_answer_is_the_books(formula, book):
    assert _answer(formula) == book


def _functions(expr: sympy.Expr) -> set:
    return {(type(f), f.args) for f in expr.atoms(sympy.Function)}


def _a_books_form(candidate: sympy.Expr, derivative: sympy.Expr) -> bool:
    """No function of a new argument: cos 2x for cos²x − sin²x, cosh(x/2) in a sigmoid's
    derivative are SymPy's, not a book's."""
    arguments = {a for _, args in _functions(derivative) for a in args}
    return all(args[0] in arguments for _, args in _functions(candidate))


def _shortest(derivative: sympy.Expr, x: sympy.Symbol) -> int:
    """The fewest operations of a book's form among what SymPy's own rewrites find."""
    found = [derivative, sympy.simplify(derivative), sympy.factor(derivative)]
    found += [sympy.cancel(derivative), sympy.expand(derivative)]
    with contextlib.suppress(sympy.PolynomialError, NotImplementedError):
        found.append(sympy.apart(sympy.together(derivative), x))
    return min(operations(f) for f in found if _a_books_form(f, derivative))


def test_every_answer_over_the_corpus_is_within_the_margin_of_the_shortest_form():
    too_long = []
    for formula in FORMULAS:
        e = explain(formula)
        best = _shortest(e.derivative, e.variable)
        if operations(e.derivative) > best + REWRITE_MARGIN:
            too_long.append((formula, unicode(e.derivative), operations(e.derivative), best))
    assert too_long == []


@pytest.mark.parametrize("formula", FORMULAS)
def test_the_moves_chain_from_the_derived_form_to_the_answer_and_each_is_an_equality(formula):
    e = explain(formula)
    assert e.verification.ok
    forms = [e.derived] + [move.after for move in e.tidying]
    assert [move.before for move in e.tidying] == forms[:-1]
    assert forms[-1] == e.derivative
    for move in e.tidying:
        assert move.after != move.before
        difference = move.after - move.before
        points = [sympy.Rational(3, 7), sympy.Rational(5, 4), sympy.Rational(-2, 3)]
        for p in points:
            value = complex(difference.subs(e.variable, p).evalf(30))
            assert abs(value) < 1e-20 or value != value  # nan: outside the domain


@pytest.mark.parametrize("formula", FORMULAS[::3])
def test_the_answer_is_final_a_second_tidy_up_finds_nothing_shorter(formula):
    # "Simplified:" stands only beside a form the moves cannot shorten further.
    e = explain(formula)
    again = tidy(e.derivative, e.variable)
    if again.moves:
        assert operations(again.moves[-1].after) + REWRITE_MARGIN > operations(e.derivative)


def test_a_wrong_move_would_be_caught_by_the_check():
    from chainrule.steps import Tidy
    from chainrule.verifying import verify

    e = explain("x/(x^2+1)")
    wrong = Tidy(move="numerator", before=e.derived, after=e.derived + 1)
    assert not verify(e.root, tidying=(wrong,)).ok
    assert verify(e.root, tidying=e.tidying).ok


def test_each_move_is_a_numbered_line_with_its_name_in_every_format():
    e = explain("cos(x)/(1 + sin(x))")
    assert [m.move for m in e.tidying] == ["numerator", "pythagoras", "cancel"]
    text = render(e, "text", width=100)
    for title in ("Multiply out the numerator", "Pythagoras", "Cancel"):
        assert text.count(title) == 1
    assert "7. Cancel" in text and "(from step 6)" in text
    for fmt in ("latex", "markdown", "html"):
        shown = render(e, fmt)
        assert all(title in shown for title in ("Multiply out the numerator", "Pythagoras"))
    data = json.loads(render(e, "json"))
    assert [m["move"] for m in data["tidying"]] == ["numerator", "pythagoras", "cancel"]
    assert data["tidying"][-1]["after"] == data["derivative"]


def test_an_answer_final_as_derived_has_no_tidy_up_and_no_simplified_label():
    e = explain("x^2 sin(x)")
    assert e.tidying == () and e.derivative == e.derived
    text = render(e, "text")
    assert "tidy-up" not in text and "Simplified:" not in text


def test_the_log_rules_come_first_and_say_so():
    e = explain("ln(x^2 sin(x)/(2x + 1))")
    assert e.log_rules is not None and e.verification.ok
    assert e.root.expression == e.log_rules
    text = render(e, "text", width=200)
    assert "First the log rules" in text
    assert "= 2ln(x) + ln(sin(x)) − ln(2x + 1)" in text
    # Not for a log of one factor: the chain rule is the lesson there.
    assert explain("log(2+cos(x))").log_rules is None
    assert explain("ln(-x sin(x))").log_rules is None  # ln of a negative constant: not real


def test_the_other_usual_form_is_named():
    e = explain("sec(x)")
    assert e.other_form == sympy.sin(e.variable) / sympy.cos(e.variable) ** 2
    assert "Also written: d/dx sec(x) = sin(x)/cos²(x)" in render(e, "text")
    assert explain("x^2").other_form is None
    # The other form is shown, so it is checked too: a wrong one would fail.
    from chainrule.verifying import verify

    e = explain("(1 - cot(x))/(1 + cot(x))")
    assert e.other_form is not None and e.verification.ok
    assert verify(e.root, tidying=e.tidying, also=e.other_form).ok
    assert not verify(e.root, tidying=e.tidying, also=e.other_form + 1).ok
