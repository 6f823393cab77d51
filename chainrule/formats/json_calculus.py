"""The JSON of the calculus results: higher derivatives, a derivative at a point, a gradient.
Each holds the full explanation of every derivative it shows, as ``--format json`` of
``explain`` writes one."""

from __future__ import annotations

from typing import Any

import sympy

from chainrule.formats.jsondata import SCHEMA, code, explanation


def _inner(ex) -> dict[str, Any]:
    data = explanation(ex)
    data.pop("schema", None)
    return data


def _number(value: sympy.Expr) -> dict[str, Any]:
    return {"exact": code(value), "value": float(value)}


def higher(hd) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "kind": "higher derivatives",
        "expression": code(hd.expression),
        "variable": code(hd.variable),
        "order": hd.highest,
        "ended_early": hd.ended_early,
        "derivatives": [code(d) for d in hd.derivatives],
        "explanations": [_inner(ex) for ex in hd.explanations],
    }


def at_point(p) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "kind": "at a point",
        "expression": code(p.explanation.expression),
        "variable": code(p.variable),
        "point": _number(p.point),
        "value": _number(p.value),
        "slope": _number(p.slope),
        "tangent": code(p.tangent),
        "normal": None if p.normal is None else code(p.normal),
        "explanation": _inner(p.explanation),
    }


def gradient(g) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "kind": "gradient",
        "expression": code(g.expression),
        "variables": [code(v) for v in g.variables],
        "gradient": [code(d) for d in g.vector],
        "point": {code(v): _number(a) for v, a in g.point} if g.point else None,
        "values": [_number(v) for v in g.values] if g.values else None,
        "partials": [_inner(p) for p in g.partials],
    }


def implicit(im) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "kind": "implicit",
        "input": im.text,
        "left": code(im.left),
        "right": code(im.right),
        "variable": code(im.x),
        "function": code(im.y),
        "coefficient": code(im.coefficient),
        "rest": code(im.rest),
        "derivative": code(im.slope),
        "verified": im.verified,
        "point": {code(v): _number(a) for v, a in im.point} if im.point else None,
        "value": None if im.value is None else _number(im.value),
        "left_side": _inner(im.left_steps),
        "right_side": _inner(im.right_steps),
    }


def implicit_check(c) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "kind": "implicit check",
        "correct": c.status == "right",
        "status": c.status,
        "mistake": c.mistake,
        "answer": c.answer,
        "given": code(c.given),
        "expected": code(c.expected),
        "points_compared": c.points,
    }


def log_method(m) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "kind": "logarithmic differentiation",
        "input": m.text,
        "expression": code(m.expression),
        "variable": code(m.variable),
        "factors": [{"base": code(b), "exponent": code(n)} for b, n in m.factors],
        "logs": code(m.logs),
        "logs_derivative": code(m.explanation.derivative),
        "derivative": code(m.derivative),
        "verified": m.verified,
        "explanation": _inner(m.explanation),
    }


def point_check(c) -> dict[str, Any]:
    p = c.at
    return {
        "schema": SCHEMA,
        "kind": "check at a point",
        "function": code(p.explanation.expression),
        "variable": code(p.variable),
        "point": _number(p.point),
        "asked": c.kind,
        "answer": c.answer,
        "given": code(c.given),
        "status": c.status,
        "correct": c.correct,
        "mistake": c.mistake,
        "expected": code(c.expected),
        "decimals": c.decimals,
    }
