"""The gradient: each partial derivative explained, the vector ∇f, its value at a point."""

from __future__ import annotations

import json

import pytest
import sympy
from typer.testing import CliRunner

from chainrule import render
from chainrule.calculus import gradient
from chainrule.calculus.point import PointError
from chainrule.cli.app import app
from chainrule.errors import VariableError


@pytest.mark.parametrize(
    ("formula", "wrt"),
    [("x^2 y + sin(x y)", "x,y"), ("exp(x y z)", "x,y,z"), ("log(x^2 + y^2)", "y,x")],
)
def test_each_partial_is_sympys(formula, wrt):
    g = gradient(formula, wrt)
    assert [v.name for v in g.variables] == wrt.split(",")
    for v, d in zip(g.variables, g.vector, strict=True):
        assert sympy.simplify(d - sympy.diff(g.expression, v)) == 0


def test_the_value_at_a_point():
    g = gradient("x^2 y + sin(x y)", "x,y", "x=1,y=pi")
    assert g.values == (sympy.pi, 0)
    assert "At x = 1, y = π: ∇f = (π, 0)." in render(g, "text")


@pytest.mark.parametrize(
    ("wrt", "at", "error", "words"),
    [
        ("x,z", None, VariableError, "z is not in the formula"),
        ("x,x", None, VariableError, "named twice"),
        ("x,y", "x=1", PointError, "y is missing"),
        ("x,y", "x=1,y=2,q=3", PointError, "not a variable"),
    ],
)
def test_bad_variables_and_points_are_refused(wrt, at, error, words):
    with pytest.raises(error, match=words):
        gradient("x y", wrt, at)


@pytest.mark.parametrize("fmt", ["text", "latex", "markdown", "html"])
def test_every_format_shows_the_vector(fmt):
    out = render(gradient("x y", "x,y"), fmt)
    assert ("∇f" in out) if fmt in ("text", "html") else (r"\nabla" in out and "?" not in out)


def test_json_and_the_cli():
    data = json.loads(render(gradient("x y", "x,y", "x=2,y=3"), "json"))
    assert data["gradient"] == ["y", "x"]
    assert [v["value"] for v in data["values"]] == [3.0, 2.0]
    result = CliRunner().invoke(app, ["explain", "x^2 y", "--wrt", "x,y", "-f", "text"])
    assert result.exit_code == 0 and "∇f = (2x·y, x²)" in result.stdout
