"""Backpropagation on a layered network, symbolically: δ of each layer computed once from the
δ of the layer after, in index form and in matrix form, and every gradient from the δs —

    δᴸ = ∇ŷJ ⊙ f′(zᴸ)   δˡ = (Wˡ⁺¹)ᵀδˡ⁺¹ ⊙ f′(zˡ)   ∂J/∂bˡ = δˡ   ∂J/∂Wˡ = δˡ(aˡ⁻¹)ᵀ

— each gradient checked against ``sympy.diff`` of the written-out J, and the multiplications
counted against multiplying every path out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy

from chainrule import ordering
from chainrule.display import Displayable
from chainrule.network.backprop import GradientCheck
from chainrule.network.layered import Layered
from chainrule.network.layered_checking import checkable, compare
from chainrule.network.layered_links import LayeredLink, LayeredLinks, delta_sum, delta_values
from chainrule.network.shape import Shape


@dataclass(frozen=True, kw_only=True)
class LayerDelta:
    """δˡ, neuron by neuron: ``entries`` in the index form (in δˡ⁺¹, the weights and the
    activations), ``fprimes`` each f′(zˡⱼ) in the activations. At the output, ``raw`` is
    each δᴸⱼ as the product (or with softmax the sum) of its links, and ``cancels`` says it
    came out as ŷⱼ − yⱼ, by the steps in ``cancellation`` (neuron 1's, each a formula, the
    last ŷ₁ − y₁) from the products of ``links`` (``output_links`` of neuron 1)."""

    layer: int
    entries: tuple[sympy.Expr, ...]
    fprimes: tuple[sympy.Expr, ...]
    raw: tuple[sympy.Expr, ...] = ()
    cancels: bool = False
    cancellation: tuple[sympy.Expr, ...] = ()
    links: tuple = ()

    @property
    def output(self) -> bool:
        return bool(self.raw)


@dataclass(frozen=True, kw_only=True)
class Counts:
    """Multiplications of local derivatives for every gradient: by passing δ back
    (``reverse``) and by multiplying every path out on its own (``paths``, over ``path_total``
    paths)."""

    reverse: int
    paths: int
    path_total: int


@dataclass(frozen=True, kw_only=True, repr=False)
class LayeredBackprop(Displayable):
    """Every δ (output first) and every gradient of ``model``: ``weights[l-1][j-1][k-1]`` is
    ∂J/∂wˡⱼₖ = δˡⱼ·aˡ⁻¹ₖ and ``biases[l-1][j-1]`` is ∂J/∂bˡⱼ = δˡⱼ. ``checks`` maps each
    parameter's name to how it was compared with sympy.diff."""

    model: Layered
    deltas: tuple[LayerDelta, ...]
    weights: tuple[tuple[tuple[sympy.Expr, ...], ...], ...]
    biases: tuple[tuple[sympy.Expr, ...], ...]
    checks: dict
    counts: Counts
    growth: tuple[tuple[str, Counts], ...]
    order: tuple = ()

    @property
    def shape(self) -> Shape:
        return self.model.shape

    def delta(self, l: int) -> LayerDelta:
        return next(d for d in self.deltas if d.layer == l)

    def _summary(self) -> str:
        return f"{self.shape.text}: {self.shape.params} gradients by backpropagation"


def counts(widths: tuple[int, ...], softmax: bool = False) -> Counts:
    """Backpropagation multiplies ∂J/∂ŷⱼ by f′(zᴸⱼ) once per output (with softmax, one product
    per output ŷᵢ), then per neuron of each layer before the output one product per neuron it
    feeds (wˡ⁺¹ᵢⱼ·δˡ⁺¹ᵢ) and one by f′(zˡⱼ), and then one per weight (δˡⱼ·aˡ⁻¹ₖ; ∂J/∂bˡⱼ = δˡⱼ
    takes none). Path by path, a path of n links takes n − 1 products, from scratch."""
    L = len(widths) - 1
    reverse = widths[L] * (widths[L] if softmax else 1)
    reverse += sum(widths[l] * (widths[l + 1] + 1) for l in range(1, L))
    reverse += sum(widths[l] * widths[l - 1] for l in range(1, L + 1))
    paths = total = 0
    for l in range(1, L + 1):
        each = math.prod(widths[l + 1 :]) * (widths[L] if softmax else 1)
        links = 2 * (L - l) + 3  # J←ŷ, ŷ←zᴸ, two per layer after l, and zˡ←θ
        params = widths[l] * widths[l - 1] + widths[l]
        total += params * each
        paths += params * each * (links - 1)
    return Counts(reverse=reverse, paths=paths, path_total=total)


