"""chainrule practice --topic (issue 19, point 6): second derivatives, tangent lines and implicit
differentiation, each generated from a seed, every answer compared with SymPy's own, whole
sessions through stdin, JSON and worksheets, refusals; the rules topic as it was."""

from __future__ import annotations

import functools
import json
import math
import pathlib

import pytest
import sympy
from typer.testing import CliRunner

from chainrule import practice
from chainrule.cli import practice as practice_cmd
from chainrule.cli.app import app
from chainrule.errors import ChainruleError
from chainrule.formats.notation import code
from chainrule.practising import topics
from chainrule.practising.judging import judge
from chainrule.practising.session import Plain, run

runner = CliRunner()
SEEDS = (1, 2)
#: Every topic at each of its levels, but the rules' (test_practice.py has those).
CASES = [(t, level) for t, levels in topics.TOPICS.items() if t != "rules" for level in levels]


@functools.cache
def _set(topic: str, level: int, seed: int = 1) -> tuple:
    return tuple(practice(level=level, seed=seed, count=2, topic=topic))


def _close(a: sympy.Expr, b: sympy.Expr, points: list[dict]) -> bool:
    for at in points:
        p, q = (complex(e.evalf(20, subs=at)) for e in (a, b))
        if not abs(p - q) <= 1e-8 * max(1.0, abs(p), abs(q)):
            return False
    return True


def _across(p, n: int = 5) -> list[dict]:
    a, b = p.interval
    return [{p.variable: a + (b - a) * sympy.Rational(k, n - 1)} for k in range(n)]


# -- the problems -------------------------------------------------------------------------------


@pytest.mark.parametrize(("topic", "level"), CASES)
def test_each_topic_generates_the_same_problems_from_a_seed(topic, level):
    problems = _set(topic, level)
    again = practice(level=level, seed=1, count=2, topic=topic)
    assert [p.text for p in again] == [p.text for p in problems]
    assert [[q.answer for q in p.parts] for p in again] == [
        [q.answer for q in p.parts] for p in problems
    ]
    assert all(p.topic == topic and p.level == level for p in problems)
    assert len({p.text for p in problems}) == 2


@pytest.mark.parametrize("level", topics.TOPICS["higher"])
def test_higher_asks_h_prime_then_h_double_prime_equal_to_sympy(level):
    for seed in SEEDS:
        for p in _set("higher", level, seed):
            x, h = p.variable, p.expression
            assert [q.key for q in p.parts] == ["derivative", "second"]
            first, second = (q.answer for q in p.parts)
            assert _close(first, sympy.diff(h, x), _across(p)), p.text
            assert _close(second, sympy.diff(h, x, 2), _across(p)), p.text
            assert p.parts[1].order == 2


@pytest.mark.parametrize("level", topics.TOPICS["tangent"])
def test_the_tangent_touches_the_curve_with_the_slope_of_h_prime(level):
    for seed in SEEDS:
        for p in _set("tangent", level, seed):
            x, h, a = p.variable, p.expression, p.a
            value, slope, line = (q.answer for q in p.parts)
            assert [q.key for q in p.parts] == ["value", "slope", "tangent"]
            assert sympy.simplify(value - h.subs(x, a)) == 0, p.text
            assert sympy.simplify(slope - sympy.diff(h, x).subs(x, a)) == 0, p.text
            # A line: the same slope everywhere, h′(a); through (a, h(a)).
            assert sympy.diff(line, x, 2) == 0 and sympy.simplify(sympy.diff(line, x) - slope) == 0
            assert sympy.simplify(line.subs(x, a) - value) == 0
            # A nice point: a simple rational inside the interval, or 0 or π/k.
            low, high = p.interval
            assert (a.is_Rational and (low <= a <= high or a == 0)) or (a / sympy.pi).is_Rational
            assert all(math.isfinite(float(n)) for n in (value, slope))
            assert {q.at for q in p.parts} == {f"x={code(a)}"}


