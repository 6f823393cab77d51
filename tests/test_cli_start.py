"""How the chainrule command starts: ``chainrule explain FORMULA`` alone goes straight to its
work without typer, and shows exactly what the app shows; everything else goes through the app.
(How long start-up takes is measured by bench/run.py, not asserted here.)"""

from __future__ import annotations

import enum
import gc
import inspect
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from chainrule.cli import app as start
from chainrule.cli.explain import explain
from chainrule.cli.screen import explain_all

ENV = {"COLUMNS": "80", "NO_COLOR": "1"}


@pytest.mark.parametrize(
    ("args", "short"),
    [
        (["explain", "log(2+cos(x))"], True),
        (["explain", "x^2 y + sin(x y)"], True),
        (["explain", "-x^2"], False),  # a leading minus: the app reads it
        (["explain", "-"], False),  # stdin
        (["explain", "--help"], False),
        (["explain", "x^2", "--wrt", "x"], False),
        (["explain"], False),
        (["check", "x^2", "2x"], False),
        (["--debug", "explain", "x^2"], False),
        ([], False),
    ],
)
def test_only_explain_formula_alone_takes_the_short_way(args, short):
    assert start._one_shot(args) is short


def test_a_shell_asking_for_completions_goes_through_the_app(monkeypatch):
    monkeypatch.setenv("_CHAINRULE_COMPLETE", "bash_complete")
    assert not start._one_shot(["explain", "x^2"])


def test_the_short_way_uses_the_commands_own_defaults():
    def defaults(function) -> dict:
        return {
            name: p.default.value if isinstance(p.default, enum.Enum) else p.default
            for name, p in inspect.signature(function).parameters.items()
            if p.default is not inspect.Parameter.empty
        }

    assert defaults(explain_all) == defaults(explain)


def _process(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "chainrule", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **ENV},
    )


@pytest.mark.parametrize("formula", ["log(2+cos(x))", "sigmoid(w*x + b)", "log(2+cos(x)"])
def test_the_short_way_shows_what_the_app_shows(formula):
    from chainrule.cli.app import app

    short = _process("explain", formula)
    long = CliRunner().invoke(app, ["explain", formula], env=ENV)
    assert (short.returncode, short.stdout, short.stderr) == (
        long.exit_code,
        long.stdout,
        long.stderr,
    )


def test_the_short_way_loads_neither_typer_nor_pydantic():
    probe = (
        "import io, sys, contextlib\n"
        "from chainrule.cli.app import main\n"
        "sys.argv = ['chainrule', 'explain', 'x^2']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main()\n"
        "print(sorted(m for m in ('typer', 'click', 'pydantic') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_main_leaves_the_garbage_collector_on(monkeypatch, capsys):
    # main switches the collector off while the command starts up; a caller gets it back on.
    monkeypatch.setattr(sys, "argv", ["chainrule", "--version"])
    with pytest.raises(SystemExit):
        start.main()
    assert gc.isenabled()