def growth(shape: Shape) -> tuple[tuple[str, Counts], ...]:
    """The counts for this shape with its hidden layers twice as wide, and with one more hidden
    layer as wide as the last: how each way grows with the width and the depth."""
    hidden = shape.widths[1:-1] or (1,)
    wider = (shape.widths[0], *(2 * n for n in hidden), shape.widths[-1])
    deeper = (shape.widths[0], *hidden, hidden[-1], shape.widths[-1])
    softmax = shape.activations[-1] == "softmax"
    return tuple(("-".join(map(str, w)), counts(w, softmax)) for w in (wider, deeper))


def output_links(links: LayeredLinks, j: int) -> tuple[tuple[LayeredLink, LayeredLink], ...]:
    """The pairs (∂J/∂ŷᵢ, ∂ŷᵢ/∂zᴸⱼ) whose products add up to δᴸⱼ: one pair, i = j, for an
    elementwise output; one per output ŷᵢ for softmax."""
    model = links.model
    L = model.layers
    if model.activation(L) != "softmax":
        return ((links.cost(j), links.activation(L, j)),)
    return tuple((links.cost(i), links.softmax(i, j)) for i in range(1, model.width(L) + 1))


def output_delta(links: LayeredLinks, j: int) -> tuple[sympy.Expr, tuple]:
    """δᴸⱼ in its simplest honest form, and the steps by which it got there."""
    model, pieces = links.model, links.pieces
    raw = delta_sum(links, model.layers, j)
    if not pieces.cost.cancels:
        return raw, ()
    yhat, y = model.yhat(j), model.y(j)
    if model.activation(model.layers) != "softmax":
        return yhat - y, ()  # (ŷ − y)/(ŷ(1 − ŷ)) · ŷ(1 − ŷ): the σ′ cancels whole
    # Σᵢ (−yᵢ/ŷᵢ)·∂ŷᵢ/∂zⱼ: each ŷᵢ in a denominator cancels, leaving ŷⱼ·Σᵢ yᵢ − yⱼ.
    expanded = sympy.collect(sympy.expand(raw), yhat)
    return yhat - y, (expanded,)


def layered_backprop(model: Layered, *, verify: bool | None = None) -> LayeredBackprop:
    """Every δ and gradient of ``model``, checked against sympy.diff where
    ``layered_checking.checkable`` allows."""
    order = dict(model.order)
    links = LayeredLinks(model, order=order)
    L = model.layers
    rows = {l: range(1, model.width(l) + 1) for l in range(L + 1)}
    deltas = []
    outputs = [output_delta(links, j) for j in rows[L]]
    deltas.append(
        LayerDelta(
            layer=L,
            entries=tuple(e for e, _ in outputs),
            fprimes=tuple(links.into_output(j, j).in_activations for j in rows[L]),
            raw=tuple(delta_sum(links, L, j) for j in rows[L]),
            cancels=links.pieces.cost.cancels,
            cancellation=(*outputs[0][1], outputs[0][0]) if links.pieces.cost.cancels else (),
            links=output_links(links, 1),
        )
    )
    for l in range(L - 1, 0, -1):
        deltas.append(
            LayerDelta(
                layer=l,
                entries=tuple(delta_sum(links, l, j) for j in rows[l]),
                fprimes=tuple(links.activation(l, j).in_activations for j in rows[l]),
            )
        )
    weights = tuple(
        tuple(
            tuple(
                ordering.product(order, [model.delta(l, j), links.weight(l, j, k).in_activations])
                for k in rows[l - 1]
            )
            for j in rows[l]
        )
        for l in range(1, L + 1)
    )
    biases = tuple(tuple(model.delta(l, j) for j in rows[l]) for l in range(1, L + 1))
    if verify is None:
        verify = checkable(model.shape)
    formulas: dict = {p: [] for p in model.params}
    if verify:
        cancelled = {model.delta(L, j): e for j, (e, _) in zip(rows[L], outputs, strict=True)}
        values = delta_values(links, output=lambda j: cancelled[model.delta(L, j)])
        for l in range(1, L + 1):
            for j in rows[l]:
                for k in rows[l - 1]:
                    w = model.w(l, j, k)
                    formulas[w] = [model.expand(weights[l - 1][j - 1][k - 1].xreplace(values))]
                formulas[model.b(l, j)] = [model.expand(values[model.delta(l, j)])]
    found = compare(model, formulas, verify=verify)
    checks: dict[str, GradientCheck] = {model.name(p): found[p] for p in model.params}
    return LayeredBackprop(
        model=model,
        deltas=tuple(deltas),
        weights=weights,
        biases=biases,
        checks=checks,
        counts=counts(model.shape.widths, model.activation(L) == "softmax"),
        growth=growth(model.shape),
        order=tuple(order.items()),
    )
