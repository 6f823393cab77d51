"""chainrule practice (issue 9, point 3): generated problems checked before they are asked, the
same problems from the same seed, each level's shape, and whole sessions through stdin."""

from __future__ import annotations

import functools
import json
import math
import pathlib
import subprocess
import sys

import pytest
import sympy
from typer.testing import CliRunner

from chainrule import parse, practice
from chainrule import steps as s
from chainrule.cli import practice as practice_cmd
from chainrule.cli.app import app
from chainrule.formats import render
from chainrule.formats.notation import code
from chainrule.parsing import read
from chainrule.practising import DEFAULT_COUNT, generate
from chainrule.practising.session import Plain, run
from chainrule.views import hints

runner = CliRunner()
SEEDS = (1, 2, 3)


@functools.cache
def _sets(level: int) -> tuple:
    return tuple(p for seed in SEEDS for p in practice(level=level, seed=seed, count=3))


def _values(expr: sympy.Expr, x: sympy.Symbol, interval, n: int = 7) -> list[complex]:
    a, b = interval
    return [
        complex(expr.evalf(15, subs={x: a + (b - a) * sympy.Rational(k, n - 1)})) for k in range(n)
    ]


def _close(a: list[complex], b: list[complex]) -> bool:
    return all(abs(p - q) <= 1e-8 * max(1.0, abs(p), abs(q)) for p, q in zip(a, b, strict=True))


# -- the problems -------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_problems():
    first = [p.text for p in practice(level=3, seed=42, count=4)]
    assert [p.text for p in practice(level=3, seed=42, count=4)] == first
    assert [p.text for p in practice(level=3, seed=43, count=4)] != first
    # A longer set starts with the shorter one: a problem depends on the seed, not the count.
    assert [p.text for p in practice(level=3, seed=42, count=5)][:4] == first
    assert len(set(first)) == 4


@pytest.mark.parametrize("level", range(1, 6))
def test_every_problem_is_checked_before_it_is_asked(level):
    for p in _sets(level):
        x = p.variable
        expr, _, rewritten = read(p.text)
        assert expr == p.expression == parse(p.text) and rewritten == ()
        assert p.explanation.verification.ok
        assert p.derivative.has(x), p.text  # not a constant
        # Real and finite on its interval, the derivative there equal to SymPy's own.
        mine, sympys = (
            _values(p.derivative, x, p.interval),
            _values(sympy.diff(expr, x), x, p.interval),
        )
        values = _values(expr, x, p.interval)
        assert all(math.isfinite(v.real) and abs(v.imag) < 1e-12 for v in values + mine), p.text
        assert _close(mine, sympys), p.text
        # Each derivative part is SymPy's derivative of what it derives.
        for part in p.parts:
            if part.is_derivative and part.key != "derivative":
                exact = sympy.diff(part.of, part.variable)
                assert sympy.simplify(part.answer - exact) == 0, (p.text, part.key)
        chain = p.chain
        if chain is not None:
            assert chain.outer.xreplace({chain.u: chain.inner}) == chain.expression


def _links(step) -> int:
    n = 1
    while isinstance(step, s.ChainStep):
        step, n = step.inner_step, n + 1
    return n


