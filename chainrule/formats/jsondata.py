"""JSON: a result as data for autograders, notebooks and scripts (a stable, documented contract).

This is the one format that writes the result rather than its document: the step tree of an
explanation, a network's gradients, a training run, a computational graph. A bare ``Document``
(a view with no data contract of its own) is written block by block. Every expression is
SymPy/Python syntax as ``str()`` prints it (``**``, explicit ``*``, ``log``, ``exp``, ``sqrt``,
``Abs``, ``sigmoid``), so ``sympy.sympify`` reads it back equal, in the learner's form: sums and
products in the order typed (``log(2 + cos(x))``) and log_b u as ``log(u, b)``. ``SCHEMA``
changes only when a key is removed or changes meaning; new keys may appear.
"""

from __future__ import annotations

import json
import math
from dataclasses import fields, is_dataclass
from typing import Any

import sympy

from chainrule import ordering
from chainrule import steps as s
from chainrule.formats.notation import code
from chainrule.formats.printing import remembered
from chainrule.formats.writer import Writer

#: Version of the JSON contract (the "schema" key of every document).
SCHEMA = 2


class _StepData(Writer):
    """Turns a step into a dict: the common keys, plus the fields its rule adds."""

    def step(self, step: s.Step) -> dict[str, Any]:
        data = {
            "rule": step.rule,
            "expression": code(step.expression),
            "variable": code(step.variable),
            "derivative": code(step.derivative),
        }
        data.update(self.write(step))
        data["substeps"] = [self.step(sub) for sub in step.substeps]
        return data

    def _print_Step(self, step: s.Step) -> dict[str, Any]:
        return {}

    def _print_ConstantMultipleStep(self, step):
        return {"constant": code(step.constant), "factor": code(step.factor)}

    def _print_SumStep(self, step):
        return {"terms": [code(t) for t in step.terms]}

    def _print_ProductStep(self, step):
        return {"factors": [code(f) for f in step.factors]}

    def _print_QuotientStep(self, step):
        return {"numerator": code(step.numerator), "denominator": code(step.denominator)}

    def _print_PowerStep(self, step):
        return {"exponent": code(step.exponent)}

    def _print_ExponentialStep(self, step):
        return {"base": code(step.base)}

    _print_LogarithmStep = _print_ExponentialStep

    def _print_ChainStep(self, step):
        return {
            "outer": code(step.outer),
            "placeholder": code(step.u),
            "inner": code(step.inner),
            "outer_derivative": code(step.outer_derivative),
            "inner_derivative": code(step.inner_derivative),
        }

    def _print_GeneralPowerStep(self, step):
        return {
            "base": code(step.base),
            "exponent": code(step.exponent),
            "log_form": code(step.log_form),
        }


def explanation(obj: s.Explanation | s.Step) -> dict[str, Any]:
    """The step tree (for a bare Step, its step object with the ``schema`` key first)."""
    renderer = _StepData()
    if isinstance(obj, s.Step):
        return {"schema": SCHEMA, **renderer.step(obj)}
    v = obj.verification
    return {
        "schema": SCHEMA,
        "input": obj.input,
        "name": None if obj.name is None else code(obj.name),
        "expression": code(obj.expression),
        "variable": code(obj.variable),
        "constants": [code(c) for c in obj.constants],
        "rewritten": [{"typed": typed, "as": code(result)} for typed, result in obj.rewritten],
        "derivative": code(obj.derivative),
        "derived": code(obj.derived),
        "simplified": obj.simplified,
        "log_rules": None if obj.log_rules is None else code(obj.log_rules),
        "tidying": [
            {"move": t.move, "before": code(t.before), "after": code(t.after)} for t in obj.tidying
        ],
        "other_form": None if obj.other_form is None else code(obj.other_form),
        "verification": {
            "ok": v.ok,
            "method": v.method,
            "steps_checked": v.steps_checked,
            "failures": [code(f) for f in v.failures],
            "decided": v.decided,
            "unchecked": [
                {"expression": code(u.expression), "reason": u.reason} for u in v.unchecked
            ],
        },
        "steps": renderer.step(obj.root),
    }


# -- the network ----------------------------------------------------------------------------


def _factor(f) -> dict[str, Any]:
    return {
        "name": f.name,
        "expression": code(f.expression),
        "derivative": code(f.derivative),
        "rules": [step.rule for step in f.explanation.steps()],
    }


