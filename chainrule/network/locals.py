"""The local pieces of a layered network's gradient, each derived by the explainer in one
scalar: f′(Z) of every activation, ∂J/∂ŷ of the cost of one output, and the output δ where
f′ and ∂J/∂ŷ cancel (σ with binary cross-entropy, softmax with categorical cross-entropy).

Every link of every path is one of these, with Z put back as zˡⱼ and ŷ, y as ŷⱼ, yⱼ:
``compiled_locals.from_symbolic`` hands the same pieces to the NumPy compiler.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from chainrule.network.backprop import derive, over_one_denominator
from chainrule.network.layered import activate
from chainrule.network.shape import Shape
from chainrule.steps import Explanation

Z = sympy.Symbol("Z")
YHAT = sympy.Symbol("yhat")
Y = sympy.Symbol("y")


@dataclass(frozen=True, kw_only=True)
class ActivationPiece:
    """f(Z) and f′(Z) = ``derivative``, as ``explanation`` derived it."""

    name: str
    f: sympy.Expr
    derivative: sympy.Expr
    explanation: Explanation


@dataclass(frozen=True, kw_only=True)
class CostPiece:
    """J of one output (``term``, in ŷ and y), ∂J/∂ŷ (``gradient``, over one denominator as the
    course writes it), and δ = ∂J/∂ŷ·f′ of the output activation (``delta``, in ŷ and y where
    it can be); ``cancels`` says δ came out as ŷ − y."""

    kind: str
    term: sympy.Expr
    gradient: sympy.Expr
    explanation: Explanation
    delta: sympy.Expr
    cancels: bool


@dataclass(frozen=True, kw_only=True)
class LocalDerivatives:
    activations: dict[str, ActivationPiece] = field(hash=False)
    cost: CostPiece


def cost_term(kind: str) -> sympy.Expr:
    """J of one output for ``Shape.cost_kind``."""
    if kind == "squared":
        return sympy.Rational(1, 2) * (Y - YHAT) ** 2
    if kind == "binary cross-entropy":
        return -(Y * sympy.log(YHAT) + (1 - Y) * sympy.log(1 - YHAT))
    return -Y * sympy.log(YHAT)


def activation_piece(name: str) -> ActivationPiece:
    f = activate(name, Z)
    why = derive(f, Z)
    return ActivationPiece(name=name, f=f, derivative=why.derivative, explanation=why)


def local_derivatives(shape: Shape) -> LocalDerivatives:
    """Each activation's f′ and the cost's ∂J/∂ŷ, derived by the explainer; softmax has no f′
    of its own (each ŷⱼ depends on every z of its layer: ``network.layered_links`` derives its
    ∂ŷᵢ/∂zₘ)."""
    pieces = {
        name: activation_piece(name)
        for name in dict.fromkeys(shape.activations)
        if name != "softmax"
    }
    kind = shape.cost_kind
    term = cost_term(kind)
    why = derive(term, YHAT)
    gradient = over_one_denominator(why)
    last = shape.activations[-1]
    # Softmax's δ is a sum over its layer, Σᵢ ∂J/∂ŷᵢ·∂ŷᵢ/∂zⱼ: ``layered_backprop`` derives it
    # from the explainer's ∂ŷᵢ/∂zₘ and shows it cancel to ŷ − y.
    delta = YHAT - Y if last == "softmax" else _output_delta(gradient, pieces[last])
    cancels = sympy.expand(delta - (YHAT - Y)) == 0
    cost = CostPiece(
        kind=kind,
        term=term,
        gradient=gradient,
        explanation=why,
        delta=YHAT - Y if cancels else delta,
        cancels=bool(cancels),
    )
    return LocalDerivatives(activations=pieces, cost=cost)


def _output_delta(gradient: sympy.Expr, piece: ActivationPiece) -> sympy.Expr:
    """∂J/∂ŷ · f′(Z) with f(Z) read as ŷ (the output's activation is ŷ): with σ and
    cross-entropy, (ŷ − y)/(ŷ(1 − ŷ)) · ŷ(1 − ŷ) = ŷ − y; otherwise the product as it is."""
    fprime = piece.derivative.xreplace({piece.f: YHAT}) if piece.f != Z else piece.derivative
    product = gradient * fprime
    cancelled = sympy.cancel(product)
    return cancelled if not cancelled.has(Z) and sympy.count_ops(cancelled) <= 3 else product
