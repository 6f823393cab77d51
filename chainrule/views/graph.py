"""The computational graph as a document: read down for the forward pass; multiply the edge
labels from J back up to a parameter for its gradient."""

from __future__ import annotations

from chainrule.document import Document, Equals, Flowchart, FlowNode, Heading, Leibniz, Para
from chainrule.network.graph import Edge, Graph


def _label(edge: Edge) -> Equals:
    return Equals((Leibniz(edge.target, edge.source), edge.factor.derivative))


def graph_view(g: Graph) -> Document:
    chain = g.chain
    on_chain = {n.symbol for n in chain}
    nodes = []
    for i, node in enumerate(chain):
        head = node.symbol if node.equation is None else Equals((node.symbol, node.equation))
        sides = tuple(
            (e.source, _label(e)) for e in g.into(node.symbol) if e.source not in on_chain
        )
        down = None
        if i < len(chain) - 1:
            (edge,) = [e for e in g.into(chain[i + 1].symbol) if e.source == node.symbol]
            down = _label(edge)
        nodes.append(FlowNode(head, sides, down))
    blocks = (
        Heading(("The computational graph",)),
        Para(
            (
                "Read down for the forward pass; multiply the labels from J back up to a"
                " parameter for its gradient (backpropagation).",
            )
        ),
        Flowchart(tuple(nodes)),
    )
    return Document(blocks, title="chainrule: computational graph", order=g.network.order)
