"""``chainrule network --shape`` through typer's CliRunner: good input in every format, bad
input as one line with exit status 2, and the course's 1-1-1 unchanged."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from chainrule.cli.app import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["network", *args], env={"COLUMNS": "100", "NO_COLOR": "1"})


def test_one_parameter_lists_every_path():
    result = run("--shape", "2-3-2", "--param", "w1[2,1]", "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert "J changes along 2 paths" in result.stdout
    assert "Path 2: w¹₂ ₁ → z¹₂ → a¹₂ → z²₂ → ŷ₂ → J" in result.stdout
    assert "✓ ∂J/∂w1[2,1]" in result.stdout


def test_all_is_the_default_for_a_shape():
    result = run("--shape", "2-3-1", "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert "One layer back: δ¹ from δ²" in result.stdout
    assert "✓ All 13 gradients" in result.stdout


@pytest.mark.parametrize("fmt", ["rich", "text", "latex", "markdown", "html", "json"])
@pytest.mark.parametrize("param", ["all", "b1[2]"])
def test_every_format(fmt, param):
    result = run(
        "--shape",
        "2-2-2",
        "--activation",
        "tanh,softmax",
        "--cost",
        "cross-entropy",
        "--param",
        param,
        "-f",
        fmt,
    )
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["shape"]["activations"] == ["tanh", "softmax"]
        assert data["kind"] == ("backpropagation" if param == "all" else "paths")


def test_relu_says_its_kink_once():
    result = run("--shape", "2-2-1", "--activation", "relu,sigmoid", "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("ReLU′(0) is taken as 0") == 1


def test_graph_and_dot():
    result = run("--shape", "2-2-1", "--graph", "--param", "w1[1,2]", "-f", "dot")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("digraph") and "penwidth" in result.stdout
    text = run("--shape", "2-2-1", "--graph", "-f", "text")
    assert text.exit_code == 0 and "Into the cost" in text.stdout


def test_numbers_and_training_are_wired():
    at = run("--shape", "2-2-1", "--at", "x1=0.5,w2[1,2]=0.2", "-f", "json")
    assert at.exit_code == 0, at.stderr
    data = json.loads(at.stdout)
    assert "w2[1,2]" in data["values"] and data["shape"]["text"] == "2-2-1"
    batch = run("--shape", "2-2-1", "--at", "w1[1,1]=0.3", "--data", "xor", "-f", "text")
    assert batch.exit_code == 0, batch.stderr and "4 rows from xor" in batch.stdout
    train = run(
        "--shape",
        "2-2-1",
        "--activation",
        "tanh,sigmoid",
        "--cost",
        "cross-entropy",
        "--train",
        "--data",
        "xor",
        "--steps",
        "50",
        "-f",
        "json",
    )
    assert train.exit_code == 0, train.stderr
    assert len(json.loads(train.stdout)["costs"]) == 51


def test_svg(tmp_path):
    target = tmp_path / "paths.svg"
    result = run("--shape", "2-2-1", "--param", "w2[1,1]", "--svg", str(target), "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert target.read_text().startswith("<svg")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--shape", "2-1", "--activation", "softmax", "--cost", "cross-entropy"],
            "softmax on one output",
        ),
        (["--shape", "2-3-1", "--activation", "tanh", "--cost", "cross-entropy"], "cross-entropy"),
        (
            ["--shape", "2-3-2", "--activation", "softmax,softmax", "--cost", "cross-entropy"],
            "output layer only",
        ),
        (["--shape", "2-2", "--activation", "softmax"], "use --cost cross-entropy"),
        (["--shape", "2-0-1"], "layer 1 has 0 neurons"),
        (["--shape", "2--1"], "expected widths joined by '-'"),
        (["--shape", "1-1000-1"], "each layer needs 1 to 32"),
        (["--shape", "32-32-32-1"], "the symbolic limit is 1200"),
        (["--shape", "2-3-1", "--param", "w1[4,1]"], "out of range"),
        (["--shape", "2-3-1", "--param", "w3[1,1]"], "layer 3 does not exist"),
        (["--shape", "2-3-1", "--param", "W1"], "not one parameter"),
        (["--shape", "2-3-1", "--activation", "swish"], "unknown activation 'swish'"),
        (["--shape", "2-3-1", "--activation", "tanh,tanh,tanh"], "3 activations for 2 layers"),
        (["--shape", "2-3-1", "--layers", "2"], "--layers and --shape go separately"),
        (["--shape", "2-3-1", "--at", "w9[1,1]=2"], "layer 9 does not exist"),
        (["--shape", "2-3-1", "--data", "xor"], "--data goes with --train or --at"),
        (["--shape", "2-3-1", "-f", "dot"], "--graph"),
        (["--shape", "2-16-16-1", "--graph"], "edges"),
    ],
)
def test_refusals_are_one_line_exit_2(args, message):
    result = run(*args) if "-f" in args else run(*args, "-f", "text")
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "latex"])
def test_the_course_network_is_unchanged(fmt):
    assert run("--shape", "1-1-1", "-f", fmt).stdout == run("-f", fmt).stdout
    deeper = run("--shape", "1-1-1-1", "--param", "w1", "-f", fmt).stdout
    assert deeper == run("--layers", "2", "--param", "w1", "-f", fmt).stdout


def test_help_shows_the_shape_examples():
    result = runner.invoke(app, ["network", "--help"], env={"COLUMNS": "120"})
    assert "--shape" in result.stdout and "2-3-1" in result.stdout
    assert "w1[2,1]" in result.stdout


def test_svg_of_the_numbers_and_of_training(tmp_path):
    numbers, trained = tmp_path / "at.svg", tmp_path / "train.svg"
    at = run("--shape", "2-2-1", "--at", "x1=1", "--svg", str(numbers), "-f", "text")
    assert at.exit_code == 0, at.stderr
    assert numbers.read_text().startswith("<svg") and "finite" in numbers.read_text()
    train = run(
        "--shape",
        "2-2-1",
        "--train",
        "--data",
        "xor",
        "--steps",
        "20",
        "--svg",
        str(trained),
        "-f",
        "text",
    )
    assert train.exit_code == 0, train.stderr
    assert trained.read_text().startswith("<svg")


def test_a_relu_chain_uses_the_layered_views_with_the_course_names():
    result = run("--activation", "relu", "--param", "w1", "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert "the course does (w1, b2, …)" in result.stdout and "ReLU′(0)" in result.stdout


def test_a_bias_has_no_factor_one_in_its_products():
    result = run(
        "--shape",
        "2-2-2",
        "--activation",
        "tanh,softmax",
        "--cost",
        "cross-entropy",
        "--param",
        "b2[1]",
        "-f",
        "text",
    )
    assert "= δ²₁\n" in result.stdout and "·1\n" not in result.stdout
