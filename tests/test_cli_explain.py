"""``chainrule explain`` through typer's CliRunner: exit codes, stdout and stderr."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import sympy as sp
from typer.testing import CliRunner

from chainrule.cli.app import app

ANSI = re.compile(r"\x1b\[")


def run(*args: str, **env: str):
    return CliRunner().invoke(app, ["explain", *args], env={"COLUMNS": "80", **env})


def test_course_example_default_view():
    result = run("log(2+cos(x))")
    assert result.exit_code == 0, result.output
    out = result.stdout
    # Not a terminal: rich drops every escape code by itself.
    assert not ANSI.search(out)
    for part in ("f(u) = ln(u)", "f′(u) = 1/u", "g′(x) = −sin(x)", "−sin(x)/(2 + cos(x))"):
        assert part in out
    assert "✓ checked against sympy.diff" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("format", "marker"),
    [
        ("text", "4. Chain rule"),
        ("latex", r"\begin{align*}"),
        ("html", "<math"),
        ("markdown", "### Steps"),
        ("json", '"schema": 2'),
    ],
)
def test_each_format(format, marker):
    result = run("log(2+cos(x))", "--format", format)
    assert result.exit_code == 0, result.output
    assert marker in result.stdout
    assert not ANSI.search(result.stdout)


def test_json_on_stdout_is_the_whole_document():
    result = run("x^2 y + sin(x y)", "--wrt", "y", "-f", "json")
    doc = json.loads(result.stdout)
    assert doc["variable"] == "y" and doc["constants"] == ["x"]
    x, y = sp.symbols("x y")
    assert sp.simplify(sp.sympify(doc["derivative"]) - sp.diff(x**2 * y + sp.sin(x * y), y)) == 0


def test_wrt_says_what_is_held_constant():
    result = run("x^2 y + sin(x y)", "--wrt", "y", "--format", "text")
    assert result.exit_code == 0
    assert "(x is held constant)" in result.stdout


def test_format_choice_is_case_insensitive():
    assert run("x^2", "--format", "TEXT").exit_code == 0


def test_bad_formula_points_at_the_spot():
    result = run("log(2+cos(x)")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "log(2+cos(x)\n            ^ missing ')'" in result.stderr
    assert "Traceback" not in result.stderr


def test_ambiguous_variable_lists_the_candidates():
    result = run("a*b + c")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    for name in ("a", "b", "c"):
        assert name in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_variable_not_in_the_formula_gives_zero_with_a_note():
    result = run("x*y", "--wrt", "z", "-f", "text")
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "z does not occur in the formula" in out and "(Did you mean x or y?)" in out
    assert "Result: ∂/∂z (x·y) = 0" in out


def test_a_bad_wrt_name_is_refused():
    result = run("x*y", "--wrt", "2+")
    assert result.exit_code == 2 and "2+" in result.stderr


@pytest.mark.parametrize(
    ("formula", "wrt", "result"),
    [("θ^2", "θ", "d/dθ θ² = 2θ"), ("x1^2", "x_1", "d/dx₁ x₁² = 2x₁"), ("α*x", "α", "= x")],
)
def test_wrt_is_read_as_formulas_are(formula, wrt, result):
    # The formula's θ is the symbol theta: --wrt θ once said "θ does not occur in theta**2".
    out = run(formula, "--wrt", wrt, "-f", "text")
    assert out.exit_code == 0, out.stderr
    assert result in out.stdout


def test_unknown_format_is_a_usage_error():
    result = run("x^2", "--format", "pdf")
    assert result.exit_code == 2
    assert "pdf" in result.stderr


def test_svg_saves_the_terminal_view(tmp_path):
    target = tmp_path / "course.svg"
    result = run("log(2+cos(x))", "--svg", str(target))
    assert result.exit_code == 0, result.output
    svg = target.read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert "Chain" in svg and "rule" in svg
    assert "Decomposition" in result.stdout  # still shown on screen
    assert [p.name for p in tmp_path.iterdir()] == ["course.svg"]


def test_svg_with_another_format_prints_that_format(tmp_path):
    target = tmp_path / "a.svg"
    result = run("sin(x^2)", "--svg", str(target), "--format", "json")
    assert result.exit_code == 0
    json.loads(result.stdout)
    assert target.read_text(encoding="utf-8").startswith("<svg")


def test_svg_into_a_missing_directory_fails_cleanly(tmp_path):
    result = run("x^2", "--svg", str(tmp_path / "nope" / "a.svg"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: cannot write")


def test_help_shows_examples():
    result = CliRunner().invoke(app, ["explain", "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert 'chainrule explain "log(2+cos(x))"' in result.stdout
    assert "--wrt" in result.stdout and "--svg" in result.stdout


def test_the_command_module_does_not_load_sympy():
    code = "import sys, chainrule.cli.explain; print('sympy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
