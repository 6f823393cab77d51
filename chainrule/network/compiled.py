"""A layered network's gradient compiled once into NumPy code that runs over a whole batch.

The local pieces (f, f′ of each activation, ∂J/∂ŷ, the cancelled output δ) are lambdified once;
what is left is the four equations of backpropagation as matrix code, one row per sample:

    δᴸ = ∇ŷJ ⊙ f′(zᴸ)  (or ŷ − y where it cancels)      δˡ = (δˡ⁺¹ Wˡ⁺¹) ⊙ f′(zˡ)
    ∂J/∂bˡ = mean over rows of δˡ                        ∂J/∂Wˡ = mean over rows of δˡ (aˡ⁻¹)ᵀ

Rows are samples, so (Wˡ⁺¹)ᵀδˡ⁺¹ of one column is δˡ⁺¹Wˡ⁺¹ of a row. The parameters live in one
flat vector in ``Shape.param_names`` order; each layer's W and b are views into it, so a step of
training builds no dict and copies nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy

from chainrule.errors import ChainruleError
from chainrule.network.compiled_cost import StableCost, inside
from chainrule.network.compiled_locals import LAYERWISE, YHAT, Locals, Y, Z, explained_locals
from chainrule.network.shape import Shape, ShapeError

NUMPY_MISSING = (
    "this needs NumPy, which chainrule depends on but cannot import here: pip install numpy"
)


def numpy():
    """NumPy, or a ChainruleError saying how to install it."""
    try:
        import numpy as np
    except ImportError:
        raise ChainruleError(NUMPY_MISSING) from None
    return np


@dataclass(frozen=True, kw_only=True)
class Forward:
    """The forward pass over a batch: ``z[l-1]`` is zˡ and ``a[l]`` is aˡ, each (rows, widthˡ);
    ``a[0]`` is the input X and ``a[-1]`` is ŷ."""

    z: tuple
    a: tuple

    @property
    def yhat(self):
        return self.a[-1]


@dataclass(frozen=True, kw_only=True)
class Gradient:
    """J (the mean over rows), every ∂J/∂θ, and δ of each layer per row."""

    shape: Shape
    cost: float
    flat: Any  # ∂J/∂θ in ``shape.param_names`` order
    weights: tuple  # ∂J/∂Wˡ, (widthˡ, widthˡ⁻¹), l = 1 … L
    biases: tuple  # ∂J/∂bˡ, (widthˡ,)
    deltas: tuple  # δˡ per row, (rows, widthˡ)
    forward: Forward
    #: ŷ was exactly 0 or 1 where ln ŷ or 1/ŷ is taken, and was moved a hair inside (0, 1).
    clipped: bool = False

    def by_name(self) -> dict[str, float]:
        return dict(zip(self.shape.param_names, map(float, self.flat), strict=True))

    def mean_delta(self, layer: int):
        """δˡ averaged over the rows: what ∂J/∂bˡ is."""
        return self.deltas[layer - 1].mean(axis=0)


class Compiled:
    """One shape's forward pass and gradient, compiled from ``locals``; see ``compile_shape``."""

    def __init__(self, shape: Shape, locals: Locals) -> None:
        np = numpy()
        self.shape, self.locals = shape, locals
        exp = np.exp

        def sigmoid(z):
            # exp(−z) overflows to inf for z < −709, and 1/(1 + inf) is the right 0: callers
            # run under np.errstate(over="ignore"), so that costs neither a warning nor a branch.
            return 1.0 / (1.0 + exp(-z))

        def relu(z):  # the symbolic side's own ReLU function, where it is used
            return np.maximum(z, 0.0)

        modules = [{"sigmoid": sigmoid, "relu": relu}, "numpy"]
        acts = {}
        for name in dict.fromkeys(shape.activations):
            if name in LAYERWISE:
                continue
            if name not in locals.activation:
                raise ShapeError(f"no local derivative given for the activation {name!r}")
            f, fprime = locals.activation[name]
            acts[name] = sympy.lambdify([Z], [f, fprime], modules=modules, cse=True)
        self._acts = [acts.get(name) for name in shape.activations]
        self._layout = []  # per layer: where W and b sit in the flat vector
        start = 0
        for l in range(1, shape.layers + 1):
            rows, cols = shape.widths[l], shape.widths[l - 1]
            self._layout.append(
                (start, start + rows * cols, start + rows * cols + rows, rows, cols)
            )
            start += rows * cols + rows
        self.size = start
        self._j = StableCost(locals.cost, shape.activations[-1], modules, np)
        self._delta = (
            None
            if locals.output_delta is None
            else sympy.lambdify([YHAT, Y], locals.output_delta, modules=modules)
        )
        self._gradient = sympy.lambdify([YHAT, Y], locals.cost_gradient, modules=modules)
        # ŷ enters the cost's gradient in a denominator (−y/ŷ): keep it off 0 and 1 there.
        self._pole = not locals.cost_gradient.is_polynomial(YHAT)
        self._np = np

    # -- parameters ----------------------------------------------------------------------------

    def params(self, values) -> Any:
        """The flat vector of ``values``: a mapping name → number naming every parameter, a
        flat sequence in ``param_names`` order, or a pair (Ws, bs) of per-layer arrays."""
        np = self._np
        if isinstance(values, Mapping):
            names = self.shape.param_names
            missing = [n for n in names if n not in values]
            unknown = [n for n in values if n not in set(names)]
            if unknown:
                raise ShapeError(f"unknown parameter {unknown[0]!r} for {self.shape.text}")
            if missing:
                raise ShapeError(f"no value for {missing[0]!r} ({len(missing)} missing)")
            return np.array([float(values[n]) for n in names])
        if isinstance(values, tuple) and len(values) == 2 and not np.isscalar(values[0]):
            flat = np.empty(self.size)
            for (w0, w1, b1, rows, cols), W, b in zip(self._layout, *values, strict=True):
                flat[w0:w1] = np.asarray(W, dtype=float).reshape(rows * cols)
                flat[w1:b1] = np.asarray(b, dtype=float).reshape(rows)
            return flat
        flat = np.asarray(values, dtype=float).reshape(-1)
        if flat.size != self.size:
            raise ShapeError(f"{self.shape.text} has {self.size} parameters, got {flat.size}")
        return flat

    def layers(self, flat) -> tuple[list, list]:
        """Each layer's W and b as views into ``flat``: writing to them writes to it."""
        Ws = [flat[w0:w1].reshape(rows, cols) for w0, w1, _, rows, cols in self._layout]
        bs = [flat[w1:b1] for _, w1, b1, _, _ in self._layout]
        return Ws, bs

    def names(self, flat) -> dict[str, float]:
        return dict(zip(self.shape.param_names, map(float, flat), strict=True))

    # -- running -------------------------------------------------------------------------------

    def batch(self, X, Y=None) -> tuple:
        """X (rows, inputs) and Y (rows, outputs) as float arrays, their widths checked; one
        sample may be given as a flat sequence."""
        np = self._np
        X = np.atleast_2d(np.asarray(X, dtype=float))
        if X.shape[1] != self.shape.widths[0]:
            raise ShapeError(f"{self.shape.text} takes {self.shape.widths[0]} inputs per row")
        if Y is None:
            return X, None
        Y = np.atleast_2d(np.asarray(Y, dtype=float))
        if Y.shape != (X.shape[0], self.shape.widths[-1]):
            raise ShapeError(
                f"{self.shape.text} needs {self.shape.widths[-1]} labels for each of the "
                f"{X.shape[0]} rows, got an array of shape {Y.shape}"
            )
        return X, Y

    def check_labels(self, Y) -> None:
        """Cross-entropy compares probabilities: labels in [0, 1], and for softmax each row a
        distribution (adding to 1), without which δᴸ = ŷ − y would not hold."""
        np, kind = self._np, self.shape.cost_kind
        if kind == "squared":
            return
        bad = np.argwhere((Y < 0) | (Y > 1))
        if bad.size:
            row, col = bad[0]
            raise ShapeError(
                f"{self.shape.label(col + 1)} = {Y[row, col]:g} in row {row + 1}: the "
                f"{kind} cost compares probabilities, so labels must be between 0 and 1"
            )
        if kind == "categorical cross-entropy":
            sums = Y.sum(axis=1)
            off = np.flatnonzero(np.abs(sums - 1) > 1e-9)
            if off.size:
                raise ShapeError(
                    f"the labels of row {off[0] + 1} add to {sums[off[0]]:g}; with softmax "
                    "they are a distribution over the classes and must add to 1 (one-hot)"
                )

    def forward(self, params, X) -> Forward:
        """zˡ = aˡ⁻¹(Wˡ)ᵀ + bˡ and aˡ = f(zˡ), layer by layer, for every row at once."""
        X, _ = self.batch(X)
        with self._np.errstate(over="ignore"):
            zs, As, _ = self._forward(*self.layers(self.params(params)), X)
        return Forward(z=tuple(zs), a=tuple(As))

    def gradient(self, params, X, Y) -> Gradient:
        """J and every ∂J/∂θ over the batch, with δ of each layer per row."""
        np = self._np
        X, Y = self.batch(X, Y)
        self.check_labels(Y)
        flat = self.params(params)
        out = np.empty(self.size)
        with np.errstate(over="ignore"):
            views = (*self.layers(flat), *self.layers(out))
            cost, deltas, (zs, As), clipped = self._run(views, out, X, Y, keep=True)
        Ws, bs = self.layers(out)
        return Gradient(
            shape=self.shape,
            cost=cost,
            flat=out,
            weights=tuple(Ws),
            biases=tuple(bs),
            deltas=tuple(deltas),
            forward=Forward(z=tuple(zs), a=tuple(As)),
            clipped=clipped,
        )

    def cost(self, params, X, Y) -> float:
        """J alone: the mean over rows of the cost summed over the outputs."""
        X, Y = self.batch(X, Y)
        self.check_labels(Y)
        with self._np.errstate(over="ignore"):
            zs, As, _ = self._forward(*self.layers(self.params(params)), X)
            return self._j(zs[-1], As[-1], Y)[0]

    def stepper(self, flat, out):
        """f(X, Y) → (J, ŷ) at the parameters in ``flat``, writing ∂J/∂θ into ``out``: the
        training loop's inner call. Both views are made once, so ``flat`` may be updated in
        place between calls; no checks, no copies. Run it under ``np.errstate(over="ignore")``."""
        views = (*self.layers(flat), *self.layers(out))

        def step(X, Y):
            cost, _, (_, As), _ = self._run(views, out, X, Y, keep=False)
            return cost, As[-1]

        return step

    def _forward(self, Ws, bs, X):
        zs, As, fps = [], [X], []
        a = X
        for W, b, act in zip(Ws, bs, self._acts, strict=True):
            z = a @ W.T + b
            if act is None:  # softmax, with the largest z taken out so exp cannot overflow
                e = self._np.exp(z - z.max(axis=1, keepdims=True))
                a, fp = e / e.sum(axis=1, keepdims=True), None
            else:
                a, fp = act(z)
            zs.append(z)
            As.append(a)
            fps.append(fp)
        return zs, As, fps

    def _run(self, views, out, X, Y, keep: bool):
        np = self._np
        Ws, bs, gWs, gbs = views
        zs, As, fps = self._forward(Ws, bs, X)
        yhat = As[-1]
        cost, clipped = self._j(zs[-1], yhat, Y)
        if self._delta is not None:
            d = self._delta(yhat, Y)
            if np.shape(d) != yhat.shape:  # a constant δ still needs its rows
                d = np.full(yhat.shape, d, dtype=float)
        else:
            at = yhat
            if self._pole:
                at = inside(np, yhat)
                clipped = clipped or bool((at != yhat).any())
            g = self._gradient(at, Y)
            if fps[-1] is None:  # softmax: δⱼ = ŷⱼ(gⱼ − Σₖ ŷₖgₖ), its Jacobian applied to g
                d = yhat * (g - (yhat * g).sum(axis=1, keepdims=True))
            else:
                d = g * fps[-1]
        deltas = [d]
        for l in range(len(Ws) - 1, -1, -1):
            np.matmul(d.T, As[l], out=gWs[l])
            d.sum(axis=0, out=gbs[l])
            if l:
                # Back one layer: each δ of layer l reaches J through every neuron of l + 1.
                d = (d @ Ws[l]) * fps[l - 1]
                if keep:
                    deltas.append(d)
        out /= X.shape[0]
        return cost, deltas[::-1], (zs, As), clipped


def compile_shape(shape: Shape, locals: Locals | None = None) -> Compiled:
    """``shape``'s forward pass and gradient as NumPy code over a batch, from ``locals``
    (by default the explainer's, ``explained_locals(shape)``: the pieces the views derive;
    ``reference_locals(shape)`` has sympy.diff's)."""
    numpy()
    return Compiled(shape, locals if locals is not None else explained_locals(shape))
