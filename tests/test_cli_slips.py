"""Slips a new user hit: gamma(x) read as γ·x, a mistyped option, an output that cannot be
written, typer's own words in help and errors, print(h), render and py.typed."""

from __future__ import annotations

import errno
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp
from typer.testing import CliRunner

import chainrule
from chainrule.cli.app import app
from chainrule.parsing import parse

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
COMMANDS = ["explain", "check", "network", "practice", "plot", "lesson"]
x = sp.Symbol("x", real=True)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), env=ENV, input=input)


# -- gamma -------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["gamma(x^2)", "Gamma(x^2)", "gamma[x^2]", "sin gamma(x)"])
def test_gamma_before_a_bracket_is_the_gamma_function_never_a_product(typed):
    expr = parse(typed)
    assert expr.has(sp.gamma)
    assert not expr.has(sp.Symbol("gamma", real=True))


@pytest.mark.parametrize("typed", ["gamma x", "2 gamma", "γ(x + 1)", "gamma^2"])
def test_gamma_without_a_bracket_is_still_the_letter(typed):
    expr = parse(typed)
    assert not expr.has(sp.gamma)
    assert sp.Symbol("gamma", real=True) in expr.free_symbols


def test_gamma_is_explained_as_having_no_elementary_rule_and_still_checked():
    result = run("explain", "Gamma(x^2)", "-f", "text")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "did you mean" not in result.output
    assert "the Gamma function has no rule in elementary functions" in out
    assert "✓ checked against sympy.diff" in out
    ex = chainrule.explain("gamma(x^2)")
    assert sp.simplify(ex.derivative - sp.diff(sp.gamma(x**2), x)) == 0


# -- a mistyped command line -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["explain", "x", "--fromat", "json"], "no such option --fromat; did you mean --format?"),
        (["explain", "--fromat", "json", "x"], "no such option --fromat; did you mean --format?"),
        (["explain", "--fromat"], "no such option --fromat; did you mean --format?"),
        (["check", "x^2", "--frmat=json"], "no such option --frmat; did you mean --format?"),
        (["check", "x^2", "2x", "--wrtt", "x"], "no such option --wrtt; did you mean --wrt?"),
        (["plot", "x^2", "--rnage", "0", "1"], "no such option --rnage; did you mean --range?"),
        (["network", "--fromat", "json"], "no such option --fromat; did you mean --format?"),
        (["practice", "--levle", "2"], "no such option --levle; did you mean --level?"),
        (["lesson", "2", "--no-puase"], "no such option --no-puase; did you mean --no-pause?"),
        (["network", "-q"], "no such option -q; see 'chainrule network --help'"),
    ],
)
def test_a_mistyped_option_is_named_with_the_nearest(args, said):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {said}\n"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["explain", "x", "-f", "foo"], "--format foo: choose one of rich, text, latex, markdown,"),
        (["explain", "x", "--format=foo"], "--format foo: choose one of rich, text,"),
        (["network", "--cost", "foo"], "--cost foo: choose one of squared, cross-entropy"),
        (["network", "--layers", "99"], "--layers 99: must be at most 50"),
        (["network", "--layers", "abc"], "--layers abc: not a whole number"),
        (["explain", "x", "--timeout", "never"], "--timeout never: not a number"),
        (["explain", "x", "--timeout", "nan"], "--timeout nan: not a number"),
        (["explain", "x", "--timeout", "-1"], "--timeout -1: must be at least 0"),
        (["lesson", "abc"], "N: not a whole number"),
        (["explain"], "missing FORMULA; see 'chainrule explain --help'"),
        (["explain", "x^2", "+", "1"], "a formula with spaces goes in quotes"),
        (["frobnicate"], "no such command 'frobnicate'"),
    ],
)
def test_a_bad_value_reads_as_a_person_wrote_it(args, said):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and said in result.stderr
    assert len(result.stderr.splitlines()) == 1
    for typer_words in ("Value error", "Input should be", "Invalid value", "╭"):
        assert typer_words not in result.stderr


