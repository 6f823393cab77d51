"""Every local derivative of a layered network — ∂zˡⱼ/∂wˡⱼₖ = aˡ⁻¹ₖ, ∂zˡⱼ/∂bˡⱼ = 1,
∂zˡ⁺¹ᵢ/∂aˡⱼ = wˡ⁺¹ᵢⱼ, ∂aˡⱼ/∂zˡⱼ = f′(zˡⱼ), ∂ŷᵢ/∂zₘ of a softmax, ∂J/∂ŷⱼ — each derived by the
explainer, as the course network's links are.

A layer's weighted inputs are all the same sum with other indices, so each kind of link is
derived once per layer, for neuron 1 (from neuron 1), and renamed for the others: the renaming
is a permutation of the indices, under which the sum is unchanged, and every renamed link is
checked to be the network's own formula. The activation's f′ and ∂J/∂ŷ come from
``network.locals``, derived once in one scalar.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from chainrule import ordering
from chainrule.network.backprop import Factor, derive
from chainrule.network.layered import J, Layered
from chainrule.network.locals import YHAT, LocalDerivatives, Y, Z, local_derivatives
from chainrule.steps import Explanation


@dataclass(frozen=True, kw_only=True)
class LayeredLink(Factor):
    """A link as ``Factor`` has it, and its derivative written in the activations
    (``in_activations``): σ(zˡⱼ)·(1 − σ(zˡⱼ)) reads aˡⱼ·(1 − aˡⱼ), a softmax's ŷᵢ·(1 − ŷᵢ)."""

    in_activations: sympy.Expr
    #: Derived for neuron 1 (from neuron 1) and renamed to this one's indices.
    renamed: bool = False


