"""A layered network's derivation as JSON data: ``schema``, ``shape``, and for one parameter
every path (nodes, links, product), the sum and the δ form; for backpropagation every δ (index
form), every gradient (``values``: name → formula) and each matrix as nested lists."""

from __future__ import annotations

from typing import Any

from chainrule.formats.json_layered_numbers import shape_data
from chainrule.formats.jsondata import SCHEMA, code


def _link(f) -> dict[str, Any]:
    return {
        "of": code(f.of),
        "wrt": code(f.wrt),
        "expression": code(f.expression),
        "derivative": code(f.derivative),
        "in_activations": code(f.in_activations),
        "rules": [step.rule for step in f.explanation.steps()],
    }


def _check(c) -> dict[str, Any]:
    return {"ok": c.ok, "method": c.method, "points": c.points, "reason": c.reason}


def _symbols(model) -> dict[str, str]:
    """The learner's name of each parameter → its symbol in the formulas."""
    return {model.name(p): code(p) for p in model.params}


def paths_data(p) -> dict[str, Any]:
    model = p.model
    return {
        "schema": SCHEMA,
        "kind": "paths",
        "shape": shape_data(model.shape),
        "param": p.name,
        "symbol": code(p.param),
        "symbols": _symbols(model),
        "count": p.count,
        "paths": [
            {
                "nodes": [code(n) for n in path.nodes],
                "links": [_link(f) for f in path.links],
                "product": code(path.product),
            }
            for path in p.paths
        ],
        "sum": None if p.total is None else code(p.total),
        "delta": code(p.delta),
        "delta_sum": code(p.delta_sum),
        "own": _link(p.own),
        "gradient": code(p.delta * p.own.in_activations),
        "output_delta": [code(e) for e in p.output],
        "cancels": p.cancels,
        "check": _check(p.check),
    }


def backprop_data(r) -> dict[str, Any]:
    model = r.model
    layers = range(1, model.layers + 1)
    values = {}
    for l in layers:
        for j, row in enumerate(r.weights[l - 1], start=1):
            for k, entry in enumerate(row, start=1):
                values[model.shape.weight(l, j, k)] = code(entry)
        for j, entry in enumerate(r.biases[l - 1], start=1):
            values[model.shape.bias(l, j)] = code(entry)
    return {
        "schema": SCHEMA,
        "kind": "backpropagation",
        "shape": shape_data(model.shape),
        "symbols": _symbols(model),
        "deltas": {
            f"delta{d.layer}": {
                "entries": [code(e) for e in d.entries],
                "fprime": [code(e) for e in d.fprimes],
                "output": d.output,
                "cancels": d.cancels,
            }
            for d in r.deltas
        },
        "values": values,
        "gradients": {
            f"W{l}": [[code(e) for e in row] for row in r.weights[l - 1]] for l in layers
        },
        "bias_gradients": {f"b{l}": [code(e) for e in r.biases[l - 1]] for l in layers},
        "multiplications": {
            "backpropagation": r.counts.reverse,
            "path_by_path": r.counts.paths,
            "paths": r.counts.path_total,
            "growth": {
                text: {"backpropagation": c.reverse, "path_by_path": c.paths, "paths": c.path_total}
                for text, c in r.growth
            },
        },
        "checks": {name: _check(c) for name, c in r.checks.items()},
    }
