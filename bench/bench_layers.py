"""Training steps per second of a layered network, four ways, in one run:

- ours: ``chainrule.network.layered_training.train_shape`` (the compiled gradient, with J and
  the accuracy recorded at every step, as a learner's ``--train`` runs it);
- a hand-written NumPy backpropagation of the same network, written here;
- a pure-Python scalar autograd in micrograd's style, written here (a graph of Values per step);
- PyTorch on the CPU, when it is installed (float64, like the others).

Then the time to derive every gradient symbolically for 2-L-L-1 as the width L grows, and the
time to compile the numeric side. Not a test: times depend on the machine, so nothing here
asserts them; the ratios are from the same run.

    python bench/bench_layers.py
"""

from __future__ import annotations

import math
import random
import time

import numpy as np

from chainrule.network.compiled import compile_shape
from chainrule.network.compiled_locals import reference_locals
from chainrule.network.layered_data import Dataset, built_in
from chainrule.network.layered_training import train_shape
from chainrule.network.shape import Shape

LR = 0.5


def two_classes(rows: int, seed: int = 0) -> Dataset:
    """Two Gaussian blobs, fixed seed: the 200-row batch of the bigger network."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, rows)
    X = rng.normal(size=(rows, 2)) + np.where(labels[:, None] == 1, 1.0, -1.0)
    return Dataset(name="blobs", X=tuple(map(tuple, X)), Y=tuple((float(c),) for c in labels))


# -- hand-written NumPy -------------------------------------------------------------------------


def numpy_steps(shape: Shape, data: Dataset, steps: int) -> float:
    """tanh hidden layers, sigmoid output, binary cross-entropy: backprop written by hand."""
    rng = np.random.default_rng(0)
    X, Y = np.array(data.X), np.array(data.Y)
    Ws = [
        rng.uniform(-1, 1, (shape.widths[l], shape.widths[l - 1]))
        for l in range(1, len(shape.widths))
    ]
    bs = [np.zeros(shape.widths[l]) for l in range(1, len(shape.widths))]
    n = len(X)
    start = time.perf_counter()
    for _ in range(steps):
        acts = [X]
        for W, b in zip(Ws[:-1], bs[:-1], strict=True):
            acts.append(np.tanh(acts[-1] @ W.T + b))
        z = acts[-1] @ Ws[-1].T + bs[-1]
        yhat = 1.0 / (1.0 + np.exp(-z))
        cost = np.sum(np.logaddexp(0, -z) * Y + np.logaddexp(0, z) * (1 - Y)) / n
        _ = (((yhat >= 0.5) == (Y >= 0.5)).all(axis=1).mean(), cost)
        d = yhat - Y
        for l in range(len(Ws) - 1, -1, -1):
            gW, gb = d.T @ acts[l] / n, d.sum(axis=0) / n
            if l:
                d = (d @ Ws[l]) * (1 - acts[l] ** 2)
            Ws[l] -= LR * gW
            bs[l] -= LR * gb
    return time.perf_counter() - start


# -- micrograd-style scalar autograd ------------------------------------------------------------


class Value:
    """A scalar that remembers how it was made, and its gradient."""

    __slots__ = ("data", "grad", "_back", "_prev")

    def __init__(self, data, prev=(), back=None):
        self.data, self.grad, self._prev, self._back = data, 0.0, prev, back

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def back():
            self.grad += out.grad
            other.grad += out.grad

        out._back = back
        return out

    __radd__ = __add__

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))

        def back():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._back = back
        return out

    __rmul__ = __mul__

    def tanh(self):
        t = math.tanh(self.data)
        out = Value(t, (self,))

        def back():
            self.grad += (1 - t * t) * out.grad

        out._back = back
        return out

    def bce_with_logit(self, y: float):
        """−[y ln σ(z) + (1 − y) ln(1 − σ(z))] of this z, with its derivative σ(z) − y."""
        z = self.data
        loss = max(z, 0) - z * y + math.log1p(math.exp(-abs(z)))
        out = Value(loss, (self,))

        def back():
            s = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
            self.grad += (s - y) * out.grad

        out._back = back
        return out

    def backward(self):
        order, seen = [], set()
        stack = [(self, False)]
        while stack:  # go one variable at a time and apply the chain rule, in reverse order
            v, done = stack.pop()
            if done:
                order.append(v)
            elif id(v) not in seen:
                seen.add(id(v))
                stack.append((v, True))
                stack.extend((p, False) for p in v._prev)
        self.grad = 1.0
        for v in reversed(order):
            if v._back:
                v._back()


def micrograd_steps(shape: Shape, data: Dataset, steps: int) -> float:
    rnd = random.Random(0)
    layers = [
        (
            [
                [Value(rnd.uniform(-1, 1)) for _ in range(shape.widths[l - 1])]
                for _ in range(shape.widths[l])
            ],
            [Value(0.0) for _ in range(shape.widths[l])],
        )
        for l in range(1, len(shape.widths))
    ]
    params = [p for W, b in layers for p in (*(w for row in W for w in row), *b)]
    n = len(data.X)
    start = time.perf_counter()
    for _ in range(steps):
        total = Value(0.0)
        for x, (y,) in zip(data.X, data.Y, strict=True):
            a = list(x)
            for i, (W, b) in enumerate(layers):
                z = [
                    sum((w * v for w, v in zip(row, a, strict=True)), bj)
                    for row, bj in zip(W, b, strict=True)
                ]
                a = z if i == len(layers) - 1 else [v.tanh() for v in z]
            total = total + a[0].bce_with_logit(y)
        cost = total * (1 / n)
        for p in params:
            p.grad = 0.0
        cost.backward()
        for p in params:
            p.data -= LR * p.grad
    return time.perf_counter() - start


# -- PyTorch ------------------------------------------------------------------------------------


def torch_steps(shape: Shape, data: Dataset, steps: int) -> float | None:
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(0)
    X = torch.tensor(data.X, dtype=torch.float64)
    Y = torch.tensor(data.Y, dtype=torch.float64)
    params = []
    for l in range(1, len(shape.widths)):
        W = (
            torch.rand(shape.widths[l], shape.widths[l - 1], generator=gen, dtype=torch.float64) * 2
            - 1
        )
        params += [
            W.requires_grad_(),
            torch.zeros(shape.widths[l], dtype=torch.float64, requires_grad=True),
        ]
    opt = torch.optim.SGD(params, lr=LR)
    start = time.perf_counter()
    for _ in range(steps):
        a = X
        for i in range(0, len(params) - 2, 2):
            a = torch.tanh(a @ params[i].T + params[i + 1])
        z = a @ params[-2].T + params[-1]
        cost = torch.nn.functional.binary_cross_entropy_with_logits(z, Y)
        _ = ((z >= 0) == (Y >= 0.5)).all(dim=1).double().mean().item(), cost.item()
        opt.zero_grad()
        cost.backward()
        opt.step()
    return time.perf_counter() - start


# -- ours ---------------------------------------------------------------------------------------


def our_steps(shape: Shape, data: Dataset, steps: int) -> float:
    compile_shape(shape)  # lambdify's first call warms SymPy's caches: time the steps alone
    start = time.perf_counter()
    train_shape(shape, data, lr=LR, steps=steps - 1)  # steps − 1 updates, steps gradients
    return time.perf_counter() - start


def best(f, *args, repeat: int = 3) -> float:
    return min(f(*args) for _ in range(repeat))


def training_table() -> None:
    cases = [
        (Shape.parse("2-2-1", "tanh,sigmoid", "cross-entropy"), None, 5000, 20),
        (Shape.parse("2-16-16-1", "tanh,tanh,sigmoid", "cross-entropy"), two_classes(200), 2000, 2),
    ]
    print(
        "| network | rows | ours (steps/s) | NumPy by hand | ours / by hand (time) "
        "| micrograd-style | ours ÷ it (speed) | PyTorch CPU | ours ÷ PyTorch (speed) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for shape, data, steps, slow_steps in cases:
        data = data or built_in("xor", shape)
        ours = best(our_steps, shape, data, steps) / steps
        hand = best(numpy_steps, shape, data, steps) / steps
        micro = micrograd_steps(shape, data, slow_steps) / slow_steps
        torch_time = torch_steps(shape, data, steps)
        torch_time = None if torch_time is None else best(torch_steps, shape, data, steps) / steps
        torch_cells = (
            "not installed | –"
            if torch_time is None
            else f"{1 / torch_time:,.0f} | {torch_time / ours:.1f}×"
        )
        print(
            f"| {shape.text} | {data.rows} | {1 / ours:,.0f} | {1 / hand:,.0f} "
            f"| {ours / hand:.2f}× | {1 / micro:,.1f} | {micro / ours:,.0f}× | {torch_cells} |",
            flush=True,
        )


# -- symbolic derivation ------------------------------------------------------------------------


def symbolic_derivation(shape: Shape) -> float | None:
    """The time to derive every gradient of ``shape`` symbolically: each local derivative by the
    explainer (``chainrule.network.locals`` and ``layered_links``), every δ in index form and
    every ∂J/∂θ = δ·a, as ``network --shape S`` shows them (without the sympy.diff check,
    which is skipped past ``layered_checking.CHECK_PARAMS`` anyway). None where the symbolic
    side is not on this branch."""
    try:
        from chainrule.network.layered import Layered
        from chainrule.network.layered_backprop import layered_backprop
    except ImportError:
        return None
    from sympy.core.cache import clear_cache

    clear_cache()
    start = time.perf_counter()
    layered_backprop(Layered(shape), verify=False)
    return time.perf_counter() - start


def _compiled_from_the_explainer(shape: Shape) -> float | None:
    try:
        from chainrule.network.compiled_locals import from_symbolic
        from chainrule.network.locals import local_derivatives
    except ImportError:
        return None
    from sympy.core.cache import clear_cache

    clear_cache()
    start = time.perf_counter()
    compile_shape(shape, from_symbolic(local_derivatives(shape)))
    return time.perf_counter() - start


def derivation_table() -> None:
    from sympy.core.cache import clear_cache

    print()
    print(
        "| network | parameters | symbolic derivation (s) "
        "| compile: sympy.diff locals + lambdify (s) | compile: the explainer's locals (s) |"
    )
    print("|---|---:|---:|---:|---:|")
    for width in (2, 4, 8, 16, 32):
        shape = Shape.parse(f"2-{width}-{width}-1", "tanh,tanh,sigmoid", "cross-entropy")
        derived = symbolic_derivation(shape)
        clear_cache()
        start = time.perf_counter()
        compile_shape(shape, reference_locals(shape))
        compiled = time.perf_counter() - start
        explained = _compiled_from_the_explainer(shape)
        shown = "not on this branch" if derived is None else f"{derived:.3f}"
        also = "–" if explained is None else f"{explained:.3f}"
        print(f"| {shape.text} | {shape.params} | {shown} | {compiled:.3f} | {also} |", flush=True)
    if symbolic_derivation(Shape.parse("2-1")) is None:
        print("\nsymbolic derivation: not on this branch")


if __name__ == "__main__":
    training_table()
    derivation_table()