@pytest.mark.parametrize(
    ("formula", "derivative"), [("-x^2", "−2x"), ("--x", "= 1"), ("--sin(x)", "cos(x)")]
)
def test_a_formula_starting_with_a_minus_is_still_a_formula(formula, derivative):
    result = run("explain", formula, "-f", "text")
    assert result.exit_code == 0, result.output
    assert derivative in result.stdout.split("Result:")[1]


def test_check_still_runs_and_exits_with_its_verdict():
    assert run("check", "x^2", "2x").exit_code == 0
    assert run("check", "x^2", "x").exit_code == 1


# -- help --------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_names_values_as_a_person_would(command):
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0
    out = result.stdout
    for marker in ("<bool>", "<str>", "<int", "<float>", "<path>", "<=x", "x>=", "{"):
        assert marker not in out, (marker, command)
    assert "Usage: chainrule" in out


def test_help_keeps_the_choices_ranges_and_metavars():
    out = run("network", "--help").stdout
    for shown in ("squared|cross-entropy", "1 to 50", "POINT", "NAME", "FILE", "NUMBER"):
        assert shown in out
    explain_help = run("explain", "--help").stdout
    assert "rich|text|latex|markdown|html|json" in explain_help
    assert "Usage: chainrule explain [OPTIONS] FORMULA" in explain_help


def test_typer_is_pinned_to_the_tested_minor_release():
    pyproject = (Path(__file__).parents[1] / "pyproject.toml").read_text()
    assert '"typer>=0.29.2,<0.30"' in pyproject
    from importlib.metadata import version

    major, minor, *_ = version("typer").split(".")
    assert (int(major), int(minor)) == (0, 29)


# -- an output that cannot be written ----------------------------------------------------------


def test_an_output_that_cannot_be_written_is_said_without_blame(monkeypatch):
    import chainrule.cli.output as output

    def full(text, *, err=False, nl=True):
        if not err:
            raise OSError(errno.ENOSPC, "No space left on device")
        sys.stderr.write(text + ("\n" if nl else ""))

    monkeypatch.setattr(output, "echo", full)
    stdout = sys.stdout
    try:
        result = run("explain", "sin(x^2)", "-f", "json")
    finally:
        sys.stdout = stdout
    assert result.exit_code == 1
    assert result.stderr == "chainrule: cannot write the output: No space left on device\n"
    assert "bug" not in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["explain", "sin(x^2)"],  # the short way, without typer
        ["explain", "sin(x^2)", "-f", "json"],
        ["network"],
    ],
)
def test_dev_full_is_an_output_error_not_a_bug(args):
    env = {k: v for k, v in os.environ.items() if k != "CHAINRULE_DEBUG"}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "chainrule", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**env, **ENV, "PYTHONPATH": str(Path(__file__).parents[1])},
            timeout=120,
        )
    assert done.returncode == 1
    assert done.stderr == "chainrule: cannot write the output: No space left on device\n"


# -- from Python -------------------------------------------------------------------------------


def test_print_of_a_result_is_its_text_format():
    from chainrule.formats import render as formats_render

    h = chainrule.explain("sin(x^2)")
    assert str(h) == formats_render(h, "text")
    assert str(h).startswith("The derivative of sin(x²) with respect to x")
    assert repr(h).startswith("<Explanation ")
    check = chainrule.check("x^2", "2x")
    assert str(check) == formats_render(check, "text")


def test_render_is_importable_from_chainrule():
    from chainrule import render
    from chainrule.formats import render as formats_render

    assert render is formats_render
    assert "render" in dir(chainrule)
    assert render(chainrule.explain("x^2"), "latex").startswith("% chainrule")


def test_the_package_ships_py_typed():
    import chainrule as package

    assert (Path(package.__file__).parent / "py.typed").is_file()
    # The wheel takes the whole package directory (pyproject.toml), py.typed with it.
    pyproject = (Path(__file__).parents[1] / "pyproject.toml").read_text()
    assert 'packages = ["chainrule"]' in pyproject


