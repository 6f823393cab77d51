"""The computational graph drawn top to bottom in the terminal, as Graphviz dot, or as JSON data.

Each arrow carries its local derivative. Read down for the forward pass; multiply the labels
from J back up to a parameter for its gradient, which is what backpropagation does.
"""

from __future__ import annotations

import json
from typing import Any

from chainrule.network.graph import Edge, Graph
from chainrule.render.notation import code, symbol, unicode


def _name(edge: Edge) -> str:
    return f"∂{symbol(edge.target)}/∂{symbol(edge.source)}"


def _label(edge: Edge) -> str:
    return f"{_name(edge)} = {unicode(edge.factor.derivative)}"


def text_lines(g: Graph) -> list[tuple[str, str]]:
    """(style, line) pairs: "node", "edge" or "side" — the drawing, top to bottom."""
    chain = g.chain
    heads = {
        n.symbol: symbol(n.symbol) + (f" = {unicode(n.equation)}" if n.equation is not None else "")
        for n in chain
    }
    column = max(len(h) for h in heads.values()) + 3
    out: list[tuple[str, str]] = []
    for i, node in enumerate(chain):
        sides = [e for e in g.into(node.symbol) if e.source not in {c.symbol for c in chain}]
        head = heads[node.symbol]
        for j, edge in enumerate(sides):
            left = head if j == 0 else ("│" if i < len(chain) - 1 else "")
            out.append(
                (
                    "side" if j else "node",
                    f"  {left:<{column}}◀── {symbol(edge.source)}   {_label(edge)}",
                )
            )
        if not sides:
            out.append(("node", f"  {head}"))
        if i < len(chain) - 1:
            (edge,) = [e for e in g.into(chain[i + 1].symbol) if e.source == node.symbol]
            out.append(("edge", f"  │  {_label(edge)}"))
            out.append(("edge", "  ▼"))
    return out


def text(g: Graph) -> str:
    lines = [
        "The computational graph: read down for the forward pass; multiply the labels from J",
        "back up to a parameter for its gradient (backpropagation).",
        "",
    ]
    return "\n".join(lines + [line for _, line in text_lines(g)]) + "\n"


def renderable(g: Graph):
    from rich.console import Group
    from rich.text import Text

    styles = {"node": "bold", "edge": "cyan", "side": "bold"}
    rows = [
        Text("The computational graph", style="bold cyan"),
        Text(
            "Read down for the forward pass; multiply the labels from J back up to a parameter"
            " for its gradient (backpropagation).",
            style="dim",
        ),
        Text(""),
    ]
    rows += [
        Text(line, style=styles[kind], no_wrap=True, overflow="ellipsis")
        for kind, line in text_lines(g)
    ]
    return Group(*rows)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot(g: Graph) -> str:
    """Graphviz source: the chain left to right, parameters and the label as boxes feeding in."""
    shapes = {"input": "box", "label": "box", "parameter": "box", "cost": "doublecircle"}
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
        style = (
            ""
            if edge.target in {n.symbol for n in g.chain}
            and edge.source in {n.symbol for n in g.chain}
            else ", style=dashed"
        )
        out.append(
            f"  {edge.source.name} -> {edge.target.name} [label={_quote(_label(edge))}{style}];"
        )
    out.append("}")
    return "\n".join(out) + "\n"


def data(g: Graph) -> dict[str, Any]:
    return {
        "cost": g.network.cost,
        "activation": g.network.activation,
        "layers": g.network.layers,
        "nodes": [
            {
                "name": n.symbol.name,
                "kind": n.kind,
                "equation": None if n.equation is None else code(n.equation),
            }
            for n in g.nodes
        ],
        "edges": [
            {
                "source": e.source.name,
                "target": e.target.name,
                "name": e.factor.name,
                "derivative": code(e.factor.derivative),
            }
            for e in g.edges
        ],
    }


def render_json(g: Graph) -> str:
    return json.dumps(data(g), indent=2, ensure_ascii=False) + "\n"
