"""The network views for a rich terminal (the default): the plain-text layout with emphasis.

Colour only emphasises; every word and symbol is there without it, so the view reads the same
under NO_COLOR, in a pipe and on a projector. Line breaking is ``network_text``'s, done at the
width rich offers.
"""

from __future__ import annotations

from collections.abc import Callable

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from chainrule.render import network_blocks as doc
from chainrule.render import network_text as plain

_HEADING = "bold cyan"
_MATH = "bold"
_NOTE = "dim"


class _Flow:
    """Lines laid out by ``layout(width)`` at the width rich gives (less ``indent``), in one
    style. Indenting here rather than with rich's Padding keeps lines free of trailing spaces
    when the output goes to a pipe or a file."""

    def __init__(
        self, layout: Callable[[int], list[str | Text]], style: str = "", indent: int = 0
    ) -> None:
        self.layout, self.style, self.indent = layout, style, indent

    def _rows(self, width: int) -> list[Text]:
        pad = " " * self.indent
        out = []
        for row in self.layout(max(20, width - self.indent)):
            text = Text(row, style=self.style) if isinstance(row, str) else row
            out.append(Text(pad) + text if pad else text)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for row in self._rows(options.max_width):
            row.overflow = "fold"
            yield row

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(t.plain) for t in self._rows(options.max_width)), default=0)
        return Measurement(min(widest, 20), widest)


def _equation(block: doc.Equation) -> RenderableType:
    note = f"({plain.paragraph(block.note)})".replace(plain.NBSP, " ") if block.note else None

    def rows(width: int) -> list[Text]:
        out = []
        for row in plain.equation(block, width):
            text = Text(row, style=_MATH)
            if note and row.endswith(note):
                text.stylize(_NOTE, len(row) - len(note))
            elif note and row.startswith("    ") and not row.lstrip().startswith("="):
                text.stylize(_NOTE)  # the note wrapped onto lines of its own
            out.append(text)
        return out

    return _Flow(rows, indent=2)


def _table(block: doc.Table) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), show_edge=False, pad_edge=False)
    for i, header in enumerate(block.headers):
        numeric = all(isinstance(row[i], doc.Number) for row in block.rows)
        table.add_column(plain.term(header), justify="right" if numeric else "left")
    for row in block.rows:
        table.add_row(*(plain.term(cell) for cell in row))
    return Padding(table, (0, 0, 0, 2), expand=False)


def renderable(blocks: list[doc.Block]) -> RenderableType:
    """The blocks as one rich renderable."""
    out: list[RenderableType] = []
    for block in blocks:
        if isinstance(block, doc.Heading):
            if out:
                out.append(Text(""))
            title = plain.paragraph(block.parts).replace(plain.NBSP, " ")
            out.append(Rule(Text(title, style=_HEADING), align="left", style="cyan"))
        elif isinstance(block, doc.Para):
            text = plain.paragraph(block.parts)
            out.append(_Flow(lambda w, text=text: plain.wrap(text, w)))
        elif isinstance(block, doc.Equation):
            out.append(_equation(block))
        elif isinstance(block, doc.Derivation):
            out.append(_Flow(lambda w, b=block: plain.derivation_lines(b, w), _NOTE, indent=6))
        elif isinstance(block, doc.Table):
            out.append(_table(block))
        elif isinstance(block, doc.Plot):
            from chainrule.render.network_training import plot_lines

            out.append(_Flow(lambda w, b=block: ["", *plot_lines(b.values, w), ""], "cyan"))
        elif isinstance(block, doc.Check):
            mark, style = (
                ("–", "dim")
                if block.skipped
                else ("✓", "bold green")
                if block.ok
                else ("✗", "bold red")
            )
            text = f"{mark} {plain.paragraph(block.parts)}"
            out.append(
                _Flow(lambda w, text=text: plain.wrap(text, w, subsequent_indent="  "), style)
            )
    return Group(*out)
