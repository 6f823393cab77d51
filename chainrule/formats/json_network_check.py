"""The JSON of a checked network gradient or δ (``chainrule network --check``)."""

from __future__ import annotations

from typing import Any

from chainrule.formats.jsondata import SCHEMA, code


def network_check(c) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "kind": "network check",
        "name": c.name,
        "answer": c.answer,
        "given": code(c.given),
        "status": c.status,
        "correct": c.correct,
        "mistake": c.mistake,
        "expected": code(c.expected),
    }
