"""chainrule check names more mistakes (issue 17, point 6): a product-rule term left out, the
power rule on a variable exponent (and the exponential rule on a variable base), ln a left out
of a constant base, the function (or a part of it) copied out undifferentiated, and an algebra
slip between two lines of working."""

from __future__ import annotations

import json
import pathlib
import re

import pytest
import sympy
from typer.testing import CliRunner

from chainrule import check
from chainrule.checking import MISTAKES
from chainrule.cli.app import app
from chainrule.formats import render
from chainrule.views import hints

runner = CliRunner()

#: (function, answer, the mistake it is named as): a textbook's list of wrong answers.
MORE = [
    ("sin(x)*x^2", "cos(x)*x^2", "product_rule_term_missing"),
    ("x*cos(x)", "-x sin(x)", "product_rule_term_missing"),
    ("x*cos(x)", "cos(x)", "product_rule_term_missing"),
    ("x^2 sin(cos(x))", "2x sin(cos(x))", "product_rule_term_missing"),
    ("x^x", "x*x^(x-1)", "power_rule_on_variable_exponent"),
    ("x^cos(x)", "cos(x)*x^(cos(x)-1)", "power_rule_on_variable_exponent"),
    ("(x^2+1)^x", "x(x^2+1)^(x-1)*2x", "power_rule_on_variable_exponent"),
    ("sin(x)^x", "x sin(x)^(x-1) cos(x)", "power_rule_on_variable_exponent"),
    ("x^x", "x^x ln(x)", "exponential_rule_on_variable_base"),
    ("x^cos(x)", "-x^cos(x) ln(x) sin(x)", "exponential_rule_on_variable_base"),
    ("3^x", "3^x", "forgot_log_of_base"),
    ("3^(2x)", "2*3^(2x)", "forgot_log_of_base"),
    ("2^cos(x)", "-2^cos(x) sin(x)", "forgot_log_of_base"),
    ("log_2(x)", "1/x", "forgot_log_of_base"),
    ("log_10(cos(x))", "-sin(x)/cos(x)", "forgot_log_of_base"),
    ("sin(x^2)", "sin(x^2)", "function_typed_back"),
    ("x^2 cos(x)", "x^2 cos(x)", "function_typed_back"),
    ("ln(2+cos(x))", "ln(2+cos(x))", "function_typed_back"),
    ("x^x", "x^x", "function_typed_back"),
    ("sin(x^2)", "sin(x^2)*2x", "part_not_differentiated"),
    ("cos(x^3)", "-sin(x^3)*x^3", "part_not_differentiated"),
    ("x^2+3", "2x+3", "part_not_differentiated"),
    ("x^2*sin(x)", "2x sin(x) + x^2 cos(x) = x(2 sin(x) + cos(x))", "algebra_slip"),
    ("sin(cos(x^2))", "cos(cos(x^2))*(-sin(x^2))*2x = -2x cos(cos(x^2)) sin(x)^2", "algebra_slip"),
]


@pytest.mark.parametrize(("function", "answer", "mistake"), MORE)
def test_each_new_mistake_is_named(function, answer, mistake):
    c = check(function, answer)
    assert not c.correct and c.status == "wrong"
    assert c.mistake == mistake
    if mistake == "algebra_slip":
        # The line before was right, and no usual wrong path gives the slipped line.
        assert c.first_wrong == 2 and c.links[0].right is True and c.path is None
    else:
        # A path through the explanation's own steps gives the answer, as the learner wrote it.
        assert c.first_wrong == 1 and c.path is not None and c.path.mistake == mistake
        assert sympy.simplify(c.path.answer - c.links[0].link.expr) == 0
    shown = " ".join(render(c, "text", width=200).split())
    assert f"({mistake})" in shown and hints.HINT[mistake] in shown


def test_every_id_has_words_and_the_new_ones_are_tested_twice():
    named = [m for _, _, m in MORE]
    for mistake in MISTAKES:
        assert mistake in hints.WHAT and mistake in hints.HINT, mistake
    for mistake in set(named):
        assert mistake in MISTAKES and named.count(mistake) >= 2, mistake
        assert any("cos(" in f for f, _, m in MORE if m == mistake), mistake


