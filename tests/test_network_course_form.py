"""The network as the course writes it (issue 8, point 6): ∂J/∂ŷ over σ′'s ŷ(1 − ŷ), every
product in chain order, and each linear link's rule named for what it does."""

from __future__ import annotations

import re

import pytest
import sympy as sp
from typer.testing import CliRunner

from chainrule.cli.app import app
from chainrule.network import Network, backprop

y, yhat = sp.symbols("y yhat")
runner = CliRunner()


def cli(*args: str) -> str:
    result = runner.invoke(app, ["network", *args], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def one_line(text: str) -> str:
    """The text with every run of spaces and line breaks made one space (a long line breaks)."""
    return re.sub(r"\s+", " ", text)


# -- ∂J/∂ŷ for the cross-entropy cost --------------------------------------------------------


def test_the_cross_entropy_link_is_over_sigma_prime_and_is_sympy_diff():
    network = Network(cost="cross-entropy")
    link = backprop(network, ["w2"]).gradient("w2").chain[0]
    # The form, compared tree to tree: (ŷ − y)/(ŷ(1 − ŷ)), not (y − ŷ)/(ŷ² − ŷ).
    assert link.derivative == (yhat - y) / (yhat * (1 - yhat))
    assert sp.simplify(link.derivative - sp.diff(network.cost_expr, yhat)) == 0


def test_the_squared_link_keeps_the_explainers_form():
    link = backprop(Network(), ["w2"]).gradient("w2").chain[0]
    assert link.derivative == link.explanation.derivative == yhat - y


LINK = "(ŷ − y)/(ŷ·(1 − ŷ))"


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("--param", "w1"), f"∂J/∂ŷ = ∂/∂ŷ (−y·ln(ŷ) − (1 − y)·ln(1 − ŷ)) = {LINK}"),
        (("--param", "b2"), f"∂J/∂b₂ = ∂J/∂ŷ · ∂ŷ/∂z₂ · ∂z₂/∂b₂ = {LINK}·σ(z₂)·(1 − σ(z₂))·1"),
        (("--param", "all"), f"∂J/∂ŷ = {LINK} (sum rule"),
        (("--param", "w2", "--at", "x=0.3"), f"∂J/∂ŷ {LINK} −"),  # the table's row
    ],
)
def test_every_view_writes_the_cross_entropy_link_over_sigma_prime(args, shown):
    out = one_line(cli("--cost", "cross-entropy", *args, "--format", "text"))
    assert shown in out
    assert "ŷ²" not in out and "(y − ŷ)" not in out


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [
        ("latex", r"\frac{\hat{y} - y}{\hat{y} \cdot \left(1 - \hat{y}\right)}"),
        ("markdown", r"\frac{\hat{y} - y}{\hat{y} \cdot \left(1 - \hat{y}\right)}"),
    ],
)
def test_the_cross_entropy_link_reads_the_same_in_latex_and_markdown(fmt, shown):
    out = cli("--cost", "cross-entropy", "--param", "w2", "--format", fmt)
    assert shown in out and r"\hat{y}^{2}" not in out
