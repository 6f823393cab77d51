"""Formats: lay out any document — terminal, plain text, LaTeX, Markdown, HTML — or write a
result's data (JSON, Graphviz dot).

    >>> from chainrule import explain
    >>> from chainrule.formats import render
    >>> print(render(explain("log(2+cos(x))"), "text"))  # doctest: +SKIP

``render`` takes a result (an ``Explanation``, a ``Step``, a network ``Backprop``, a
``TrainingRun``, a ``Graph``) or a ``Document``; the view (``chainrule.views``) turns a result
into a document, and the format module lays it out. Formats never differentiate or simplify.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

#: Every format ``render`` knows; the CLI's ``--format`` choices. "dot" is the graph's alone.
FORMATS = ("rich", "text", "latex", "markdown", "html", "json", "dot")


def render(
    obj: Any,
    format: str = "text",
    *,
    width: int = 80,
    standalone: bool = False,
    param: str = "all",
    at: Any = None,
    ascii: bool = False,
) -> str:
    """``obj`` as a string in ``format``.

    "rich" is the terminal view with ANSI styles and "text" the same layout without them, both
    ``width`` columns wide; "latex" is a fragment (a whole document with ``standalone``),
    "markdown" has $…$ math, "html" is a self-contained page, "json" the documented data, "dot"
    the Graphviz source of a computational graph. For a network ``Backprop``, ``param`` picks
    one parameter's chain ("w2") or backpropagation ("all"), and ``at`` (from
    ``network.numbers.evaluate``) adds the numbers at a point. ``ascii`` lays "rich" and "text"
    out in ASCII spellings, for a console that cannot show Unicode.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")

    def work() -> str:
        if format in ("json", "dot"):
            from chainrule.formats import dot, jsondata

            return jsondata.render(obj, at=at) if format == "json" else dot.render(obj)
        from chainrule import ordering
        from chainrule.views import document

        doc = document(obj, param=param, at=at)
        with ordering.typed(doc.order):
            return _lay_out(doc, format, width, standalone, ascii)

    return in_room(obj, work)


def _lay_out(doc, format: str, width: int, standalone: bool, ascii: bool) -> str:
    # Imported here so that picking one format does not load the others (rich is slow to load).
    if format in ("rich", "text"):
        from chainrule.formats import terminal

        return terminal.render(doc, width=width, color=format == "rich", ascii=ascii)
    if format == "latex":
        from chainrule.formats import latex

        return latex.render(doc, standalone=standalone)
    if format == "markdown":
        from chainrule.formats import markdown

        return markdown.render(doc)
    from chainrule.formats import html

    return html.render(doc)


def renderable(obj: Any, *, param: str = "all", at: Any = None):
    """The rich renderable of ``obj``, for printing to a terminal at its own width."""
    from chainrule.formats import terminal
    from chainrule.views import document

    with stack_room(obj):
        return terminal.layout(document(obj, param=param, at=at))


def in_room(obj: Any, work: Callable[[], T]) -> T:
    """``work()`` with room on the stack for ``obj``'s depth: a network's layers, or a step
    tree's levels (a deep tree on a thread with a stack of its own, ``chainrule.recursion``)."""
    from chainrule.formats.printing import remembering

    network = getattr(obj, "network", None)
    if network is not None:
        from chainrule.network.model import stack_room as network_room

        with network_room(network):
            return remembering(work)
    from chainrule import recursion

    return recursion.deep(_depth(obj), lambda: remembering(work))


@contextmanager
def stack_room(obj: Any):
    """Room on the stack to print a deep result: SymPy's printers recurse once per level."""
    network = getattr(obj, "network", None)
    if network is not None:
        from chainrule.network.model import stack_room as network_room

        with network_room(network):
            yield
        return
    from chainrule import recursion

    with recursion.stack_room(_depth(obj)):
        yield


def _depth(obj: Any) -> int:
    """How many levels deep a step tree goes (0 for a document, which holds no steps)."""
    root = getattr(obj, "root", obj)
    depth, frontier = 0, [root] if hasattr(root, "substeps") else []
    while frontier:  # breadth first, without recursion: this is what measures the depth
        depth += 1
        frontier = [sub for step in frontier for sub in step.substeps]
    return depth