def test_the_readme_lists_every_id_and_no_other_in_order():
    readme = (pathlib.Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("**How a mistake is named.**", 1)[1]
    first, beyond = section.split("**Beyond the first derivative.**", 1)
    assert re.findall(r"^\| `(\w+)` \|", first, re.MULTILINE) == list(MISTAKES)
    from chainrule.checking.implicit import IMPLICIT_MISTAKES
    from chainrule.checking.point import POINT_MISTAKES

    beyond = beyond.split("`--wrt`", 1)[0]
    assert re.findall(r"^\| `(\w+)` \|", beyond, re.MULTILINE) == [
        *IMPLICIT_MISTAKES,
        *POINT_MISTAKES,
    ]


@pytest.mark.parametrize(
    ("function", "answer", "rule"),
    [
        ("sin(x)*x^2", "cos(x)*x^2", "product"),
        ("x^x", "x*x^(x-1)", "general_power"),
        ("3^(2x)", "2*3^(2x)", "exponential"),  # the table entry for 3ᵘ, inside the chain
        ("sin(x^2)", "sin(x^2)*2x", "trig"),  # sin(u) copied where cos(u) belongs
    ],
)
def test_the_step_taken_wrongly_is_the_one_the_mistake_is_about(function, answer, rule):
    c = check(function, answer)
    assert c.path.step.rule == rule


def test_where_two_names_fit_the_more_telling_one_is_given():
    # 3ˣ typed back for its derivative is also "the function typed back"; the ln 3 left out
    # says which rule went wrong, and is the only reading of 2·3^(2x) for 3^(2x).
    assert check("3^x", "3^x").mistake == "forgot_log_of_base"
    # x·x^(x−1) equals xˣ as a function: the line as written decides which mistake it is.
    assert check("x^x", "x*x^(x-1)").mistake == "power_rule_on_variable_exponent"
    assert check("x^x", "x^x").mistake == "function_typed_back"
    # xˣ·ln x is also ln y = x·ln x with its product rule's second term left out: the reading
    # at the top of the tree, the exponential rule on a variable base, is the plainer one.
    assert check("x^x", "x^x ln(x)").path.step.rule == "general_power"
    # eˣ is its own derivative: typing it back is right, and no mistake is named.
    assert check("exp(x)", "exp(x)").correct


def test_an_algebra_slip_shows_both_lines_and_a_point_that_tells_them_apart():
    c = check("x^2*sin(x)", "2x sin(x) + x^2 cos(x) = x(2 sin(x) + cos(x))")
    x = c.explanation.variable
    point, before, after = c.apart
    # At x = 1 the two lines agree (x² = x there): the point shown must tell them apart.
    assert point != 1 and abs(float(before) - float(after)) > 0.01
    exact = [e.subs(x, point).evalf() for e in (c.links[0].link.expr, c.links[1].link.expr)]
    assert (
        abs(float(before) - float(exact[0])) < 1e-3 and abs(float(after) - float(exact[1])) < 1e-3
    )
    text = " ".join(render(c, "text", width=200).split())
    assert "An algebra slip between line 1 and line 2 (algebra_slip)" in text
    assert "Line 1: 2x·sin(x) + x²·cos(x)" in text and "Line 2: x·(2" in text
    assert f"At x = {point}: line 1 is" in text
    assert "Steps" not in text  # the calculus was right: its steps are not the point


def test_only_a_wrong_line_after_a_right_one_is_a_slip():
    # Two wrong lines: the first is diagnosed as the calculus mistake it is.
    c = check("x^2*sin(x)", "2x cos(x) = 2x cos(x) + 1")
    assert (c.first_wrong, c.mistake) == (1, "product_of_derivatives")
    # After a right line, a line written as a wrong path writes it is that mistake …
    c = check("x^2 sin(x)", "2x sin(x) + x^2 cos(x) = 2x cos(x)")
    assert (c.first_wrong, c.mistake) == (2, "product_of_derivatives")
    # … and one no path writes is a slip, though alone it would be a sign error: the minus
    # was lost in the algebra, the calculus being done.
    c = check("x^2 sin(x)", "2x sin(x) + x^2 cos(x) = -2x sin(x) - x^2 cos(x)")
    assert (c.first_wrong, c.mistake) == (2, "algebra_slip")
    assert check("x^2 sin(x)", "-2x sin(x) - x^2 cos(x)").mistake == "sign_error"


@pytest.mark.parametrize(
    ("function", "answer", "mistake"),
    [
        ("sin(x)*x^2", "cos(x)*x^2", "product_rule_term_missing"),
        ("x^x", "x*x^(x-1)", "power_rule_on_variable_exponent"),
        ("x^x", "x^x ln(x)", "exponential_rule_on_variable_base"),
        ("x^cos(x)", "-x^cos(x) ln(x) sin(x)", "exponential_rule_on_variable_base"),
        ("3^x", "3^x", "forgot_log_of_base"),
        ("x^2*sin(x)", "2x sin(x) + x^2 cos(x) = x(2 sin(x) + cos(x))", "algebra_slip"),
    ],
)
def test_the_cli_names_them_and_exits_1(function, answer, mistake):
    result = runner.invoke(app, ["check", function, answer, "-f", "text"])
    assert result.exit_code == 1 and f"({mistake})" in result.stdout
    data = json.loads(runner.invoke(app, ["check", function, answer, "-f", "json"]).stdout)
    assert data["mistake"] == mistake and data["status"] == "wrong"
