"""``chainrule explain``: parse a formula and show its derivative step by step."""

from __future__ import annotations

from typing import Annotated

import typer


def explain(
    formula: Annotated[str, typer.Argument(help='The formula, e.g. "log(2+cos(x))".')],
) -> None:
    """Differentiate FORMULA and show every step and the rule behind it."""
    from chainrule.cli.app import fail
    from chainrule.errors import ChainruleError
    from chainrule.parsing import parse

    try:
        expr = parse(formula)
    except ChainruleError as error:
        raise fail(error) from None
    typer.echo(str(expr))
