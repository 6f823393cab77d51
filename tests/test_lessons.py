"""The lessons (issue 10): listed and run from the package, unattended in CI, their key content
computed by the library, their exercises judged by check, and handed out in any format."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from chainrule import explain
from chainrule.cli.app import app
from chainrule.formats.notation import unicode
from chainrule.network import Network, backprop
from chainrule.teaching import entries, load

LESSONS = pathlib.Path(__file__).parent.parent / "lessons"
runner = CliRunner()


def lesson(*args: str, answers: str = "") -> str:
    result = runner.invoke(app, ["lesson", *args], input=answers, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.output


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_six_lessons_are_listed_in_the_courses_order():
    listed = lesson()
    numbers = [e.number for e in entries()]
    assert numbers == list(range(1, 10))
    for entry in entries():
        assert f"{entry.number:>2}  {entry.title}" in listed
    assert "chain rule" in entries()[1].title and "Gradient descent" in entries()[5].title


def _derivatives(out: str) -> None:
    assert "6.0010" in out  # the difference quotient of x² at 3 with h = 0.001, computed
    for text in ("e^x", "ln(x)", "cos(x)", "sigmoid(x)"):
        e = explain(text)
        assert f"{unicode(e.expression)}" in out and unicode(e.derivative) in out


def _chain_rule(out: str) -> None:
    h = explain("log(2 + cos(x))")
    for line in ("f(u) = ln(u)", "u = g(x) = 2 + cos(x)", "g′(x) = −sin(x)", "f′(u) = 1/u"):
        assert line in out
    (product,) = [line.strip() for line in out.splitlines() if line.strip().startswith("h′(x) = (")]
    assert product.endswith(f" = {unicode(h.derivative, order=h.order)}")
    # g′ first, then f′, then the product with u put back, as the course does it.
    assert out.index("g′(x) = −sin(x)") < out.index("f′(u) = 1/u") < out.index("Substitute back")


def _longer_chains(out: str) -> None:
    for formula in ("ln(sin(x^2))", "e^(x sin(x))", "sin(x)/(1 + x^2)^3"):
        e = explain(formula)
        assert unicode(e.derivative, order=e.order) in out or unicode(e.derived) in out


def _network_gradient(out: str) -> None:
    result = backprop(Network(), ["w2"])
    assert "∂J/∂w₂ = ∂J/∂ŷ · ∂ŷ/∂z₂ · ∂z₂/∂w₂" in out
    assert unicode(result.gradient("w2").gradient, order=result.order) in out
    assert "(ŷ − y)·σ(z₂)·(1 − σ(z₂))·a₁" in out and "w₂ ← 0.5 − 0.5·(" in out


def _backpropagation(out: str) -> None:
    result = backprop(Network())
    chains, shared = result.multiplications
    assert f"takes {chains} products of links; reusing each δ takes {shared}" in flat(out)
    assert "δ₂ = (ŷ − y)·σ(z₂)·(1 − σ(z₂))" in out
    # The lesson's own section gives each gradient from its δ, as backpropagation does.
    for line in ("∂J/∂w₂ = δ₂ · ∂z₂/∂w₂ = δ₂·a₁", "∂J/∂w₁ = δ₁ · ∂z₁/∂w₁ = δ₁·x"):
        assert line in out
    assert "δ₁ = δ₂·w₂·σ(z₁)·(1 − σ(z₁))" in out


def _gradient_descent(out: str) -> None:
    from chainrule.network.training import train

    run = train(Network(), steps=100, lr=0.5, seed=0)
    assert "100 steps on one sample, x = 0.5, y = 1; learning rate 0.5" in flat(out)
    assert run.costs[-1] < run.costs[0] and "J fell from" in out


def _sum_over_paths(out: str) -> None:
    text = flat(out)
    assert "Path 1: x → z1[1] → a1[1] → z2 → ŷ → J" in text and "Path 2:" in text
    assert "the sum is exactly what sympy.diff gives" in text
    assert "J changes along 2 paths" in text and "5,730 for 2-16-16-1" in text


def _matrix_form(out: str) -> None:
    text = flat(out)
    assert "δ¹ = (W²)ᵀδ² ⊙ f′(z¹)" in out
    assert "(W²)ᵀ is 3×2, and (W²)ᵀδ² is 3×1" in text
    assert "(every one agrees)" in text and "J goes from" in text


def _xor(out: str) -> None:
    from chainrule.network.layered_data import load_data
    from chainrule.network.layered_training import train_shape
    from chainrule.network.shape import Shape

    shape = Shape.parse("2-2-1", "tanh,sigmoid", "cross-entropy")
    run = train_shape(shape, load_data("xor", shape), seed=0)
    assert f"J fell from {run.costs[0]:g} to {run.costs[-1]:g}" in flat(out)
    assert "w + v + 2b > 0" in out and "2-1-1 gets at best 75%" in flat(out)
    assert "All 4 starts reach 100%" in flat(out)


CONTENT = {
    1: _derivatives,
    2: _chain_rule,
    3: _longer_chains,
    4: _network_gradient,
    5: _backpropagation,
    6: _gradient_descent,
    7: _sum_over_paths,
    8: _matrix_form,
    9: _xor,
}


@pytest.mark.parametrize("number", sorted(CONTENT))
def test_each_lesson_runs_unattended_and_shows_what_the_library_computes(number):
    out = lesson(str(number))  # stdin empty: no pause waits, each exercise shows its answer
    CONTENT[number](out)
    assert "The answer: " in out and "Try it yourself" in out


def test_an_exercise_answered_wrong_then_right_through_stdin():
    out = lesson("2", answers="cos(x)\n?\n2x cos(x^2)\n15(3x+1)^4\n")
    assert "(outer_not_at_inner)" in out and "Try again" in out
    assert "Hint: The outer function is sin u" in out
    assert "Right: d/dx sin(x²) = 2x·cos(x²)" in out
    assert "Exercises: 2 of 2 right: 1 without a hint, 1 after a hint." in out


def test_three_wrong_tries_show_the_answer_and_go_on():
    out = lesson("1", answers="x^3\n3x^2\n3x^2 + 2x\n")
    assert out.count("Where it went wrong") == 3
    assert "The answer: d/dx (x³ + 2x) = 3x² + 2" in out
    assert "Exercises: 0 of 2 right: 0 without a hint, 0 after a hint." in out


def test_q_stops_a_lesson_cleanly():
    out = lesson("2", answers="q\n")
    assert "Stopped after section" in out


@pytest.mark.parametrize("format", ["markdown", "html", "text", "latex"])
def test_a_handout_holds_the_exercises_and_with_answers_the_key(format):
    handout = lesson("2", "--format", format)
    key = lesson("2", "--format", format, "--answers")
    assert "Try it yourself" in handout and "Try it yourself" in key
    # The explanation's own answer box says "Answer" too: the key adds one per exercise.
    assert key.count("Answer") >= handout.count("Answer") + 2


def test_a_missing_lesson_and_misused_options_are_refused():
    assert runner.invoke(app, ["lesson", "99"]).exit_code == 2
    assert runner.invoke(app, ["lesson", "2", "--answers"]).exit_code == 2


def test_the_scripts_stay_runnable_on_their_own():
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, str(LESSONS / "02_chain_rule.py"), "--no-pause"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "u = g(x) = 2 + cos(x)" in done.stdout
    # --no-pause prints the lesson whole: its exercises shown, not asked.
    assert "Try it yourself: Differentiate sin(x²)" in done.stdout
    assert "Your answer" not in done.stdout


def test_every_lesson_builds_its_document_with_live_answers():
    for entry in entries():
        doc = load(entry.number).document(answers=True)
        exercises = [b for b in doc.blocks if type(b).__name__ == "Exercise"]
        assert exercises, entry.path.name
        for exercise in exercises:
            e = explain(exercise.function, wrt=exercise.wrt)
            assert e.derivative in exercise.answer  # derived now, not typed in
