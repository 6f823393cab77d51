"""The network's gradients against outside answers: sympy.diff of J built here by hand, the
course's formulas written out by hand, and the explainer's own derivative of each link."""

from __future__ import annotations

import math
import random
import sys

import pytest
import sympy as sp

from chainrule.functions import LAMBDIFY_MODULES, sigmoid
from chainrule.network import Network, NetworkError, backprop
from chainrule.network.model import MAX_LAYERS
from chainrule.steps import Explanation

x, y, yhat = sp.symbols("x y yhat")
w1, b1, w2, b2, z1, z2, a1 = sp.symbols("w1 b1 w2 b2 z1 z2 a1")

COSTS = ("squared", "cross-entropy")
#: Every network there is: cross-entropy takes ln ŷ, so it needs σ's 0 < ŷ < 1, not tanh's.
PAIRS = [("squared", "sigmoid"), ("squared", "tanh"), ("cross-entropy", "sigmoid")]


def hand_built_cost(layers: int, cost: str, activation: str) -> tuple[sp.Expr, list[sp.Symbol]]:
    """J in x, y and the parameters, written from the course's equations, not from the model."""
    f = sigmoid if activation == "sigmoid" else sp.tanh
    params, a = [], x
    for k in range(1, layers + 2):
        w, b = sp.symbols(f"w{k} b{k}")
        params += [w, b]
        a = f(w * a + b)
    if cost == "squared":
        return (y - a) ** 2 / 2, params
    return -(y * sp.log(a) + (1 - y) * sp.log(1 - a)), params


def agree_numerically(ours: sp.Expr, reference: sp.Expr, symbols: list[sp.Symbol]) -> bool:
    f = sp.lambdify(symbols, [ours, reference], modules=LAMBDIFY_MODULES)
    rng = random.Random(7)
    for _ in range(6):
        values = [rng.uniform(0.1, 0.9), rng.uniform(0.1, 0.9)]
        values += [rng.uniform(-1.5, 1.5) for _ in symbols[2:]]
        a, b = f(*values)
        if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
            return False
    return True


CASES = [(cost, activation, layers) for cost, activation in PAIRS for layers in (1, 2, 3)]


@pytest.mark.parametrize(("cost", "activation", "layers"), CASES)
def test_every_expanded_gradient_is_sympy_diff_of_the_expanded_cost(cost, activation, layers):
    network = Network(layers=layers, cost=cost, activation=activation)
    J, params = hand_built_cost(layers, cost, activation)
    result = backprop(network, verify=False)
    assert [g.param for g in result.gradients] == params
    for g in result.gradients:
        reference = sp.diff(J, g.param)
        assert agree_numerically(g.expanded, reference, [x, y, *params]), g.param


@pytest.mark.parametrize(("cost", "activation"), PAIRS)
def test_small_networks_agree_symbolically(cost, activation):
    J, params = hand_built_cost(1, cost, activation)
    result = backprop(Network(cost=cost, activation=activation), verify=False)
    for g in result.gradients:
        difference = (g.expanded - sp.diff(J, g.param)).rewrite(sp.exp)
        assert sp.simplify(difference) == 0, g.param


def test_the_built_in_check_passes_and_says_how():
    for layers in (1, 3):
        result = backprop(Network(layers=layers))
        assert all(g.verified for g in result.gradients)
        assert {g.check.method for g in result.gradients} <= {"symbolic", "numeric"}


def test_w2_is_the_course_formula_in_the_intermediates():
    # ∂J/∂w2 = (ŷ − y)·σ(z2)(1 − σ(z2))·a1, written by hand.
    g = backprop(Network()).gradient("w2")
    expected = (yhat - y) * sigmoid(z2) * (1 - sigmoid(z2)) * a1
    assert sp.simplify(g.gradient - expected) == 0
    assert [f.name for f in g.chain] == ["dJ/dyhat", "dyhat/dz2", "dz2/dw2"]


def test_w1_chain_in_leibniz_order():
    g = backprop(Network()).gradient("w1")
    assert [f.name for f in g.chain] == [
        "dJ/dyhat",
        "dyhat/dz2",
        "dz2/da1",
        "da1/dz1",
        "dz1/dw1",
    ]
    expected = (yhat - y) * sigmoid(z2) * (1 - sigmoid(z2)) * w2 * sigmoid(z1) * (1 - sigmoid(z1))
    assert sp.simplify(g.gradient - expected * x) == 0


@pytest.mark.parametrize(("cost", "activation"), PAIRS)
def test_each_link_is_derived_by_the_explainer(cost, activation):
    result = backprop(Network(layers=2, cost=cost, activation=activation), verify=False)
    for g in result.gradients:
        for f in g.chain:
            assert isinstance(f.explanation, Explanation)
            assert f.explanation.expression == f.expression
            assert f.explanation.variable == f.wrt
            # The explainer's derivative, or (∂J/∂ŷ) its terms over one denominator.
            assert sp.cancel(f.derivative - f.explanation.derived) == 0
            assert sp.simplify(f.derivative - sp.diff(f.expression, f.wrt)) == 0


