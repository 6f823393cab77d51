"""Network results render from Python exactly as the CLI shows them."""

import json

import pytest
from typer.testing import CliRunner

from chainrule.cli.app import app
from chainrule.formats import render
from chainrule.network import Network, backprop
from chainrule.network.graph import graph
from chainrule.network.numbers import evaluate
from chainrule.network.training import train

runner = CliRunner()


def cli(*args: str) -> str:
    result = runner.invoke(app, ["network", *args], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "json"])
def test_one_parameter_matches_the_cli(fmt):
    result = backprop(Network(), ["w2"])
    assert render(result, fmt, width=80, param="w2") == cli("--param", "w2", "--format", fmt)


def test_backprop_view_with_numbers_matches_the_cli():
    result = backprop(Network())
    at = evaluate(result, {"x": 0.2, "w1": 0.3}, lr=0.1)
    expected = cli("--at", "x=0.2,w1=0.3", "--lr", "0.1", "--format", "text")
    assert render(result, "text", width=80, at=at) == expected


def test_training_and_graph_match_the_cli():
    run = train(Network(), steps=20, lr=0.5, seed=3)
    assert render(run, "json") == cli("--train", "--steps", "20", "--seed", "3", "-f", "json")
    assert render(graph(Network()), "dot") == cli("--graph", "--format", "dot")


def test_rich_format_carries_colour_and_the_same_words():
    rich = render(backprop(Network(), ["b2"]), "rich", param="b2")
    assert "\x1b[" in rich
    assert "∂J/∂b₂ = ∂J/∂ŷ · ∂ŷ/∂z₂ · ∂z₂/∂b₂" in rich


def test_json_of_a_backprop_is_the_documented_object():
    data = json.loads(render(backprop(Network()), "json"))
    assert {"cost", "activation", "layers", "params"} <= data.keys()
    assert set(data["params"]) == {"w1", "b1", "w2", "b2"}


def test_what_is_not_a_result_is_refused():
    with pytest.raises(TypeError):
        render(Network(), "text")
    with pytest.raises(TypeError, match="param"):
        from chainrule import explain

        render(explain("x^2"), "text", param="w2")


def test_results_render_themselves_in_rich():
    from rich.console import Console

    for obj in (backprop(Network(), ["w2"]), graph(Network()), train(Network(), steps=5)):
        console = Console(width=80, record=True, color_system=None)
        console.print(obj)
        assert "J" in console.export_text()


@pytest.mark.parametrize(
    "args",
    [
        ("--param", "w2"),
        ("--param", "all", "--cost", "cross-entropy"),
        ("--at", "x=0.2,y=0", "--activation", "tanh"),
        ("--train", "--steps", "5"),
        ("--layers", "2", "--param", "b1"),
    ],
)
def test_latex_is_plain_ascii_so_pdflatex_takes_it(args):
    # Any Unicode character left in the fragment stops pdflatex with "not set up for use".
    out = cli(*args, "--format", "latex")
    assert out.isascii(), sorted({ch for ch in out if not ch.isascii()})
