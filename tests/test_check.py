"""chainrule check (issue 9, points 1, 2 and 5): answers read as functions, the first wrong link
of a chain of equalities, and every usual mistake named on two functions, one of them a chain
of three links."""

from __future__ import annotations

import json

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chainrule import check, parse
from chainrule.checking import MISTAKES
from chainrule.cli.app import app
from chainrule.errors import ParseError, VariableError
from chainrule.formats import render
from chainrule.formats.notation import code
from chainrule.views import hints

COURSE = "log(2+cos(x))"
#: A chain of three links: sin ∘ cos ∘ x², whose derivative is cos(cos x²)·(−sin x²)·2x.
THREE = "sin(cos(x^2))"

MISTAKEN = [
    ("forgot_inner_derivative", COURSE, "1/(2+cos(x))"),
    ("forgot_inner_derivative", THREE, "cos(cos(x^2))"),
    ("chain_stopped_early", THREE, "cos(cos(x^2))*(-sin(x^2))"),
    ("chain_stopped_early", "exp(sin(3x))", "exp(sin(3x))*cos(3x)"),
    ("outer_not_at_inner", "sin(x^2)", "cos(x)*2x"),
    ("outer_not_at_inner", THREE, "cos(x)*(-sin(x^2))*2x"),
    ("added_not_multiplied", COURSE, "1/(2+cos x) - sin x"),
    ("added_not_multiplied", THREE, "cos(cos(x^2)) + (-sin(x^2))*2x"),
    ("composition_as_product", "sin(x^2)", "cos(x)*x^2 + sin(x)*2x"),
    ("composition_as_product", THREE, "cos(x)*cos(x^2) + sin(x)*(-sin(x^2)*2x)"),
    ("product_of_derivatives", "x^2 sin(x)", "2x cos(x)"),
    ("product_of_derivatives", "x sin(cos(x^2))", "cos(cos(x^2))*(-sin(x^2))*2x"),
    ("quotient_rule_order", "sin(x)/x", "(sin(x) - x cos(x))/x^2"),
    (
        "quotient_rule_order",
        "sin(cos(x^2))/x",
        "(sin(cos(x^2)) - cos(cos(x^2))*(-sin(x^2))*2x*x)/x^2",
    ),
    ("quotient_denominator", "sin(x)/x", "(x cos(x) - sin(x))/x"),
    (
        "quotient_denominator",
        "sin(cos(x^2))/x",
        "(cos(cos(x^2))*(-sin(x^2))*2x*x - sin(cos(x^2)))/x",
    ),
    ("sign_error", COURSE, "sin(x)/(2+cos(x))"),
    ("sign_error", THREE, "cos(cos(x^2))*sin(x^2)*2x"),
    ("constant_factor", COURSE, "-2 sin(x)/(2+cos(x))"),
    ("constant_factor", THREE, "cos(cos(x^2))*(-sin(x^2))*x"),
    ("power_not_lowered", "(x^2+1)^3", "3(x^2+1)^3*2x"),
    ("power_not_lowered", THREE, "cos(cos(x^2))*(-sin(x^2))*2x^2"),
    ("power_rule_on_exponential", "exp(x)", "x*exp(x-1)"),
    (
        "power_rule_on_exponential",
        "exp(sin(cos(x)))",
        "sin(cos(x))*exp(sin(cos(x))-1)*cos(cos(x))*(-sin(x))",
    ),
    ("unknown", "ln(x)", "x"),
    ("unknown", THREE, "x^3"),
]


@pytest.mark.parametrize(("mistake", "function", "answer"), MISTAKEN)
def test_each_usual_mistake_is_named(mistake, function, answer):
    c = check(function, answer)
    assert not c.correct and c.first_wrong == 1
    assert c.mistake == mistake
    shown = render(c, "text", width=200)
    assert f"({mistake})" in shown and hints.HINT[mistake].split(":")[0] in " ".join(shown.split())


def test_every_mistake_id_is_tested_on_two_functions_and_has_words():
    from test_check_mistakes import MORE  # issue 17's mistakes, in a table of their own

    table = MISTAKEN + [(m, f, a) for f, a, m in MORE]
    named = [m for m, _, _ in table]
    for mistake in MISTAKES:
        assert named.count(mistake) >= 2, mistake
        assert mistake in hints.WHAT and mistake in hints.HINT
        assert any(f == THREE or "cos(" in f for m, f, _ in table if m == mistake)


def test_a_path_through_a_step_shows_the_right_step_beside_it():
    c = check(THREE, "cos(cos(x^2))*(-sin(x^2))")
    assert c.path is not None and c.path.step.rule == "chain"
    text = " ".join(render(c, "text", width=200).split())
    assert "It parts from the right path at steps" in text
    assert "Taken wrongly: d/dx cos(x²) = −sin(x²)" in text  # the inner chain without 2x


@pytest.mark.parametrize(
    "answer",
    [
        "-sin(x)/(2+cos(x))",
        "(−sin x)·(2+cos x)^−1",
        "-sin(x)*(2+cos(x))^(-1)",
        "−sin x/(2 + cos x)",
        "1/(2+cos(x)) * (-sin(x))",
        "1/u * (-sin(x))",  # the course's letter, u = 2 + cos x
        "h'(x) = -sin(x)/(cos(x)+2)",
    ],
)
def test_right_answers_in_other_forms_are_accepted(answer):
    c = check(COURSE, answer)
    assert c.correct and c.mistake is None and c.first_wrong is None


