"""The compiled gradient of a layered network equals sympy.diff of its written-out J and central
finite differences, over many small shapes, activations and costs."""

from __future__ import annotations

import dataclasses

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

np = pytest.importorskip("numpy")

from chainrule.errors import ChainruleError  # noqa: E402
from chainrule.network import compiled as compiled_module  # noqa: E402
from chainrule.network.compiled import compile_shape  # noqa: E402
from chainrule.network.compiled_locals import YHAT, Y, Z, reference_locals  # noqa: E402
from chainrule.network.shape import Shape, ShapeError  # noqa: E402

_SYMPY_ACT = {
    "sigmoid": lambda z: 1 / (1 + sympy.exp(-z)),
    "tanh": sympy.tanh,
    "linear": lambda z: z,
}


def _written_out_cost(shape: Shape, xs, ys):
    """J of one row, every neuron written out in the parameters' symbols."""
    symbols = sympy.symbols(" ".join(f"t{i}" for i in range(shape.params)))
    it = iter(symbols)
    a = list(xs)
    for l in range(1, shape.layers + 1):
        rows, cols = shape.widths[l], shape.widths[l - 1]
        W = [[next(it) for _ in range(cols)] for _ in range(rows)]
        b = [next(it) for _ in range(rows)]
        z = [sum(W[j][k] * a[k] for k in range(cols)) + b[j] for j in range(rows)]
        act = shape.activations[l - 1]
        if act == "softmax":
            total = sum(sympy.exp(v) for v in z)
            a = [sympy.exp(v) / total for v in z]
        else:
            a = [_SYMPY_ACT[act](v) for v in z]
    kind = shape.cost_kind
    if kind == "squared":
        J = sum((y - yh) ** 2 for y, yh in zip(ys, a, strict=True)) / 2
    elif kind == "binary cross-entropy":
        J = -sum(
            y * sympy.log(yh) + (1 - y) * sympy.log(1 - yh) for y, yh in zip(ys, a, strict=True)
        )
    else:
        J = -sum(y * sympy.log(yh) for y, yh in zip(ys, a, strict=True))
    return J, symbols


@pytest.mark.parametrize(
    ("widths", "activation", "cost"),
    [
        ("2-2-1", "sigmoid", "squared"),
        ("1-2-1", "tanh,sigmoid", "cross-entropy"),
        ("2-2-2", "tanh,softmax", "cross-entropy"),
        ("2-1-2", "linear,sigmoid", "cross-entropy"),
        ("1-2-2-1", "sigmoid,tanh,linear", "squared"),
    ],
)
def test_gradient_equals_sympy_diff_of_the_written_out_cost(widths, activation, cost):
    shape = Shape.parse(widths, activation, cost)
    rng = np.random.default_rng(3)
    xs = [sympy.Rational(int(v), 7) for v in rng.integers(-7, 8, shape.widths[0])]
    ys = [0] * shape.widths[-1]
    ys[0] = 1
    J, symbols = _written_out_cost(shape, xs, ys)
    theta = rng.uniform(-1, 1, shape.params)
    point = dict(zip(symbols, theta, strict=True))
    expected = [float(sympy.diff(J, t).evalf(subs=point)) for t in symbols]
    ours = compile_shape(shape).gradient(theta, [[float(x) for x in xs]], [ys])
    np.testing.assert_allclose(ours.flat, expected, rtol=1e-10, atol=1e-13)
    assert ours.cost == pytest.approx(float(J.evalf(subs=point)), rel=1e-12)


def test_softmax_with_cross_entropy_cancels_to_yhat_minus_y():
    """∂/∂zⱼ of −Σ yₖ ln softmaxₖ(z) is ŷⱼ − yⱼ once the labels add to 1: why δᴸ = ŷ − y."""
    z = sympy.symbols("z1:4")
    y = sympy.symbols("y1:4")
    total = sum(sympy.exp(v) for v in z)
    J = -sum(y[k] * sympy.log(sympy.exp(z[k]) / total) for k in range(3))
    one = {y[2]: 1 - y[0] - y[1]}
    for j in range(3):
        yhat = sympy.exp(z[j]) / total
        gap = (sympy.diff(J, z[j]) - (yhat - y[j])).subs(one)
        assert sympy.simplify(gap) == 0
    assert reference_locals(Shape.parse("2-3", "softmax", "cross-entropy")).output_delta == YHAT - Y


def test_relu_derivative_is_pinned_at_zero():
    ((f, fprime),) = reference_locals(Shape.parse("1-1", "relu")).activation.values()
    assert fprime.subs(Z, 0) == 0
    assert fprime.subs(Z, 2) == 1


_LAST = {
    "squared": ["sigmoid", "tanh", "linear", "relu"],
    "cross-entropy": ["sigmoid", "softmax"],
}


@st.composite
def _networks(draw):
    cost = draw(st.sampled_from(["squared", "cross-entropy"]))
    last = draw(st.sampled_from(_LAST[cost]))
    hidden = draw(st.lists(st.integers(1, 4), min_size=0, max_size=2))
    outputs = draw(st.integers(2 if last == "softmax" else 1, 3))
    widths = [draw(st.integers(1, 3)), *hidden, outputs]
    acts = [draw(st.sampled_from(["sigmoid", "tanh", "linear"])) for _ in hidden] + [last]
    shape = Shape(tuple(widths), tuple(acts), cost)
    seed = draw(st.integers(0, 2**16))
    return shape, seed


