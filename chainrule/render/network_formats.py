"""A network result in any format: the one place that picks the view and the formatter.

``render`` gives a string (what ``chainrule.render.render`` returns for network results, and
what lessons print); ``renderable`` gives the rich object the CLI prints to a real terminal.
Both accept a ``Backprop`` (one parameter's chain, or the backpropagation view for "all"),
a ``TrainingRun`` or a computational ``Graph``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chainrule.errors import ChainruleError

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import RenderableType

    from chainrule.network.backprop import Backprop
    from chainrule.network.graph import Graph
    from chainrule.network.numbers import Evaluation
    from chainrule.network.training import TrainingRun

    Result = Backprop | TrainingRun | Graph

#: The formats a network result can take; "dot" only for a graph.
FORMATS = ("rich", "text", "latex", "markdown", "json", "dot")


def results() -> tuple[type, ...]:
    """The classes of network result this module renders."""
    from chainrule.network.backprop import Backprop
    from chainrule.network.graph import Graph
    from chainrule.network.training import TrainingRun

    return (Backprop, TrainingRun, Graph)


def _blocks(obj: Result, param: str, at: Evaluation | None) -> list:
    """The format-neutral view of ``obj``: a list of network_blocks."""
    from chainrule.network.training import TrainingRun

    if isinstance(obj, TrainingRun):
        from chainrule.render.network_training import training_view

        return training_view(obj)
    from chainrule.render import network as views

    if param == "all":
        return views.backprop_view(obj, at)
    return views.gradient_view(obj, param, at)


def renderable(obj: Result, *, param: str = "all", at: Evaluation | None = None) -> RenderableType:
    """The rich view of ``obj``, for printing to a terminal at its own width."""
    from chainrule.network.graph import Graph
    from chainrule.network.model import stack_room

    if isinstance(obj, Graph):
        from chainrule.render import network_graph

        return network_graph.renderable(obj)
    from chainrule.render import network_terminal

    with stack_room(obj.network):  # printing the formulas recurses once per level
        return network_terminal.renderable(_blocks(obj, param, at))


def render(
    obj: Result,
    format: str = "text",
    *,
    width: int = 80,
    param: str = "all",
    at: Evaluation | None = None,
) -> str:
    """``obj`` as a string in ``format``.

    For a ``Backprop``, ``param`` chooses one parameter's chain ("w2") or the backpropagation
    view ("all"), and ``at`` (from ``network.numbers.evaluate``) adds the numbers at a point.
    """
    from chainrule.network.graph import Graph
    from chainrule.network.model import stack_room

    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    if isinstance(obj, Graph):
        return _graph(obj, format, width)
    with stack_room(obj.network):  # printing the formulas recurses once per level
        return _render(obj, format, width, param, at)


def _render(obj: Result, format: str, width: int, param: str, at: Evaluation | None) -> str:
    from chainrule.network.training import TrainingRun

    if format == "dot":
        raise ChainruleError("the dot format draws the computational graph: add --graph")
    if format == "json":
        from chainrule.render import network_json

        if isinstance(obj, TrainingRun):
            return network_json.render_training(obj)
        return network_json.render(obj, at)
    if format == "rich":
        from chainrule.render.terminal import capture

        return capture(renderable(obj, param=param, at=at), width)
    blocks = _blocks(obj, param, at)
    if format == "text":
        from chainrule.render import network_text

        return network_text.render(blocks, width)
    from chainrule.render import network_latex

    return network_latex.latex(blocks) if format == "latex" else network_latex.markdown(blocks)


def _graph(g: Graph, format: str, width: int) -> str:
    from chainrule.render import network_graph

    if format == "dot":
        return network_graph.dot(g)
    if format == "json":
        return network_graph.render_json(g)
    if format == "text":
        return network_graph.text(g)
    if format == "markdown":
        return "```text\n" + network_graph.text(g) + "```\n"
    if format == "latex":
        raise ChainruleError("the graph has no LaTeX form: use the dot format and Graphviz")
    from chainrule.render.terminal import capture

    return capture(network_graph.renderable(g), width)
