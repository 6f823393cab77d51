"""The ``chainrule`` command starts here: the console set up, the command line handed to the
typer app (``chainrule.cli.commands``), and how errors leave the process.

Start-up is most of what a one-shot command costs, so this module imports almost nothing:
``chainrule explain FORMULA`` with no options goes straight to its command, without typer
building the app and reading options it was not given; everything else goes through the app.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Entry point of the console script and of ``python -m chainrule``."""
    import gc

    # Importing SymPy builds some fifty thousand objects that live as long as the
    # process; collecting while they are built only scans them again and again. The collector
    # is switched back on when the command starts computing (chainrule.cli.running.settled).
    gc.disable()
    try:
        _run(sys.argv[1:])
    finally:
        gc.enable()


def _run(args: list[str]) -> None:
    from chainrule.cli import running
    from chainrule.cli.output import echo
    from chainrule.encoding import fit_console

    # Before anything is printed: a console without Unicode then gets ASCII spellings, not a
    # UnicodeEncodeError.
    fit_console(sys.stdout, sys.stderr)
    running.debug = bool(os.environ.get("CHAINRULE_DEBUG"))
    try:
        if _one_shot(args):
            _explain(args[1])
        else:
            from chainrule.cli.commands import app

            app()
    except KeyboardInterrupt:
        echo("interrupted", err=True)
        sys.exit(130)
    except OSError as error:
        from chainrule.cli.output import WRITE_ERRORS, cannot_write

        if error.errno not in WRITE_ERRORS or running.debug:
            _internal(error)
        sys.exit(cannot_write(error))
    except Exception as error:
        _internal(error)


def _internal(error: Exception) -> None:
    """Bad input never lands here (commands turn ChainruleError into exit 2); this is a bug in
    chainrule, and a learner should see one line, not a traceback."""
    from chainrule.cli import running
    from chainrule.cli.output import echo

    if running.debug:
        raise error
    echo(
        f"chainrule: internal error ({type(error).__name__}: {error}). This is a bug in"
        " chainrule; run again with --debug to see where, and please report it.",
        err=True,
    )
    sys.exit(1)


def _one_shot(args: list[str]) -> bool:
    """Whether the command line is ``explain FORMULA`` and nothing else: every option left at
    its default, so the command can be called as a function. A FORMULA starting with - (an
    option, -h, stdin, a formula such as -x^2) goes through the app, and so does a shell
    asking for completions."""
    return (
        len(args) == 2
        and args[0] == "explain"
        and not args[1].startswith("-")
        and "_CHAINRULE_COMPLETE" not in os.environ
    )


def _explain(formula: str) -> None:
    """``chainrule explain FORMULA``: what the app would run, with every option's default."""
    from chainrule.cli.screen import explain_all

    explain_all(formula)


def __getattr__(name: str):
    # The typer app, built on first use: tests and `chainrule.cli.app.app` reach it here.
    if name == "app":
        from chainrule.cli.commands import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
