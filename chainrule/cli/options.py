"""Options more than one command takes, declared once so their names and help agree."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
