"""The symbolic side of a layered network: its symbols and formulas, the local derivatives the
explainer derives, every path and its sum, δ by backpropagation — each gradient equal to
sympy.diff of J written out, over several shapes, activations and costs."""

from __future__ import annotations

import random

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from chainrule.functions import LAMBDIFY_MODULES, heaviside, relu, sigmoid
from chainrule.network import compiled_locals
from chainrule.network.layered import J, Layered
from chainrule.network.layered_backprop import counts, layered_backprop
from chainrule.network.layered_checking import CHECK_PARAMS, sample
from chainrule.network.layered_links import LayeredLinks
from chainrule.network.locals import YHAT, Y, Z, local_derivatives
from chainrule.network.paths import MAX_PATHS, param_paths, path_count
from chainrule.network.shape import Shape, ShapeError


def model(text="2-3-1", activation="sigmoid", cost="squared") -> Layered:
    return Layered(Shape.parse(text, activation, cost))


def _numbers(m: Layered, formulas, point):
    f = sympy.lambdify(m.inputs, formulas, modules=LAMBDIFY_MODULES)
    return f(*point)


def _reference(m: Layered, param, point):
    return _numbers(m, sympy.diff(m.expanded_cost, param), point)


# -- the model ----------------------------------------------------------------------------------


def test_symbols_print_as_the_textbook_and_read_back():
    m = model()
    w = m.w(2, 1, 3)
    assert w.name == "w__2_1_3" and sympy.Symbol(w.name) == w
    assert m.name(w) == "w2[1,3]"
    assert m.param("w2[1,3]") == w and m.param("b1[2]") == m.b(1, 2)
    assert m.a(0, 2) == sympy.Symbol("x_2") and m.a(2, 1) == sympy.Symbol("yhat")


def test_forward_formulas():
    m = model("2-2-1")
    z = m.weighted_input(1, 2)
    assert z == m.w(1, 2, 1) * m.x(1) + m.w(1, 2, 2) * m.x(2) + m.b(1, 2)
    assert m.activated(1, 2) == sigmoid(m.z(1, 2))
    assert [f.lhs for f in m.formulas][-1] == J
    assert m.expanded_cost.free_symbols == set(m.inputs)


@pytest.mark.parametrize(
    ("text", "activation", "cost", "expected"),
    [
        ("2-1", "linear", "squared", lambda y, h: (y - h) ** 2 / 2),
        (
            "2-1",
            "sigmoid",
            "cross-entropy",
            lambda y, h: -(y * sympy.log(h) + (1 - y) * sympy.log(1 - h)),
        ),
    ],
)
def test_cost_written_out(text, activation, cost, expected):
    m = model(text, activation, cost)
    assert sympy.simplify(m.cost_expr - expected(m.y(1), m.yhat(1))) == 0


def test_softmax_output_is_a_distribution():
    m = model("2-3", "softmax", "cross-entropy")
    total = sum(m.activated(1, j) for j in range(1, 4))
    assert sympy.simplify(total) == 1
    assert m.cost_expr == sum(-m.y(j) * sympy.log(m.yhat(j)) for j in range(1, 4))


def test_a_bad_name_is_a_shape_error():
    with pytest.raises(ShapeError, match="out of range"):
        model().param("w1[4,1]")
    with pytest.raises(ShapeError, match="not one parameter"):
        model().param("W1")


# -- local derivatives, by the explainer --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sigmoid", sigmoid(Z) * (1 - sigmoid(Z))),
        ("tanh", 1 - sympy.tanh(Z) ** 2),
        ("relu", heaviside(Z)),
        ("linear", sympy.S.One),
    ],
)
def test_activation_derivatives(name, expected):
    piece = local_derivatives(Shape.parse("1-1", name)).activations[name]
    assert sympy.simplify(piece.derivative - expected) == 0
    assert piece.explanation.verification.ok


@pytest.mark.parametrize(
    ("activation", "cost", "cancels"),
    [
        ("sigmoid", "squared", False),
        ("sigmoid", "cross-entropy", True),
        ("softmax", "cross-entropy", True),
        ("tanh", "squared", False),
    ],
)
def test_cost_gradient_and_output_delta(activation, cost, cancels):
    widths = "2-2" if activation == "softmax" else "2-1"
    pieces = local_derivatives(Shape.parse(widths, activation, cost))
    c = pieces.cost
    assert sympy.simplify(c.gradient - sympy.diff(c.term, YHAT)) == 0
    assert c.cancels is cancels
    if cancels:
        assert c.delta == YHAT - Y


