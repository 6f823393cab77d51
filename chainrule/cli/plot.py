"""``chainrule plot``: a function and its derivative drawn in the terminal, or in a figure file."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Annotated

import typer

from chainrule.cli import options
from chainrule.cli.running import TIMEOUT

#: Mirror of ``chainrule.graphing.reading.DEFAULT_RANGE``, kept here so --help never imports
#: SymPy; a test checks that the two agree. Without --range, the library may choose another
#: from the function's shape (``chainrule.graphing.shape``).
DEFAULT_RANGE = ("-2pi", "2pi")

_EXAMPLES = """

[bold]Examples[/bold]

  chainrule plot "log(2+cos(x))" --parts   also f(u) = ln u, g(x) = 2 + cos x

  chainrule plot "tan(x)"                  broken at each pole, never joined

  chainrule plot "ln(x)" --range -1 5      nothing where x ≤ 0

  chainrule plot "asin(x)" --range -1 1

  chainrule plot "sin(a x)" --at a=2       other symbols need a value

  chainrule plot "log(2+cos(x))" --at x=pi/3   with the tangent line at π/3

  chainrule plot "x^2 e^(-x)" -o h.png     also a figure (.png, .svg, .pdf)

  chainrule plot "-x^2"                    (a leading minus is the formula's)
"""


def plot(
    function: Annotated[
        str,
        typer.Argument(metavar="FUNCTION", help='The function h to draw, e.g. "log(2+cos(x))".'),
    ],
    parts: Annotated[
        bool,
        typer.Option(
            "--parts",
            help="Also draw the chain's outer f(u) and inner g(x), for h = f(g(x)) (a formula "
            "that is not a chain is said so, and h and h′ drawn alone).",
        ),
    ] = False,
    range_: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--range",
            "-r",
            metavar="LOW HIGH",
            help="Draw from LOW to HIGH along the axis: numbers, or such as -2pi 2pi or -pi/2 "
            "pi/2. Default: -2pi 2pi, unless that would draw the function's shape flat or "
            "leave it out; then a range around where h turns, bends, crosses 0 or breaks "
            "(x^2 e^(-x): -0.6 to 6.5).",
        ),
    ] = None,
    wrt: options.wrt(
        "The variable along the axis. Default: x if the formula has it, else its only symbol."
    ) = None,
    at: Annotated[
        str | None,
        typer.Option(
            metavar="NAME=NUMBER,…",
            help="Values for the formula's other symbols, e.g. a=2,b=1/2: a plot is of a formula "
            "in one variable. A value for the variable itself (x=pi/3) draws the tangent line "
            "there.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="Also write the curves to FILE as a figure: .png, .svg or .pdf, by the suffix "
            '(needs matplotlib: pip install "chainrule\\[plot]").',
        ),
    ] = None,
    timeout: options.Timeout = TIMEOUT,
) -> None:
    """Draw FUNCTION h and its derivative h′ in the terminal.

    h′ is the derivative chainrule explain derives and checks against SymPy.

    Where h is undefined (ln x for x ≤ 0) nothing is drawn; a curve breaks at a pole (tan x at π/2).
    """
    # Imported here so that `chainrule --help` does not load SymPy.
    from chainrule.cli.output import echo, fail
    from chainrule.cli.running import computing
    from chainrule.errors import ChainruleError
    from chainrule.graphing import plot as sketch_of

    with computing(timeout):
        try:
            if output is not None:
                from chainrule.plotting import check_figure_path

                check_figure_path(output)  # a wrong suffix or no matplotlib: say so first
            sketch = sketch_of(function, wrt=wrt, at=at, parts=parts, range=range_)
            if output is not None:
                sketch.save(output)
        except ChainruleError as error:
            raise fail(error) from None
        from rich.console import Console

        Console(highlight=False).print(sketch)
    if output is not None:
        echo(f"figure written to {output}", err=True)


# Dedented first: the examples are indented by two spaces, the docstring's body by four.
plot.__doc__ = inspect.cleandoc(plot.__doc__ or "") + _EXAMPLES
