"""CLI glue for a network of any shape (``--shape 2-3-1``): its numbers at a point or over a
batch, and its training, each returning the text to echo (None where the rich view was printed
straight to the terminal). Thin: read the options, call the library, lay the result out."""

from __future__ import annotations

from pathlib import Path


def numbers_output(
    shape,
    at: str | None,
    lr: float,
    fmt: str,
    standalone: bool = False,
    data: str | None = None,
    show=None,
) -> str | None:
    """``--shape S --at …`` (and ``--data`` for a batch): every number, checked, one step.
    ``show(result, fmt, standalone=…)`` lays it out (the command's own, with --svg)."""
    from chainrule.cli.output import laid_out
    from chainrule.network.layered_data import load_data
    from chainrule.network.layered_numbers import evaluate_shape, parse_shape_point

    given = parse_shape_point(at, shape) if at else {}
    rows = load_data(data, shape) if data is not None else None
    result = evaluate_shape(shape, given, lr, data=rows)
    return (show or laid_out)(result, fmt, standalone=standalone)


def training_output(
    shape,
    at: str | None,
    lr: float,
    steps: int,
    data: str | None,
    seed: int,
    plot: Path | None,
    fmt: str,
    standalone: bool = False,
    show=None,
) -> str | None:
    """``--shape S --train``: gradient descent with J and accuracy per step, ``--plot FILE``."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from chainrule.cli.output import echo, laid_out
    from chainrule.network.layered_data import load_data
    from chainrule.network.layered_numbers import parse_shape_point
    from chainrule.network.layered_training import train_shape

    given = parse_shape_point(at, shape) if at else {}
    if plot is not None:
        from chainrule.plotting import check_figure_path

        check_figure_path(plot)  # a wrong suffix or no matplotlib: say so before training
    rows = load_data(data, shape) if data is not None else None
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
        every = max(1, steps // 100)  # the bar moves a hundred times at most

        def moved(i: int) -> None:
            if i % every == 0 or i == steps:
                progress.update(task, completed=i)

        run = train_shape(shape, rows, lr, steps, seed, given, on_step=moved)
    if plot is not None:
        from chainrule.plotting import write_figure
        from chainrule.views.wording import figure_title

        write_figure(run.costs, plot, title=figure_title(shape.cost_kind, lr))
        echo(f"J over the steps written to {plot}", err=True)
    return (show or laid_out)(run, fmt, standalone=standalone)


def chosen_shape(text: str | None, activation: str, cost: str, layers: int, typed):
    """The network the options name: None for the course's (``--shape`` left out, or a chain
    1-1-…-1 with one sigmoid or tanh for every layer, which keeps the course's own views),
    else the ``Shape``. A ShapeError says what is wrong with the shape or the activations."""
    from chainrule.network.model import ACTIVATIONS as COURSE
    from chainrule.network.shape import Shape, ShapeError

    names = [a.strip().lower() for a in activation.split(",")]
    if text is None:
        if len(set(names)) == 1 and names[0] in COURSE:
            return None
        return Shape.parse("-".join(["1"] * (layers + 2)), activation, cost)
    if "layers" in typed:
        raise ShapeError("--layers and --shape go separately: --layers L is the shape 1-1-…-1")
    shape = Shape.parse(text, activation, cost)
    if shape.is_chain and len(set(shape.activations)) == 1 and shape.activations[0] in COURSE:
        return None
    return shape


def course_layers(text: str | None, layers: int) -> int:
    """--layers for the course's network: a chain given as --shape 1-1-…-1 has its own."""
    return layers if text is None else text.count("-") - 1


def shape_output(
    shape,
    *,
    param: str,
    graph: bool,
    fmt: str,
    standalone: bool = False,
    svg=None,
    show=None,
):
    """``--shape S``: one parameter's paths (``--param w1[2,1]``), backpropagation (``all``),
    or the graph (``--graph``, its paths picked out with ``--param``); ``show`` lays it out."""
    from chainrule.network.layered import Layered

    model = Layered(shape)
    if graph:
        from chainrule.network.layered_graph import layered_graph

        result = layered_graph(model, None if param == "all" else param)
    elif param == "all":
        from chainrule.network.layered_backprop import layered_backprop

        result = layered_backprop(model)
    else:
        from chainrule.network.paths import param_paths

        result = param_paths(model, param)
    return show(result, fmt, standalone=standalone, svg=svg)


def run_shape(
    shape, param, at, lr, train, steps, data, seed, plot, graph, fmt, standalone, svg, show
):
    """``--shape S`` after the options are checked together: training, numbers, or the
    derivation; ``show`` is the command's own layout (the terminal, or text, and --svg)."""
    from chainrule.network import NetworkError

    data_name = None if data is None else str(data)
    if svg is not None:
        if not svg.parent.is_dir():
            raise NetworkError(f"cannot write {svg}: no directory {svg.parent}")
        from chainrule.plotting import check_output_path

        check_output_path(svg)

    def shown(result, fmt: str, standalone: bool = False):
        return show(result, fmt, standalone=standalone, svg=svg)

    if train:
        return training_output(
            shape, at, lr, steps, data_name, seed, plot, fmt, standalone, show=shown
        )
    if at is not None:
        return numbers_output(shape, at, lr, fmt, standalone, data_name, show=shown)
    if fmt == "dot" and not graph:
        raise NetworkError("--format dot draws the graph: add --graph")
    return shape_output(
        shape, param=param, graph=graph, fmt=fmt, standalone=standalone, svg=svg, show=show
    )