SHAPES = [
    ("2-3-1", "sigmoid", "squared"),
    ("2-3-1", "tanh,sigmoid", "cross-entropy"),
    ("2-2-2", "relu,softmax", "cross-entropy"),
    ("1-2-1", "linear,tanh", "squared"),
    ("2-2-2-1", "relu,tanh,sigmoid", "squared"),
]


@pytest.mark.parametrize(("text", "activation", "cost"), SHAPES)
def test_explainer_locals_agree_with_reference_locals(text, activation, cost):
    shape = Shape.parse(text, activation, cost)
    ours = compiled_locals.from_symbolic(local_derivatives(shape))
    reference = compiled_locals.reference_locals(shape)
    assert set(ours.activation) == set(reference.activation)
    for name, (f, fprime) in ours.activation.items():
        ref_f, ref_fprime = reference.activation[name]
        for value in (-1.5, -0.25, 0.0, 0.5, 2.0):
            at = {compiled_locals.Z: value}
            assert float(f.subs(at)) == pytest.approx(float(ref_f.subs(at)))
            assert float(fprime.subs(at)) == pytest.approx(float(ref_fprime.subs(at)))
    assert sympy.simplify(ours.cost - reference.cost) == 0
    assert sympy.simplify(ours.cost_gradient - reference.cost_gradient) == 0
    if reference.output_delta is None:
        assert ours.output_delta is None
    else:
        assert sympy.expand(ours.output_delta - reference.output_delta) == 0


def test_compiled_from_the_explainer_locals_gives_the_same_numbers():
    np = pytest.importorskip("numpy")
    from chainrule.network.compiled import Compiled

    shape = Shape.parse("2-3-2", "relu,softmax", "cross-entropy")
    ours = Compiled(shape, compiled_locals.from_symbolic(local_derivatives(shape)))
    theirs = Compiled(shape, compiled_locals.reference_locals(shape))
    rng = np.random.default_rng(0)
    flat = rng.uniform(-1, 1, ours.size)
    X, Y_ = rng.uniform(-1, 1, (5, 2)), np.eye(2)[[0, 1, 1, 0, 1]]
    assert np.allclose(ours.gradient(flat, X, Y_).flat, theirs.gradient(flat, X, Y_).flat)


def test_every_link_is_derived_on_the_networks_own_formula():
    m = model("2-3-2", "tanh,softmax", "cross-entropy")
    links = LayeredLinks(m)
    assert links.weight(1, 3, 2).expression == m.weighted_input(1, 3)
    assert links.weight(1, 3, 2).derivative == m.x(2)
    assert links.back(2, 2, 3).derivative == m.w(2, 2, 3)
    assert links.bias(2, 1).derivative == 1
    s = links.softmax(2, 1)
    assert s.expression == m.activated(2, 2)
    direct = sympy.diff(m.activated(2, 2), m.z(2, 1))
    assert sympy.simplify(s.derivative - direct) == 0
    assert s.in_activations == -m.yhat(2) * m.yhat(1)
    assert links.softmax(2, 2).in_activations == m.yhat(2) * (1 - m.yhat(2))


# -- paths and δ ----------------------------------------------------------------------------------


def test_paths_of_a_first_layer_weight():
    m = model("2-3-2")
    p = param_paths(m, "w1[2,1]")
    assert p.count == 2 == len(p.paths)
    assert [str(n) for n in p.paths[0].nodes] == [
        "w__1_2_1",
        "z__1_2",
        "a__1_2",
        "z__2_1",
        "yhat_1",
        "J",
    ]
    assert p.check.ok and p.check.method == "numeric"


def test_softmax_doubles_the_paths_through_the_output():
    shape = Shape.parse("2-3-2", "tanh,softmax", "cross-entropy")
    assert path_count(shape, 1) == 2 * 2 and path_count(shape, 2) == 2


def test_many_paths_are_counted_not_listed():
    m = model("2-16-16-1", "relu,relu,sigmoid", "cross-entropy")
    p = param_paths(m, "w1[1,1]")
    assert p.count == 16 <= MAX_PATHS and len(p.paths) == 16
    assert p.check.method == "skipped" and str(CHECK_PARAMS) in p.check.reason