class LayeredLinks:
    """The links of ``model``, each made once however many paths share it. ``order`` notes
    how each product is written (``chainrule.ordering``), outermost link first."""

    def __init__(
        self, model: Layered, pieces: LocalDerivatives | None = None, order: dict | None = None
    ) -> None:
        self.model = model
        self.pieces = pieces if pieces is not None else local_derivatives(model.shape)
        self.order = order if order is not None else dict(model.order)
        self._made: dict[tuple, LayeredLink] = {}
        self._derived: dict[tuple, Explanation] = {}
        self._checked: set = set()

    # -- derived once per layer, renamed for every neuron ----------------------------------------

    def _renamed(self, key: tuple, representative: tuple, wrt: sympy.Symbol, rename: dict):
        if representative not in self._derived:
            self._derived[representative] = derive(*self._source(representative))
        why = self._derived[representative]
        expression = self._own_formula(key)
        # The renamed derivation must be this neuron's own formula: checked once per neuron
        # (its other links permute the terms of the same sum, which leaves it unchanged).
        if (representative, key[1]) not in self._checked:
            if why.expression.xreplace(rename) != expression:
                raise AssertionError(f"renaming {representative} does not give {key[1]}")
            self._checked.add((representative, key[1]))
        derivative = why.derivative.xreplace(rename)
        shown = derivative
        if key[0] == "softmax":
            shown = self._softmax_form(key[1], key[2], derivative)
        self._made[key] = LayeredLink(
            of=key[1],
            wrt=wrt,
            expression=expression,
            derivative=derivative,
            explanation=why,
            in_activations=shown,
            renamed=expression != why.expression,
        )
        return self._made[key]

    def _own_formula(self, key: tuple) -> sympy.Expr:
        m = self.model
        l, j = _indices(key[1], m.layers)
        return m.activated(l, j) if key[0] == "softmax" else m.weighted_input(l, j)

    def _source(self, representative: tuple) -> tuple[sympy.Expr, sympy.Symbol]:
        m = self.model
        kind, l = representative[0], representative[1]
        if kind == "dz/dw":
            return m.weighted_input(l, 1), m.w(l, 1, 1)
        if kind == "dz/db":
            return m.weighted_input(l, 1), m.b(l, 1)
        if kind == "dz/da":
            return m.weighted_input(l, 1), m.a(l - 1, 1)
        return m.activated(l, 1), m.z(l, representative[2])  # softmax: ∂ŷ₁/∂z₁, ∂ŷ₁/∂z₂

    def _swap(self, l: int, j: int, k: int) -> dict:
        """Neuron 1 of layer l becomes j, and neuron 1 of the layer before trades places with k."""
        m = self.model

        def col(i: int) -> int:
            return k if i == 1 else 1 if i == k else i

        rename: dict = {m.b(l, 1): m.b(l, j)}
        for i in range(1, m.width(l - 1) + 1):
            rename[m.w(l, 1, i)] = m.w(l, j, col(i))
            rename[m.a(l - 1, i)] = m.a(l - 1, col(i))
        return rename

    def _softmax_form(self, of: sympy.Symbol, wrt: sympy.Symbol, derivative) -> sympy.Expr:
        """∂ŷᵢ/∂zₘ in the ŷ's: with S = Σ e^(z) and e^(zₘ) = ŷₘ·S, the quotient rule's
        (e^(zᵢ)·S − e^(zᵢ)·e^(zᵢ))/S² is ŷᵢ·(1 − ŷᵢ), and −ŷᵢ·ŷₘ for m ≠ i."""
        m = self.model
        L = m.layers
        s = sympy.Dummy("S", positive=True)
        shown = derivative.xreplace({m.softmax_sum(L): s})
        shown = shown.xreplace({m.z(L, p): sympy.log(m.yhat(p) * s) for p in _rows(m, L)})
        found = sympy.cancel(shown)
        (_, i), (_, n) = _indices(of, L), _indices(wrt)
        yi, yn = m.yhat(i), m.yhat(n)
        # The ŷ of a softmax add to 1: compare with one ŷ other than ŷᵢ, ŷₘ written as 1 − the rest.
        others = [p for p in _rows(m, L) if p not in (i, n)]
        total = {}
        if others:
            p = others[0]
            total = {m.yhat(p): 1 - sum(m.yhat(q) for q in _rows(m, L) if q != p)}

        def equal(a, b) -> bool:
            return sympy.expand((a - b).xreplace(total)) == 0

        if i == n and equal(found, yi * (1 - yi)):
            return ordering.product(self.order, [yi, 1 - yi])
        if i != n and equal(found, -yi * yn):
            return -ordering.product(self.order, [yi, yn])
        return found

    def weight(self, l: int, j: int, k: int) -> LayeredLink:
        """∂zˡⱼ/∂wˡⱼₖ = aˡ⁻¹ₖ."""
        m = self.model
        key = ("dz/dw", m.z(l, j), m.w(l, j, k))
        if key not in self._made:
            self._renamed(key, ("dz/dw", l), m.w(l, j, k), self._swap(l, j, k))
        return self._made[key]

    def bias(self, l: int, j: int) -> LayeredLink:
        """∂zˡⱼ/∂bˡⱼ = 1."""
        m = self.model
        key = ("dz/db", m.z(l, j), m.b(l, j))
        if key not in self._made:
            self._renamed(key, ("dz/db", l), m.b(l, j), self._swap(l, j, 1))
        return self._made[key]

    def own(self, param: sympy.Symbol) -> LayeredLink:
        """The link that is this parameter's own: ∂zˡⱼ/∂θ."""
        kind, l, j, k = self.model.where(param)
        return self.weight(l, j, k) if kind == "w" else self.bias(l, j)

    def back(self, l: int, i: int, j: int) -> LayeredLink:
        """∂zˡᵢ/∂aˡ⁻¹ⱼ = wˡᵢⱼ: how neuron j of layer l − 1 feeds neuron i of layer l."""
        m = self.model
        key = ("dz/da", m.z(l, i), m.a(l - 1, j))
        if key not in self._made:
            self._renamed(key, ("dz/da", l), m.a(l - 1, j), self._swap(l, i, j))
        return self._made[key]

    def softmax(self, i: int, n: int) -> LayeredLink:
        """∂ŷᵢ/∂zᴸₙ of a softmax: derived for ŷ₁ by z₁ and by z₂, renamed for the others."""
        m = self.model
        L = m.layers
        key = ("softmax", m.a(L, i), m.z(L, n))
        if key not in self._made:
            same = i == n
            # Output 1 becomes i and, for ∂ŷ₁/∂z₂, output 2 becomes n: a permutation.
            order = [i] if same else [i, n]
            order += [p for p in _rows(m, L) if p not in order]
            rename = {m.z(L, p): m.z(L, q) for p, q in enumerate(order, start=1)}
            self._renamed(key, ("softmax", L, 1 if same else 2), m.z(L, n), rename)
        return self._made[key]

    # -- derived once in one scalar (network.locals) ---------------------------------------------

    def activation(self, l: int, j: int) -> LayeredLink:
        """∂aˡⱼ/∂zˡⱼ = f′(zˡⱼ), f′ derived once in Z."""
        m = self.model
        key = ("da/dz", m.a(l, j), m.z(l, j))
        if key not in self._made:
            piece = self.pieces.activations[m.activation(l)]
            at = {Z: m.z(l, j)}
            f, derivative = piece.f.xreplace(at), piece.derivative.xreplace(at)
            shown = derivative.xreplace({f: m.a(l, j)}) if f != m.z(l, j) else derivative
            if shown.is_Mul:
                shown = ordering.product(self.order, ordering.sympy_factors(shown))
            self._made[key] = LayeredLink(
                of=m.a(l, j),
                wrt=m.z(l, j),
                expression=f,
                derivative=derivative,
                explanation=piece.explanation,
                in_activations=shown,
            )
        return self._made[key]

    def cost(self, j: int) -> LayeredLink:
        """∂J/∂ŷⱼ: only output j's term of J holds ŷⱼ."""
        m = self.model
        key = ("dJ/dyhat", J, m.yhat(j))
        if key not in self._made:
            piece = self.pieces.cost
            at = {YHAT: m.yhat(j), Y: m.y(j)}
            derivative = piece.gradient.xreplace(at)
            self._made[key] = LayeredLink(
                of=J,
                wrt=m.yhat(j),
                expression=piece.term.xreplace(at),
                derivative=derivative,
                explanation=piece.explanation,
                in_activations=derivative,
            )
        return self._made[key]

    def into_output(self, i: int, n: int) -> LayeredLink:
        """∂ŷᵢ/∂zᴸₙ: f′(zᴸᵢ) for an elementwise output (i = n), or the softmax's."""
        if self.model.activation(self.model.layers) == "softmax":
            return self.softmax(i, n)
        return self.activation(self.model.layers, i)


