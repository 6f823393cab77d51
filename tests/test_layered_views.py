"""A layered network's numbers and training in every format, its JSON data, and the CLI glue
the network command calls for --shape."""

from __future__ import annotations

import json

import pytest

np = pytest.importorskip("numpy")

from chainrule.cli.network_shape import numbers_output, training_output  # noqa: E402
from chainrule.formats import render  # noqa: E402
from chainrule.network.layered_data import built_in  # noqa: E402
from chainrule.network.layered_numbers import evaluate_shape  # noqa: E402
from chainrule.network.layered_training import train_shape  # noqa: E402
from chainrule.network.shape import Shape, ShapeError  # noqa: E402

SOFTMAX = Shape.parse("2-3-2", "tanh,softmax", "cross-entropy")
XOR = Shape.parse("2-2-1", "tanh,sigmoid", "cross-entropy")
REGRESSION = Shape.parse("1-3-1", "tanh,linear")


@pytest.fixture(scope="module")
def at():
    return evaluate_shape(SOFTMAX, {"x2": -1.0})


@pytest.fixture(scope="module")
def run():
    return train_shape(XOR, built_in("xor", XOR), steps=300)


@pytest.mark.parametrize("fmt", ["text", "rich", "latex", "markdown", "html"])
def test_numbers_in_every_format(at, fmt):
    out = render(at, fmt, width=100).replace("\\[", "[").replace("\\]", "]")
    for name in ("w2[2,3]", "b1[3]", "finite difference"):
        assert name in out
    assert "0.632016" in out  # ŷ₂ of the forward pass, the same in every format


@pytest.mark.parametrize("fmt", ["text", "latex", "markdown", "html"])
def test_training_in_every_format(run, fmt):
    out = render(run, fmt, width=100)
    assert "accuracy" in out and "100%" in out.replace(r"\%", "%")


def test_text_says_the_cancellation_and_the_defaults(at):
    out = render(at, "text", width=200)
    assert "δ2 = ŷ − y" in out
    assert "weights uniform in [−1, 1] from seed 0" in out
    assert "the chain rule agrees with the central finite difference" in out


def test_a_regression_says_accuracy_is_not_applicable():
    out = render(train_shape(REGRESSION, steps=20, lr=0.1), "text", width=200)
    assert "accuracy: n/a" in out and "n/a" in out.split("accuracy")[1]


def test_json_values_hold_every_parameter(at):
    data = json.loads(render(at, "json"))
    assert data["schema"] and data["shape"]["widths"] == [2, 3, 2]
    assert list(data["values"]) == list(SOFTMAX.param_names)
    for name, value in data["values"].items():
        assert value == pytest.approx(at.gradient(name).value)
        assert data["checks"][name] == "agrees"
    assert set(data["deltas"]) == {"delta1", "delta2"}
    assert data["deltas"]["delta2"] == pytest.approx(
        [data["values"]["b2[1]"], data["values"]["b2[2]"]]
    )
    assert data["gradients"]["W2"][1][2] == pytest.approx(data["values"]["w2[2,3]"])


def test_json_of_a_training_run(run):
    data = json.loads(render(run, "json"))
    assert data["shape"]["text"] == "2-2-1" and data["data"] == "xor"
    assert len(data["costs"]) == len(data["accuracies"]) == 301
    assert list(data["final"]) == list(XOR.param_names)


def test_the_glue_returns_text(tmp_path):
    out = numbers_output(XOR, "x1=1,w2[1,2]=0.3", 0.5, "text")
    assert "w2[1,2]" in out and "0.3" in out
    batch = numbers_output(XOR, None, 0.5, "markdown", data="xor")
    assert "4 rows from xor" in batch
    figure = tmp_path / "j.png"
    out = training_output(XOR, None, 2.0, 2000, "xor", 0, figure, "text")
    assert "went from 50% to 100%" in " ".join(out.split()) and figure.stat().st_size > 0


def test_the_glue_raises_clear_errors():
    with pytest.raises(ShapeError, match="--at"):
        numbers_output(XOR, "w9[1,1]=2", 0.5, "text")
    with pytest.raises(ShapeError, match="2 inputs and 2 classes"):
        training_output(Shape.parse("3-2-1"), None, 1.0, 10, "xor", 0, None, "text")