@pytest.mark.parametrize("level", topics.TOPICS["implicit"])
def test_implicit_asks_dy_dx_equal_to_idiff_and_its_value_on_the_curve(level):
    for seed in SEEDS:
        for p in _set("implicit", level, seed):
            im = p.implicit
            x, y = im.x, im.y
            f = im.left - im.right
            a, b = p.point
            assert f.subs({x: a, y: b}) == 0, p.text  # the point is on the curve
            reference = sympy.idiff(f, y, x)
            slope, value = (q.answer for q in p.parts)
            assert [q.key for q in p.parts] == ["dy_dx", "dy_dx_at"]
            points = [{x: sympy.Rational(3, 10) + k, y: sympy.Rational(7, 10) + k} for k in (0, 1)]
            assert _close(slope, reference, points), p.text
            assert sympy.simplify(value - reference.subs({x: a, y: b})) == 0 and value != 0


def test_the_rules_topic_is_the_default_and_unchanged():
    for level in (1, 3, 5):
        rules = practice(level=level, seed=7, count=3, topic="rules")
        assert [p.text for p in rules] == [p.text for p in practice(level=level, seed=7, count=3)]
        assert all(p.topic == "rules" for p in rules)
    # As the set was before there were topics (the seed's problems pinned).
    assert [p.text for p in practice(level=4, seed=1, count=2)] == [
        "cos(sqrt(1-x^2))",
        "sin((x^2+4)^3)",
    ]


