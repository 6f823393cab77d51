"""The network's computational graph: one node per quantity, one edge per local derivative.

Forward, values flow along the edges from x to J. Backward, the chain rule multiplies the edge
labels from J back to a parameter; those labels are the same links ``backprop`` uses, derived
by the explainer.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from chainrule.display import Displayable
from chainrule.network.backprop import Factor, Links
from chainrule.network.model import YHAT, J, Network, X, Y


@dataclass(frozen=True, kw_only=True)
class Node:
    """A quantity: ``kind`` is "input", "label", "parameter", "sum" (zk), "activation" (ak, ŷ)
    or "cost"; ``equation`` is how it is computed (None for inputs and parameters)."""

    symbol: sympy.Symbol
    kind: str
    equation: sympy.Expr | None = None


@dataclass(frozen=True, kw_only=True)
class Edge:
    """``source`` feeds ``target``; ``factor`` is the local derivative ∂target/∂source."""

    source: sympy.Symbol
    target: sympy.Symbol
    factor: Factor


@dataclass(frozen=True, kw_only=True, repr=False)
class Graph(Displayable):
    network: Network
    nodes: tuple[Node, ...]  # the main chain x, z1, a1, …, ŷ, J, then y and the parameters
    edges: tuple[Edge, ...]  # the main chain's edges first, in forward order

    def _summary(self) -> str:
        return f"{len(self.nodes)} nodes, {len(self.edges)} edges"

    @property
    def chain(self) -> tuple[Node, ...]:
        """x → z1 → a1 → … → ŷ → J."""
        return tuple(n for n in self.nodes if n.kind not in ("label", "parameter"))

    def into(self, target: sympy.Symbol) -> tuple[Edge, ...]:
        return tuple(e for e in self.edges if e.target == target)


def graph(network: Network) -> Graph:
    """The computational graph of ``network`` with every edge's local derivative."""
    links = Links(network)
    nodes = [Node(symbol=X, kind="input")]
    main: list[Edge] = []
    side: list[Edge] = []
    for k in range(1, network.nodes + 1):
        z, a = network.z(k), network.a(k)
        nodes.append(Node(symbol=z, kind="sum", equation=network.weighted_input(k)))
        nodes.append(Node(symbol=a, kind="activation", equation=network.activate(z)))
        main.append(
            Edge(
                source=network.a(k - 1), target=z, factor=links.weighted_input(k, network.a(k - 1))
            )
        )
        main.append(Edge(source=z, target=a, factor=links.activation(k)))
        for p in (network.w(k), network.b(k)):
            side.append(Edge(source=p, target=z, factor=links.weighted_input(k, p)))
    nodes.append(Node(symbol=J, kind="cost", equation=network.cost_expr))
    main.append(Edge(source=YHAT, target=J, factor=links.cost()))
    side.append(Edge(source=Y, target=J, factor=links(J, Y, network.cost_expr)))
    nodes.append(Node(symbol=Y, kind="label"))
    nodes += [Node(symbol=p, kind="parameter") for p in network.params]
    return Graph(network=network, nodes=tuple(nodes), edges=(*main, *side))
