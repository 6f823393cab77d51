"""The network as the course writes it (issue 8, point 6): ∂J/∂ŷ over σ′'s ŷ(1 − ŷ), every
product in chain order, and each linear link's rule named for what it does."""

from __future__ import annotations

import io
import re

import pytest
import sympy as sp
from typer.testing import CliRunner

from chainrule.cli.app import app
from chainrule.document import InOrder
from chainrule.formats import render
from chainrule.formats.notation import unicode
from chainrule.network import Network, backprop
from chainrule.network.numbers import evaluate

y, yhat = sp.symbols("y yhat")
PAIRS = [("squared", "sigmoid"), ("squared", "tanh"), ("cross-entropy", "sigmoid")]
runner = CliRunner()


def cli(*args: str) -> str:
    result = runner.invoke(app, ["network", *args], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def one_line(text: str) -> str:
    """The text with every run of spaces and line breaks made one space (a long line breaks)."""
    return re.sub(r"\s+", " ", text)


def wide(param: str = "all", at: dict | None = None, **network) -> str:
    """The text view, as the CLI lays it out, wide enough for a formula in x on one line."""
    result = backprop(Network(**network), None if param == "all" else [param])
    numbers = evaluate(result, at) if at is not None else None
    return one_line(render(result, "text", width=200, param=param, at=numbers))


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


# -- every product in the chain's order, outermost link first ----------------------------------


def test_the_library_writes_each_product_in_the_chains_order():
    squared, entropy = backprop(Network()), backprop(Network(cost="cross-entropy"))
    # SymPy alone would write ŷ·(1 − ŷ)·(ŷ − y) and a₁·w₂·x·(1 − a₁)·(ŷ − y).
    assert unicode(squared.delta(2).in_activations, order=squared.order) == "(ŷ − y)·ŷ·(1 − ŷ)"
    w1 = entropy.gradient("w1").simplified
    assert unicode(w1, order=entropy.order) == "(ŷ − y)·w₂·a₁·(1 − a₁)·x"
    w2 = squared.gradient("w2").expanded
    z2 = "w₂·σ(w₁·x + b₁) + b₂"
    expected = f"(σ({z2}) − y)·σ({z2})·(1 − σ({z2}))·σ(w₁·x + b₁)"
    assert unicode(w2, order=squared.order) == expected


def _in_activations(network: Network, expr: sp.Expr) -> sp.Expr:
    act = network.activate
    return expr.xreplace({act(network.z(k)): network.a(k) for k in range(1, network.nodes + 1)})


@pytest.mark.parametrize(
    ("cost", "activation", "layers"),
    [(c, a, n) for c, a in PAIRS for n in (1, 2, 3)],
)
def test_a_gradient_prints_as_its_links_values_one_after_another(cost, activation, layers):
    network = Network(layers=layers, cost=cost, activation=activation)
    result = backprop(network, verify=False)
    out = result.deltas[0]
    for g in result.gradients:
        links = [_in_activations(network, f.derivative) for f in g.chain]
        if out.cancels:  # ∂J/∂ŷ · ∂ŷ/∂z is one link then: δ = ŷ − y
            links = [out.in_activations, *links[2:]]
        links = [v for v in links if v != 1]  # ∂z/∂b = 1 is no factor
        assert sp.Mul(*links) == g.simplified
        for ours, values in [(g.simplified, links), (g.expanded, map(network.expand, links))]:
            values = tuple(values)
            expected = InOrder(values) if len(values) > 1 else values[0]
            shown = unicode(ours, order=result.order)
            assert shown == unicode(expected, order=result.order), g.param


ENTROPY = {"cost": "cross-entropy"}
Z2 = "w₂·σ(w₁·x + b₁) + b₂"


@pytest.mark.parametrize(
    ("view", "shown"),
    [
        ({"param": "w1"}, "= (ŷ − y)·σ(z₂)·(1 − σ(z₂))·w₂·σ(z₁)·(1 − σ(z₁))·x"),
        (
            {"param": "w1", **ENTROPY},
            "= (ŷ − y)/(ŷ·(1 − ŷ))·σ(z₂)·(1 − σ(z₂))·w₂·σ(z₁)·(1 − σ(z₁))·x",
        ),
        ({"param": "w1", **ENTROPY}, "∂J/∂w₁ = (ŷ − y)·w₂·a₁·(1 − a₁)·x"),
        ({}, "δ₂ = (ŷ − y)·ŷ·(1 − ŷ) (in activations"),
        ({}, "δ₁ = ∂J/∂z₁ = δ₂ · ∂z₂/∂a₁ · ∂a₁/∂z₁ = δ₂·w₂·σ(z₁)·(1 − σ(z₁))"),
        ({"activation": "tanh"}, "δ₂ = (ŷ − y)·(1 − ŷ²) (in activations"),
        # Written out in x: the links' values in the chain's order, outermost first.
        (
            {"param": "b1"},
            f"∂J/∂b₁ = (σ({Z2}) − y)·σ({Z2})·(1 − σ({Z2}))·w₂·σ(w₁·x + b₁)·(1 − σ(w₁·x + b₁))",
        ),
        (ENTROPY, "∂J/∂w₁ = (σ(" + Z2 + ") − y)·w₂·σ(w₁·x + b₁)·(1 − σ(w₁·x + b₁))·x"),
        ({"activation": "tanh"}, "∂J/∂w₂ = (tanh(w₂·tanh(w₁·x + b₁) + b₂) − y)·(1 − tanh²("),
        # At a point: the links' values multiplied in the same order.
        ({"param": "w2", "at": {}}, "∂J/∂w₂ = (−0.430187)·0.245126·0.562177 = −0.0592816"),
    ],
)
def test_every_view_writes_products_in_the_chains_order(view, shown):
    assert shown in wide(**view)


def test_the_cli_shows_what_the_library_lays_out():
    out = one_line(
        cli("--param", "w1", "--cost", "cross-entropy", "--at", "x=0.5,y=1", "-f", "text")
    )
    assert "∂J/∂w₁ = (ŷ − y)·w₂·a₁·(1 − a₁)·x" in out
    assert "∂J/∂w₁ = (−1.75496)·0.245126·0.5·0.246134·0.5 = −0.0264709" in out


def test_latex_html_and_rich_keep_the_chains_order():
    result = backprop(Network())
    tex = render(result, "latex")
    assert (
        r"\delta_{2} & = \left(\hat{y} - y\right) \cdot \hat{y} \cdot \left(1 - \hat{y}\right)"
        in tex
    )
    html = re.sub(r"<[^>]+>", "", render(result, "html"))
    assert "δ2=(y^−y)·y^·(1−y^)" in re.sub(r"\s|\u2061", "", html)
    from rich.console import Console

    console = Console(width=100, record=True, color_system=None, file=io.StringIO())
    console.print(result)
    assert "δ₂ = (ŷ − y)·ŷ·(1 − ŷ)" in console.export_text()


# -- the rule behind a linear link ----------------------------------------------------------


@pytest.mark.parametrize(
    ("param", "link", "shown"),
    [
        (
            "w2",
            "∂z₂/∂w₂ = ∂/∂w₂ (w₂·a₁ + b₂) = a₁",
            "b₂ is constant; w₂·a₁ by the constant multiple rule, a₁ held constant",
        ),
        (
            "w1",
            "∂z₂/∂a₁ = ∂/∂a₁ (w₂·a₁ + b₂) = w₂",
            "b₂ is constant; w₂·a₁ by the constant multiple rule, w₂ held constant",
        ),
        (
            "w1",
            "∂z₁/∂w₁ = ∂/∂w₁ (w₁·x + b₁) = x",
            "b₁ is constant; w₁·x by the constant multiple rule, x held constant",
        ),
        ("b2", "∂z₂/∂b₂ = ∂/∂b₂ (w₂·a₁ + b₂) = 1", "w₂·a₁ is constant; b₂ changes at rate 1"),
        ("b1", "∂z₁/∂b₁ = ∂/∂b₁ (w₁·x + b₁) = 1", "w₁·x is constant; b₁ changes at rate 1"),
    ],
)
def test_a_linear_link_says_which_term_varies_and_by_which_rule(param, link, shown):
    out = wide(param)
    assert f"{link} ({shown})" in out
    assert "sum rule, constant multiple rule" not in out and "(sum rule)" not in out


def test_the_backpropagation_view_names_them_alike():
    out = wide()
    assert "= δ₂·a₁ (b₂ is constant; w₂·a₁ by the constant multiple rule, a₁ held constant)" in out
    assert "= δ₁ (w₁·x is constant; b₁ changes at rate 1)" in out
    assert "sum rule, constant multiple rule" not in out and "(sum rule)" not in out


def test_the_held_constant_is_the_links_value():
    # The sentence is read off the explainer's steps: what it holds constant is the answer.
    result = backprop(Network(layers=2), verify=False)
    for g in result.gradients:
        own = g.last
        note = one_line(render(result, "text", width=200, param=g.param.name))
        held = unicode(own.derivative, order=result.order)
        if own.derivative == 1:
            assert f"is constant; {unicode(g.param)} changes at rate 1" in note, g.param
        else:
            assert f"by the constant multiple rule, {held} held constant" in note, g.param


def test_other_links_still_list_their_rules():
    out = wide()
    assert "∂J/∂ŷ = ŷ − y (constant multiple rule, chain rule, sum rule, power rule)" in out
    assert "∂ŷ/∂z₂ = σ(z₂)·(1 − σ(z₂)) (table: sigmoid)" in out
