"""The local pieces a layered network's gradient is made of, as SymPy expressions in one scalar:
each activation f(Z) with f′(Z), the cost of one output J(ŷ, y) with ∂J/∂ŷ, and the output δ
where f′ and ∂J/∂ŷ cancel. ``chainrule.network.compiled`` turns them into NumPy code.

``explained_locals`` takes them from the explainer (``network.locals.local_derivatives``, the
pieces every view shows): what the compiler uses by default. ``reference_locals`` derives them
here with ``sympy.diff``, the outside answer they are tested against.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy

from chainrule.functions import heaviside, sigmoid
from chainrule.network.shape import RELU_AT_ZERO, Shape

#: The scalar every activation is written in, and ŷ, y for the cost of one output.
Z = sympy.Symbol("Z", real=True)
YHAT = sympy.Symbol("yhat", real=True)
Y = sympy.Symbol("y", real=True)

#: Softmax is not elementwise (each ŷⱼ depends on every z of its layer): the compiler runs it
#: as a layer, with log-sum-exp, and never asks for an f′ of it.
LAYERWISE = ("softmax",)


@dataclass(frozen=True, kw_only=True)
class Locals:
    """``activation``: name → (f(Z), f′(Z)); ``cost``: J of one output in ``YHAT``, ``Y``
    (J of a row is the sum over the outputs); ``cost_gradient``: ∂J/∂ŷ in ``YHAT``, ``Y``;
    ``output_delta``: δᴸ in ``YHAT``, ``Y`` where ∂J/∂ŷ ⊙ f′(zᴸ) cancels (sigmoid with binary
    cross-entropy, softmax with categorical cross-entropy), else None."""

    activation: Mapping[str, tuple[sympy.Expr, sympy.Expr]] = field(hash=False)
    cost: sympy.Expr
    cost_gradient: sympy.Expr
    output_delta: sympy.Expr | None = None


def activation_expr(name: str) -> sympy.Expr:
    """f(Z) for an elementwise activation."""
    return {
        "sigmoid": sigmoid(Z),
        "tanh": sympy.tanh(Z),
        "relu": sympy.Max(0, Z),
        "linear": Z,
    }[name]


def cost_expr(kind: str) -> sympy.Expr:
    """J of one output for ``Shape.cost_kind``: ½(y − ŷ)², or the cross-entropy's term."""
    if kind == "squared":
        return (Y - YHAT) ** 2 / 2
    if kind == "binary cross-entropy":
        return -(Y * sympy.log(YHAT) + (1 - Y) * sympy.log(1 - YHAT))
    return -Y * sympy.log(YHAT)


def reference_locals(shape: Shape) -> Locals:
    """Every piece by ``sympy.diff``. ReLU′ = Heaviside(Z), pinned at 0 to ReLU′(0) = 0
    (``RELU_AT_ZERO``). The output δ is kept only where it cancels to a formula free of Z."""
    pieces = {}
    for name in dict.fromkeys(shape.activations):
        if name in LAYERWISE:
            continue
        f = activation_expr(name)
        fprime = sympy.diff(f, Z).replace(
            lambda e: isinstance(e, sympy.Heaviside),
            lambda e: sympy.Heaviside(e.args[0], RELU_AT_ZERO),
        )
        pieces[name] = (f, fprime)
    cost = cost_expr(shape.cost_kind)
    gradient = sympy.diff(cost, YHAT)
    last = shape.activations[-1]
    return Locals(
        activation=pieces,
        cost=cost,
        cost_gradient=gradient,
        output_delta=_cancelled(last, pieces, gradient, shape.cost_kind),
    )


def _cancelled(last, pieces, gradient, kind) -> sympy.Expr | None:
    """δᴸ = ∂J/∂ŷ · f′(zᴸ) written in ŷ and y, if it cancels to a line in ŷ (ŷ − y): with
    σ and squared cost it is (ŷ − y)·ŷ(1 − ŷ), no cancellation, and the compiler multiplies."""
    if last == "softmax":
        # ∂/∂zⱼ of −Σₖ yₖ ln softmaxₖ(z) = ŷⱼ·Σₖ yₖ − yⱼ: ŷ − y for labels that add to 1
        # (the compiler checks that they do). tests/test_layered_numbers.py derives it.
        return YHAT - Y if kind == "categorical cross-entropy" else None
    f, fprime = pieces[last]
    s = sympy.Dummy("s")
    product = sympy.cancel(gradient.subs(YHAT, s) * fprime.subs(f, s))
    if product.has(Z, sympy.zoo, sympy.nan) or not product.is_polynomial(s):
        return None
    if sympy.degree(product, s) > 1:
        return None
    return product.subs(s, YHAT)


def explained_locals(shape: Shape) -> Locals:
    """The explainer's pieces for ``shape`` as the compiler takes them (``from_symbolic``),
    derived once for each set of activations, output activation and cost (all they hang on)."""
    key = (frozenset(shape.activations), shape.activations[-1], shape.cost)
    found = _EXPLAINED.get(key)
    if found is None:
        from chainrule.network.locals import local_derivatives

        found = _EXPLAINED[key] = from_symbolic(local_derivatives(shape))
    return found


#: At most 5 activations' subsets × 5 outputs × 2 costs: small, and kept for the process.
_EXPLAINED: dict = {}


def from_symbolic(pieces) -> Locals:
    """The symbolic side's ``chainrule.network.locals.local_derivatives(shape)`` (each piece
    derived by the explainer) as the ``Locals`` the compiler takes: its f, f′ and cost read
    by attribute and put into this module's symbols; its output δ kept where it cancels."""
    from chainrule.network import locals as symbolic  # the symbolic side's module

    to_ours = {symbolic.Z: Z, symbolic.YHAT: YHAT, symbolic.Y: Y}

    def step(e: sympy.Expr) -> sympy.Expr:
        # ReLU′ = H with H(0) = 0, as SymPy's Heaviside(u, 0): NumPy's heaviside runs it.
        return e.xreplace(to_ours).replace(heaviside, lambda u: sympy.Heaviside(u, RELU_AT_ZERO))

    activation = {
        name: (a.f.xreplace(to_ours), step(a.derivative))
        for name, a in pieces.activations.items()
        if name not in LAYERWISE
    }
    cost = pieces.cost
    return Locals(
        activation=activation,
        cost=cost.term.xreplace(to_ours),
        cost_gradient=cost.gradient.xreplace(to_ours),
        output_delta=cost.delta.xreplace(to_ours) if cost.cancels else None,
    )
