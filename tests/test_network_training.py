"""Gradient descent with the derived, compiled gradient: it lowers J, it is reproducible, it
reads small CSV files, and the CLI draws its table and curve."""

from __future__ import annotations

import math
import sys

import pytest
from typer.testing import CliRunner

from chainrule.cli.app import app
from chainrule.network import Network, NetworkError, backprop
from chainrule.network.numbers import evaluate
from chainrule.network.samples import MAX_ROWS, load_csv
from chainrule.network.training import (
    DEFAULT_STEPS,
    MAX_STEPS,
    MAX_WORK,
    compile_gradient,
    initial_params,
    train,
)
from chainrule.plotting import plot_lines

runner = CliRunner()


@pytest.mark.parametrize(
    ("cost", "activation", "layers"),
    [
        (cost, activation, layers)
        for cost, activation in [
            ("squared", "sigmoid"),
            ("squared", "tanh"),
            ("cross-entropy", "sigmoid"),
        ]
        for layers in (1, 2)
    ],
)
def test_training_lowers_j(cost, activation, layers):
    network = Network(layers=layers, cost=cost, activation=activation)
    run = train(network, steps=100, lr=0.3)
    assert len(run.costs) == 101
    assert run.costs[-1] < run.costs[0]
    assert run.records[0].step == 0 and run.records[-1].step == 100


def test_training_on_several_rows_lowers_the_mean_cost():
    data = [(0.0, 0.1), (0.5, 0.5), (1.0, 0.9), (-1.0, 0.2)]
    run = train(Network(), data, steps=300, lr=1.0)
    assert run.costs[-1] < run.costs[0]


def test_compiled_gradient_is_the_chain_rule_gradient():
    network = Network(layers=2, cost="cross-entropy")
    result = backprop(network, verify=False)
    f = compile_gradient(result)
    at = evaluate(result, {"x": 0.3, "y": 0.8, "w2": -0.7})
    values = [v for _, v in at.inputs]
    cost, *grads = f(*values)
    assert cost == pytest.approx(at.cost_value, rel=1e-12)
    assert grads == pytest.approx([g.value for g in at.gradients], rel=1e-9)


def test_initial_parameters_are_seeded_and_documented():
    network = Network()
    a, b = initial_params(network, 0), initial_params(network, 0)
    assert a == b and a != initial_params(network, 1)
    assert a["b1"] == a["b2"] == 0.0
    assert all(-1 <= a[w] <= 1 for w in ("w1", "w2"))
    assert initial_params(network, 0, {"w1": 0.25})["w1"] == 0.25


def test_one_sample_comes_from_given_x_and_y():
    run = train(Network(), given={"x": 2.0, "y": 0.0}, steps=5)
    assert run.data == ((2.0, 0.0),)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"steps": 0}, "steps"), ({"lr": 0.0}, "learning rate"), ({"lr": math.nan}, "learning")],
)
def test_bad_settings(kwargs, message):
    with pytest.raises(NetworkError, match=message):
        train(Network(), **kwargs)


def test_training_that_would_run_for_hours_is_refused_at_once():
    # --steps 1000000000 once ran until interrupted; so did 10,000 rows on a deep chain.
    with pytest.raises(NetworkError, match="100,000"):
        train(Network(), steps=MAX_STEPS + 1)
    rows = [(0.5, 1.0)] * MAX_ROWS
    with pytest.raises(NetworkError, match="fewer steps, rows or --layers"):
        train(Network(layers=2), rows, steps=DEFAULT_STEPS)
    result = cli("--train", "--steps", "1000000000")
    assert result.exit_code == 2 and "steps: 1,000,000,000" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_largest_data_set_still_trains_for_the_default_steps():
    assert MAX_ROWS * DEFAULT_STEPS * Network().nodes <= MAX_WORK


def test_cross_entropy_refuses_labels_outside_0_to_1():
    network = Network(cost="cross-entropy")
    with pytest.raises(NetworkError, match="y in row 2 must be between 0 and 1"):
        train(network, [(0.5, 1.0), (0.2, 3.0)], steps=5)
    with pytest.raises(NetworkError, match="y must be between 0 and 1"):
        train(network, given={"y": -1.0}, steps=5)
    assert train(Network(), [(0.5, 1.0), (0.2, 3.0)], steps=5).final