def _rows(model: Layered, l: int) -> range:
    return range(1, model.width(l) + 1)


def _indices(symbol: sympy.Symbol, last: int | None = None) -> tuple[int, int]:
    """(l, j) of zˡⱼ, aˡⱼ or ŷⱼ (``last`` is ŷ's layer; a lone ŷ is neuron 1)."""
    name = symbol.name
    if name.startswith("yhat"):
        return last, int(name.partition("_")[2] or 1)
    _, _, rest = name.partition("__")
    l, j = rest.split("_")
    return int(l), int(j)


def delta_sum(links: LayeredLinks, l: int, j: int) -> sympy.Expr:
    """δˡⱼ = ∂J/∂zˡⱼ one layer back in the δ of the layer after, Σᵢ wˡ⁺¹ᵢⱼ·δˡ⁺¹ᵢ·f′(zˡⱼ) (zˡⱼ
    reaches J only through aˡⱼ, and aˡⱼ through every zˡ⁺¹ᵢ); at the output ∂J/∂ŷⱼ·f′(zᴸⱼ), or
    with softmax Σᵢ ∂J/∂ŷᵢ·∂ŷᵢ/∂zⱼ (every ŷᵢ holds zⱼ). In the activations."""
    model, order = links.model, links.order
    L = model.layers
    if l == L:
        if model.activation(L) == "softmax":
            terms = [
                ordering.product(
                    order, [links.cost(i).in_activations, links.softmax(i, j).in_activations]
                )
                for i in _rows(model, L)
            ]
        else:
            return ordering.product(
                order, [links.cost(j).in_activations, links.activation(L, j).in_activations]
            )
    else:
        fprime = links.activation(l, j).in_activations
        terms = [
            ordering.product(
                order, [links.back(l + 1, i, j).in_activations, model.delta(l + 1, i), fprime]
            )
            for i in _rows(model, l + 1)
        ]
    total = sympy.Add(*terms)
    ordering.record(order, total, terms)
    return total


def delta_values(links: LayeredLinks, output=None) -> dict:
    """Every δˡⱼ symbol → δˡⱼ written in the activations alone (no δ left in it), from the
    output back: what the δ form of a gradient stands for. ``output(j)`` may give δᴸⱼ in a
    cancelled form (ŷⱼ − yⱼ); by default it is the sum of the output's links."""
    model = links.model
    values: dict = {}
    L = model.layers
    for l in range(L, 0, -1):
        for j in _rows(model, l):
            if l == L and output is not None:
                values[model.delta(l, j)] = output(j)
            else:
                values[model.delta(l, j)] = delta_sum(links, l, j).xreplace(values)
    return values
