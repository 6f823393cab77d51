"""Graphviz dot: the computational graph's source, the chain left to right, the parameters and
the label as boxes feeding in, each edge labelled with its local derivative.

Like JSON this writes a result (a ``Graph``), not a document: dot has no words to lay out.
"""

from __future__ import annotations

from chainrule.errors import ChainruleError
from chainrule.formats.notation import symbol, unicode


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(g) -> str:
    """The graph's dot source; anything else is refused, naming what draws a graph."""
    from chainrule.network.graph import Graph
    from chainrule.network.layered_graph import LayeredGraph

    if isinstance(g, LayeredGraph):
        from chainrule.formats import dot_layered

        return dot_layered.render(g)
    if not isinstance(g, Graph):
        raise ChainruleError(
            "the dot format draws a computational graph (chainrule network --graph), "
            f"not a {type(g).__name__}"
        )
    shapes = {"input": "box", "label": "box", "parameter": "box", "cost": "doublecircle"}
    on_chain = {n.symbol for n in g.chain}
    out = [
        "digraph network {",
        "  rankdir=LR;",
        '  node [shape=circle, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for node in g.nodes:
        label = symbol(node.symbol)
        attrs = [f"label={_quote(label)}"]
        if node.equation is not None:
            attrs.append(f"tooltip={_quote(f'{label} = {unicode(node.equation)}')}")
        if node.kind in shapes:
            attrs.append(f"shape={shapes[node.kind]}")
        if node.kind == "parameter":
            attrs.append("style=dashed")
        out.append(f"  {node.symbol.name} [{', '.join(attrs)}];")
    for edge in g.edges:
        dashed = edge.target not in on_chain or edge.source not in on_chain
        label = f"∂{symbol(edge.target)}/∂{symbol(edge.source)} = {unicode(edge.factor.derivative)}"
        style = ", style=dashed" if dashed else ""
        out.append(f"  {edge.source.name} -> {edge.target.name} [label={_quote(label)}{style}];")
    out.append("}")
    return "\n".join(out) + "\n"
