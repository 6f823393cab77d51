"""The package as a whole: how it is started, what it imports, what it never does."""

import ast
import pathlib
import subprocess
import sys

from typer.testing import CliRunner

import chainrule
from chainrule.cli.app import app

PACKAGE = pathlib.Path(chainrule.__file__).parent
#: The checkout the tests run from: CI installs the package into site-packages, away from it.
REPO = pathlib.Path(__file__).resolve().parent.parent
# Calls that would run or interpret text as code. The parser must build every tree itself.
FORBIDDEN_NAMES = {"eval", "exec", "compile", "sympify", "parse_expr", "S", "__import__"}
# As methods too (builtins.eval, sympy.sympify, sympy.S(...)); re.compile is harmless.
FORBIDDEN_METHODS = FORBIDDEN_NAMES - {"compile"}


def test_version_option():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"chainrule {chainrule.__version__}"


def test_python_dash_m_runs_the_same_cli():
    done = subprocess.run(
        [sys.executable, "-m", "chainrule", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"chainrule {chainrule.__version__}"


def test_help_does_not_import_sympy():
    # --help must stay quick: SymPy costs most of a second to import.
    probe = (
        "import sys\n"
        "from chainrule.cli.app import main\n"
        "sys.argv = ['chainrule', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('SYMPY' if 'sympy' in sys.modules else 'CLEAN')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "CLEAN", done.stderr


def test_every_public_name_resolves():
    for name in chainrule.__all__:
        assert getattr(chainrule, name) is not None


def test_unknown_attribute_is_an_attribute_error():
    try:
        chainrule.no_such_thing  # noqa: B018
    except AttributeError as error:
        assert "no_such_thing" in str(error)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")


def _called_names(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_NAMES:
                yield func.id, node.lineno
            elif isinstance(func, ast.Attribute) and func.attr in FORBIDDEN_METHODS:
                yield func.attr, node.lineno


def test_no_module_evaluates_text():
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line} calls {name}()"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name, line in _called_names(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []


def test_the_static_check_would_see_an_offender():
    sample = ast.parse("import re, sympy\nsympy.sympify(t)\neval(t)\nre.compile(t)\nsympy.S(t)\n")
    assert {name for name, _ in _called_names(sample)} == {"sympify", "eval", "S"}


def test_an_internal_error_is_one_line_not_a_traceback(monkeypatch, capsys):
    import chainrule.explaining
    from chainrule.cli.app import main

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(chainrule.explaining, "explain", broken)
    monkeypatch.setattr(sys, "argv", ["chainrule", "explain", "x^2"])
    monkeypatch.delenv("CHAINRULE_DEBUG", raising=False)
    try:
        main()
    except SystemExit as done:
        assert done.code == 1
    else:  # pragma: no cover
        raise AssertionError("expected exit status 1")
    err = capsys.readouterr().err
    assert "internal error (RuntimeError: boom)" in err
    assert "Traceback" not in err


def _floors(extra: str | None = "test") -> dict[str, str]:
    """{package: floor} of the runtime dependencies, and of ``extra``, from pyproject.toml."""
    import re
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    declared = list(project["project"]["dependencies"])
    if extra:
        declared += project["project"]["optional-dependencies"][extra]
    floors = {}
    for requirement in declared:
        # A ceiling only where the code leans on a minor release's classes (typer).
        match = re.fullmatch(r"([A-Za-z][\w.-]*)>=(\d+(?:\.\d+)*)(?:,<\d+(?:\.\d+)*)?", requirement)
        assert match, f"{requirement!r} is not NAME>=FLOOR or NAME>=FLOOR,<CEILING"
        floors[match[1].lower()] = match[2]
    return floors


def test_every_dependency_has_a_floor_the_readme_explains():
    floors = _floors()
    assert {"sympy", "rich", "typer"} <= floors.keys()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Dependencies, and why", 1)[1].split("\n## ", 1)[0]
    for name in ("sympy", "rich", "typer"):
        row = next(line for line in table.splitlines() if line.lower().startswith(f"| {name}"))
        assert f"| {floors[name]} |" in row, row


def test_the_installed_runtime_dependencies_meet_their_floors():
    from importlib.metadata import version

    def numbers(text: str) -> tuple[int, ...]:
        return tuple(int(part) for part in text.split(".")[:3] if part.isdigit())

    for name, floor in _floors(extra=None).items():
        assert numbers(version(name)) >= numbers(floor), (name, version(name), floor)