def test_each_level_has_its_shape():
    for p in _sets(1):
        assert isinstance(p.explanation.root, s.TableStep), p.text
        assert [q.key for q in p.parts] == ["derivative"]
    for p in _sets(2):
        root = p.explanation.root
        assert isinstance(root, s.SumStep | s.ProductStep | s.QuotientStep), p.text
        assert not any(isinstance(step, s.ChainStep) for step in p.explanation.steps())
        assert [q.key for q in p.parts] == ["u_prime", "v_prime", "derivative"]
    for p in _sets(3):
        root = p.explanation.root
        assert isinstance(root, s.ProductStep) and len(root.factors) == 2, p.text
        chains = [f for f in root.substeps if isinstance(f, s.ChainStep)]
        assert len(chains) == 1 and _links(chains[0]) == 2 and p.chain is chains[0]
    for p in _sets(4):
        # Three links, f∘g∘k: the root is a chain whose inner function is a chain.
        root = p.explanation.root
        assert isinstance(root, s.ChainStep) and isinstance(root.inner_step, s.ChainStep)
        assert _links(root) == 3, p.text
        assert [q.key for q in p.parts] == ["f", "g", "g_prime", "f_prime", "derivative"]
    kinds = set()
    for p in _sets(5):
        root = p.explanation.root
        kinds.add(type(root))
        if isinstance(root, s.QuotientStep):
            assert p.chain is not None, p.text
        else:
            assert isinstance(root, s.GeneralPowerStep), p.text
            assert [q.key for q in p.parts] == ["ln_h", "ln_h_prime", "derivative"]
    assert kinds == {s.QuotientStep, s.GeneralPowerStep}


def test_chainrule_practice_is_the_function_whatever_was_imported_first():
    import chainrule.practising.session

    assert chainrule.practice is practice and callable(chainrule.practice)


def test_the_cli_mirrors_the_library():
    assert generate.LEVELS[-1] == practice_cmd.MAX_LEVEL
    assert practice_cmd.MAX_COUNT == generate.MAX_COUNT
    assert practice_cmd.DEFAULT_COUNT == DEFAULT_COUNT


def test_a_problem_shows_itself_with_its_answers():
    (p,) = practice(level=4, seed=5, count=1)
    text = render(p.document(), "text", width=200)
    assert "Try it yourself" in text and "f(u) = " in text
    assert p._repr_markdown_().startswith("**Try it yourself:**")
    assert "<details>" in p._repr_html_()


# -- the command ------------------------------------------------------------------------------