@pytest.mark.parametrize(("text", "activation", "cost"), SHAPES)
def test_path_sum_equals_sympy_diff(text, activation, cost):
    m = model(text, activation, cost)
    point = sample(m, random.Random(7))
    for name in (m.shape.param_names[0], m.shape.param_names[-1]):
        p = param_paths(m, name, verify=False)
        ours = _numbers(m, m.expand(p.total), point)
        assert ours == pytest.approx(_reference(m, p.param, point), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(("text", "activation", "cost"), SHAPES)
def test_backprop_checks_every_gradient(text, activation, cost):
    r = layered_backprop(model(text, activation, cost))
    assert len(r.checks) == r.shape.params
    assert all(c.ok and c.method == "numeric" for c in r.checks.values())


def test_output_delta_cancels_to_yhat_minus_y():
    r = layered_backprop(model("2-3", "softmax", "cross-entropy"))
    out = r.delta(1)
    m = r.model
    assert out.cancels and out.entries == tuple(m.yhat(j) - m.y(j) for j in (1, 2, 3))
    expanded, final = out.cancellation
    assert final == m.yhat(1) - m.y(1)
    assert sympy.expand(expanded - (m.yhat(1) * (m.y(1) + m.y(2) + m.y(3)) - m.y(1))) == 0


def test_gradients_are_delta_times_the_activation_before():
    r = layered_backprop(model("2-2-1"))
    m = r.model
    assert r.weights[1][0][1] == m.delta(2, 1) * m.a(1, 2)
    assert r.biases[0] == (m.delta(1, 1), m.delta(1, 2))


def test_counts_grow_linearly_by_backprop_and_with_the_paths_otherwise():
    small, deep = counts((2, 3, 1)), counts((2, 3, 3, 3, 1))
    assert small.reverse < small.paths
    assert deep.paths / small.paths > 3 * deep.reverse / small.reverse
    # the course's chain: two δs, four parameters
    assert counts((1, 1, 1)).path_total == 4


@st.composite
def _small_shapes(draw):
    layers = draw(st.integers(1, 2))
    widths = [draw(st.integers(1, 2)) for _ in range(layers + 1)]
    hidden = [draw(st.sampled_from(["sigmoid", "tanh", "relu", "linear"])) for _ in widths[1:-1]]
    last, cost = draw(
        st.sampled_from(
            [
                ("sigmoid", "squared"),
                ("sigmoid", "cross-entropy"),
                ("tanh", "squared"),
                ("linear", "squared"),
            ]
            + ([("softmax", "cross-entropy")] if widths[-1] >= 2 else [])
        )
    )
    return Shape(tuple(widths), (*hidden, last), cost)


@settings(max_examples=25, deadline=None)
@given(_small_shapes(), st.data())
def test_any_small_shape_agrees_with_sympy_diff(shape, data):
    m = Layered(shape)
    name = data.draw(st.sampled_from(shape.param_names))
    p = param_paths(m, name)
    assert p.check.ok and p.check.method == "numeric"
    point = sample(m, random.Random(1))
    ours = _numbers(m, m.expand(p.total), point)
    assert ours == pytest.approx(_reference(m, p.param, point), rel=1e-9, abs=1e-12)


def test_relu_output_of_the_explainer_is_our_function():
    piece = local_derivatives(Shape.parse("1-1-1", "relu,sigmoid")).activations["relu"]
    assert piece.f == relu(Z)


def test_a_deep_network_skips_the_check_and_says_why():
    p = param_paths(model("2-2-2-2-2-2-2-1"), "w1[1,1]")
    assert p.check.method == "skipped" and "7 layers, past the 5" in p.check.reason


@pytest.mark.parametrize(("text", "activation", "cost"), SHAPES)
def test_every_backprop_gradient_equals_sympy_diff_outside_the_checker(text, activation, cost):
    from chainrule.network.layered_links import delta_values

    m = model(text, activation, cost)
    r = layered_backprop(m, verify=False)
    links = LayeredLinks(m)
    L = m.layers
    out = r.delta(L)
    cancelled = dict(zip(range(1, m.width(L) + 1), out.entries, strict=True))
    values = delta_values(links, output=lambda j: cancelled[j])
    point = sample(m, random.Random(3))
    for l in range(1, L + 1):
        for j, row in enumerate(r.weights[l - 1], start=1):
            for k, entry in enumerate(row, start=1):
                ours = _numbers(m, m.expand(entry.xreplace(values)), point)
                expected = _reference(m, m.w(l, j, k), point)
                assert ours == pytest.approx(expected, rel=1e-9, abs=1e-12)
            bias = _numbers(m, m.expand(r.biases[l - 1][j - 1].xreplace(values)), point)
            assert bias == pytest.approx(_reference(m, m.b(l, j), point), rel=1e-9, abs=1e-12)


def test_the_check_sees_a_wrong_gradient():
    from chainrule.network.layered_checking import compare

    m = model("2-2-1")
    w = m.w(1, 1, 1)
    right = param_paths(m, "w1[1,1]", verify=False)
    wrong = m.expand(right.total / 2)  # half of it: a path left out of a sum of two would do
    (check,) = compare(m, {w: [wrong]}).values()
    assert not check.ok and check.method == "numeric"
