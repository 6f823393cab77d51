"""``chainrule lesson``: the lessons listed, or one run in the terminal or handed out."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from chainrule.cli import options
from chainrule.cli.running import TIMEOUT


class Handout(StrEnum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    html = "html"
    latex = "latex"


def lesson(
    number: Annotated[
        int | None,
        typer.Argument(metavar="N", help="The lesson to run; without N, the list."),
    ] = None,
    no_pause: Annotated[
        bool, typer.Option("--no-pause", help="Print the lesson whole, without waiting.")
    ] = False,
    format: Annotated[
        Handout,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="rich: run it in the terminal; text, markdown, html, latex: a handout on "
            "stdout, exercises included.",
        ),
    ] = Handout.rich,
    answers: Annotated[
        bool, typer.Option("--answers", help="With a handout: the exercises' answers too.")
    ] = False,
    standalone: options.Standalone = False,
    timeout: options.TimeoutPerAnswer = TIMEOUT,
) -> None:
    """Run lesson N: a short explanation, the tool's live output, and exercises to try.

    In a terminal the lesson waits after each section: Enter goes on, b goes back, q quits.
    Exercises are judged as chainrule check judges them: ? gives a hint, ?? the worked steps,
    and the score counts answers given after help apart from those given without.

    [bold]Examples[/bold]

      chainrule lesson                                   the lessons, with titles

      chainrule lesson 2                                 the chain rule, on the projector

      chainrule lesson 2 --format html > lesson2.html    a page to hand out

      chainrule lesson 2 -f markdown --answers > key.md  with the answer key
    """
    from chainrule.cli.output import echo, fail, shown
    from chainrule.cli.running import computing
    from chainrule.errors import ChainruleError
    from chainrule.teaching import entries, load
    from chainrule.teaching.runner import present

    if number is None:
        for entry in entries():
            echo(f"{entry.number:>2}  {entry.title}")
        echo("\nRun one with: chainrule lesson N")
        return
    if standalone and format is not Handout.latex:
        raise fail(ValueError("--standalone goes with --format latex"))
    if answers and format is Handout.rich:
        raise fail(ValueError("--answers goes with a handout: --format markdown, html, …"))
    try:
        with computing(timeout):
            text = present(
                load(number),
                format=format.value,
                pause=not no_pause,
                answers=answers,
                standalone=standalone,
            )
    except ChainruleError as error:
        raise fail(error) from None
    if text is not None:
        echo(shown(text, format.value), nl=not text.endswith("\n"))
