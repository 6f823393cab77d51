"""Training a layered network: the defaults solve XOR, the built-in sets are the same every run,
CSV files are read with clear errors, and a run that diverges stops with a clear message."""

from __future__ import annotations

import os

import pytest

np = pytest.importorskip("numpy")

from chainrule.network.compiled import compile_shape  # noqa: E402
from chainrule.network.layered_data import (  # noqa: E402
    MOONS_ROWS,
    built_in,
    load_csv,
    load_data,
)
from chainrule.network.layered_training import (  # noqa: E402
    DEFAULT_LR,
    DEFAULT_SEED,
    DEFAULT_STEPS,
    accuracy,
    train_shape,
)
from chainrule.network.samples import MAX_ROWS  # noqa: E402
from chainrule.network.shape import Shape, ShapeError  # noqa: E402


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh"])
@pytest.mark.parametrize("cost", ["squared", "cross-entropy"])
def test_the_defaults_solve_xor(hidden, cost):
    shape = Shape.parse("2-2-1", f"{hidden},sigmoid", cost)
    run = train_shape(shape, built_in("xor", shape))
    assert (run.steps, run.lr, run.seed) == (DEFAULT_STEPS, DEFAULT_LR, DEFAULT_SEED)
    assert run.accuracies[-1] == 1.0
    assert run.costs[-1] < run.costs[0] / 10
    assert len(run.costs) == len(run.accuracies) == DEFAULT_STEPS + 1


def test_one_neuron_per_layer_cannot_learn_xor():
    """XOR is not linearly separable, and a 2-1-1 network draws one line: at most 3 of 4."""
    shape = Shape.parse("2-1-1", "sigmoid", "cross-entropy")
    run = train_shape(shape, built_in("xor", shape))
    assert max(run.accuracies) <= 0.75


def test_softmax_learns_the_moons():
    shape = Shape.parse("2-8-2", "tanh,softmax", "cross-entropy")
    data = built_in("moons", shape)
    run = train_shape(shape, data, steps=500)
    assert run.accuracies[-1] >= 0.95 and run.costs[-1] < run.costs[0]


def test_each_step_moves_against_the_mean_gradient():
    shape = Shape.parse("2-3-1", "tanh,sigmoid", "cross-entropy")
    data = built_in("xor", shape)
    run = train_shape(shape, data, steps=3, lr=0.5, every=1)
    compiled = compile_shape(shape)
    for before, after in zip(run.records, run.records[1:], strict=False):
        g = compiled.gradient(before.params, data.X, data.Y)
        assert g.cost == pytest.approx(before.cost)
        np.testing.assert_allclose(after.params, np.array(before.params) - 0.5 * g.flat)


def test_a_regression_has_no_accuracy():
    shape = Shape.parse("1-3-1", "tanh,linear")
    run = train_shape(shape, steps=50, lr=0.1)
    assert run.accuracies is None and run.final.accuracy is None
    assert "accuracy n/a" in run._summary()


def test_accuracy_by_threshold_and_by_argmax():
    sig = Shape.parse("2-2", "sigmoid")
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert accuracy(sig, np.array([[0.7, 0.2], [0.6, 0.9]]), Y) == 0.5
    soft = Shape.parse("2-2", "softmax", "cross-entropy")
    assert accuracy(soft, np.array([[0.7, 0.3], [0.6, 0.4]]), Y) == 0.5


def test_divergence_stops_with_a_clear_message():
    shape = Shape.parse("1-4-1", "linear")
    with pytest.raises(ShapeError, match="diverged.*smaller --lr"):
        train_shape(shape, steps=2000, lr=50.0, given={"x": 3.0, "y": 100.0})


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"steps": 0}, "whole number"),
        ({"steps": 10**6}, "more than this teaching tool runs"),
        ({"lr": -1.0}, "learning rate"),
        ({"given": {"x1": 1.0}}, "comes from the data"),
    ],
)
def test_bad_settings(kwargs, message):
    shape = Shape.parse("2-2-1")
    with pytest.raises(ValueError, match=message):
        train_shape(shape, built_in("xor", shape), **kwargs)


