"""``chainrule explain``: differentiate a formula and show every step and the rule behind it."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from chainrule.render import FORMATS

#: The choices of --format: the renderers' own list (``chainrule.render`` loads no SymPy).
Format = StrEnum("Format", {name: name for name in FORMATS})


#: The SVG is drawn at a fixed width so it looks the same on every slide.
SVG_WIDTH = 80


def explain(
    formula: Annotated[
        str, typer.Argument(help='The formula to differentiate, e.g. "log(2+cos(x))".')
    ],
    wrt: Annotated[
        str | None,
        typer.Option(
            "--wrt",
            "-w",
            metavar="NAME",
            help="Differentiate with respect to NAME; every other symbol is held constant. "
            "Default: x if the formula has it, else its only symbol.",
        ),
    ] = None,
    format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="rich: the terminal view (plain when piped or under NO_COLOR); text: the same "
            "without colour; latex: an align* fragment for slides; markdown: math in $…$; "
            "json: the documented data contract.",
        ),
    ] = Format.rich,
    svg: Annotated[
        Path | None,
        typer.Option(
            "--svg",
            metavar="FILE",
            dir_okay=False,
            help=f"Also save the terminal view as an SVG image ({SVG_WIDTH} columns) in FILE.",
        ),
    ] = None,
) -> None:
    """Differentiate FORMULA and show every step with the rule behind it.

    Each chain is split as h = f∘g: outer f(u), inner g(x), their derivatives, their product.

    Every step is checked against SymPy, and the output says so.

    [bold]Examples[/bold]

      chainrule explain "log(2+cos(x))"

      chainrule explain "x^2 y + sin(x y)" --wrt y

      chainrule explain "sigmoid(w*x + b)" --wrt w --format latex

      chainrule explain "log(sin(x^2))" --svg chain.svg
    """
    # Imported here so that `chainrule --help` does not load SymPy.
    from chainrule.cli.app import fail
    from chainrule.errors import ChainruleError
    from chainrule.explaining import explain as run

    try:
        explanation = run(formula, wrt=wrt)
    except ChainruleError as error:
        raise fail(error) from None

    if format is Format.rich or svg is not None:
        _show_rich(explanation, svg, show=format is Format.rich)
    if format is not Format.rich:
        import shutil

        from chainrule.render import render

        width = shutil.get_terminal_size((80, 24)).columns
        typer.echo(render(explanation, format.value, width=width), nl=False)


def _show_rich(explanation, svg: Path | None, show: bool) -> None:
    """Print the terminal view (when ``show``) and save it as an SVG (when ``svg``)."""
    import io

    from rich.console import Console

    from chainrule.cli.app import fail
    from chainrule.render.terminal import renderable

    if svg is None:
        Console(highlight=False).print(renderable(explanation))
        return
    if not svg.parent.is_dir():
        # Refuse before printing anything, so a typo in the path does not cost the output.
        raise fail(OSError(f"cannot write {svg}: no directory {svg.parent}"))
    # One fixed-width console draws both the screen and the SVG, so the image is what was shown.
    console = Console(
        width=SVG_WIDTH, record=True, highlight=False, file=None if show else io.StringIO()
    )
    console.print(renderable(explanation))
    try:
        console.save_svg(str(svg), title="chainrule explain")
    except OSError as error:
        raise fail(OSError(f"cannot write {svg}: {error.strerror or error}")) from None