def test_links_are_derived_once_and_shared():
    result = backprop(Network(), verify=False)
    w1, w2 = result.gradient("w1"), result.gradient("w2")
    # The head ∂J/∂ŷ · ∂ŷ/∂z2 is the same two objects in both chains: δ2, derived once.
    assert w1.chain[0] is w2.chain[0] and w1.chain[1] is w2.chain[1]


def test_delta_two_appears_in_the_chains_of_w2_and_w1():
    result = backprop(Network(), verify=False)
    d2, d1 = result.delta(2), result.delta(1)
    delta2 = sp.Symbol("delta2")
    assert result.gradient("w2").delta is d2
    assert result.gradient("b2").delta is d2
    assert result.gradient("w1").delta is d1 and d1.previous == 2
    assert d1.expression.has(delta2)  # δ1 = δ2·w2·σ′(z1): δ2 reused, not recomputed
    assert sp.simplify(d1.expression.subs(delta2, 1) - w2 * sigmoid(z1) * (1 - sigmoid(z1))) == 0


def test_cross_entropy_with_sigmoid_cancels_to_yhat_minus_y():
    out = backprop(Network(cost="cross-entropy"), verify=False).deltas[0]
    assert out.cancels
    assert sp.expand(out.in_activations - (yhat - y)) == 0


@pytest.mark.parametrize(("cost", "activation"), [("squared", "sigmoid"), ("squared", "tanh")])
def test_nothing_cancels_otherwise(cost, activation):
    out = backprop(Network(cost=cost, activation=activation), verify=False).deltas[0]
    assert not out.cancels


def test_backprop_needs_fewer_products_than_chain_by_chain():
    for layers in (1, 5, 20):
        by_chain, by_delta = backprop(Network(layers=layers), verify=False).multiplications
        assert by_delta < by_chain
    # Linear against quadratic: doubling the depth about doubles backprop's count only.
    small = backprop(Network(layers=10), verify=False).multiplications
    large = backprop(Network(layers=20), verify=False).multiplications
    assert large[1] < 2.2 * small[1] and large[0] > 3 * small[0]


def test_deep_chain_has_every_parameter():
    network = Network(layers=MAX_LAYERS)
    result = backprop(network, verify=False)
    assert len(result.gradients) == 2 * (MAX_LAYERS + 1)
    assert len(result.deltas) == MAX_LAYERS + 1


def test_the_deepest_network_works_everywhere_on_a_shallow_stack():
    # SymPy recurses once per level of the expanded formulas (printing, lambdify): deep
    # networks once exceeded Python's recursion limit in JSON, with --at and with --train.
    from chainrule import formats as network_formats
    from chainrule.network.numbers import evaluate
    from chainrule.network.training import train

    network = Network(layers=MAX_LAYERS)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(450)  # the deepest network needs more than this without room
    try:
        result = backprop(network, verify=False)
        at = evaluate(result, {"x": 0.3})
        run = train(network, steps=2)
        for fmt in ("json", "text"):
            assert network_formats.render(result, fmt, at=at)
            assert network_formats.render(run, fmt)
        assert network_formats.renderable(result, at=at)
        assert sys.getrecursionlimit() == 450
    finally:
        sys.setrecursionlimit(old)


def test_one_parameter_only():
    result = backprop(Network(), ["b1"])
    assert [g.param.name for g in result.gradients] == ["b1"]
    assert result.gradient("b1").verified


@pytest.mark.parametrize(
    "kwargs",
    [{"layers": 0}, {"layers": 1.5}, {"layers": True}, {"cost": "hinge"}, {"activation": "relu"}],
)
def test_bad_networks_are_clean_errors(kwargs):
    with pytest.raises(NetworkError):
        Network(**kwargs)


@pytest.mark.parametrize("layers", [1, 3])
def test_tanh_with_cross_entropy_is_refused_with_its_reason(layers):
    # tanh(z) reaches 0 and below, where the cost's ln ŷ is undefined.
    from chainrule.errors import ChainruleError

    with pytest.raises(ChainruleError) as refused:
        Network(layers=layers, cost="cross-entropy", activation="tanh")
    assert isinstance(refused.value, NetworkError)
    message = str(refused.value)
    assert f"ŷ = tanh(z{layers + 1}) can be 0 or negative, where ln ŷ is undefined" in message
    assert "\n" not in message


def test_unknown_parameter_lists_the_valid_ones():
    with pytest.raises(NetworkError, match="w1, b1, w2, b2"):
        Network().param("w3")
    assert Network(layers=2).param("w3").name == "w3"


def test_deep_networks_skip_the_slow_check_and_say_why():
    result = backprop(Network(layers=11), ["w12"])
    g = result.gradient("w12")
    assert g.check.method == "skipped" and not g.verified
    assert "minutes" in g.check.reason


def test_plain_expansion_is_the_expanded_gradient_with_sigma_written_out():
    from chainrule.functions import expand_sigmoid

    for cost in COSTS:
        network = Network(layers=2, cost=cost)
        for g in backprop(network, verify=False).gradients:
            assert network.expand(g.simplified, plain=True) == expand_sigmoid(g.expanded)
