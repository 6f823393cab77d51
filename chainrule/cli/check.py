"""``chainrule check``: is a learner's derivative right, and if not, where and how it went
wrong. Exit status 0 right, 1 wrong, 2 unreadable, 3 cannot tell."""

from __future__ import annotations

from typing import Annotated

import typer

from chainrule.cli import options
from chainrule.cli.explain import Format
from chainrule.cli.running import TIMEOUT


def check(
    function: Annotated[
        str,
        typer.Argument(metavar="FUNCTION", help='The function, e.g. "log(2+cos(x))".'),
    ],
    answer: Annotated[
        str,
        typer.Argument(
            metavar="ANSWER",
            help="Your derivative, or your working as on paper: lines joined by =, "
            'e.g. "1/(2+cos x)*(-sin x) = -sin x/(2+cos x)".',
        ),
    ],
    wrt: options.wrt("Differentiate with respect to NAME, as in explain.") = None,
    order: Annotated[
        int,
        typer.Option(
            "--order",
            metavar="N",
            help="Check the N-th derivative (1 to 5), as the derivative of the one before it.",
        ),
    ] = 1,
    at: Annotated[
        str | None,
        typer.Option(
            metavar="POINT",
            help="Check the derivative at a point, e.g. x=pi/3: ANSWER is h′ there (a number, "
            "exact or a decimal judged to the digits typed), or the tangent line y = ….",
        ),
    ] = None,
    format: options.format_option(
        Format,
        "rich, text, latex, markdown, html, or json (correct, first_wrong, mistake, "
        "expected, explanation, schema).",
    ) = Format.rich,
    standalone: options.Standalone = False,
    timeout: options.Timeout = TIMEOUT,
) -> None:
    """Check ANSWER as the derivative of FUNCTION, line by line, and name the mistake.

    Equal as functions, not as strings: (−sin x)·(2+cos x)^−1 is as right as −sin x/(2+cos x).

    In working joined by =, the first wrong line is named and its mistake found (the README
    lists the ids); a wrong line right after a right one is an algebra slip between the two.

    Exit status: 0 right, 1 wrong, 2 unreadable, 3 cannot tell (the function is real at too
    few points to compare answers there).

    [bold]Examples[/bold]

      chainrule check "log(2+cos(x))" "-sin(x)/(2+cos(x))"

      chainrule check "log(2+cos(x))" "1/(2+cos x) * (-sin x) = 1/(2+cos x)"

      chainrule check "x^2 sin(x)" "2x cos(x)" --format json

      chainrule check "(1+x^2)^6" "6(1+x^2)^5 2x"     (a space multiplies, as on paper)

      chainrule check "sin(x^2)" "2cos(x^2) - 4x^2 sin(x^2)" --order 2

      chainrule check "log(2+cos(x))" "-sqrt(3)/5" --at x=pi/3

      chainrule check "x^2" "y = 2x - 1" --at x=1      (the tangent line there)

      chainrule check "x^2 + y^2 = 25" "-x/y"       (dy/dx, judged on the curve)
    """
    from chainrule.checking import check as run
    from chainrule.cli.output import echo, fail, laid_out
    from chainrule.cli.running import computing
    from chainrule.errors import ChainruleError

    if standalone and format is not Format.latex:
        raise fail(ValueError("--standalone goes with --format latex"))
    with computing(timeout):
        try:
            result = run(function, answer, wrt=wrt, order=order, at=at)
            text = laid_out(result, format.value, standalone=standalone)
        except ChainruleError as error:  # a formula unread, or steps too long to show
            raise fail(error) from None
        if text is not None:
            echo(text, nl=not text.endswith("\n"))
    raise typer.Exit(code={"right": 0, "wrong": 1, "undecided": 3}[result.status])
