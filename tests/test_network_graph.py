"""The computational graph: its edges are the chain's links, derived by the explainer, and it
draws as text and as Graphviz source."""

from __future__ import annotations

import json

import sympy as sp
from typer.testing import CliRunner

from chainrule.cli.app import app
from chainrule.formats import dot, render
from chainrule.network import Network
from chainrule.network.graph import graph


def test_the_course_chain_and_its_edges():
    g = graph(Network())
    assert [n.symbol.name for n in g.chain] == ["x", "z1", "a1", "z2", "yhat", "J"]
    for edge in g.edges:
        # Every edge label is the local derivative ∂target/∂source of the target's equation.
        assert edge.factor.of == edge.target and edge.factor.wrt == edge.source
        local = sp.diff(edge.factor.expression, edge.source)
        assert sp.simplify(edge.factor.derivative - local) == 0
    assert {(e.source.name, e.target.name) for e in g.edges} >= {
        ("x", "z1"),
        ("w1", "z1"),
        ("b1", "z1"),
        ("z1", "a1"),
        ("a1", "z2"),
        ("z2", "yhat"),
        ("yhat", "J"),
        ("y", "J"),
    }


def test_deeper_graph_grows_by_two_nodes_per_layer():
    assert len(graph(Network(layers=3)).chain) == 2 + 2 * 4


def test_text_drawing():
    text = render(graph(Network()), "text")
    assert "│  ∂z₁/∂x = w₁" in text
    assert "◀── w₂   ∂z₂/∂w₂ = a₁" in text
    assert text.index("x\n") < text.index("z₁ =") < text.index("ŷ =") < text.index("J =")


def test_dot_source():
    source = dot.render(graph(Network()))
    assert source.startswith("digraph network {") and source.rstrip().endswith("}")
    assert 'x -> z1 [label="∂z₁/∂x = w₁"];' in source
    assert source.count("->") == 10


def test_cli_graph_formats():
    runner = CliRunner()
    for fmt in ("rich", "text", "dot", "json", "markdown", "latex", "html"):
        result = runner.invoke(app, ["network", "--graph", "--format", fmt])
        assert result.exit_code == 0, (fmt, result.stderr)
    data = json.loads(runner.invoke(app, ["network", "--graph", "-f", "json"]).stdout)
    assert {"schema", "nodes", "edges"} <= set(data)
    # dot is the graph's alone: anything else is refused, naming what draws a graph.
    bad = runner.invoke(app, ["network", "--param", "w2", "--format", "dot"])
    assert bad.exit_code == 2 and "--graph" in bad.stderr


GRAPH_TEXT = """\
The computational graph
───────────────────────
Read down for the forward pass; multiply the labels from J back up to a
parameter for its gradient (backpropagation).
  x
  │  ∂z₁/∂x = w₁
  ▼
  z₁ = w₁·x + b₁    ◀── w₁   ∂z₁/∂w₁ = x
  │                 ◀── b₁   ∂z₁/∂b₁ = 1
  │  ∂a₁/∂z₁ = σ(z₁)·(1 − σ(z₁))
  ▼
  a₁ = σ(z₁)
  │  ∂z₂/∂a₁ = w₂
  ▼
  z₂ = w₂·a₁ + b₂   ◀── w₂   ∂z₂/∂w₂ = a₁
  │                 ◀── b₂   ∂z₂/∂b₂ = 1
  │  ∂ŷ/∂z₂ = σ(z₂)·(1 − σ(z₂))
  ▼
  ŷ = σ(z₂)
  │  ∂J/∂ŷ = ŷ − y
  ▼
  J = (y − ŷ)²/2    ◀── y   ∂J/∂y = y − ŷ
"""


def test_text_drawing_exactly():
    assert render(graph(Network()), "text") == GRAPH_TEXT