def test_built_in_sets_are_deterministic_and_fit_the_shape():
    one, two = Shape.parse("2-3-1"), Shape.parse("2-3-2", "tanh,softmax", "cross-entropy")
    assert built_in("moons", one) == built_in("moons", one)
    moons = built_in("moons", two)
    assert moons.rows == MOONS_ROWS and all(sum(y) == 1 for y in moons.Y)
    assert [y for (y,) in built_in("xor", one).Y] == [0, 1, 1, 0]
    assert load_data("XOR", one) == built_in("xor", one)
    with pytest.raises(ShapeError, match="2 inputs and 2 classes"):
        built_in("xor", Shape.parse("3-2-1"))


def _csv(tmp_path, text):
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_columns_in_any_order(tmp_path):
    shape = Shape.parse("2-2-1")
    data = load_csv(_csv(tmp_path, "y,x2,x1\n1,0.5,-1\n0,2,3\n"), shape)
    assert data.X == ((-1.0, 0.5), (3.0, 2.0)) and data.Y == ((1.0,), (0.0,))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x1,y\n1,0\n", "no column x2"),
        ("x1,x2,x3,y\n1,2,3,0\n", "no column 'x3'"),
        ("x1,x1,y\n1,2,0\n", "named twice"),
        ("1,2,0\n", "must be a header"),
        ("x1,x2,y\n1,two,0\n", "'two' is not a number"),
        ("x1,x2,y\n1,nan,0\n", "'nan' is not a number"),
        ("x1,x2,y\n1,2\n", "expected 3 columns"),
        ("x1,x2,y\n1,1e999,0\n", "too large"),
        ("x1,x2,y\n", "a header but no rows"),
        ("", "empty"),
    ],
)
def test_csv_errors_are_one_clear_line(tmp_path, text, message):
    with pytest.raises(ShapeError, match=message) as error:
        load_csv(_csv(tmp_path, text), Shape.parse("2-2-1"))
    assert "\n" not in str(error.value)


def test_csv_row_limit(tmp_path):
    rows = "".join("0,0,1\n" for _ in range(MAX_ROWS + 1))
    with pytest.raises(ShapeError, match="more than"):
        load_csv(_csv(tmp_path, "x1,x2,y\n" + rows), Shape.parse("2-2-1"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_pipe_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match="not a file"):
        load_csv(fifo, Shape.parse("2-2-1"))


def test_a_missing_file(tmp_path):
    with pytest.raises(ValueError, match="no such file"):
        load_data(tmp_path / "nope.csv", Shape.parse("2-2-1"))


def test_a_csv_trains_and_evaluates(tmp_path):
    from chainrule.network.layered_numbers import evaluate_shape

    shape = Shape.parse("2-2-1", "tanh,sigmoid", "cross-entropy")
    data = load_csv(_csv(tmp_path, "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"), shape)
    assert train_shape(shape, data).accuracies[-1] == 1.0
    at = evaluate_shape(shape, data=data)
    assert at.rows == 4 and at.agrees and at.data_name.endswith("rows.csv")
    assert len(at.deltas[0]) == 4  # δ per row; ∂J/∂b their mean
    np.testing.assert_allclose(at.mean_deltas[1], np.mean(at.deltas[1], axis=0))


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ({}, "weights start uniform in [−1, 1] (seed 4), biases at 0."),
        (
            {"w1[1,2]": 0.3, "b1[2]": 0.1},
            "w1[1,2], b1[2] start at the values given, the other weights uniform in [−1, 1] "
            "(seed 4), the other biases at 0.",
        ),
        (dict.fromkeys(Shape.parse("2-2-1").param_names, 0.2), "every weight and bias starts"),
    ],
)
def test_the_training_view_says_where_the_weights_started(given, said):
    from chainrule.formats import render

    shape = Shape.parse("2-2-1")
    run = train_shape(shape, load_data("xor", shape), 1.0, 3, 4, given)
    out = " ".join(render(run, "text").split())
    assert said in out
    assert ("uniform" in out) == ("uniform" in said)
