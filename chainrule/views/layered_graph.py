"""A layered network's computational graph as a document: each layer's edges with their local
derivatives, and the edges on the paths of one parameter marked."""

from __future__ import annotations

from chainrule.document import Block, Document, Equals, Heading, Leibniz, Para, Table
from chainrule.network.layered_graph import GraphEdge, LayeredGraph

PICKED = "on a path"


def _row(edge: GraphEdge, marked: bool) -> tuple:
    row = (
        edge.source,
        edge.target,
        Equals((Leibniz(edge.target, edge.source), edge.link.in_activations)),
    )
    return (*row, PICKED if edge.picked else "") if marked else row


def layered_graph_view(g: LayeredGraph) -> Document:
    model = g.model
    blocks: list[Block] = [Heading((f"The computational graph of {model.shape.text}",))]
    blocks.append(
        Para(
            (
                f"{len(g.nodes)} nodes and {len(g.edges)} edges. Values flow forward along the "
                "edges; each edge carries its local derivative, and ∂J/∂θ is the sum over the "
                "paths from θ to J of the product of the labels along each.",
            )
        )
    )
    marked = g.param is not None
    if marked:
        blocks.append(
            Para(
                (
                    f"The edges on the {g.paths} path{'s' if g.paths != 1 else ''} from ",
                    g.param,
                    f" ({g.name}) to J are marked “{PICKED}”.",
                )
            )
        )
    headers = ("from", "to", "local derivative", *(("",) if marked else ()))
    layers: dict[int, list] = {}
    kinds = {n.symbol: n.layer for n in g.nodes}
    for edge in g.edges:
        layers.setdefault(kinds.get(edge.target, 0), []).append(edge)
    for l in sorted(layers):
        title = "Into the cost" if l == model.layers + 1 else f"Into layer {l}"
        blocks.append(Heading((title,), level=3))
        blocks.append(Table(headers, tuple(_row(e, marked) for e in layers[l])))
    return Document(
        tuple(blocks), title=f"chainrule: the graph of {model.shape.text}", order=g.order
    )
