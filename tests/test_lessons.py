"""The lesson scripts run from start to end and show what the library computes."""

import os
import pathlib
import subprocess
import sys

import pytest

from chainrule import explain
from chainrule.formats.notation import unicode
from chainrule.network import Network, backprop

LESSONS = pathlib.Path(__file__).parent.parent / "lessons"


def run(name: str) -> str:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    done = subprocess.run(
        [sys.executable, str(LESSONS / name)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def test_every_lesson_is_tested():
    assert sorted(p.name for p in LESSONS.glob("*.py")) == sorted(LESSON_CHECKS)


def _chain_rule(out: str) -> None:
    h = explain("log(2 + cos(x))")
    order = h.order  # the lesson writes the formula as it was typed
    assert f"f(u) = {unicode(h.root.outer, order=order)}" in out
    assert f"inner   u = g(x) = {unicode(h.root.inner, order=order)}" in out
    assert f"du/dx = {unicode(h.root.inner_derivative, order=order)}" in out
    assert unicode(h.derivative, order=order) in out
    assert "2 + cos(x)" in out


def _network_gradient(out: str) -> None:
    result = backprop(Network(), ["w2"])
    w2 = result.gradient("w2")
    assert "∂J/∂w₂ = ∂J/∂ŷ · ∂ŷ/∂z₂ · ∂z₂/∂w₂" in out
    assert f"∂J/∂w₂ = {unicode(w2.gradient, order=result.order)}" in out
    assert "∂J/∂w₂ = (ŷ − y)·σ(z₂)·(1 − σ(z₂))·a₁" in out  # the links' values, in chain order
    assert "finite difference" in out and "w₂ ← w₂ − η·∂J/∂w₂" in out


def _backpropagation(out: str) -> None:
    result = backprop(Network())
    assert f"δ₂ = {unicode(result.deltas[0].expression, order=result.order)}" in out
    assert "δ₂ = (ŷ − y)·σ(z₂)·(1 − σ(z₂))" in out  # the chain's order, as the course writes it
    assert "∂J/∂w₁ = (ŷ − y)·σ(z₂)·(1 − σ(z₂))·w₂·σ(z₁)·(1 − σ(z₁))·x" in out
    chains, shared = result.multiplications
    assert f"takes {chains} products" in out and f"takes {shared}" in out
    assert "J fell from" in out


LESSON_CHECKS = {
    "01_chain_rule.py": _chain_rule,
    "02_network_gradient.py": _network_gradient,
    "03_backpropagation.py": _backpropagation,
}


@pytest.mark.parametrize("name", sorted(LESSON_CHECKS))
def test_lesson_runs_and_shows_the_computed_math(name):
    LESSON_CHECKS[name](run(name))
