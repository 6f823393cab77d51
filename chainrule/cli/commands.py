"""The typer app: every command of ``chainrule`` and the global options.

Each command lives in its own module beside this one and imports the library inside its body
(at the top only SymPy-free pieces, such as the list of formats), so ``chainrule --help`` never
pays for importing SymPy.
"""

from __future__ import annotations

from typing import Annotated

import typer

from chainrule import __version__
from chainrule.cli import check as check_cmd
from chainrule.cli import explain as explain_cmd
from chainrule.cli import lesson as lesson_cmd
from chainrule.cli import network as network_cmd
from chainrule.cli import plot as plot_cmd
from chainrule.cli import practice as practice_cmd
from chainrule.cli import serve as serve_cmd
from chainrule.cli.output import echo
from chainrule.cli.usage import Command, Group

app = typer.Typer(
    name="chainrule",
    cls=Group,
    help="Differentiation explained step by step, from the chain rule to backpropagation.",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        echo(f"chainrule {__version__}")
        raise typer.Exit()


def _debug(value: bool) -> None:
    if value:
        from chainrule.cli import running

        running.debug = True


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            callback=_debug,
            is_eager=True,
            help="Show the traceback of an internal error (as CHAINRULE_DEBUG=1 does), for a "
            "bug report.",
        ),
    ] = False,
) -> None:
    """Differentiation explained step by step, from the chain rule to backpropagation."""


# A formula may start with a minus ("-x^2"): an unknown option is read as the formula.
_FORMULA_FIRST = {"ignore_unknown_options": True}
app.command("explain", cls=Command, context_settings=_FORMULA_FIRST)(explain_cmd.explain)
app.command("network", cls=Command)(network_cmd.network)
# An answer may start with a minus too ("-sin(x)").
app.command("check", cls=Command, context_settings=_FORMULA_FIRST)(check_cmd.check)
app.command("practice", cls=Command)(practice_cmd.practice)
app.command("plot", cls=Command, context_settings=_FORMULA_FIRST)(plot_cmd.plot)
app.command("lesson", cls=Command)(lesson_cmd.lesson)
app.command("serve", cls=Command)(serve_cmd.serve)
