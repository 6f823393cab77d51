"""``chainrule network``: the course's network, or a network of any small shape (``--shape``,
glue in ``cli.network_shape``), its gradient by the chain rule, and training."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from chainrule.cli import options
from chainrule.cli.running import TIMEOUT
from chainrule.formats import FORMATS

# Mirrors of chainrule.network.model / numbers / training values, kept here so --help never imports
# SymPy; tests check that the two agree.
DEFAULT_LR = 0.5
DEFAULT_STEPS = 200
DEFAULT_SEED = 0
MAX_LAYERS = 50
MAX_ROWS = 10_000

#: The SVG is drawn at a fixed width so it looks the same on every slide (the network's views
#: are wider than an explanation's).
SVG_WIDTH = 100


class Cost(StrEnum):
    squared = "squared"
    cross_entropy = "cross-entropy"


#: The choices of --format: the formats' own list (that module loads no SymPy).
Format = StrEnum("Format", {name: name for name in FORMATS})


_EXAMPLES = """

[bold]Examples[/bold]

  chainrule network --param w2              ∂J/∂w2, link by link

  chainrule network                         all four, by backpropagation

  chainrule network --cost cross-entropy    σ′ cancels: δ2 = ŷ − y

  chainrule network --at x=0.5,y=1,w1=0.3   numbers and one update

  chainrule network --train --steps 500     gradient descent

  chainrule network --train --data xy.csv   … on x,y rows

  chainrule network --graph -f dot | dot -Tpng > graph.png

  chainrule network --layers 5 -f json      a deeper chain, as data

  chainrule network --shape 2-3-1 --param "w1[2,1]"    every path, their sum, δ

  chainrule network --shape 2-3-1           backpropagation, index and matrix form

  chainrule network --shape 2-3-2 --activation tanh,softmax --cost cross-entropy

  chainrule network --shape 2-2-1 --activation tanh,sigmoid --cost cross-entropy
  --train --data xor                        XOR, trained

  chainrule network --shape 2-2-1 --graph --param "w1[1,2]" -f dot

  chainrule network --check w2 "delta2*a1"      is your ∂J/∂w2 right?

  chainrule network --shape 2-2-1 --check "w1[1,2]" "delta1[1]*x2"