def test_divergence_is_a_clean_error():
    with pytest.raises(NetworkError, match="cross-entropy"):
        train(Network(cost="cross-entropy"), [(1.0, 1.0), (1.0, 0.0)], steps=50, lr=1e6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.5,1\n1,0\n", ((0.5, 1.0), (1.0, 0.0))),
        ("x,y\n0.5,1\n", ((0.5, 1.0),)),
        ("Y , X\n1,0.5\n\n", ((0.5, 1.0),)),
        ("\ufeffx,y\r\n-1e-1,.5\r\n", ((-0.1, 0.5),)),
    ],
)
def test_load_csv(tmp_path, text, expected):
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    assert load_csv(path) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no rows"),
        ("x,y\n", "a header but no rows"),
        ("a,b\n1,2\n", "header must name the two columns x and y"),
        ("1,2\n3\n", "line 2: expected 2 columns"),
        ("1,2,3\n", "line 1: expected 2 columns"),
        ("1,2\n3,four\n", "line 2: 'four' is not a number"),
        ("1,2\n3,1e999x\n", "is not a number"),
        ("0.5,1\n1e400,1\n", "line 2: a value too large for a float"),
    ],
)
def test_bad_csv(tmp_path, text, message):
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NetworkError, match=message):
        load_csv(path)


def test_missing_csv(tmp_path):
    with pytest.raises(NetworkError, match="no such file"):
        load_csv(tmp_path / "nope.csv")


def test_plot_lines_fall_with_the_cost():
    rows = plot_lines(tuple(1 / (1 + i) for i in range(50)), width=40, height=4)
    assert len(rows) == 6
    top, bottom = rows[0], rows[3]
    assert top.split("│")[1].startswith("█") and bottom.split("│")[1].strip()


def cli(*args: str):
    return runner.invoke(app, ["network", *args], env={"COLUMNS": "80", "NO_COLOR": "1"})


def test_cli_train_shows_table_and_curve():
    result = cli("--train", "--steps", "50", "--format", "text")
    assert result.exit_code == 0, result.stderr
    assert "step" in result.stdout and "w₁" in result.stdout
    assert "└" in result.stdout and "J fell from" in result.stdout
    assert "gradient descent" not in result.stderr  # no progress bar outside a terminal


def test_cli_train_csv_and_errors(tmp_path):
    good = tmp_path / "xy.csv"
    good.write_text("x,y\n0,0.2\n1,0.8\n", encoding="utf-8")
    assert cli("--train", "--data", str(good), "--steps", "20").exit_code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n0,zero\n", encoding="utf-8")
    result = cli("--train", "--data", str(bad))
    assert result.exit_code == 2 and "line 2" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_plot_writes_a_png(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "j.png"
    result = cli("--train", "--steps", "20", "--plot", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_plot_without_matplotlib(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    result = cli("--train", "--steps", "5", "--plot", str(tmp_path / "j.png"))
    assert result.exit_code == 2
    assert "chainrule[plot]" in result.stderr


def test_cli_train_json():
    import json

    data = json.loads(cli("--train", "--steps", "10", "--format", "json").stdout)
    assert len(data["costs"]) == 11 and data["records"][-1]["step"] == 10
    assert set(data["final"]) == {"w1", "b1", "w2", "b2"}


def test_unknown_starting_values_are_refused_not_ignored():
    with pytest.raises(NetworkError, match="unknown name 'w9'"):
        train(Network(), steps=1, given={"w9": 0.3})
    assert initial_params(Network(), given={"x": 0.1, "w1": 0.3})["w1"] == 0.3


@pytest.mark.parametrize(
    ("at", "said"),
    [
        ("x=0.5", "weights start uniform in [−1, 1] (seed 0), biases at 0."),
        ("w1=0.3", "w1 starts at the value given, the other weights uniform in [−1, 1] (seed 0)"),
        ("w1=0.3,w2=0.2", "w1, w2 start at the values given, biases at 0."),
        ("w1=0.3,w2=0.2,b1=0,b2=1", "every weight and bias starts at the value given."),
    ],
)
def test_the_training_view_says_where_the_weights_started(at, said):
    out = runner.invoke(app, ["network", "--train", "--steps", "2", "--at", at, "-f", "text"])
    assert out.exit_code == 0, out.output
    assert said in " ".join(out.stdout.split())
    if "every" in said or "seed" not in said:
        assert "uniform" not in out.stdout and "seed" not in out.stdout
