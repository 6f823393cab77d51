"""``chainrule explain``: differentiate a formula and show every step and the rule behind it."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from chainrule.cli import options
from chainrule.cli.running import TIMEOUT
from chainrule.cli.screen import SVG_WIDTH
from chainrule.formats import FORMATS

#: The choices of --format: the formats' own list (``chainrule.formats`` loads no SymPy), less
#: the graph's own "dot".
Format = StrEnum("Format", {name: name for name in FORMATS if name != "dot"})


class Method(StrEnum):
    rules = "rules"
    log = "log"


def explain(
    formula: Annotated[
        str,
        typer.Argument(
            metavar="FORMULA",
            help='The formula to differentiate, e.g. "log(2+cos(x))"; or - to read formulas '
            "from stdin, one per line.",
        ),
    ],
    wrt: options.wrt(
        "Differentiate with respect to NAME; every other symbol is held constant. "
        "Default: x if the formula has it, else its only symbol. Several names (x,y): "
        "each partial derivative in turn, then the gradient."
    ) = None,
    order: Annotated[
        int | None,
        typer.Option(
            "--order",
            metavar="N",
            help="The derivatives up to the N-th (1 to 5), each from the one before it as it "
            "was simplified: h′, h″, h‴, h⁽⁴⁾, h⁽⁵⁾.",
        ),
    ] = None,
    of: Annotated[
        str | None,
        typer.Option(
            "--of",
            metavar="NAME",
            help="For an equation (x^2 + y^2 = 25): the letter that is a function of the "
            "--wrt variable. Default: y.",
        ),
    ] = None,
    method: Annotated[
        Method,
        typer.Option(
            help="rules: the rules of differentiation, each where it applies; log: "
            "logarithmic differentiation of a product or quotient of many factors (ln of both "
            "sides, the log rules, differentiate, multiply back by y).",
        ),
    ] = Method.rules,
    at: Annotated[
        str | None,
        typer.Option(
            metavar="POINT",
            help="The derivative at a point, e.g. x=pi/3: h(a) and h′(a) exactly and as "
            "decimals, the tangent and the normal line. With --wrt x,y: the gradient there "
            "(x=1,y=2); for an equation, the point of the curve (x=3,y=4).",
        ),
    ] = None,
    format: options.format_option(
        Format,
        "rich: the terminal view (plain when piped or under NO_COLOR); text: the same "
        "without colour; latex: a fragment for slides (a whole document with "
        "--standalone); markdown: display math, pandoc turns it into a PDF; html: one "
        "self-contained page that works offline; json: the documented data contract (an "
        "array of them for -).",
    ) = Format.rich,
    standalone: options.Standalone = False,
    svg: options.svg(SVG_WIDTH) = None,
    timeout: options.Timeout = TIMEOUT,
) -> None:
    """Differentiate FORMULA and show every step with the rule behind it.

    Each chain is split as h = f∘g: outer f(u), inner g(x), their derivatives, their product.

    Every step is checked against SymPy, and the output says so.

    With - for FORMULA, each line of stdin is a formula; blank lines and # comments are skipped.

    A line that is not a formula is reported on stderr, the rest explained; the exit status is 2.

    [bold]Examples[/bold]

      chainrule explain "log(2+cos(x))"

      chainrule explain "y = x^2 - sec(x) + 1"   (the book's form: the answer reads dy/dx)

      chainrule explain "x^2 y + sin(x y)" --wrt y

      chainrule explain "sin(x^2)" --order 2     h′ and h″

      chainrule explain "log(2+cos(x))" --at x=pi/3   the tangent line there

      chainrule explain "x^2 y + sin(x y)" --wrt x,y   the gradient ∇f

      chainrule explain "x^2 + y^2 = 25" --at x=3,y=4   implicitly: dy/dx = −x/y

      chainrule explain "x sqrt(2x+1)/(e^x sin(x)^3)" --method log

      chainrule explain "sigmoid(w*x + b)" --wrt w --format latex

      chainrule explain "log(sin(x^2))" --svg chain.svg

      chainrule explain - < exercises.txt

      chainrule explain "-x^2"                 (a leading minus is the formula's)
    """
    from chainrule.cli.screen import explain_all

    explain_all(
        formula,
        wrt=wrt,
        format=format.value,
        standalone=standalone,
        svg=svg,
        timeout=timeout,
        order=order,
        at=at,
        of=of,
        method=method.value,
    )
