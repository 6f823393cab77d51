"""Renderers: lay out a step tree in the terminal, as plain text, LaTeX, Markdown or JSON.

Every format tells the same story (``base.Renderer`` builds it, ``wording`` holds its sentences);
each module only typesets the math and lays the story out. Renderers never differentiate or
simplify: they show what the step tree holds.

    >>> from chainrule import explain, render
    >>> print(render(explain("log(2+cos(x))"), "text"))  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from chainrule.steps import Explanation, Step

#: The formats ``render`` knows, the CLI's ``--format`` choices.
FORMATS = ("rich", "text", "latex", "markdown", "json")


def render(obj: Explanation | Step, format: str = "text", *, width: int = 80, **view) -> str:
    """``obj`` (an Explanation or one Step) as a string in ``format``.

    "rich" is the terminal view with ANSI styles, "text" the same story without them; ``width``
    is the line width those two wrap to. "latex" is an amsmath ``align*`` fragment, "markdown"
    uses $…$ math, "json" is the documented contract (see ``render.jsondata``).

    Network results (``Backprop``, ``TrainingRun``, ``Graph``) render too, taking the view
    options ``param`` and ``at`` of ``render.network_formats.render``.
    """
    from chainrule.steps import Explanation, Step

    if not isinstance(obj, Explanation | Step):
        from chainrule.render import network_formats

        if not isinstance(obj, network_formats.results()):
            raise TypeError(f"cannot render a {type(obj).__name__}: explain() or a network result")
        return network_formats.render(obj, format, width=width, **view)
    if view:
        raise TypeError(f"unexpected options for an explanation: {', '.join(view)}")
    # Imported here so that picking one format does not load the others (rich is slow to import).
    if format == "rich":
        from chainrule.render import terminal

        return terminal.render(obj, width=width)
    if format == "text":
        from chainrule.render import text

        return text.render(obj, width=width)
    if format == "latex":
        from chainrule.render import latex

        return latex.render(obj)
    if format == "markdown":
        from chainrule.render import markdown

        return markdown.render(obj)
    if format == "json":
        from chainrule.render import jsondata

        return jsondata.render(obj)
    raise ValueError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
