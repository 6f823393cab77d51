"""``chainrule network --check NAME ANSWER``: a learner's gradient or δ judged, for the course's
network or any shape. Thin: read the options, call ``chainrule.checking.network``, lay it out."""

from __future__ import annotations

import typer


def checked(typed, check, cost, activation, shape, layers, fmt, standalone, timeout) -> None:
    """``--check NAME ANSWER``: the verdict in ``fmt``, then exit 0 (right) or 1 (wrong)."""
    from chainrule.cli.output import echo, fail
    from chainrule.cli.running import computed
    from chainrule.errors import ChainruleError

    others = {"at", "train", "graph", "param", "data", "plot", "steps", "seed", "lr", "svg"}
    given = sorted(n for n in typed & others)
    if given:
        raise fail(ValueError(f"--check goes alone: leave out --{given[0]}"))
    name, answer = check

    def run():
        from chainrule.checking.network import judge
        from chainrule.checking.network_course import course_target
        from chainrule.cli import network_shape
        from chainrule.cli.output import laid_out
        from chainrule.network import Network

        layered = network_shape.chosen_shape(shape, activation, cost, layers, typed)
        if layered is not None:
            from chainrule.checking.network_layered import layered_target

            target = layered_target(layered, name)
        else:
            n = network_shape.course_layers(shape, layers)
            target = course_target(Network(layers=n, cost=cost, activation=activation))
        result = judge(target, name, answer)
        return result.status, laid_out(result, fmt, standalone=standalone)

    try:
        status, output = computed(timeout, run)
    except ChainruleError as error:
        raise fail(error) from None
    if output is not None:
        echo(output, nl=False)
    raise typer.Exit(code={"right": 0, "wrong": 1, "undecided": 3}[status])
