"""The network's gradients as JSON-ready data, for autograders, notebooks and other programs.

Formulas are SymPy/Python syntax (``notation.code``). ``expanded`` writes σ out as
1/(1 + exp(−u)), so it uses only x, y, the parameters, exp, log, tanh and arithmetic, and any
program can evaluate it. ``gradient`` and the factors stay in the intermediates (z1, a1, yhat…),
where σ is written ``sigmoid``.
"""

from __future__ import annotations

import json
from typing import Any

import sympy
from sympy.printing.str import StrPrinter

from chainrule.functions import expand_sigmoid, sigmoid
from chainrule.network.backprop import Backprop, Factor
from chainrule.network.numbers import Evaluation
from chainrule.network.training import TrainingRun
from chainrule.render.notation import code


class _SharedStr(StrPrinter):
    """``str()`` output, each distinct subtree printed once.

    A deep chain's gradient repeats the same inner formulas many times over; str() would print
    (and sort the terms of) each repeat again. A subtree prints the same wherever it sits (its
    parent adds any brackets), so remembering it changes nothing in the text.
    """

    def __init__(self) -> None:
        super().__init__()
        self._seen: dict[sympy.Basic, str] = {}

    def _print(self, expr, **kwargs) -> str:
        if kwargs or not isinstance(expr, sympy.Basic):
            return super()._print(expr, **kwargs)
        if expr not in self._seen:
            self._seen[expr] = super()._print(expr)
        return self._seen[expr]


def _code(expr: sympy.Basic) -> str:
    """Exactly ``notation.code(expr)``, fast on deep formulas."""
    return _SharedStr().doprint(expr)


def _plain(network, g) -> sympy.Expr:
    """∂J/∂θ in x, y, the parameters, exp, log, tanh and arithmetic: no σ."""
    if g.simplified.has(sigmoid):  # not expected: simplified forms are written in activations
        return expand_sigmoid(g.expanded)
    return network.expand(g.simplified, plain=True)


def _factor(f: Factor) -> dict[str, Any]:
    return {
        "name": f.name,
        "expression": code(f.expression),
        "derivative": code(f.derivative),
        "rules": [step.rule for step in f.explanation.steps()],
    }


def data(result: Backprop, at: Evaluation | None = None) -> dict[str, Any]:
    """Cost, activation, layers, equations, the δs and, per parameter, its chain and gradient."""
    network = result.network
    out: dict[str, Any] = {
        "cost": network.cost,
        "activation": network.activation,
        "layers": network.layers,
        "equations": {e.lhs.name: code(e.rhs) for e in network.equations},
        "deltas": {
            d.symbol.name: {
                "node": d.node.name,
                "factors": [f.name for f in d.factors],
                "reuses": None if d.previous is None else f"delta{d.previous}",
                "expression": code(d.expression),
                "in_activations": code(d.in_activations),
            }
            for d in result.deltas
        },
        "params": {},
    }
    values = {v.param.name: v for v in at.gradients} if at is not None else {}
    for g in result.gradients:
        entry: dict[str, Any] = {
            "chain": [f.name for f in g.chain],
            "factors": [_factor(f) for f in g.chain],
            "delta": g.delta.symbol.name,
            "gradient": code(g.gradient),
            "expanded": _code(_plain(network, g)),
            "verified": g.verified,
            "check": g.check.method,
        }
        if g.param.name in values:
            v = values[g.param.name]
            entry["value"] = v.value
            entry["finite_difference"] = v.finite_difference
            entry["updated"] = v.updated
        out["params"][g.param.name] = entry
    if at is not None:
        out["point"] = {s.name: value for s, value in at.inputs}
        out["forward"] = {s.name: value for s, value in at.forward}
        out["cost_value"] = at.cost_value
        out["lr"] = at.lr
        out["cost_after"] = at.cost_after
    return out


def render(result: Backprop, at: Evaluation | None = None) -> str:
    return json.dumps(data(result, at), indent=2, ensure_ascii=False) + "\n"


def training(run: TrainingRun) -> dict[str, Any]:
    """The setting, J at every step, and the parameters every few steps."""
    names = [p.name for p in run.network.params]
    return {
        "cost": run.network.cost,
        "activation": run.network.activation,
        "layers": run.network.layers,
        "lr": run.lr,
        "steps": run.steps,
        "seed": run.seed,
        "data": [list(row) for row in run.data],
        "costs": list(run.costs),
        "records": [
            {"step": r.step, "cost": r.cost, "params": dict(zip(names, r.params, strict=True))}
            for r in run.records
        ],
        "final": dict(zip(names, run.final.params, strict=True)),
    }


def render_training(run: TrainingRun) -> str:
    return json.dumps(training(run), indent=2) + "\n"