def test_json_lists_the_problems_and_their_parts_without_asking():
    result = runner.invoke(app, ["practice", "-l", "4", "-s", "7", "-n", "3", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == 2 and data["level"] == 4 and data["seed"] == 7
    problems = practice(level=4, seed=7, count=3)
    assert [d["text"] for d in data["problems"]] == [p.text for p in problems]
    for d, p in zip(data["problems"], problems, strict=True):
        assert d["function"] == code(p.expression) and d["derivative"] == code(p.derivative)
        assert d["level"] == 4 and d["placeholder"] == "u"
        assert set(d["parts"]) == {"f", "g", "g_prime", "f_prime"}
        assert d["parts"]["f"] == code(p.chain.outer) and d["asks"][-1] == "derivative"


def _right_answers(p) -> list[str]:
    """What a learner who knows the answers types: f and g as the explanation splits them,
    every derivative as SymPy differentiates it (never the explanation's own)."""
    out = []
    for part in p.parts:
        if part.key == "derivative":
            out.append(str(sympy.diff(p.expression, p.variable)))
        elif part.is_derivative:
            out.append(str(sympy.diff(part.of, part.variable)))
        else:
            out.append(code(part.answer))
    return out


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_right_answers_through_stdin_score_full_marks(level):
    problems = practice(level=level, seed=11, count=1)
    answers = [a for p in problems for a in _right_answers(p)]
    args = ["practice", "-l", str(level), "-s", "11", "-n", "1", "-f", "text"]
    result = runner.invoke(app, args, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    n = len(answers)
    parts = "part" if n == 1 else "parts"
    assert f"Score: {n} of {n} {parts} right first time (1 problem)." in result.stdout
    assert "Not right" not in result.stdout


def _chain_problem():
    (p,) = practice(level=4, seed=3, count=1)
    return p


def test_wrong_answers_get_the_diagnosis_then_the_answer():
    p = _chain_problem()
    chain = p.chain
    # f′(g(x)) alone: the inner derivative forgotten, three times.
    forgot = str(chain.outer_derivative.xreplace({chain.u: chain.inner}))
    answers = [*_right_answers(p)[:4], forgot, forgot, forgot]
    lines: list[str] = []
    score = run([p], Plain(answers, lines.append, width=200))
    out = "".join(lines)
    assert out.count("forgot_inner_derivative") == 3
    assert "Not right: 2 tries left" in out and "Not right: 1 try left" in out
    assert hints.HINT["forgot_inner_derivative"] in out
    assert "Not right after 3 tries" in out and "Right: d/dx" in out
    assert score.right_first_time == 4 and score.total == 5 and score.ended == "done"


def test_near_misses_are_named():
    p = _chain_problem()
    f, g, u = p.chain.outer, p.chain.inner_step, p.chain.u
    # f∘g∘k split after g instead of after f: f(g(u)), which with u = k(x) makes h too.
    split = f.xreplace({u: g.outer.xreplace({g.u: u})})
    answers = [code(f).replace("u", "x"), code(split), code(p.expression.xreplace({p.variable: u}))]
    lines: list[str] = []
    run([p], Plain([*answers, "q"], lines.append, width=200))
    out = "".join(lines)
    assert "The right function, but in x: write it in the placeholder u." in out
    assert "does make" in out and "but f is the outer function alone" in out
    assert "That is the whole function with x written as u" in out


def test_an_unreadable_answer_costs_no_try():
    p = _chain_problem()
    answers = _right_answers(p)
    lines: list[str] = []
    score = run([p], Plain(["ln(u", "sin(y)", *answers], lines.append, width=200))
    out = "".join(lines)
    assert "missing ')'" in out and "the answer uses y" in out
    assert score.right_first_time == score.total == 5


def test_a_question_mark_gives_the_hint_and_two_the_worked_steps():
    p = _chain_problem()
    f, g = _right_answers(p)[:2]
    lines: list[str] = []
    score = run([p], Plain([f, "?", "?", "??", g, "q"], lines.append, width=200))
    out = "".join(lines)
    assert "Hint: g is what sits inside the outer function" in out
    assert out.count("Worked steps") == 2 and "Chain rule" in out
    # The worked steps seen, g is not right first time; f was.
    assert score.right_first_time == 1 and score.total == 2 and score.ended == "quit"


def test_end_of_input_in_the_middle_ends_cleanly_with_the_score():
    p = _chain_problem()
    f = _right_answers(p)[0]
    args = ["practice", "-l", "4", "-s", "3", "-n", "2", "-f", "text"]
    result = runner.invoke(app, args, input=f"{f}\nx^7\n")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Score: 1 of 2 parts right first time; the input ended after 0 of 2 problems." in (
        result.stdout
    )


def test_q_stops_and_exit_status_is_0():
    result = runner.invoke(app, ["practice", "-s", "1", "-f", "text"], input="q\n")
    assert result.exit_code == 0
    assert "No part answered; stopped after 0 of 5 problems." in result.stdout


@pytest.mark.parametrize("level", ["0", "6"])
def test_a_level_out_of_range_exits_2_with_a_message(level):
    result = runner.invoke(app, ["practice", "--level", level])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--level" in result.stderr and "Traceback" not in result.stderr


def test_a_worksheet_holds_the_answers():
    result = runner.invoke(app, ["practice", "-l", "3", "-s", "2", "-n", "2", "-f", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("<details><summary>Answer</summary>") == 2


def test_practice_help_does_not_import_sympy():
    probe = (
        "import sys\n"
        "from chainrule.cli.app import main\n"
        "sys.argv = ['chainrule', 'practice', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('SYMPY' if 'sympy' in sys.modules else 'CLEAN')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "CLEAN", done.stderr


def test_the_readme_session_is_what_the_command_shows():
    readme = (pathlib.Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    command = "$ chainrule practice --level 3 --count 1 --seed 8\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    typed = ["cos(u)", "?", "5x+1", "5", "-sin(u)", "-5x^4 sin(5x+1)"]
    typed.append("4x^3 cos(5x+1) - 5x^4 sin(5x+1)")
    args = ["practice", "--level", "3", "--count", "1", "--seed", "8", "-f", "text"]
    result = runner.invoke(app, args, input="\n".join(typed) + "\n", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == shown
