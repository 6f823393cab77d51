"""``chainrule network`` through typer's CliRunner: what it shows, its JSON, and clean errors."""

from __future__ import annotations

import io
import json
import re

import pytest
import sympy as sp
from typer.testing import CliRunner

from chainrule.cli import network as cli_network
from chainrule.cli.app import app
from chainrule.functions import LAMBDIFY_MODULES
from chainrule.network import Network, backprop
from chainrule.network.model import MAX_LAYERS
from chainrule.network.numbers import DEFAULT_LR

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["network", *args], env={"COLUMNS": "80", "NO_COLOR": "1"})


def test_w2_text_view_tells_the_whole_story():
    result = run("--param", "w2", "--format", "text")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "z₁ = w₁·x + b₁" in out  # the equations
    assert "∂J/∂w₂ = ∂J/∂ŷ · ∂ŷ/∂z₂ · ∂z₂/∂w₂" in out  # the chain, Leibniz form
    assert "Chain rule" in out and "Sigmoid" in out  # the explainer's steps for the links
    assert "(ŷ − y)·σ(z₂)·(1 − σ(z₂))·a₁" in out  # the product in the intermediates
    assert "σ(w₂·σ(w₁·x + b₁) + b₂)" in out  # expanded in x, y and the parameters
    assert "✓ equals sympy.diff(J, w₂)" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_all_view_shows_delta_two_reused_in_both_chains():
    out = run("--format", "text").stdout
    w2 = next(line for line in out.splitlines() if line.strip().startswith("∂J/∂w₂ = "))
    assert "δ₂ · ∂z₂/∂w₂" in w2
    # The w1 equation is broken across lines at its equals signs: δ2 is its reused head.
    w1 = out[out.index("∂J/∂w₁\n") :].split("\n\n")[0]
    assert "= δ₂ · ∂z₂/∂a₁ · ∂a₁/∂z₁ · ∂z₁/∂w₁" in w1
    assert "δ₁ = ∂J/∂z₁ = δ₂ · ∂z₂/∂a₁ · ∂a₁/∂z₁" in out
    assert "(δ₂ reused, not recomputed)" in out


def test_cross_entropy_view_shows_the_cancellation():
    out = run("--cost", "cross-entropy", "--format", "text").stdout
    assert "cancels" in out
    assert "δ₂ = ∂J/∂z₂ = ŷ − y" in out


def test_rich_default_has_the_same_content():
    result = run("--param", "w2")
    assert result.exit_code == 0
    assert "∂J/∂w₂ = ∂J/∂ŷ · ∂ŷ/∂z₂ · ∂z₂/∂w₂" in result.stdout
    assert "\x1b[" not in result.stdout  # NO_COLOR and not a terminal: no escape codes


def test_at_shows_numbers_and_one_update():
    result = run("--param", "w2", "--at", "x=0.5,y=1,w1=0.3", "--format", "text")
    assert result.exit_code == 0, result.stderr
    assert "central finite difference" in result.stdout
    assert "✓ the chain rule agrees" in result.stdout
    assert re.search(r"w₂ = 0\.5 − 0\.5·\(−[\d.]+\) = ", result.stdout)


def test_json_keys_and_numbers():
    result = run("--format", "json", "--at", "x=0.5,y=1,w1=0.3")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"cost", "activation", "layers", "params", "cost_value"} <= set(data)
    assert (data["cost"], data["activation"], data["layers"]) == ("squared", "sigmoid", 1)
    assert list(data["params"]) == ["w1", "b1", "w2", "b2"]
    for entry in data["params"].values():
        assert {"chain", "factors", "gradient", "expanded", "value", "finite_difference"} <= set(
            entry
        )
        for factor in entry["factors"]:
            assert {"name", "expression", "derivative"} <= set(factor)
    assert data["params"]["w2"]["chain"] == ["dJ/dyhat", "dyhat/dz2", "dz2/dw2"]


