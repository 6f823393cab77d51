"""The JSON contract: its keys, and expressions that SymPy reads back to the very same math.

Only the tests sympify our output, to check it; the package never sympifies anything.
"""

from __future__ import annotations

import json

import pytest
import sympy as sp

from chainrule.explaining import explain
from chainrule.formats import render
from chainrule.formats.jsondata import SCHEMA, data
from chainrule.functions import sigmoid

TOP_KEYS = {
    "schema",
    "input",
    "name",
    "expression",
    "variable",
    "constants",
    "rewritten",
    "derivative",
    "derived",
    "simplified",
    "log_rules",
    "tidying",
    "other_form",
    "verification",
    "steps",
}
STEP_KEYS = {"rule", "expression", "variable", "derivative", "substeps"}
CHAIN_KEYS = {"outer", "placeholder", "inner", "outer_derivative", "inner_derivative"}
# Rule-specific keys: which a step of each rule carries besides STEP_KEYS.
EXTRA_KEYS = {
    "chain": CHAIN_KEYS,
    "constant_multiple": {"constant", "factor"},
    "sum": {"terms"},
    "product": {"factors"},
    "quotient": {"numerator", "denominator"},
    "power": {"exponent"},
    "exponential": {"base"},
    "logarithm": {"base"},
    "general_power": {"base", "exponent", "log_form"},
}

FORMULAS = [
    "log(2+cos(x))",
    "log(sin(x^2))",
    "sqrt(1+x^2)*exp(-x)",
    "sin(x)/x",
    "x^x",
    "3*tan(2x)^3",
    "2^x + log(x, 10)",
    "atan(x^2) + cosh(3x) - |x|",
    "sigmoid(w*x + b)",
]


def read(text: str, ex) -> sp.Expr:
    """SymPy's reading of ``text``, with the formula's own variables real, as ``explain`` has
    them (the JSON says which they are: "variable" and "constants")."""
    own = {s.name: s for s in ex.expression.free_symbols | {ex.variable}}
    return sp.sympify(text, locals={"sigmoid": sigmoid, "E": sp.E, **own})


def walk(step: dict):
    yield step
    for sub in step["substeps"]:
        yield from walk(sub)


@pytest.fixture(scope="module", params=FORMULAS)
def explained(request):
    ex = explain(request.param)
    return ex, json.loads(render(ex, "json"))


def test_top_level_contract(explained):
    ex, doc = explained
    assert set(doc) == TOP_KEYS
    assert doc["schema"] == SCHEMA == 2
    assert doc["input"] == ex.input
    assert doc["name"] is None  # no name typed; test_book_input types one
    assert doc["variable"] == str(ex.variable)
    assert doc["constants"] == [str(c) for c in ex.constants]
    assert set(doc["verification"]) == {
        *("ok", "method", "steps_checked", "failures", "decided", "unchecked")
    }
    assert doc["verification"]["ok"] is True
    assert doc["verification"]["decided"] is True
    assert doc["verification"]["unchecked"] == []


def test_expressions_read_back_to_the_same_math(explained):
    ex, doc = explained
    assert read(doc["expression"], ex) == ex.expression
    assert read(doc["derivative"], ex) == ex.derivative
    assert read(doc["derived"], ex) == ex.derived
    forms = [doc["derived"]] + [move["after"] for move in doc["tidying"]]
    assert [move["before"] for move in doc["tidying"]] == forms[:-1]
    assert read(forms[-1], ex) == ex.derivative


def test_every_step_has_its_rule_keys_and_reads_back(explained):
    ex, doc = explained
    for step, shown in zip(ex.steps(), walk(doc["steps"]), strict=True):
        assert shown["rule"] == step.rule
        assert set(shown) == STEP_KEYS | EXTRA_KEYS.get(step.rule, set())
        assert read(shown["expression"], ex) == step.expression
        assert read(shown["derivative"], ex) == step.derivative
        if step.rule == "chain":
            assert read(shown["outer"], ex) == step.outer
            assert read(shown["inner"], ex) == step.inner
            assert read(shown["outer_derivative"], ex) == step.outer_derivative
            assert read(shown["inner_derivative"], ex) == step.inner_derivative
            assert shown["placeholder"] == str(step.u)


def test_course_example_as_json():
    # Every expression in the order typed, as the other formats write it.
    doc = data(explain("log(2+cos(x))"))
    assert doc["expression"] == "log(2 + cos(x))"
    assert doc["derivative"] == "-sin(x)/(2 + cos(x))"
    chain = doc["steps"]
    assert chain["rule"] == "chain"
    assert (chain["outer"], chain["placeholder"], chain["inner"]) == ("log(u)", "u", "2 + cos(x)")
    assert (chain["outer_derivative"], chain["inner_derivative"]) == ("1/u", "-sin(x)")
    assert [sub["rule"] for sub in chain["substeps"]] == ["sum", "logarithm"]


def test_python_syntax_not_unicode():
    doc = data(explain("x^3*sqrt(x)"))
    text = json.dumps(doc)
    assert "**" in text and "²" not in text and "·" not in text


def test_partial_derivative_lists_constants():
    doc = data(explain("x^2 y + sin(x y)", wrt="y"))
    assert (doc["variable"], doc["constants"]) == ("y", ["x"])


def test_a_step_alone_is_its_step_object_with_the_schema():
    ex = explain("sin(x^2)")
    alone = data(ex.root)
    assert alone.pop("schema") == SCHEMA
    assert alone == data(ex)["steps"]
