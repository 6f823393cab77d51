"""A layered network's numbers at a point: the --at names, the documented defaults, every
gradient beside its central finite difference, and one gradient-descent step."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")

from chainrule.network.layered_numbers import (  # noqa: E402
    DEFAULT_X,
    default_point,
    evaluate_shape,
    initial_weights,
    parse_shape_point,
)
from chainrule.network.shape import Shape, ShapeError  # noqa: E402

SHAPE = Shape.parse("2-3-1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x1=0.5,w2[1,3]=0.2", {"x1": 0.5, "w2[1,3]": 0.2}),
        (" w1[2, 1] = -1e-3 , b1[2]=2 ", {"w1[2,1]": -0.001, "b1[2]": 2.0}),
        ("y=1,x2=.25,", {"y": 1.0, "x2": 0.25}),
        ("", {}),
    ],
)
def test_at_names_a_learner_types(text, expected):
    assert parse_shape_point(text, SHAPE) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("w3[1,1]=1", "layer 3 does not exist"),
        ("w2[1,9]=1", "k 9 is out of range"),
        ("W2=1", "names a whole layer"),
        ("b1=1", "names a whole layer"),
        ("delta1=0", "computed, not given"),
        ("x1", "expected name=number"),
        ("x1=nan", "needs a number"),
        ("x1=1+1", "needs a number"),
        ("x1=__import__('os')", "needs a number"),
        ("x1=1e999", "not a finite number"),
        ("w2[1,3]=1,w2[1, 3]=2", "given twice"),
        ("z1=3", "unknown name"),
        ("x=1", "name one, like x1"),
    ],
)
def test_bad_at_items_are_named(text, message):
    with pytest.raises(ShapeError, match=message) as error:
        parse_shape_point(text, SHAPE)
    assert str(error.value).startswith("--at:")


def test_the_course_names_stay_for_one_neuron_per_layer():
    chain = Shape.chain(1)
    assert parse_shape_point("x=0.5,w2=0.3,b1=0", chain) == {"x": 0.5, "w2": 0.3, "b1": 0.0}


def test_defaults_are_as_documented_and_neurons_differ():
    shape = Shape.parse("2-3-3", "tanh,softmax", "cross-entropy")
    point = default_point(shape)
    assert point["x1"] == point["x2"] == DEFAULT_X
    assert [point[n] for n in shape.label_names] == [1.0, 0.0, 0.0]
    assert all(point[f"b1[{j}]"] == 0 for j in (1, 2, 3))
    rows = {tuple(point[f"w1[{j},{k}]"] for k in (1, 2)) for j in (1, 2, 3)}
    assert len(rows) == 3  # no two hidden neurons alike
    assert all(-1 <= v <= 1 and round(v, 2) == v for v in initial_weights(shape).values())
    assert initial_weights(shape) == initial_weights(shape)


@pytest.mark.parametrize(
    ("widths", "activation", "cost"),
    [
        ("2-3-1", "sigmoid", "squared"),
        ("2-3-1", "relu,sigmoid", "cross-entropy"),
        ("2-3-2", "tanh,softmax", "cross-entropy"),
        ("3-4-4-2", "tanh,relu,linear", "squared"),
        ("1-1-1", "sigmoid", "squared"),
    ],
)
def test_every_gradient_agrees_with_its_finite_difference(widths, activation, cost):
    shape = Shape.parse(widths, activation, cost)
    at = evaluate_shape(shape, {"x1" if shape.widths[0] > 1 else "x": -0.7})
    assert [g.name for g in at.gradients] == list(shape.param_names)
    assert at.agrees and not at.disagrees
    for g in at.gradients:
        assert g.value == pytest.approx(g.finite_difference, rel=1e-6, abs=1e-9)
        assert g.updated == pytest.approx(g.current - at.lr * g.value)
    # ∂J/∂bˡ is δˡ (one row), and ∂J/∂Wˡ = δˡ(aˡ⁻¹)ᵀ
    for l in range(1, shape.layers + 1):
        delta = np.array(at.deltas[l - 1][0])
        outer = np.outer(delta, at.a[l - 1][0])
        np.testing.assert_allclose(at.weight_gradients[l - 1], outer, atol=1e-15)
        np.testing.assert_allclose(at.mean_deltas[l - 1], delta)


def test_one_small_step_lowers_j():
    shape = Shape.parse("2-3-1", "tanh,sigmoid", "cross-entropy")
    at = evaluate_shape(shape, {"x2": -1.0}, lr=0.1)
    assert at.cost_after < at.cost


def test_what_was_given_is_not_called_a_default():
    at = evaluate_shape(SHAPE, {"x1": 0.1, "w2[1,3]": 0.2})
    assert "x1" not in at.defaulted and "w2[1,3]" not in at.defaulted
    assert "x2" in at.defaulted and "y" in at.defaulted
    assert at.gradient("w2[1,3]").current == 0.2


def test_bad_learning_rate_is_refused():
    with pytest.raises(ValueError, match="learning rate"):
        evaluate_shape(SHAPE, lr=0.0)
