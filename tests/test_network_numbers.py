"""Numbers at a point: every gradient against a central finite difference of J computed here,
the forward pass against the course's equations, the update rule, and --at parsing."""

from __future__ import annotations

import itertools
import math

import pytest

from chainrule.network import Network, NetworkError, backprop
from chainrule.network.numbers import defaults, evaluate, parse_point


def sig(u: float) -> float:
    return 1 / (1 + math.exp(-u))


def cost_by_hand(network: Network, v: dict[str, float]) -> float:
    """J by the forward pass, written from the course's equations with plain floats."""
    f = sig if network.activation == "sigmoid" else math.tanh
    a = v["x"]
    for k in range(1, network.nodes + 1):
        a = f(v[f"w{k}"] * a + v[f"b{k}"])
    if network.cost == "squared":
        return (v["y"] - a) ** 2 / 2
    return -(v["y"] * math.log(a) + (1 - v["y"]) * math.log(1 - a))


def finite_difference(network: Network, v: dict[str, float], name: str, h: float = 1e-6) -> float:
    up, down = dict(v), dict(v)
    up[name] += h
    down[name] -= h
    return (cost_by_hand(network, up) - cost_by_hand(network, down)) / (2 * h)


POINTS = [
    {},
    {"x": 0.5, "y": 1, "w1": 0.3},
    {"x": -1.2, "y": 0.2, "w1": 0.8, "b1": -0.4, "w2": -1.1, "b2": 0.3},
]


@pytest.mark.parametrize(
    ("cost", "activation", "layers", "point"),
    [
        (cost, activation, layers, point)
        for cost, activation in [
            ("squared", "sigmoid"),
            ("squared", "tanh"),
            ("cross-entropy", "sigmoid"),
        ]
        for layers, point in itertools.product((1, 2, 3), range(len(POINTS)))
    ],
)
def test_gradients_match_finite_differences(cost, activation, layers, point):
    network = Network(layers=layers, cost=cost, activation=activation)
    given = POINTS[point]
    values = defaults(network) | given
    at = evaluate(backprop(network, verify=False), given)
    assert math.isclose(at.cost_value, cost_by_hand(network, values), rel_tol=1e-12)
    for v in at.gradients:
        expected = finite_difference(network, values, v.param.name)
        assert math.isclose(v.value, expected, rel_tol=1e-6, abs_tol=1e-9), v.param
        assert v.agrees
        assert math.isclose(v.value, math.prod(v.factors))


def test_an_output_rounded_to_one_is_a_clean_error_with_cross_entropy():
    # ŷ = σ(50·σ(50)) is 1 in floating point, where ln(1 − ŷ) is undefined.
    result = backprop(Network(cost="cross-entropy"), verify=False)
    with pytest.raises(NetworkError, match="ŷ reached 0 or 1"):
        evaluate(result, {"x": 1, "y": 0.5, "w1": 50, "w2": 50})


def test_forward_pass_matches_the_equations():
    at = evaluate(backprop(Network(), verify=False), {"x": 2.0, "w1": 0.25, "b1": -1.0})
    forward = {s.name: v for s, v in at.forward}
    assert forward["z1"] == pytest.approx(0.25 * 2.0 - 1.0)
    assert forward["a1"] == pytest.approx(sig(forward["z1"]))
    assert forward["z2"] == pytest.approx(0.5 * forward["a1"] + 0.0)
    assert forward["yhat"] == pytest.approx(sig(forward["z2"]))


def test_one_update_step_moves_against_the_gradient_and_lowers_j():
    at = evaluate(backprop(Network(), verify=False), lr=0.1)
    for v in at.gradients:
        assert v.updated == pytest.approx(v.current - 0.1 * v.value)
    assert at.cost_after is not None and at.cost_after < at.cost_value


def test_deltas_are_the_heads_of_the_chains():
    result = backprop(Network(layers=2), verify=False)
    at = evaluate(result)
    deltas = dict(at.deltas)
    # ∂J/∂b_k = δk · 1, so each δ is the gradient of its node's bias.
    for k in (1, 2, 3):
        assert deltas[k] == pytest.approx(at.gradient(f"b{k}").value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x=0.5,y=1,w1=0.3", {"x": 0.5, "y": 1.0, "w1": 0.3}),
        (" x = -2e-3 , b2=.5 ", {"x": -0.002, "b2": 0.5}),
        ("", {}),
    ],
)
def test_parse_point(text, expected):
    assert parse_point(text, Network()) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("q=1", "unknown name 'q'"),
        ("w3=1", "unknown name 'w3'"),
        ("x=abc", "x needs a number"),
        ("x=1+1", "x needs a number"),
        ("x=__import__('os')", "x needs a number"),
        ("x=nan", "x needs a number"),
        ("x=inf", "x needs a number"),
        ("x", "expected name=number"),
        ("x=1,x=2", "given twice"),
    ],
)
def test_bad_points_are_clean_errors(text, message):
    with pytest.raises(NetworkError, match=message):
        parse_point(text, Network())


def test_bad_learning_rate():
    with pytest.raises(NetworkError, match="learning rate"):
        evaluate(backprop(Network(), verify=False), lr=-1)


@pytest.mark.parametrize("y", [2.0, -0.5, 1.0001])
def test_cross_entropy_needs_a_label_between_0_and_1(y):
    # −(y ln ŷ + (1 − y) ln(1 − ŷ)) is no cost for y = 2: "J goes from 0.28 to −0.99" was shown.
    result = backprop(Network(cost="cross-entropy"), verify=False)
    with pytest.raises(NetworkError, match="between 0 and 1 for the cross-entropy cost"):
        evaluate(result, {"y": y})
    # The squared error takes any label.
    assert evaluate(backprop(Network(), verify=False), {"y": y}).cost_value > 0


@pytest.mark.parametrize("y", [0.0, 1.0, 0.3])
def test_cross_entropy_takes_labels_in_0_to_1(y):
    assert evaluate(backprop(Network(cost="cross-entropy"), verify=False), {"y": y}).cost_value > 0
