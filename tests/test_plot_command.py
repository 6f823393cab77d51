"""``chainrule plot``: what it draws, the figure files it writes, and every way of asking wrongly,
each refused in one line with exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

import chainrule
from chainrule.cli.app import app

runner = CliRunner()
ENV = {"COLUMNS": "80", "NO_COLOR": "1"}


def cli(*args: str):
    return runner.invoke(app, ["plot", *args], env=ENV)


def test_it_draws_what_the_library_draws():
    result = cli("log(2+cos(x))")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == chainrule.plot("log(2+cos(x))").lines(80)
    assert result.stderr == ""


def test_the_legend_says_which_mark_is_which():
    out = cli("log(2+cos(x))").stdout.splitlines()
    assert "      * h(x) = ln(2 + cos(x))" in out
    assert "      + h′(x) = −sin(x)/(2 + cos(x))" in out
    assert out[0] == "h(x) and its derivative h′(x), for −2π ≤ x ≤ 2π"


def test_parts_draws_the_outer_and_the_inner_function():
    result = cli("log(2+cos(x))", "--parts")
    assert result.exit_code == 0, result.stderr
    out = result.stdout.splitlines()
    assert "      o f(u) = ln(u)" in out and "      # g(x) = 2 + cos(x)" in out
    assert any(line.startswith("h = f∘g") for line in out)
    area = [line for line in out if "┤" in line or "│" in line]
    assert any("o" in line for line in area) and any("#" in line for line in area)


def test_parts_of_a_formula_that_is_no_chain_is_one_line_and_h_and_h_prime():
    result = cli("x^2 + sin(x)", "--parts")
    assert result.exit_code == 0
    first, blank, title = result.stdout.splitlines()[:3]
    assert "is a sum, not a chain f(g(x)): only h and h′ are drawn" in first
    assert blank == "" and title.startswith("h(x) and its derivative")
    assert "f(u)" not in result.stdout


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (["-x^2"], "for −2π ≤ x ≤ 2π"),  # a leading minus is the formula's
        (["x^2", "--range", "-6", "6"], "for −6 ≤ x ≤ 6"),
        (["x^2", "-r", "-pi/2", "pi"], "for −π/2 ≤ x ≤ π"),
        (["sin(t)"], "h(t) and its derivative h′(t)"),
        (["x^2 y", "--wrt", "y", "--at", "x=3"], "for −2π ≤ y ≤ 2π, x = 3"),
        (["sin(a x)", "--at", "a=1/2"], "a = 0.5"),
    ],
)
def test_options(args, title):
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert title in result.stdout.splitlines()[0]


@pytest.mark.parametrize("formula", ["1/x", "ln(x)", "tan(x)", "sqrt(x)", "asin(x)"])
def test_poles_and_domains_are_drawn_without_error(formula):
    result = cli(formula)
    assert result.exit_code == 0, result.stderr
    assert "┤" in result.stdout and "* h(x)" in result.stdout


# A figure file


@pytest.mark.parametrize(
    ("suffix", "looks_right"),
    [
        (".png", lambda data: data.startswith(b"\x89PNG\r\n\x1a\n")),
        (".pdf", lambda data: data.startswith(b"%PDF")),
        # matplotlib writes an XML declaration first: the document's root is what says SVG.
        (".svg", lambda data: ET.fromstring(data).tag == "{http://www.w3.org/2000/svg}svg"),
    ],
)
def test_output_writes_the_figure_its_suffix_names(tmp_path, suffix, looks_right):
    pytest.importorskip("matplotlib")
    path = tmp_path / f"h{suffix}"
    result = cli("log(2+cos(x))", "--parts", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    assert looks_right(path.read_bytes())
    assert result.stderr == f"figure written to {path}\n"
    assert "* h(x)" in result.stdout  # the terminal still shows the curves
    assert os.listdir(tmp_path) == [path.name]  # nothing else written


def test_a_figure_suffix_that_is_not_png_svg_or_pdf_is_refused(tmp_path):
    path = tmp_path / "h.jpg"
    result = cli("x^2", "-o", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot write") and ".png, .svg or .pdf" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert not path.exists()


def test_a_missing_matplotlib_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    result = cli("x^2", "-o", str(tmp_path / "h.png"))
    assert result.exit_code == 2
    assert 'pip install "chainrule[plot]"' in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert os.listdir(tmp_path) == []


# Asked wrongly: one line, exit status 2, no traceback


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x^2", "--range", "6", "-6"], "−6 is empty"),
        (["x^2", "--range", "1", "1"], "1 to 1 is empty"),
        (["x^2", "--range", "a", "2"], "'a' is not a number"),
        (["x^2", "--range", "1", "two"], "'two' is not a number"),
        (["x^2", "--range", "0", "nan"], "'nan' is not a number"),
        (["x^2", "--range", "0", "1e999"], "too large"),
        (["sin(a x)"], "give a a value (--at a=2"),
        (["sin(a x)", "--at", "b=2"], "the formula has no b"),
        (["sin(a x)", "--at", "a=two"], "'two' is not a number"),
        (["f(x)"], "cannot draw f"),
    ],
)
def test_bad_input_is_one_line(args, message):
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_an_unparsable_formula_is_marked_where_it_goes_wrong():
    result = cli("log(2+cos(x)")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "log(2+cos(x)",
        "            ^ missing ')' to close the '(' at column 4",
    ]
    assert "Traceback" not in result.stderr and result.stdout == ""


# Any console, and --help


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LC_", "PYTHONIOENCODING", "PYTHONUTF8")) and k != "LANG"
    }
    return subprocess.run(
        [sys.executable, "-m", "chainrule", *args],
        env={**keep, "COLUMNS": "80", **env},
        capture_output=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "console", [{"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C"}], ids=["ascii", "C"]
)
def test_an_ascii_console_gets_an_ascii_chart(console):
    done = _run("plot", "tan(x)", "--parts", **console)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("ascii")  # strict: every byte is ASCII
    assert "* h(x) = tan(x)" in out and "+ h'(x) = sec^2(x)" in out
    assert "-2*pi" in out and "tan(x) is a function of x itself" in out
    assert done.stderr == b""


def test_plot_help_does_not_import_sympy():
    probe = (
        "import sys\n"
        "from chainrule.cli.app import main\n"
        "sys.argv = ['chainrule', 'plot', '-h']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('SYMPY' if 'sympy' in sys.modules else 'CLEAN')\n"
        "print('MATPLOTLIB' if 'matplotlib' in sys.modules else 'CLEAN')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-2:] == ["CLEAN", "CLEAN"], done.stderr


def test_help_lists_the_command_and_its_examples():
    assert "plot" in runner.invoke(app, ["--help"], env=ENV).stdout
    text = runner.invoke(app, ["plot", "--help"], env=ENV).stdout
    assert "Examples" in text and 'chainrule plot "tan(x)"' in text


def test_the_cli_default_range_mirrors_the_library():
    from chainrule.cli import plot as plot_cmd
    from chainrule.graphing.reading import DEFAULT_RANGE

    assert plot_cmd.DEFAULT_RANGE == DEFAULT_RANGE