def backprop(result, at=None) -> dict[str, Any]:
    """Cost, activation, layers, equations, the δs and, per parameter, its chain and gradient."""
    network = result.network
    out: dict[str, Any] = {
        "schema": SCHEMA,
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
            "expanded": code(result.plain(g)),
            "verified": g.verified,
            "check": g.check.method,
        }
        if g.param.name in values:
            v = values[g.param.name]
            entry["value"] = v.value
            entry["finite_difference"] = v.finite_difference
            # agrees, disagrees (a bug), or overflow / imprecise: floats cannot check it here
            entry["finite_difference_check"] = v.check
            entry["updated"] = v.updated
        out["params"][g.param.name] = entry
    if at is not None:
        out["point"] = {s.name: value for s, value in at.inputs}
        out["forward"] = {s.name: value for s, value in at.forward}
        out["cost_value"] = at.cost_value
        out["lr"] = at.lr
        out["cost_after"] = at.cost_after
    return out


def training(run) -> dict[str, Any]:
    """The setting, J at every step, and the parameters every few steps."""
    names = [p.name for p in run.network.params]
    return {
        "schema": SCHEMA,
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


def graph(g) -> dict[str, Any]:
    """Nodes with their equations, edges with their local derivatives."""
    return {
        "schema": SCHEMA,
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


def document(doc) -> dict[str, Any]:
    """A document with no data contract of its own, block by block: each block's class as
    ``type``, words as strings, math as SymPy code (terms by their class and fields)."""
    return {"schema": SCHEMA, "title": str(doc.title), "blocks": [_value(b) for b in doc.blocks]}


def _value(value):
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, sympy.Basic):
        return code(value)
    if isinstance(value, tuple | list):
        return [_value(v) for v in value]
    if is_dataclass(value):
        out = {"type": type(value).__name__}
        out.update({f.name: _value(getattr(value, f.name)) for f in fields(value)})
        return out
    return str(value)


def check(c) -> dict[str, Any]:
    """A checked answer: the verdict, each link's, the diagnosis and the words shown for it."""
    from chainrule.views import hints

    ex = c.explanation
    shown = None
    if c.first_wrong is not None:
        # The sentences the check shows for the first wrong line, as plain words.
        m = c.mistake or "unknown"
        which = "Your answer" if len(c.links) == 1 else f"Line {c.first_wrong}"
        shown = f"{which} {hints.WHAT[m]} ({m}). Hint: {hints.HINT[m]}"
    return {
        "schema": SCHEMA,
        "function": code(ex.expression),
        "variable": code(ex.variable),
        "answer": c.answer,
        "correct": c.correct,
        "status": c.status,
        "first_wrong": c.first_wrong,
        "mistake": c.mistake,
        "expected": code(ex.derivative),
        "links": [{"text": v.link.text, "right": v.right} for v in c.links],
        "wrong_step": c.path.step.rule if c.path else None,
        "explanation": shown,
    }


def data(obj, at=None) -> dict[str, Any]:
    """The JSON-ready data of any result, or of a document: every sum and product written in
    the order the learner typed it (or a rule derived it), as every other format writes it."""
    with ordering.typed(_order(obj)):
        return _data(obj, at)


def _data(obj, at=None) -> dict[str, Any]:
    from chainrule.checking import Check
    from chainrule.document import Document

    if isinstance(obj, Check):
        return check(obj)
    from chainrule.network.backprop import Backprop
    from chainrule.network.graph import Graph
    from chainrule.network.training import TrainingRun

    if isinstance(obj, s.Explanation | s.Step):
        return explanation(obj)
    if isinstance(obj, Backprop):
        return backprop(obj, at)
    if isinstance(obj, TrainingRun):
        return training(obj)
    if isinstance(obj, Graph):
        return graph(obj)
    if isinstance(obj, Document):
        return document(obj)
    own = getattr(obj, "json_data", None)
    if callable(own):  # a result that writes its own data: the calculus results
        return own()
    from chainrule.formats.json_layered_numbers import layered_data

    if (found := layered_data(obj)) is not None:  # a layered network's numbers or training
        return found
    raise TypeError(f"cannot write a {type(obj).__name__} as JSON")


def render(obj, at=None, indent: int | None = 2) -> str:
    """The JSON document as text. Strict JSON: an infinite or undefined number is null, never
    the ``Infinity`` or ``NaN`` that strict parsers reject; the learner's ``input`` keeps its
    Unicode characters."""
    with remembered():  # each step repeats the inner formulas of the steps below it
        found = data(obj, at)
    return json.dumps(_finite(found), indent=indent, ensure_ascii=False) + "\n"


def _order(obj) -> tuple:
    """The typed order a result carries (a check's, its explanation's)."""
    order = getattr(obj, "order", None)
    if order is None:
        order = getattr(getattr(obj, "explanation", None), "order", None)
    return order or ()


def _finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value
