"""∂J/∂θ for one parameter of a layered network as the multivariable chain rule: θ reaches J
along several paths (w¹₂ ₁ → z¹₂ → a¹₂ → z²ᵢ → … → J, one per neuron it feeds), the gradient is
the sum over the paths of the product of the local derivatives along each, and the same sum
regrouped is δˡⱼ·∂zˡⱼ/∂θ. Both are checked against ``sympy.diff`` of the written-out J.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import product as every

import sympy

from chainrule import ordering
from chainrule.display import Displayable
from chainrule.network.backprop import Factor, GradientCheck
from chainrule.network.layered import Layered
from chainrule.network.layered_backprop import output_delta, output_links
from chainrule.network.layered_checking import checkable, compare
from chainrule.network.layered_links import LayeredLinks, delta_sum, delta_values
from chainrule.network.shape import Shape

#: More paths than this are counted, not listed: the δ form says the same in one line.
MAX_PATHS = 64


@dataclass(frozen=True, kw_only=True)
class Path:
    """One way from θ to J: ``nodes`` from θ up to J, ``links`` in Leibniz order (J first),
    ``product`` their derivatives multiplied in that order."""

    nodes: tuple[sympy.Symbol, ...]
    links: tuple[Factor, ...]
    product: sympy.Expr


@dataclass(frozen=True, kw_only=True, repr=False)
class ParamPaths(Displayable):
    """Every path from ``param`` to J (``paths``, empty past ``MAX_PATHS``; ``count`` is how
    many there are), their ``total``; the δ form ``delta`` · ``own`` (δˡⱼ and ∂zˡⱼ/∂θ), with
    δˡⱼ written as the sum it stands for (``delta_sum``); and the check of both. ``output`` is
    δᴸ₁ as the product (or softmax's sum) of its links, then each step of its simplification
    (ŷ₁ − y₁ last where ``cancels``)."""

    model: Layered
    param: sympy.Symbol
    name: str
    count: int
    paths: tuple[Path, ...]
    total: sympy.Expr | None
    delta: sympy.Symbol
    delta_sum: sympy.Expr
    own: Factor
    check: GradientCheck
    output: tuple = ()
    output_links: tuple = ()
    cancels: bool = False
    order: tuple = ()

    @property
    def shape(self) -> Shape:
        return self.model.shape

    def _summary(self) -> str:
        return f"{self.shape.text}: dJ/d{self.name} along {self.count} paths"


def path_count(shape: Shape, layer: int) -> int:
    """Paths from a parameter of ``layer`` to J: one per choice of neuron in each layer after
    it, and with softmax one more choice, of the output ŷᵢ that each last z feeds."""
    count = math.prod(shape.widths[layer + 1 :])
    if shape.activations[-1] == "softmax":
        count *= shape.widths[-1]
    return count


def _paths(model: Layered, links: LayeredLinks, param: sympy.Symbol, order: dict) -> list[Path]:
    kind, l, j, _ = model.where(param)
    L = model.layers
    softmax = model.activation(L) == "softmax"
    choices = [range(1, model.width(n) + 1) for n in range(l + 1, L + 1)]
    if softmax:
        choices.append(range(1, model.width(L) + 1))  # which ŷᵢ the last z feeds
    out = []
    for picked in every(*choices):
        neurons = [j, *picked[: L - l]]  # neurons[n] is the one chosen in layer l + n
        last = neurons[-1]
        out_index = picked[-1] if softmax else last
        chain = [links.cost(out_index), links.into_output(out_index, last)]
        for n in range(L - l - 1, -1, -1):
            layer = l + n
            chain += [links.back(layer + 1, neurons[n + 1], neurons[n])]
            chain += [links.activation(layer, neurons[n])]
        chain.append(links.own(param))
        nodes = [param, *(f.of for f in reversed(chain))]
        out.append(
            Path(
                nodes=tuple(nodes),
                links=tuple(chain),
                product=ordering.product(order, [f.in_activations for f in chain]),
            )
        )
    return out


def param_paths(model: Layered, name: str, *, verify: bool | None = None) -> ParamPaths:
    """∂J/∂(the parameter called ``name``) along every path, and in δ form, checked against
    sympy.diff within ``layered_checking.checkable`` (past it the check says it was skipped)."""
    param = model.param(name)
    order = dict(model.order)
    links = LayeredLinks(model, order=order)
    kind, l, j, _ = model.where(param)
    count = path_count(model.shape, l)
    paths = _paths(model, links, param, order) if count <= MAX_PATHS else []
    total = None
    if paths:
        total = sympy.Add(*(p.product for p in paths))
        ordering.record(order, total, [p.product for p in paths])
    own = links.own(param)
    if verify is None:
        verify = checkable(model.shape)
    formulas = []
    if verify:
        # The sum over the paths and the δ form, each written out in x, y and the parameters.
        in_deltas = model.delta(l, j) * own.derivative
        formulas = [model.expand(in_deltas.xreplace(delta_values(links)))]
        if total is not None:
            formulas.append(model.expand(total))
    check = compare(model, {param: formulas}, verify=verify)[param]
    final, steps = output_delta(links, 1)
    raw = delta_sum(links, model.layers, 1)
    return ParamPaths(
        model=model,
        param=param,
        name=model.name(param),
        count=count,
        paths=tuple(paths),
        total=total,
        delta=model.delta(l, j),
        delta_sum=delta_sum(links, l, j),
        own=own,
        check=check,
        output=(raw, *steps, final) if links.pieces.cost.cancels else (raw,),
        output_links=output_links(links, 1),
        cancels=links.pieces.cost.cancels,
        order=tuple(order.items()),
    )
