"""A layered network's computational graph: every neuron's z and a, every edge between them
with its local derivative (the explainer's links), and — for one parameter — the edges of
every path from it to J picked out."""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from chainrule.display import Displayable
from chainrule.network.layered import J, Layered
from chainrule.network.layered_links import LayeredLink, LayeredLinks
from chainrule.network.paths import path_count


@dataclass(frozen=True, kw_only=True)
class GraphNode:
    """``kind``: "input", "sum" (zˡⱼ), "activation" (aˡⱼ, ŷⱼ), "cost" or "parameter";
    ``layer`` 0 for the inputs, L + 1 for J."""

    symbol: sympy.Symbol
    kind: str
    layer: int


@dataclass(frozen=True, kw_only=True)
class GraphEdge:
    """``source`` feeds ``target``; ``link`` is ∂target/∂source; ``picked`` marks an edge on a
    path from the chosen parameter to J."""

    source: sympy.Symbol
    target: sympy.Symbol
    link: LayeredLink
    picked: bool = False


#: Past this many edges the drawing is a tangle; 2-8-8-2 has 96.
MAX_EDGES = 200


@dataclass(frozen=True, kw_only=True, repr=False)
class LayeredGraph(Displayable):
    model: Layered
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    param: sympy.Symbol | None = None
    name: str = ""
    paths: int = 0
    order: tuple = ()

    def _summary(self) -> str:
        return f"{self.model.shape.text}: {len(self.nodes)} nodes, {len(self.edges)} edges"


def layered_graph(model: Layered, param: str | None = None) -> LayeredGraph:
    """Every neuron and edge of ``model``; with ``param`` (a weight or bias name) its paths'
    edges picked out and its own edge drawn."""
    from chainrule.network.shape import ShapeError

    order = dict(model.order)
    links = LayeredLinks(model, order=order)
    L = model.layers
    rows = {l: range(1, model.width(l) + 1) for l in range(L + 1)}
    count = sum(model.width(l) * (model.width(l - 1) + 1) for l in range(1, L + 1))
    if count > MAX_EDGES:
        raise ShapeError(
            f"{model.shape.text} has {count} edges; the graph is drawn up to {MAX_EDGES}"
        )
    theta = model.param(param) if param is not None else None
    on: set = set()
    if theta is not None:
        _, l0, j0, _ = model.where(theta)
        on.add(model.z(l0, j0))  # every node downstream of θ's neuron lies on one of its paths
        for l in range(l0, L + 1):
            for j in rows[l]:
                if l == l0 and j != j0:
                    continue
                on |= {model.z(l, j), model.a(l, j)}
        if model.activation(L) == "softmax":  # each z of a softmax feeds every ŷ
            on |= {model.a(L, i) for i in rows[L]}
    nodes = [GraphNode(symbol=model.x(k), kind="input", layer=0) for k in rows[0]]
    edges: list[GraphEdge] = []
    for l in range(1, L + 1):
        for j in rows[l]:
            z, a = model.z(l, j), model.a(l, j)
            nodes.append(GraphNode(symbol=z, kind="sum", layer=l))
            for k in rows[l - 1]:
                before = model.a(l - 1, k)
                edges.append(
                    GraphEdge(
                        source=before,
                        target=z,
                        link=links.back(l, j, k),
                        picked=before in on and z in on,
                    )
                )
        for j in rows[l]:
            a = model.a(l, j)
            nodes.append(GraphNode(symbol=a, kind="activation", layer=l))
            sources = rows[l] if model.activation(l) == "softmax" else (j,)
            for m in sources:
                link = (
                    links.softmax(j, m)
                    if model.activation(l) == "softmax"
                    else links.activation(l, j)
                )
                z = model.z(l, m)
                edges.append(GraphEdge(source=z, target=a, link=link, picked=z in on and a in on))
    nodes.append(GraphNode(symbol=J, kind="cost", layer=L + 1))
    for j in rows[L]:
        yhat = model.yhat(j)
        edges.append(GraphEdge(source=yhat, target=J, link=links.cost(j), picked=yhat in on))
    if theta is not None:
        nodes.append(GraphNode(symbol=theta, kind="parameter", layer=l0 - 1))
        own = links.own(theta)
        edges.append(GraphEdge(source=theta, target=own.of, link=own, picked=True))
    return LayeredGraph(
        model=model,
        nodes=tuple(nodes),
        edges=tuple(edges),
        param=theta,
        name="" if theta is None else model.name(theta),
        paths=0 if theta is None else path_count(model.shape, l0),
        order=tuple(order.items()),
    )
