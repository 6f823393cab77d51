"""How errors leave the chainrule command: a user error is one clean line and exit status 2 in
every command; an internal error is one line asking for a report (exit status 1), and with
--debug (or CHAINRULE_DEBUG=1) its traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from chainrule.cli.app import app

runner = CliRunner()
ENV = {"COLUMNS": "80", "NO_COLOR": "1"}


@pytest.mark.parametrize(
    "args",
    [
        ["explain", "log(2+cos(x)"],
        ["explain", "a b", "--format", "json"],  # two variables and no x: which one?
        ["explain", "x^2", "--standalone"],
        ["check", "log(2+cos(x))", "-sin(x)/("],
        ["network", "--param", "w9"],
        ["network", "--at", "x=abc"],
        ["network", "--data", "no-such-file.csv", "--train"],
        ["plot", "ln(x", "--range", "1", "2"],
        ["plot", "x^2", "--range", "2", "1"],
        ["plot", "x^2", "-o", "figure.gif"],
        ["practice", "--level", "9"],
        ["lesson", "99"],
        ["explain", "x^2", "--timeout", "never"],
    ],
)
def test_a_user_error_is_one_clean_message_in_every_command(args):
    result = runner.invoke(app, args, env=ENV)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    # Only an exit, never an exception escaping the command.
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.strip()


def _broken_explain(*args: str, **env: str) -> subprocess.CompletedProcess:
    """``chainrule ARGS`` in a fresh process whose explain has a bug."""
    probe = (
        "import sys\n"
        "import chainrule.explaining\n"
        "def broken(*args, **kwargs):\n"
        "    raise RuntimeError('boom')\n"
        "chainrule.explaining.explain = broken\n"
        "from chainrule.cli.app import main\n"
        f"sys.argv = ['chainrule', *{list(args)!r}]\n"
        "main()\n"
    )
    environ = {k: v for k, v in os.environ.items() if k != "CHAINRULE_DEBUG"}
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env={**environ, **env}
    )


@pytest.mark.parametrize("args", [["explain", "x^2"], ["explain", "x^2", "--wrt", "x"]])
def test_an_internal_error_is_one_line_asking_for_a_report(args):
    done = _broken_explain(*args)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert "internal error (RuntimeError: boom)" in line
    assert "--debug" in line and "please report it" in line


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--debug", "explain", "x^2"], {}),
        (["explain", "x^2"], {"CHAINRULE_DEBUG": "1"}),
    ],
)
def test_debug_shows_the_traceback(args, env):
    done = _broken_explain(*args, **env)
    assert done.returncode == 1
    assert "Traceback (most recent call last)" in done.stderr
    assert done.stderr.rstrip().endswith("RuntimeError: boom")


def test_debug_is_a_global_option_in_the_help():
    assert "--debug" in runner.invoke(app, ["--help"], env=ENV).stdout


@pytest.mark.parametrize("args", [["explain", "x^2"], ["explain", "x^2", "-f", "text"]])
def test_a_reader_that_went_away_is_not_an_internal_error(args):
    # `chainrule explain … | head -1`: the reading end of the pipe is closed under the output.
    # (rich, and click for the app, end such a process quietly with status 1.)
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "chainrule", *args], stdout=write, stderr=subprocess.PIPE
        )
    finally:
        os.close(write)
    assert done.returncode == 1
    assert done.stderr == b""