# -- the plot's default range ------------------------------------------------------------------


def _span(formula: str) -> tuple[float, float]:
    return chainrule.plot(formula).span


def test_the_readme_plot_covers_where_the_curve_turns_and_bends_without_squashing():
    low, high = _span("x^2 e^(-x)")
    # h′ = 0 at 0 and 2; h″ = 0 at 2 ± √2: all drawn, with room.
    assert low < 0 and high > 2 + math.sqrt(2)
    # And not out to −2π, where h is 21,000 and its turns would be drawn flat.
    h = sp.lambdify(x, x**2 * sp.exp(-x))
    assert h(low) < 10 * h(2)


def test_the_cli_says_the_range_it_chose():
    result = run("plot", "x^2 e^(-x)")
    assert result.exit_code == 0, result.output
    low, high = _span("x^2 e^(-x)")
    first = result.stdout.splitlines()[0]
    assert first == f"h(x) and its derivative h′(x), for −{-low:g} ≤ x ≤ {high:g}"


@pytest.mark.parametrize(
    ("formula", "features"),
    [
        ("(x-10)^2", [10]),  # its turn is outside −2π…2π: the range moves to it
        ("x e^x", [-2, -1, 0]),  # inflection, minimum, zero
        ("x^3 - 3x", [-1, 0, 1]),
    ],
)
def test_a_chosen_range_covers_the_features(formula, features):
    low, high = _span(formula)
    assert low < min(features) and max(features) < high
    assert high - low < 4 * math.pi  # and is narrower than the default it replaces


@pytest.mark.parametrize(
    "formula", ["log(2+cos(x))", "sin(x)", "tan(x)", "x^2", "ln(x)", "sqrt(x)", "e^x", "5"]
)
def test_a_function_the_default_shows_well_keeps_it(formula):
    assert _span(formula) == (-2 * math.pi, 2 * math.pi)


def test_a_range_given_is_kept():
    assert chainrule.plot("x^2 e^(-x)", range=(-1, 1)).span == (-1, 1)
    result = run("plot", "x^2 e^(-x)", "--range", "-2pi", "2pi")
    assert result.stdout.splitlines()[0].endswith("for −2π ≤ x ≤ 2π")


# -- a timeout past what the clock holds -------------------------------------------------------

#: Each command with the least it needs to run, and what it reads from stdin.
RUNS = {
    "explain": (["explain", "x^2"], None),
    "check": (["check", "x^2", "2x"], None),
    "network": (["network"], None),
    "practice": (["practice", "--count", "1", "--seed", "1"], "2x\n" * 4),
    "plot": (["plot", "x^2"], None),
    "lesson": (["lesson", "1", "--no-pause", "-f", "text"], None),
}


@pytest.mark.parametrize("seconds", ["1e10", "1e308", "inf", "1e400"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_timeout_past_the_clock_is_no_limit(command, seconds):
    args, stdin = RUNS[command]
    result = run(*args, "--timeout", seconds, input=stdin)
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output and "Overflow" not in result.output
    assert result.stdout


@pytest.mark.parametrize(
    ("seconds", "said"), [("-1", "must be at least 0"), ("soon", "not a number")]
)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_timeout_that_is_no_time_is_refused_in_one_line(command, seconds, said):
    args, stdin = RUNS[command]
    result = run(*args, "--timeout", seconds, input=stdin)
    assert result.exit_code == 2
    assert result.stderr == f"error: --timeout {seconds}: {said}\n"


@pytest.mark.parametrize("seconds", [1e10, 1e308, float("inf")])
def test_a_budget_past_the_clock_runs_without_a_timer(seconds):
    import signal

    from chainrule.budget import LONGEST, within

    assert seconds > LONGEST
    with within(seconds):
        if hasattr(signal, "getitimer"):
            assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert chainrule.explain("sin(x^2)").derivative == 2 * x * sp.cos(x**2)
