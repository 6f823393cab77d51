"""How a result shows itself: in rich, in Jupyter, as text (``str``, ``print``) and as a short
repr.

Every result a user can hold (an explanation, a step, a network result) mixes this in. Each
hook hands the result to a format in a line or two, imported when asked for, so nothing that
builds results imports a format.
"""

from __future__ import annotations

from typing import Any

#: A repr longer than this is cut: a deep chain's formula can run to megabytes.
REPR_LIMIT = 120


class Displayable:
    """``__rich__``, ``_repr_html_``, ``_repr_latex_``, ``_repr_markdown_`` and a short repr."""

    def __rich__(self) -> Any:
        from chainrule.formats import renderable

        return renderable(self)

    def _repr_html_(self) -> str:
        from chainrule.formats import html

        return self._laid_out(html.fragment)

    def _repr_latex_(self) -> str:
        from chainrule.formats import latex

        return self._laid_out(latex.display)

    def _laid_out(self, lay_out) -> str:
        """This result's document laid out by ``lay_out``, in the order the learner typed."""
        from chainrule import ordering
        from chainrule.formats import in_room
        from chainrule.views import document

        def work() -> str:
            doc = document(self)
            with ordering.typed(doc.order):
                return lay_out(doc)

        return in_room(self, work)

    def _repr_markdown_(self) -> str:
        from chainrule.formats import render

        return render(self, "markdown")

    def _summary(self) -> str:
        return ""

    def __str__(self) -> str:
        # print(h) shows what `chainrule explain --format text` shows; repr stays short.
        from chainrule.formats import render

        return render(self, "text")

    def __repr__(self) -> str:
        text = f"<{type(self).__name__} {self._summary()}".rstrip()
        if len(text) > REPR_LIMIT:
            text = text[: REPR_LIMIT - 1] + "…"
        return text + ">"

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        # IPython's plain-text display: the short repr, not a dataclass dump of SymPy trees.
        p.text(repr(self))


def formula(expr: Any) -> str:
    """A short one-line form for a repr (SymPy's own str, cut by the caller)."""
    text = str(expr)
    return text if len(text) <= REPR_LIMIT else text[:REPR_LIMIT] + "…"