[bold]Defaults[/bold] for names that --at leaves out: x = 0.5, y = 1, every weight 0.5,
every bias 0.
"""


def network(
    ctx: typer.Context,
    param: Annotated[
        str,
        typer.Option(
            "--param",
            "-p",
            metavar="NAME",
            help="Which gradient: w1, b1, w2, b2 (… up to the last node for --layers); with "
            "--shape a weight w2[1,3] (layer 2, into neuron 1, from neuron 3) or a bias b1[2]; "
            "or 'all' for the backpropagation view (not with --train).",
        ),
    ] = "all",
    cost: Annotated[Cost, typer.Option(help="The cost J(y, ŷ).")] = Cost.squared,
    activation: Annotated[
        str,
        typer.Option(
            metavar="NAME[,NAME…]",
            help="The activation of every layer (sigmoid, tanh, relu, linear, softmax on the "
            "output), or one per layer after the input: tanh,sigmoid. The course's network "
            "takes sigmoid or tanh (tanh only with --cost squared).",
        ),
    ] = "sigmoid",
    shape: Annotated[
        str | None,
        typer.Option(
            metavar="WIDTHS",
            help="A network of any small shape: widths from the inputs to the outputs, e.g. "
            "2-3-1 (1-1-1 is the course's network). Names: w2[1,3], b1[2], x1, y1.",
        ),
    ] = None,
    layers: Annotated[
        int,
        typer.Option(
            "--layers",
            "-L",
            min=1,
            max=MAX_LAYERS,
            help="Inner nodes in the chain (1 is the course's network).",
        ),
    ] = 1,
    at: Annotated[
        str | None,
        typer.Option(
            metavar="POINT",
            help="Evaluate at a point, e.g. x=0.5,y=1,w1=0.3 (the rest from the defaults): "
            "each link's value, a central finite difference, one gradient-descent step. "
            "With --train: the sample (unless --data gives it) and any starting values.",
        ),
    ] = None,
    lr: Annotated[
        float,
        typer.Option(
            "--lr", help="Learning rate η of each gradient-descent step, with --train or --at."
        ),
    ] = DEFAULT_LR,
    train: Annotated[bool, typer.Option("--train", help="Run gradient descent.")] = False,
    steps: Annotated[int, typer.Option(min=1, help="Gradient-descent steps with --train.")] = (
        DEFAULT_STEPS
    ),
    data: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="With --train, a CSV file of x,y rows to train on (header optional; a regular "
            f"file of at most {MAX_ROWS:,} rows, not a pipe); else one sample. With --shape, "
            "columns x1…,y1… or a built-in set: xor, moons (also with --at: J over the rows).",
        ),
    ] = None,
    seed: Annotated[
        int,
        typer.Option(
            help="Seed of the random start for --train: weights uniform in [−1, 1], biases 0 "
            "(unless --at gives every weight)."
        ),
    ] = DEFAULT_SEED,
    plot: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            dir_okay=False,
            help="With --train, also write J over the steps to FILE: .png, .svg or .pdf "
            '(needs matplotlib: pip install "chainrule\\[plot]"); a regular file or a new '
            "path, not a link or a pipe.",
        ),
    ] = None,
    check: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--check",
            metavar="NAME ANSWER",
            help="Check your gradient or δ: NAME is a parameter (w2, w2[1,1]) or a δ (delta2, "
            "delta1[2]); ANSWER may use every name of the network (x, y, the weights and "
            "biases, z, a, yhat, the δs). Judged as a function; the network's mistakes named. "
            "Exit status 0 right, 1 wrong.",
        ),
    ] = None,
    graph: Annotated[
        bool,
        typer.Option(
            "--graph",
            help="Draw the computational graph, a local derivative per edge (not with --at or "
            "--train; with --shape, --param picks out one parameter's paths).",
        ),
    ] = False,
    format: Annotated[  # noqa: A002 - the option is called --format
        Format,
        typer.Option(
            "--format",
            "-f",
            help="Output format: rich, text, latex (a whole document with --standalone), "
            "markdown, html (one self-contained page), json, dot (Graphviz source, with --graph).",
        ),
    ] = Format.rich,
    standalone: options.Standalone = False,
    svg: options.svg(SVG_WIDTH) = None,
    timeout: options.Timeout = TIMEOUT,
) -> None:
    """Derive ∂J/∂w and ∂J/∂b by the chain rule, as backpropagation (any shape: --shape 2-3-1)."""
    from chainrule.cli.output import echo, fail
    from chainrule.cli.running import computed
    from chainrule.errors import ChainruleError

    if check is not None:
        from chainrule.cli.network_check import checked

        checked(
            _typed(ctx),
            check,
            cost.value,
            activation,
            shape,
            layers,
            format.value,
            standalone,
            timeout,
        )
    try:
        output = computed(
            timeout,
            _run,
            typed=_typed(ctx),
            param=param,
            cost=cost.value,
            activation=activation,
            shape=shape,
            layers=layers,
            at=at,
            lr=lr,
            train=train,
            steps=steps,
            data=data,
            seed=seed,
            plot=plot,
            graph=graph,
            fmt=format.value,
            standalone=standalone,
            svg=svg,
        )
    except ChainruleError as error:
        raise fail(error) from None
    if output is not None:
        echo(output, nl=False)


network.__doc__ = (network.__doc__ or "") + _EXAMPLES


def _run(
    *,
    typed=frozenset(),
    param,
    cost,
    activation,
    layers,
    shape=None,
    at,
    lr,
    train,
    steps,
    data,
    seed,
    plot,
    graph,
    fmt,
    standalone=False,
    svg=None,
):
    """Call the library, then hand the result to the chosen format. Returns text, or None when
    it printed through rich itself."""
    from chainrule.cli import network_shape
    from chainrule.network import Network, NetworkError, backprop
    from chainrule.network.numbers import check_learning_rate, evaluate, parse_point

    check_learning_rate(lr)  # nan, inf or ≤ 0 is refused whether or not a step is taken
    layered = network_shape.chosen_shape(shape, activation, cost, layers, typed)
    _check_together(
        typed,
        at=at,
        train=train,
        graph=graph,
        data=data,
        plot=plot,
        fmt=fmt,
        standalone=standalone,
        layered=layered is not None,
    )
    if layered is not None:
        return network_shape.run_shape(
            layered,
            param,
            at,
            lr,
            train,
            steps,
            data,
            seed,
            plot,
            graph,
            fmt,
            standalone,
            svg,
            _show,
        )
    layers = network_shape.course_layers(shape, layers)
    net = Network(layers=layers, cost=cost, activation=activation)
    given = parse_point(at, net) if at is not None else {}
    if train and "seed" in typed:
        from chainrule.network.training import seed_matters

        if not seed_matters(net, given):
            raise NetworkError("--seed has no effect when --at gives every weight its start")
    if svg is not None:
        if not svg.parent.is_dir():
            raise NetworkError(f"cannot write {svg}: no directory {svg.parent}")
        from chainrule.plotting import check_output_path

        check_output_path(svg)  # a link, a FIFO or a device: say so before any work
    show = {"standalone": standalone, "svg": svg}
    if plot is not None:
        from chainrule.plotting import check_figure_path

        check_figure_path(plot)  # a wrong suffix or no matplotlib: say so before training
    if train:
        run = _train(net, given, lr, steps, data, seed)
        if plot is not None:
            from chainrule.cli.output import echo
            from chainrule.plotting import write_figure
            from chainrule.views.wording import figure_title

            write_figure(run.costs, plot, title=figure_title(net.cost, lr))
            echo(f"J over the steps written to {plot}", err=True)
        return _show(run, fmt, **show)
    if graph:
        from chainrule.network.graph import graph as computational_graph

        return _show(computational_graph(net), fmt, **show)
    wanted = None if param == "all" else [net.param(param).name]
    result = backprop(net, wanted)
    numbers = evaluate(result, given, lr=lr) if at is not None else None
    return _show(result, fmt, param=param, at=numbers, **show)


def _typed(ctx: typer.Context) -> frozenset[str]:
    """The options typed (or set in the environment), as opposed to left at their defaults."""
    return frozenset(
        name
        for name in ctx.params
        if getattr(ctx.get_parameter_source(name), "name", "DEFAULT") != "DEFAULT"
    )


def _check_together(typed, *, at, train, graph, data, plot, fmt, standalone, layered=False):
    """Refuse an option that would have no effect, saying which options it goes with."""
    from chainrule.network import NetworkError

    numbers = at is not None
    unused = [
        (graph and train, "--graph and --train go separately: the graph is drawn, not trained"),
        (graph and numbers, "--graph and --at go separately: the graph has no numbers"),
        (
            "param" in typed and graph and not layered,
            "--param and --graph go separately: the graph shows all",
        ),
        ("param" in typed and train, "--param and --train go separately: training uses all"),
        (
            "param" in typed and numbers and layered,
            "--param and --at go separately with --shape: the numbers hold every parameter",
        ),
        ("lr" in typed and not (train or numbers), "--lr goes with --train or --at"),
        ("steps" in typed and not train, "--steps goes with --train"),
        ("seed" in typed and not train, "--seed goes with --train"),
        (
            data is not None and not train and not (layered and numbers),
            "--data goes with --train" + (" or --at" if layered else ""),
        ),
        (data is not None and graph, "--data and --graph go separately: the graph has no numbers"),
        (plot is not None and not train, "--plot draws the training curve: add --train"),
        (fmt == "dot" and not graph, "--format dot draws the graph: add --graph"),
        (standalone and fmt != "latex", "--standalone goes with --format latex"),
    ]
    for wrong, why in unused:
        if wrong:
            raise NetworkError(why)


def _show(obj, fmt: str, *, standalone: bool = False, svg=None, **view) -> str | None:
    """The rich view goes straight to the terminal (its width, its colours); the rest is text.
    With ``svg`` the terminal view is also recorded at a fixed width and saved as an image."""
    from chainrule import formats

    if svg is not None:
        _save_svg(formats.renderable(obj, **view), svg, show=fmt == "rich")
        if fmt == "rich":
            return None
    from chainrule.cli.output import laid_out

    return laid_out(obj, fmt, standalone=standalone, **view)


def _save_svg(view, svg, show: bool) -> None:
    import io

    from rich.console import Console

    from chainrule.network import NetworkError
    from chainrule.plotting import open_output

    console = Console(
        width=SVG_WIDTH, record=True, highlight=False, file=None if show else io.StringIO()
    )
    console.print(view)
    image = console.export_svg(title="chainrule network")
    try:
        with open_output(svg) as f:
            f.write(image)
    except OSError as error:
        raise NetworkError(f"cannot write {svg}: {error.strerror or error}") from None


def _train(net, given, lr, steps, data, seed):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from chainrule.network.samples import load_csv
    from chainrule.network.training import train

    rows = load_csv(data) if data is not None else None
    console = Console(stderr=True)
    # The bar goes to stderr and vanishes when done; in a pipe or a file it is not drawn at all.
    with Progress(
        TextColumn("gradient descent"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("train", total=steps)
        return train(
            net,
            rows,
            given=given,
            steps=steps,
            lr=lr,
            seed=seed,
            on_step=lambda i: progress.update(task, completed=i),
        )