@pytest.mark.parametrize(
    ("cost", "activation", "layers"),
    [("squared", "sigmoid", 1), ("squared", "tanh", 2), ("cross-entropy", "sigmoid", 2)],
)
def test_json_expanded_is_plain_syntax_that_evaluates_to_the_gradient(cost, activation, layers):
    args = ["--format", "json", "--cost", cost, "--activation", activation, "--layers", str(layers)]
    data = json.loads(run(*args).stdout)
    network = Network(layers=layers, cost=cost, activation=activation)
    allowed = {"x", "y", "exp", "log", "tanh", *network.param_names}
    result = backprop(network, verify=False)
    for name, entry in data["params"].items():
        assert set(re.findall(r"[A-Za-z_]\w*", entry["expanded"])) <= allowed, name
        # Read back by SymPy (only here, in the test) and compare with the library's gradient.
        read = sp.sympify(entry["expanded"], locals={s.name: s for s in network.inputs})
        f = sp.lambdify(network.inputs, [read, result.gradient(name).expanded], LAMBDIFY_MODULES)
        values = [0.3, 0.7] + [0.1 * (i + 1) for i in range(len(network.params))]
        a, b = f(*values)
        assert a == pytest.approx(b, rel=1e-12)


@pytest.mark.parametrize("fmt", ["latex", "markdown"])
def test_latex_and_markdown(fmt):
    result = run("--param", "all", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert r"\frac{\partial J}{\partial w_{2}}" in result.stdout
    assert r"\delta_{2}" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--param", "w3"], "unknown parameter 'w3'"),
        (["--at", "x=one"], "x needs a number"),
        (["--at", "z=1"], "unknown name 'z'"),
        (["--at", "x=1;import os"], "x needs a number"),
        (["--format", "dot"], "--graph"),
        (["--plot", "out.png"], "--train"),
        (["--lr", "0", "--at", "x=1"], "learning rate"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_no_traceback(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("more", [[], ["--param", "w1"], ["--train"], ["--graph"], ["-f", "json"]])
def test_tanh_with_cross_entropy_is_refused_in_one_line(more):
    from chainrule.network import NetworkError

    result = run("--cost", "cross-entropy", "--activation", "tanh", *more)
    assert result.exit_code == 2 and result.stdout == ""
    with pytest.raises(NetworkError) as library:
        Network(cost="cross-entropy", activation="tanh")
    # The library's own message, one line, no traceback.
    assert result.stderr == f"error: {library.value}\n"
    assert "ln ŷ is undefined" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["--layers", "0"], ["--layers", "51"], ["--cost", "hinge"], ["--steps", "0"]],
)
def test_bad_options_are_usage_errors(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr + result.stdout


def test_layers_declares_its_range():
    # The range is the option's own, so click refuses 51 before any work, and --help shows it.
    result = run("--layers", "51")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--layers" in result.stderr and "50" in result.stderr
    help_text = runner.invoke(app, ["network", "--help"], env={"COLUMNS": "120"}).stdout
    assert "1 to 50" in help_text


def test_help_documents_defaults_and_examples():
    result = runner.invoke(app, ["network", "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "--param w2" in result.stdout and "every weight 0.5" in result.stdout


def test_cli_defaults_mirror_the_library():
    from chainrule.network import training

    assert cli_network.DEFAULT_LR == DEFAULT_LR
    assert cli_network.DEFAULT_STEPS == training.DEFAULT_STEPS
    assert cli_network.DEFAULT_SEED == training.DEFAULT_SEED
    assert cli_network.MAX_LAYERS == MAX_LAYERS


def test_rich_view_fits_a_fixed_width_console():
    from rich.console import Console

    from chainrule.formats import terminal
    from chainrule.views import backprop as doc
    from chainrule.views import network as one

    console = Console(width=80, color_system=None, record=True, file=io.StringIO())
    result = backprop(Network(cost="cross-entropy"))
    console.print(terminal.layout(doc.backprop_view(result)))
    console.print(terminal.layout(one.gradient_view(result, "w1")))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "δ₂ reused, not recomputed" in text
    assert not any(line.endswith(" ") for line in text.splitlines() if "─" not in line)