def test_the_rules_session_and_json_are_as_before():
    args = ["practice", "-l", "1", "-s", "2", "-n", "1", "-f", "text"]
    result = runner.invoke(app, args, input="x\n?\ncos(x)\n", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == RULES_SESSION
    data = json.loads(runner.invoke(app, ["practice", "-s", "2", "-f", "json"]).stdout)
    assert list(data) == ["schema", "level", "seed", "problems"]


#: What the command showed before there were topics (chainrule 5d51608).
RULES_SESSION = """\
Practice: 1 problem at level 1, seed 2
Answer each part on its line; it is judged as a function, so any equal form is
right. ? gives a hint, ?? the worked steps; a wrong answer gets 3 tries in all;
q stops.

Problem 1 of 1 (level 1)
────────────────────────
Differentiate h(x) = sin(x).
h′(x) = x
✗ Not right: 2 tries left (? for a hint).
h′(x) = ?
Hint: From the table: d/dx sin x = cos x, d/dx cos x = −sin x, d/dx tan x =
1/cos²x.
h′(x) = cos(x)
✓ Right: h′(x) = cos(x)

Score
─────
Score: 0 of 1 part right first time (1 problem).
"""


def test_the_readme_session_is_what_the_command_shows():
    readme = (pathlib.Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    command = "$ chainrule practice --topic implicit --level 2 --count 1 --seed 1\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    typed = ["-y/(2y)", "?", "-y/(x+2y)", "3/7", "-3/7"]
    args = ["practice", "-t", "implicit", "-l", "2", "-n", "1", "-s", "1", "-f", "text"]
    result = runner.invoke(app, args, input="\n".join(typed) + "\n", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == shown


# -- sessions -----------------------------------------------------------------------------------


def _session(topic: str, level: int, seed: int, answers: list[str]):
    args = ["practice", "-t", topic, "-l", str(level), "-s", str(seed), "-n", "2", "-f", "text"]
    result = runner.invoke(app, args, input="\n".join(answers) + "\n", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def test_a_higher_session_names_the_product_rule_left_out_of_h_double_prime():
    (p, _) = _set("higher", 3, 3)
    assert p.text == "x*(3-x^2)^5"
    x = p.variable
    # h′ as simplified is (3 − 11x²)(3 − x²)⁴: one term of its product rule only.
    half = "-22x(3-x^2)^4"
    right = [str(sympy.diff(p.expression, x)), half, "?", "??", str(sympy.diff(p.expression, x, 2))]
    out = _session("higher", 3, 3, [*right, "q"])
    assert "Practice: 2 problems on second derivatives at level 3, seed 3" in out
    assert "✓ Right: h′(x) = " in out
    assert "(product_rule_term_missing)" in out and "(Product rule)" in out
    assert "Hint: Differentiate h′(x) = (3 − x²)⁴·(3 − 11x²) again" in out
    assert "Worked steps" in out and "Differentiate h′(x) = (3 − x²)⁴·(3 − 11x²), as it" in out
    assert "✓ Right: h″(x) = " in out
    assert "Score: 1 of 2 parts right first time; stopped after 1 of 2 problems." in out


def test_a_tangent_session_names_the_value_for_the_slope_and_the_normal():
    (p, _) = _set("tangent", 2, 3)
    assert (p.text, p.a) == ("4^x - x^2", 1)
    answers = ["?", "3", "3", "??", "4 ln(4) - 2", "y = 3 - (x-1)/(4ln(4)-2)", "(4ln(4)-2)(x-1)+3"]
    out = _session("tangent", 2, 3, [*answers, "q"])
    assert "Practice: 2 problems on tangent lines at level 2, seed 3" in out
    assert "Hint: Put x = 1 into h(x) itself, not into its derivative." in out
    assert "✓ Right: h(1) = 3" in out
    assert "(value_not_slope)" in out and "(tangent_is_normal)" in out
    assert "Put x = 1 into h′(x):" in out
    assert "✓ Right: h′(1) = " in out and "✓ Right: y = " in out
    assert "Score: 1 of 3 parts right first time; stopped after 1 of 2 problems." in out


def test_an_implicit_session_names_y_held_constant_and_a_slip_at_the_point():
    (p, _) = _set("implicit", 2, 1)
    assert p.text == "x*y + y^2 = 12" and p.point == (1, 3)
    # d/dx (x·y) taken as y: y′ = −y/(2y); at the point, the sign lost: +3/7.
    answers = ["-y/(2y)", "?", "-y/(x + 2y)", "3/7", "??", "-0.429"]
    out = _session("implicit", 2, 1, [*answers, "q"])
    assert "Practice: 2 problems on implicit differentiation at level 2, seed 1" in out
    assert "(implicit_y_as_constant)" in out and "(implicit_sign)" in out
    assert "A term with x and y in it is a product" in out
    assert "✓ Right: dy/dx = −y/(x + 2y)" in out
    assert "Put x = 1 and y = 3 into dy/dx" in out and "✓ Right: y′(1) = −3/7" in out
    assert "Score: 0 of 2 parts right first time; stopped after 1 of 2 problems." in out


@pytest.mark.parametrize("topic", ["higher", "tangent", "implicit"])
def test_right_answers_score_full_marks(topic):
    problems = list(_set(topic, 1, 2))
    answers = [code(q.answer) for p in problems for q in p.parts]
    lines: list[str] = []
    score = run(problems, Plain(answers, lines.append, width=200))
    assert score.right_first_time == score.total == len(answers), "".join(lines)
    assert "Not right" not in "".join(lines)


def test_a_number_is_judged_exactly_or_to_the_decimals_typed():
    (p, _) = _set("tangent", 1, 2)
    assert (p.text, p.a) == ("sin(x)", sympy.Rational(1, 2))
    value = p.parts[0]  # sin(1/2) = 0.4794…
    assert judge(p, value, "sin(1/2)").right and judge(p, value, "h(1/2) = 0.479").right
    assert not judge(p, value, "0.47").right and not judge(p, value, "cos(1/2)").right
    assert judge(p, value, "sin(x)").right  # a formula in x is taken at x = a
    unread = judge(p, value, "sin(1/2")
    assert not unread.counted and "missing" in str(unread.error)
    for typed in ("sin(t)", "t = sin(1/2)"):
        foreign = judge(p, value, typed)
        assert not foreign.counted and "the answer uses t" in str(foreign.error)


def test_a_tangent_line_may_be_typed_with_or_without_y():
    (_, p) = _set("tangent", 1, 2)
    assert (p.text, p.a, p.point.tangent) == ("1/x^2", 1, 3 - 2 * p.variable)
    line = p.parts[2]
    assert judge(p, line, "3 - 2x").right and judge(p, line, "y = -2(x - 1) + 1").right
    assert judge(p, line, "-2(x + 1) + 1").check.mistake == "tangent_x_plus_a"
    error = judge(p, line, "3 - 2x)").error
    assert error.text == "3 - 2x)"  # the caret under the answer as typed


@pytest.mark.parametrize(("topic", "level"), CASES)
def test_every_part_has_a_hint_and_worked_steps_in_every_format(topic, level):
    from chainrule.formats import render
    from chainrule.practising import view

    for p in _set(topic, level, 2):
        for part in p.parts:
            hint = render(view.hint(p, part), "text", width=200)
            assert hint.startswith("Hint: ") and len(hint) > 20
            worked = view.steps(p, part)
            for fmt in ("text", "latex", "markdown", "html"):
                assert render(worked, fmt)


# -- JSON and worksheets --------------------------------------------------------------------------


@pytest.mark.parametrize(("topic", "level"), [("higher", 2), ("tangent", 3), ("implicit", 3)])
def test_json_holds_every_part_and_asks_nothing(topic, level):
    args = ["practice", "-t", topic, "-l", str(level), "-s", "1", "-n", "2", "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["topic"], data["level"], data["seed"]) == (topic, level, 1)
    for d, p in zip(data["problems"], _set(topic, level), strict=True):
        assert d["text"] == p.text and d["asks"] == [q.key for q in p.parts]
        answers = {q.key: code(q.answer) for q in p.parts if q.key != "derivative"}
        assert d["parts"] == answers
    if topic == "tangent":
        assert data["problems"][0]["point"] == code(_set(topic, level)[0].a)
    if topic == "implicit":
        assert set(data["problems"][0]["point"]) == {"x", "y"}


@pytest.mark.parametrize("topic", ["higher", "tangent", "implicit"])
@pytest.mark.parametrize("fmt", ["markdown", "latex", "html"])
def test_a_worksheet_of_each_topic_holds_its_answers(topic, fmt):
    args = ["practice", "-t", topic, "-s", "1", "-n", "2", "-f", fmt]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "markdown":
        assert out.count("<details><summary>Answer</summary>") == 2
    elif fmt == "latex":
        assert out.count(r"\textit{Answer:}") == 2
    else:
        assert out.count("<details") == 2 and "<math" in out
    title = {"higher": "second derivatives", "tangent": "tangent lines"}
    assert title.get(topic, "implicit differentiation") in out


# -- refusals -------------------------------------------------------------------------------------


def test_a_topic_there_is_none_of_is_refused():
    result = runner.invoke(app, ["practice", "--topic", "limits"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--topic" in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(ChainruleError, match="no topic 'limits'"):
        practice(topic="limits")


def test_a_level_a_topic_lacks_is_refused_in_one_line():
    result = runner.invoke(app, ["practice", "-t", "implicit", "-l", "4"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "error: the implicit topic has levels 1 to 3, not 4\n"
    with pytest.raises(ChainruleError, match="levels 1 to 3, not 5"):
        practice(level=5, topic="implicit")
    with pytest.raises(ChainruleError, match="the tangent topic has levels 1 to 5, not 6"):
        practice(level=6, topic="tangent")
    with pytest.raises(ChainruleError, match="level 6 does not exist: choose 1 to 5"):
        practice(level=6)
    bad = runner.invoke(app, ["practice", "-t", "higher", "-l", "6"])
    assert bad.exit_code == 2 and "--level" in bad.stderr and "Traceback" not in bad.stderr


def test_the_cli_mirrors_the_topics():
    assert [t.value for t in practice_cmd.Topic] == list(topics.TOPICS)
    assert {t: levels[-1] for t, levels in topics.TOPICS.items()} == practice_cmd.TOPIC_LEVELS
    assert max(practice_cmd.TOPIC_LEVELS.values()) == practice_cmd.MAX_LEVEL
    shown = runner.invoke(app, ["practice", "--help"], env={"COLUMNS": "200"}).stdout
    assert "rules|higher|tangent|implicit" in shown and "practice -t implicit" in shown


# -- properties -----------------------------------------------------------------------------------

_TYPED = "0123456789xy+-*/^().= eπ,sincolgqrt'"


@pytest.mark.parametrize("topic", ["higher", "tangent", "implicit"])
def test_any_text_gets_a_verdict_or_an_error_to_show(topic):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    (p, _) = _set(topic, 1, 2)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(p.parts), st.text(alphabet=_TYPED, max_size=14))
    def judged(part, text):
        # Never a traceback: a verdict, or an error the session shows under the answer.
        j = judge(p, part, text)
        assert j.counted or isinstance(j.error, ChainruleError)

    judged()


@pytest.mark.parametrize("topic", ["higher", "tangent", "implicit"])
def test_a_problem_of_each_topic_shows_itself_with_its_answers(topic):
    (p, _) = _set(topic, 2)
    assert p._repr_markdown_().startswith("**Try it yourself:**")
    assert "<details>" in p._repr_html_() and repr(p).startswith("<")