@settings(max_examples=60, deadline=None)
@given(_networks())
def test_gradient_equals_central_finite_differences(case):
    shape, seed = case
    compiled = compile_shape(shape)
    rng = np.random.default_rng(seed)
    rows = int(rng.integers(1, 6))
    theta = rng.uniform(-1, 1, compiled.size)
    X = rng.uniform(-1, 1, (rows, shape.widths[0]))
    if shape.cost_kind == "categorical cross-entropy":
        Y = np.eye(shape.widths[-1])[rng.integers(0, shape.widths[-1], rows)]
    else:
        Y = rng.uniform(0, 1, (rows, shape.widths[-1]))
    ours = compiled.gradient(theta, X, Y)
    h = 1e-6
    for i in range(compiled.size):
        up, down = theta.copy(), theta.copy()
        up[i] += h
        down[i] -= h
        fd = (compiled.cost(up, X, Y) - compiled.cost(down, X, Y)) / (2 * h)
        assert ours.flat[i] == pytest.approx(fd, rel=1e-5, abs=1e-8), shape.param_names[i]


def test_gradient_is_the_mean_of_per_row_gradients():
    shape = Shape.parse("2-3-2", "tanh,sigmoid", "cross-entropy")
    compiled = compile_shape(shape)
    rng = np.random.default_rng(5)
    theta = rng.uniform(-1, 1, compiled.size)
    X, Y = rng.normal(size=(6, 2)), rng.integers(0, 2, (6, 2)).astype(float)
    whole = compiled.gradient(theta, X, Y)
    rows = [compiled.gradient(theta, X[i : i + 1], Y[i : i + 1]) for i in range(6)]
    np.testing.assert_allclose(whole.flat, np.mean([r.flat for r in rows], axis=0), atol=1e-14)
    assert whole.cost == pytest.approx(np.mean([r.cost for r in rows]))
    np.testing.assert_allclose(whole.mean_delta(2), whole.biases[1])


def test_parameters_by_name_by_array_and_by_layer_agree():
    shape = Shape.parse("2-3-1")
    compiled = compile_shape(shape)
    theta = np.arange(compiled.size) / 10.0
    by_name = compiled.names(theta)
    assert list(by_name) == list(shape.param_names)
    assert by_name["w1[2,1]"] == theta[2]  # row by row: w1[1,1], w1[1,2], w1[2,1]
    Ws, bs = compiled.layers(theta)
    assert Ws[0][1, 0] == by_name["w1[2,1]"] and bs[0][2] == by_name["b1[3]"]
    for form in (by_name, (Ws, bs), list(theta)):
        np.testing.assert_array_equal(compiled.params(form), theta)
    g = compiled.gradient(by_name, [[0.5, -1]], [[1]])
    assert set(g.by_name()) == set(shape.param_names)


def test_saturated_sigmoid_cross_entropy_stays_finite():
    """z = 1000: ŷ rounds to 1, yet J = ln(1 + e^z) comes from z, not from ln(1 − 1)."""
    compiled = compile_shape(Shape.parse("1-1", "sigmoid", "cross-entropy"))
    g = compiled.gradient([100.0, 0.0], [[10.0]], [[0.0]])
    assert g.cost == pytest.approx(1000.0) and not g.clipped
    np.testing.assert_allclose(g.flat, [10.0, 1.0])


def test_a_pole_at_yhat_1_is_clipped_and_said():
    shape = Shape.parse("1-1", "sigmoid", "cross-entropy")
    locals_ = dataclasses.replace(reference_locals(shape), output_delta=None)
    g = compile_shape(shape, locals_).gradient([100.0, 0.0], [[10.0]], [[0.0]])
    assert g.clipped and np.isfinite(g.flat).all()


@pytest.mark.parametrize(
    ("widths", "activation", "Y", "message"),
    [
        ("2-1", "sigmoid", [[1.5]], "between 0 and 1"),
        ("2-3", "softmax", [[0.5, 0.0, 0.0]], "add to 1"),
    ],
)
def test_labels_a_cross_entropy_cannot_take(widths, activation, Y, message):
    compiled = compile_shape(Shape.parse(widths, activation, "cross-entropy"))
    with pytest.raises(ShapeError, match=message):
        compiled.gradient(np.zeros(compiled.size), [[0.0, 0.0]], Y)


@pytest.mark.parametrize(
    ("params", "message"),
    [({"w1[1,1]": 0.0}, "no value for"), ({"w9": 1.0}, "unknown parameter"), ([1.0, 2.0], "has 3")],
)
def test_bad_parameters_name_the_problem(params, message):
    compiled = compile_shape(Shape.parse("2-1"))
    with pytest.raises(ShapeError, match=message):
        compiled.forward(params, [[0.0, 0.0]])


def test_without_numpy_says_how_to_install_it(monkeypatch):
    import builtins

    real = builtins.__import__

    def refuse(name, *args, **kwargs):
        if name == "numpy":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    with pytest.raises(ChainruleError, match="pip install numpy"):
        compiled_module.compile_shape(Shape.parse("2-1"))
