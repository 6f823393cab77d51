"""The habits of a good command line: formulas from stdin, -h, shell completion, a figure of the
type its suffix names, and every command working on a console without Unicode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from typer.testing import CliRunner

from chainrule import explain
from chainrule.cli.app import app
from chainrule.formats import render

runner = CliRunner()
ENV = {"COLUMNS": "80", "NO_COLOR": "1"}


def cli(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input, env=ENV)


# chainrule explain -


def test_stdin_formulas_are_explained_in_turn_a_blank_line_apart():
    result = cli("explain", "-", "-f", "text", input="# homework 3\nx^2\n\n  sin(x)  \n")
    assert result.exit_code == 0, result.stderr
    first, second = (render(explain(f), "text", width=80) for f in ("x^2", "sin(x)"))
    assert result.stdout == first + "\n" + second
    assert result.stderr == ""


def test_a_bad_line_is_reported_and_the_others_still_run():
    text = "x^2\nlog(2+cos(x)\na*b + c\nsin(x)\n"
    result = cli("explain", "-", "-f", "text", input=text)
    assert result.exit_code == 2
    assert "d/dx x² = 2x" in result.stdout and "d/dx sin(x) = cos(x)" in result.stdout
    lines = result.stderr.splitlines()
    # The caret moves right with the line number, so it still points at the spot.
    assert lines[0] == "line 2: log(2+cos(x)"
    assert lines[1].startswith(" " * (len("line 2: ") + 12) + "^ missing ')'")
    assert lines[2].startswith("error: line 3: ") and "a, b, c" in lines[2]
    assert len(lines) == 3
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("format", ["text", "markdown"])
def test_every_format_reads_stdin(format):
    result = cli("explain", "-", "-f", format, input="x^2\nsin(x)\n")
    assert result.exit_code == 0, result.stderr
    first, second = (render(explain(f), format) for f in ("x^2", "sin(x)"))
    assert result.stdout == first + "\n" + second


@pytest.mark.parametrize(
    ("args", "start", "end"),
    [
        (("-f", "html"), "<!doctype html>", "</html>"),
        (("-f", "latex", "--standalone"), r"\documentclass", r"\end{document}"),
        (("-f", "latex"), "% chainrule: a LaTeX fragment", None),
    ],
)
def test_a_page_or_a_latex_file_from_stdin_is_one_document(args, start, end):
    # Two pages in one stream are no page; pdflatex would stop at the first \end{document}.
    result = cli("explain", "-", *args, input="x^2\nsin(\nlog(2+cos(x))\n")
    assert result.exit_code == 2  # the bad line is reported, the others still shown
    out = result.stdout
    assert out.count(start) == 1 and (end is None or out.count(end) == 1)
    assert out.index("x^{2}" if "latex" in args else "<msup>") < out.index("cos")


def test_the_terminal_view_reads_stdin():
    result = cli("explain", "-", input="x^2\nsin(x)\n")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.index("The derivative of x²") < out.index("\n\nThe derivative of sin(x)")


def test_json_from_stdin_is_one_array_of_the_documents():
    result = cli("explain", "-", "-f", "json", input="x^2\nsin(\nexp(2x)\n")
    assert result.exit_code == 2
    documents = json.loads(result.stdout)
    assert [d["input"] for d in documents] == ["x^2", "exp(2x)"]
    assert documents[0] == json.loads(render(explain("x^2"), "json"))
    assert result.stderr.startswith("line 2: sin(")


def test_json_of_one_formula_is_still_one_document():
    result = cli("explain", "x^2", "-f", "json")
    assert result.stdout == render(explain("x^2"), "json")


def test_wrt_applies_to_every_line():
    result = cli("explain", "-", "--wrt", "y", "-f", "json", input="x*y\ny^2\n")
    assert [d["derivative"] for d in json.loads(result.stdout)] == ["x", "2*y"]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n   \n"])
def test_no_formulas_on_stdin_is_an_error(text):
    result = cli("explain", "-", input=text)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: no formulas on stdin (one per line; lines starting with # are skipped)\n"
    )


def test_stdin_that_is_not_utf8_is_read_in_the_consoles_code_page():
    from types import SimpleNamespace

    from chainrule.cli.output import decoded as _decode

    # x² saved by a Windows editor in cp1252 is not UTF-8.
    assert _decode("x²\n".encode("cp1252"), SimpleNamespace(encoding="cp1252")) == "x²\n"
    assert _decode("σ\n".encode(), SimpleNamespace(encoding="cp1252")) == "σ\n"
    # Bytes no code page reads are a character the parser points at, not a crash.
    result = cli("explain", "-", input=b"x\xff\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("line 1: x")


def test_pasted_unicode_on_stdin():
    result = cli("explain", "-", "-f", "json", input="\ufeff√x\nσ(x)\n".encode())
    assert result.exit_code == 0, result.stderr
    assert [d["derivative"] for d in json.loads(result.stdout)][0] == "1/(2*sqrt(x))"


def test_svg_of_stdin_records_every_explanation(tmp_path):
    target = tmp_path / "all.svg"
    result = cli("explain", "-", "--svg", str(target), "-f", "json", input="x^2\nsin(x)\n")
    assert result.exit_code == 0, result.stderr
    svg = target.read_text("utf-8")
    assert svg.count("Answer") == 2
    assert len(json.loads(result.stdout)) == 2


@pytest.mark.parametrize(
    "args",
    [
        ("-x^2", "-f", "text"),  # a leading minus is a formula, not an unknown option
        ("-f", "text", "-x^2"),
        ("-f", "text", "--", "-x^2"),  # and after -- as anywhere
    ],
)
def test_a_formula_may_start_with_a_minus(args):
    result = cli("explain", *args)
    assert result.exit_code == 0, result.stderr
    assert "d/dx (−x²) = −2x" in result.stdout


def test_a_real_option_is_still_an_option():
    result = cli("explain", "-w", "y", "-y^2", "-f", "text")
    assert result.exit_code == 0 and "with respect to y" in result.stdout


# -h, completion, --help staying quick


@pytest.mark.parametrize("command", [[], ["explain"], ["network"]])
def test_dash_h_is_help(command):
    short, long = cli(*command, "-h"), cli(*command, "--help")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout and "Usage" in short.stdout


def test_shell_completion_can_be_installed():
    help_text = cli("--help").stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text
    script = cli("--show-completion", "bash")
    assert script.exit_code == 0
    assert "_CHAINRULE_COMPLETE" in script.stdout


def test_completion_offers_commands_and_choices():
    env = {**os.environ, "_CHAINRULE_COMPLETE": "complete_bash", "COMP_CWORD": "3"}
    env["COMP_WORDS"] = "chainrule network --cost "
    done = subprocess.run(
        [sys.executable, "-c", "from chainrule.cli.app import app; app(prog_name='chainrule')"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.stdout.split() == ["squared", "cross-entropy"]


@pytest.mark.parametrize("command", ["explain", "network"])
def test_command_help_does_not_import_sympy(command):
    probe = (
        "import sys\n"
        "from chainrule.cli.app import main\n"
        f"sys.argv = ['chainrule', '{command}', '-h']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('SYMPY' if 'sympy' in sys.modules else 'CLEAN')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "CLEAN", done.stderr


# --plot FILE


@pytest.fixture
def no_training(monkeypatch):
    """Training that fails the test: what is refused must be refused before it."""
    from chainrule.network import training

    def train(*args, **kwargs):
        raise AssertionError("trained before refusing")

    monkeypatch.setattr(training, "train", train)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cost.jpg", ".jpg is not a kind of figure chainrule writes; use .png, .svg or .pdf"),
        ("cost", "end the name in .png, .svg or .pdf"),
        ("missing/cost.png", "the folder"),
    ],
)
def test_a_figure_that_cannot_be_written_is_refused_before_training(
    tmp_path, no_training, name, message
):
    result = cli("network", "--train", "--plot", str(tmp_path / name))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: cannot write") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_missing_matplotlib_is_found_before_training(tmp_path, no_training, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = cli("network", "--train", "--plot", str(tmp_path / "cost.png"))
    assert result.exit_code == 2
    assert 'pip install "chainrule[plot]"' in result.stderr


@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_plot_writes_the_type_its_suffix_names(tmp_path, suffix, magic):
    pytest.importorskip("matplotlib")
    target = tmp_path / f"cost{suffix}"
    result = cli("network", "--train", "--steps", "10", "--plot", str(target), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(magic)
    assert result.stderr == f"J over the steps written to {target}\n"


def test_plot_help_names_the_types():
    result = runner.invoke(app, ["network", "--help"], env={"COLUMNS": "200"})
    assert ".png, .svg or .pdf" in result.stdout


def test_the_terminal_plot_says_log_scale_when_j_spans_decades():
    result = cli("network", "--train", "--lr", "2", "--cost", "cross-entropy", "-f", "text")
    assert result.exit_code == 0, result.stderr
    assert "log scale │" in result.stdout


# Any console: real processes, each with its own stdout encoding


CONSOLES = {
    "cp1252": {"PYTHONIOENCODING": "cp1252"},
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "C locale": {"LANG": "C", "LC_ALL": "C"},
}

COMMANDS = {
    "help": (["--help"], ["Usage", "Derive dJ/dw and dJ/db"]),
    "explain help": (["explain", "--help"], ["h = f o g", "Examples"]),
    "network help": (["network", "--help"], ["sigma' cancels: delta2 = yhat - y"]),
    "explain": (["explain", "log(2+cos(x))"], ["d/dx cos(x) = -sin(x)", "+- Answer", "[ok]"]),
    "explain text": (
        ["explain", "log(2+cos(x))", "-f", "text"],
        ["d/dx ln(2 + cos(x)) = (1/(2 + cos(x)))*(-sin(x)) = -sin(x)/(2 + cos(x))"],
    ),
    "network w2": (["network", "--param", "w2"], ["dJ/dw2 = dJ/dyhat * dyhat/dz2 * dz2/dw2"]),
    "network graph": (["network", "--graph"], ["z1 = w1*x + b1", "<-- w1"]),
    "network train": (["network", "--train", "--steps", "5"], ["step", "|####"]),
}


def _environment(console: dict[str, str]) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LC_", "PYTHONIOENCODING", "PYTHONUTF8")) and k != "LANG"
    }
    return {**env, "COLUMNS": "100", **console}


def _run(args: list[str], console: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "chainrule", *args],
        env=_environment(console),
        capture_output=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def runs():
    """Every command on every console, run side by side (each process imports SymPy anew)."""
    jobs = {
        (console, command): (args, CONSOLES[console])
        for console in CONSOLES
        for command, (args, _) in COMMANDS.items()
    }
    jobs[("utf-8", "explain")] = (COMMANDS["explain"][0], {"PYTHONIOENCODING": "utf-8"})
    jobs[("C locale, UTF-8 asked for", "explain")] = (
        COMMANDS["explain"][0],
        {**CONSOLES["C locale"], "PYTHONUTF8": "1"},
    )
    jobs[("ascii", "bad formula")] = (["explain", "√x +"], CONSOLES["ascii"])
    jobs[("ascii", "page")] = (["explain", "sigmoid(x)", "-f", "html"], CONSOLES["ascii"])
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {key: pool.submit(_run, *job) for key, job in jobs.items()}
        return {key: future.result() for key, future in futures.items()}


@pytest.mark.parametrize("console", list(CONSOLES))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_works_on_a_console_without_unicode(runs, console, command):
    done = runs[(console, command)]
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stderr == b""
    encoding = CONSOLES[console].get("PYTHONIOENCODING", "ascii")
    out = done.stdout.decode(encoding)  # strict: every byte is in the console's encoding
    assert out.isascii()
    for spelling in COMMANDS[command][1]:
        assert spelling in out


def test_a_utf8_console_keeps_the_unicode(runs):
    out = runs[("utf-8", "explain")].stdout.decode("utf-8")
    assert "g′(x) = −sin(x)" in out and "╭─ Answer" in out


def test_asking_for_utf8_in_the_c_locale_keeps_the_unicode(runs):
    out = runs[("C locale, UTF-8 asked for", "explain")].stdout.decode("utf-8")
    assert "−sin(x)" in out


def test_the_caret_points_at_the_spelled_spot(runs):
    done = runs[("ascii", "bad formula")]
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode("ascii").splitlines() == [
        "sqrt(x) +",
        "         ^ expected a number, name or '(' after '+'",
    ]


def _boxes(out: str) -> list[list[str]]:
    """The rows of each box drawn with +- and | in ``out``, its top and bottom edges included."""
    boxes: list[list[str]] = []
    inside = False
    for line in out.splitlines():
        if line.startswith("+-"):
            if not inside:
                boxes.append([])
            boxes[-1].append(line)
            inside = not inside
        elif inside:
            boxes[-1].append(line)
    return boxes


@pytest.mark.parametrize("command", ["explain", "explain text"])
def test_boxes_are_laid_out_in_the_spelling_shown(runs, command):
    # ∘ is " o " and ✓ is "[ok]" on an ASCII console: a box is measured after spelling, so its
    # right edge stays straight.
    out = runs[("ascii", command)].stdout.decode("ascii")
    boxes = _boxes(out)
    assert len(boxes) == 2  # the decomposition and the answer
    for box in boxes:
        assert len({len(row) for row in box}) == 1, box


def test_a_page_on_an_ascii_console_keeps_every_character(runs):
    done = runs[("ascii", "page")]
    assert done.returncode == 0
    page = done.stdout.decode("ascii")
    assert "<mi>&#963;</mi>" in page  # σ as a reference a browser reads back, not "sigma"
