"""Every gradient of the compiled network equals torch.autograd's on the same network and batch,
as micrograd tests itself against PyTorch. Skipped where PyTorch is not installed (it is in no
extra of chainrule: install it yourself to run these)."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")
torch = pytest.importorskip("torch")

from chainrule.network.compiled import compile_shape  # noqa: E402
from chainrule.network.shape import Shape  # noqa: E402

CASES = [
    ("2-3-1", "sigmoid", "squared"),
    ("2-3-1", "tanh,sigmoid", "cross-entropy"),
    ("2-2-1", "relu,linear", "squared"),
    ("3-4-2", "relu,sigmoid", "cross-entropy"),
    ("2-3-3", "tanh,softmax", "cross-entropy"),
    ("2-4-3-2", "sigmoid,relu,tanh", "squared"),
    ("4-5-4-3", "relu,tanh,softmax", "cross-entropy"),
    ("1-1-1", "sigmoid", "squared"),
]


def _torch_cost(shape: Shape, Ws, bs, X, Y):
    a = X
    for W, b, act in zip(Ws, bs, shape.activations, strict=True):
        z = a @ W.T + b
        a = {
            "sigmoid": torch.sigmoid,
            "tanh": torch.tanh,
            "relu": torch.relu,
            "linear": lambda t: t,
            "softmax": lambda t: torch.softmax(t, dim=1),
        }[act](z)
    n = X.shape[0]
    kind = shape.cost_kind
    if kind == "squared":
        return 0.5 * ((Y - a) ** 2).sum() / n
    if kind == "binary cross-entropy":
        return torch.nn.functional.binary_cross_entropy_with_logits(z, Y, reduction="sum") / n
    return -(Y * torch.log_softmax(z, dim=1)).sum() / n


@pytest.mark.parametrize(("widths", "activation", "cost"), CASES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradients_equal_torch_autograd(widths, activation, cost, seed):
    shape = Shape.parse(widths, activation, cost)
    compiled = compile_shape(shape)
    rng = np.random.default_rng(seed)
    rows = 7
    theta = rng.uniform(-1.5, 1.5, compiled.size)
    X = rng.normal(size=(rows, shape.widths[0]))
    if shape.cost_kind == "categorical cross-entropy":
        Y = np.eye(shape.widths[-1])[rng.integers(0, shape.widths[-1], rows)]
    elif shape.cost_kind == "binary cross-entropy":
        Y = rng.integers(0, 2, (rows, shape.widths[-1])).astype(float)
    else:
        Y = rng.normal(size=(rows, shape.widths[-1]))
    ours = compiled.gradient(theta, X, Y)

    Ws, bs = compiled.layers(theta)
    tWs = [torch.tensor(W, dtype=torch.float64, requires_grad=True) for W in Ws]
    tbs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in bs]
    J = _torch_cost(shape, tWs, tbs, torch.tensor(X), torch.tensor(Y))
    J.backward()

    assert ours.cost == pytest.approx(J.item(), rel=1e-12, abs=1e-14)
    for l in range(shape.layers):
        np.testing.assert_allclose(ours.weights[l], tWs[l].grad.numpy(), rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(ours.biases[l], tbs[l].grad.numpy(), rtol=1e-10, atol=1e-13)


def test_relu_kink_is_zero_like_torch():
    """A z exactly 0 in a ReLU layer: ReLU′(0) = 0 here and in PyTorch."""
    shape = Shape.parse("1-1-1", "relu,linear")
    compiled = compile_shape(shape)
    theta = np.array([2.0, -1.0, 3.0, 0.5])  # z1 = 2·0.5 − 1 = 0
    ours = compiled.gradient(theta, [[0.5]], [[1.0]])
    Ws, bs = compiled.layers(theta)
    tWs = [torch.tensor(W, requires_grad=True) for W in Ws]
    tbs = [torch.tensor(b, requires_grad=True) for b in bs]
    _torch_cost(
        shape,
        tWs,
        tbs,
        torch.tensor([[0.5]], dtype=torch.float64),
        torch.tensor([[1.0]], dtype=torch.float64),
    ).backward()
    assert ours.weights[0][0, 0] == 0.0 == tWs[0].grad.item()
    np.testing.assert_allclose(ours.flat[2:], [tWs[1].grad.item(), tbs[1].grad.item()])
