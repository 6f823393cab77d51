"""``chainrule serve`` through typer's CliRunner: without the web extra it says how to get
it; with it, the address (and for a classroom, the one to give out and a warning)."""

import subprocess
import sys
from importlib import util

import pytest
from typer.testing import CliRunner

from chainrule.cli.commands import app


def _serve(*args, **env):
    return CliRunner().invoke(app, ["serve", *args], env={"COLUMNS": "80", **env})


def test_without_the_web_extra_serve_says_how_to_install_it(monkeypatch):
    real = util.find_spec
    monkeypatch.setattr(
        util, "find_spec", lambda name, *a: None if name == "starlette" else real(name, *a)
    )
    result = _serve()
    assert result.exit_code == 2
    assert 'pip install "chainrule[web]"' in result.stderr
    assert result.stdout == ""


def test_help_names_the_options():
    result = _serve("--help")
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers", "--open", "--timeout"):
        assert option in result.stdout


def test_the_command_list_and_its_help_import_neither_the_web_stack_nor_sympy():
    code = (
        "import sys\n"
        "from chainrule.cli.commands import app\n"
        "from chainrule.cli import serve\n"
        "print(sorted(m for m in ('sympy', 'starlette', 'uvicorn') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.fixture
def served(monkeypatch):
    pytest.importorskip("uvicorn")
    pytest.importorskip("starlette")
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    return calls


def test_serve_binds_to_this_computer_by_default(served):
    result = _serve("--port", "8123")
    assert result.exit_code == 0, result.output
    assert served == [
        {"host": "127.0.0.1", "port": 8123, "log_level": "warning", "access_log": False}
    ]
    assert "http://127.0.0.1:8123/" in result.stdout
    assert "warning" not in result.stderr


def test_a_classroom_address_is_given_out_with_a_warning(served):
    result = _serve("--host", "0.0.0.0", "--workers", "3")
    assert result.exit_code == 0, result.output
    assert served[0]["host"] == "0.0.0.0"
    assert "Give out: http://" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "anyone" in warnings[0]


@pytest.mark.parametrize("args", [["--port", "70000"], ["--workers", "0"], ["--timeout", "0"]])
def test_bad_options_are_refused(args):
    assert _serve(*args).exit_code == 2