def test_the_first_wrong_link_of_a_chain_of_equalities_is_named():
    c = check(COURSE, "1/(2+cos x)*(-sin x) = 1/(2+cos x) = -sin x/(2+cos x)")
    assert [v.right for v in c.links] == [True, False, True]
    assert c.first_wrong == 2 and c.mistake == "forgot_inner_derivative"
    c = check(THREE, "cos(cos(x^2))*(-sin(x^2))*2x = -2x sin(x^2) cos(cos(x^2))")
    assert c.correct and len(c.links) == 2
    c = check("x^2 sin(x)", "2x sin(x) + x^2 cos(x) = x(2 sin(x) + x cos(x)) = 2x cos(x)")
    assert (c.first_wrong, c.mistake) == (3, "product_of_derivatives")


def test_unreadable_answers_point_into_the_answer():
    with pytest.raises(ParseError) as caught:
        check(COURSE, "1/(2+cos x) = -sin(x/(2+cos(x))")
    assert caught.value.text.startswith("1/(2+cos x) = ") and caught.value.position > 14
    with pytest.raises(ParseError):
        check(COURSE, "= -sin(x)")
    with pytest.raises(VariableError):
        check(COURSE, "-sin(t)/(2+cos(t))")


def test_the_cli_exit_status_says_right_wrong_or_unreadable():
    runner = CliRunner()
    assert runner.invoke(app, ["check", COURSE, "-sin(x)/(2+cos(x))"]).exit_code == 0
    wrong = runner.invoke(app, ["check", COURSE, "1/(2+cos(x))", "-f", "text"])
    assert wrong.exit_code == 1 and "forgot_inner_derivative" in wrong.output
    bad = runner.invoke(app, ["check", COURSE, "1/(2+cos(x)"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output and "^" in bad.output


def test_json_gives_the_documented_keys():
    result = CliRunner().invoke(app, ["check", "x^2 sin(x)", "2x cos(x)", "-f", "json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert {"schema", "correct", "first_wrong", "mistake", "expected", "explanation"} <= set(data)
    assert (data["correct"], data["first_wrong"], data["mistake"]) == (
        False,
        1,
        "product_of_derivatives",
    )
    assert "(PQ)′ = P′Q + PQ′" in data["explanation"]
    expected = parse(data["expected"])
    t = expected.free_symbols.pop()
    assert sympy.expand(expected - sympy.diff(t**2 * sympy.sin(t), t)) == 0


@pytest.mark.parametrize("format", ["latex", "markdown", "html"])
def test_every_format_shows_the_verdict(format):
    shown = render(check(COURSE, "1/(2+cos(x))"), format)
    assert "Where it went wrong" in shown and "forgot" in shown


x = sympy.Symbol("x", real=True)
_ATOMS = st.sampled_from([x, x**2, x + 1, 2 * x, sympy.Integer(3)])
_FUNCS = st.sampled_from([sympy.sin, sympy.cos, sympy.exp, sympy.atan, sympy.tanh])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_FUNCS, _FUNCS, _ATOMS, _ATOMS)
def test_sympys_own_derivative_is_always_accepted(f, g, a, b):
    function = f(g(a)) * b + a
    c = check(code(function), code(sympy.diff(function, x)))
    assert c.correct


def test_a_check_shows_itself_in_a_notebook():
    c = check(COURSE, "1/(2+cos(x))")
    html = c._repr_html_()
    assert "<math" in html and "Where it went wrong" in html and "<html" not in html
    assert c._repr_latex_().startswith("$$") and "forgot" in c._repr_markdown_()
    assert repr(c).startswith("<Check") and "forgot_inner_derivative" in repr(c)


# -- when the points cannot tell ---------------------------------------------------------------

# Real only where arcsec(eˣ)/2 ≥ 1, a set too thin for the verifier's points to land on.
THIN = "asec(asec(exp(x))/2)"
SYMPYS = "2*exp(-x)/(sqrt(1-exp(-2x))*sqrt(1-4/asec(exp(x))^2)*asec(exp(x))^2)"


def test_an_answer_the_points_cannot_judge_is_not_called_wrong():
    c = check(THIN, SYMPYS)
    assert (c.status, c.correct, c.first_wrong, c.mistake) == ("undecided", False, None, None)
    assert c.links[0].right is None and c.links[0].why_undecided == "not_real"
    text = render(c, "text", width=100)
    assert "Cannot tell" in text and "Wrong" not in text
    assert "Steps" in text  # the steps to compare with by hand


def test_a_judged_line_still_counts_beside_one_that_cannot_be():
    assert check("log(2+cos(x))", "-sin(x)/(2+cos(x))").status == "right"
    assert check("log(2+cos(x))", "sin(x)/(2+cos(x))").status == "wrong"


def test_cannot_tell_is_its_own_exit_status_and_json_field():
    result = CliRunner().invoke(app, ["check", THIN, SYMPYS, "-f", "json"])
    assert result.exit_code == 3, result.output
    data = json.loads(result.stdout)
    assert (data["status"], data["correct"], data["links"][0]["right"]) == (
        "undecided",
        False,
        None,
    )


def test_a_derivative_too_large_at_some_points_for_a_complex_modulus_is_judged():
    from chainrule import check

    # x/e^(x³) at the verifier's complex points: finite parts, a modulus past a float's range.
    c = check("x/e^(x^3)", "1")
    assert c.status == "wrong" and c.mistake is not None
    assert check("x/e^(x^3)", "(1 - 3x^3) e^(-x^3)").correct
