"""Options more than one command takes, declared once so their names and help agree."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

Timeout = Annotated[
    float,
    typer.Option(
        "--timeout",
        metavar="SECONDS",
        min=0,
        help="Give up after SECONDS, with a one-line message (exit status 2); 0, or more than "
        "the clock holds (1e308, inf): no limit.",
    ),
]

#: --timeout for a command that waits for the learner: the waiting is not counted.
TimeoutPerAnswer = Annotated[
    float,
    typer.Option(
        "--timeout",
        metavar="SECONDS",
        min=0,
        help="Give up on any one computation (judging an answer, showing the steps) after "
        "SECONDS; the time you take to answer is not counted. 0, or more than the clock holds "
        "(1e308, inf): no limit.",
    ),
]

Standalone = Annotated[
    bool,
    typer.Option(
        "--standalone", help="With --format latex, a whole document that pdflatex compiles."
    ),
]


def svg(columns: int):
    """--svg FILE: the terminal view, drawn ``columns`` wide, saved as an image."""
    return Annotated[
        Path | None,
        typer.Option(
            "--svg",
            metavar="FILE",
            dir_okay=False,
            help=f"Also save the terminal view as an SVG image ({columns} columns) in FILE.",
        ),
    ]


def wrt(help: str):
    """--wrt NAME, -w: the variable, with the command's own words for what it does."""
    return Annotated[str | None, typer.Option("--wrt", "-w", metavar="NAME", help=help)]


def format_option(kind, help: str):
    """--format, -f: one of ``kind`` (an enum of formats), case-insensitive."""
    return Annotated[kind, typer.Option("--format", "-f", case_sensitive=False, help=help)]
