"""JSON: the step tree as data for autograders and scripts (a stable, documented contract).

Every expression is written in SymPy/Python syntax exactly as ``str()`` prints it (``**``,
explicit ``*``, ``log``, ``exp``, ``sqrt``, ``Abs``, ``sigmoid``), so ``sympy.sympify`` reads it
back. ``SCHEMA`` changes only when a key is removed or changes meaning; new keys may appear.
"""

from __future__ import annotations

import json
from typing import Any

from chainrule import steps as s
from chainrule.render import notation
from chainrule.render.base import Visitor, stack_room

#: Version of the JSON contract (the "schema" key of every document).
SCHEMA = 1


def _code(expr) -> str:
    return notation.code(expr)


class JsonRenderer(Visitor):
    """Turns a step into a dict: the common keys, plus the fields its rule adds."""

    def step(self, step: s.Step) -> dict[str, Any]:
        data = {
            "rule": step.rule,
            "expression": _code(step.expression),
            "variable": _code(step.variable),
            "derivative": _code(step.derivative),
        }
        data.update(self.visit(step))
        data["substeps"] = [self.step(sub) for sub in step.substeps]
        return data

    def _print_Step(self, step: s.Step) -> dict[str, Any]:
        return {}

    def _print_ConstantMultipleStep(self, step):
        return {"constant": _code(step.constant), "factor": _code(step.factor)}

    def _print_SumStep(self, step):
        return {"terms": [_code(t) for t in step.terms]}

    def _print_ProductStep(self, step):
        return {"factors": [_code(f) for f in step.factors]}

    def _print_QuotientStep(self, step):
        return {"numerator": _code(step.numerator), "denominator": _code(step.denominator)}

    def _print_PowerStep(self, step):
        return {"exponent": _code(step.exponent)}

    def _print_ExponentialStep(self, step):
        return {"base": _code(step.base)}

    _print_LogarithmStep = _print_ExponentialStep

    def _print_ChainStep(self, step):
        return {
            "outer": _code(step.outer),
            "placeholder": _code(step.u),
            "inner": _code(step.inner),
            "outer_derivative": _code(step.outer_derivative),
            "inner_derivative": _code(step.inner_derivative),
        }

    def _print_GeneralPowerStep(self, step):
        return {
            "base": _code(step.base),
            "exponent": _code(step.exponent),
            "log_form": _code(step.log_form),
        }


def data(obj: s.Explanation | s.Step) -> dict[str, Any]:
    """The JSON document for an Explanation (or for one Step: just its step object)."""
    if not isinstance(obj, s.Explanation | s.Step):
        raise TypeError(f"cannot render {type(obj).__name__}: expected an Explanation or a Step")
    with stack_room(obj):
        return _data(obj)


def _data(obj: s.Explanation | s.Step) -> dict[str, Any]:
    renderer = JsonRenderer()
    if isinstance(obj, s.Step):
        return renderer.step(obj)
    v = obj.verification
    return {
        "schema": SCHEMA,
        "input": obj.input,
        "expression": _code(obj.expression),
        "variable": _code(obj.variable),
        "constants": [_code(c) for c in obj.constants],
        "derivative": _code(obj.derivative),
        "derived": _code(obj.derived),
        "simplified": obj.simplified,
        "verification": {
            "ok": v.ok,
            "method": v.method,
            "steps_checked": v.steps_checked,
            "failures": [_code(f) for f in v.failures],
        },
        "steps": renderer.step(obj.root),
    }


def render(obj: s.Explanation | s.Step, indent: int | None = 2) -> str:
    """The JSON document as text; the learner's ``input`` keeps its Unicode characters."""
    with stack_room(obj):  # json.dumps recurses once per level of the step tree too
        return json.dumps(data(obj), indent=indent, ensure_ascii=False) + "\n"
