"""Graphviz dot (and JSON data) for a layered network's graph: one column per layer, every edge
labelled with its local derivative, the edges on one parameter's paths drawn bold and red."""

from __future__ import annotations

from typing import Any

from chainrule.formats.json_layered_numbers import shape_data
from chainrule.formats.jsondata import SCHEMA, code
from chainrule.formats.notation import symbol, unicode


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(g) -> str:
    shapes = {"input": "box", "parameter": "box", "cost": "doublecircle"}
    out = [
        "digraph network {",
        "  rankdir=LR;",
        '  node [shape=circle, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    columns: dict[tuple, list] = {}  # inputs, then each layer's z, then its a: one column each
    for node in g.nodes:
        attrs = [f"label={_quote(symbol(node.symbol))}"]
        if node.kind in shapes:
            attrs.append(f"shape={shapes[node.kind]}")
        if node.kind == "parameter":
            attrs.append("style=dashed")
        out.append(f"  {node.symbol.name} [{', '.join(attrs)}];")
        if node.kind != "parameter":
            columns.setdefault((node.layer, node.kind != "sum"), []).append(node.symbol.name)
    for names in columns.values():
        if len(names) > 1:
            out.append(f"  {{ rank=same; {'; '.join(names)}; }}")
    for edge in g.edges:
        label = (
            f"∂{symbol(edge.target)}/∂{symbol(edge.source)} = {unicode(edge.link.in_activations)}"
        )
        style = ', color="#c0392b", penwidth=2.5, fontcolor="#c0392b"' if edge.picked else ""
        out.append(f"  {edge.source.name} -> {edge.target.name} [label={_quote(label)}{style}];")
    out.append("}")
    return "\n".join(out) + "\n"


def graph_data(g) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "kind": "graph",
        "shape": shape_data(g.model.shape),
        "param": g.name or None,
        "paths": g.paths,
        "nodes": [{"name": code(n.symbol), "kind": n.kind, "layer": n.layer} for n in g.nodes],
        "edges": [
            {
                "source": code(e.source),
                "target": code(e.target),
                "derivative": code(e.link.derivative),
                "in_activations": code(e.link.in_activations),
                "picked": e.picked,
            }
            for e in g.edges
        ],
    }
