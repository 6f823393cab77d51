"""What the terminal layout is made of: words whose math never breaks across lines, wrapping,
and rich renderables that lay their rows out at the width rich offers."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from operator import itemgetter

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text

from chainrule.formats.breaking import fold
from chainrule.formats.spelling import math, plain

MATH = "bold"
RULE = "bold cyan"
DIM = "dim"
MARKS = {"ok": ("✓", "green"), "failed": ("✗", "bold red"), "skipped": ("–", "dim")}
NBSP = "\u00a0"


def words(parts: tuple) -> str:
    """Words and math in one string; spaces inside math are no-break, so wrapping keeps it whole."""
    return "".join(plain(p) if isinstance(p, str) else math(p).replace(" ", NBSP) for p in parts)


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """Wrap at the spaces between words, never inside a formula, then undo the no-break spaces;
    a formula longer than the whole line is broken before its shallowest operator."""
    rest = first if rest is None else rest
    width = max(width, 10)
    if _one_line(text, len(first), width):
        rows = [first + text]  # what textwrap gives a line that fits, without its passes
    else:
        rows = textwrap.wrap(
            text,
            width,
            initial_indent=first,
            subsequent_indent=rest,
            break_on_hyphens=False,
            break_long_words=False,
        ) or [first.rstrip()]
    out: list[str] = []
    for i, row in enumerate(rows):
        row = row.replace(NBSP, " ").rstrip()
        out += [row] if len(row) <= width else fold(row, width, first if i == 0 else rest, rest)
    return out


def _one_line(text: str, indent: int, width: int) -> bool:
    """Whether textwrap would give ``text`` back whole on one line after the indent: it fits,
    holds no tab or line break for textwrap to turn into spaces, and has no whitespace at its
    end for textwrap to drop."""
    return (
        indent + len(text) <= width
        and not text[-1:].isspace()
        and text != ""
        and not any(ch in text for ch in "\t\n\x0b\x0c\r")
    )


class Flow:
    """Rows laid out by ``layout(width)`` at the width rich gives, less ``indent``. Indenting
    here rather than with rich's Padding keeps rows free of trailing spaces in a pipe."""

    def __init__(self, layout: Callable[[int], list], style: str = "", indent: int = 0) -> None:
        self.layout, self.style, self.indent = layout, style, indent
        self._laid: dict[int, list[Text]] = {}

    def _rows(self, width: int) -> list[Text]:
        # rich measures a renderable before it draws it, and may draw it at the same width.
        rows = self._laid.get(width)
        if rows is None:
            rows = self._laid[width] = self._lay_out(width)
        return rows

    def _lay_out(self, width: int) -> list[Text]:
        pad = " " * self.indent
        out = []
        for row in self.layout(max(20, width - self.indent)):
            # A plot's empty columns are spaces: a pipe should not see them at a row's end.
            text = Text(row.rstrip(), style=self.style) if isinstance(row, str) else row
            out.append(Text(pad) + text if pad else text)
        return out

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        """The rows as rich would draw them, each a list of segments. A row that fits is drawn
        as it is: rich's wrapping would find nothing to do, and is most of what a row costs."""
        width, plain_lines = options.max_width, options.justify in (None, "default")
        out, styles = [], {}
        for row in self._rows(width):
            text = row.plain
            if plain_lines and cell_len(text) <= width and "\n" not in text and "\t" not in text:
                out.append(_segments(row, console, styles))
            else:
                row.overflow = "fold"
                out += console.render_lines(row, options, pad=False)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(console, options):
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(t.plain) for t in self._rows(options.max_width)), default=0)
        return Measurement(min(widest, 20), widest)


def _segments(row: Text, console: Console, styles: dict) -> list[Segment]:
    """The segments rich draws one row with: its text in its style, or span by span (as
    ``Text.render`` draws the row joined into a paragraph, its style a span under the others);
    on a console without colour, which writes no style, the text alone. ``styles`` remembers
    the styles combined, for the rows of one render."""
    text = row.plain
    if not row.spans or console.color_system is None:
        if not text:
            return []
        return [Segment(text, console.get_style(row.style) if row.style else None)]
    spans = [Span(0, len(text), row.style), *row.spans] if row.style else row.spans
    style_of = [console.get_style("", default=Style.null())]
    style_of += [console.get_style(span.style, default=Style.null()) for span in spans]
    marks = [
        (0, False, 0),
        *((span.start, False, i) for i, span in enumerate(spans, 1)),
        *((span.end, True, i) for i, span in enumerate(spans, 1)),
        (len(text), True, 0),
    ]
    marks.sort(key=itemgetter(0, 1))
    stack: list[int] = []
    out = []
    for (offset, leaving, i), (following, _, _) in zip(marks, marks[1:], strict=False):
        if leaving:
            stack.remove(i)
        else:
            stack.append(i)
        if following > offset:
            key = tuple(style_of[j] for j in sorted(stack))
            style = styles.get(key)
            if style is None:
                style = styles[key] = Style.combine(key)
            out.append(Segment(text[offset:following], style))
    return out


class Boxed(Panel):
    """rich's Panel (left-aligned title, as narrow as its content), drawn line by line
    (``lines``) as rich draws it, for ``terminal.drawn``: measured by rich, its content drawn by
    ``drawn`` and boxed here, without rich's padding and line-splitting passes round each line."""

    def __init__(self, body, title: str, border_style: str = "") -> None:
        super().__init__(body, title=title, title_align="left", border_style=border_style)
        self.expand = False

    def lines(self, console: Console, options: ConsoleOptions, drawn) -> list[list[Segment]]:
        # Panel.__rich_console__, for this panel's settings: padding (0, 1), no height.
        padded = Padding(self.renderable, self.padding)
        style = console.get_style(self.style)
        border_style = style + console.get_style(self.border_style)
        box = self.box.substitute(options, safe=console.safe_box)
        title = self._title
        width = options.max_width
        child_width = console.measure(padded, options=options.update_width(width - 2)).maximum
        if title is not None:
            title.stylize_before(border_style)
            child_width = min(width - 2, max(child_width, title.cell_len + 2))
        width = child_width + 2
        child_options = options.update(width=child_width, highlight=self.highlight)
        inner = child_options.update_width(child_width - 2)
        blank = console.get_style(padded.style)
        side = Segment(" ", blank)
        start, end = Segment(box.mid_left, border_style), Segment(box.mid_right, border_style)
        if title is None or width <= 4:
            out = [[Segment(box.get_top([width - 2]), border_style)]]
        else:
            title = _aligned(console, title, width - 4, box.top, border_style)
            top = list(console.render(title, child_options.update_width(width - 4)))
            out = [
                [
                    Segment(box.top_left + box.top, border_style),
                    *top,
                    Segment(box.top + box.top_right, border_style),
                ]
            ]
        for line in drawn(self.renderable, console, inner):
            line = Segment.adjust_line_length(line, child_width - 2, blank)
            out.append([start, side, *line, side, end])
        out.append([Segment(box.get_bottom([width - 2]), border_style)])
        return out


def _aligned(console: Console, text: Text, width: int, character: str, style) -> Text:
    """A title set left in ``width``, the rest of the top edge after it (Panel's align_text)."""
    text = text.copy()
    text.truncate(width)
    excess = width - cell_len(text.plain)
    if text.style:
        text.stylize(console.get_style(text.style))
    if excess:
        return Text.assemble(text, (character * excess, style), no_wrap=True, end="")
    return text


class Indented:
    """A renderable drawn ``by`` columns in, without trailing padding."""

    def __init__(self, body, by: int) -> None:
        self.body, self.by = body, by

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inner = options.update(width=max(options.max_width - self.by, 10))
        for line in console.render_lines(self.body, inner, pad=False):
            yield Segment(" " * self.by)
            if line and line[-1].text.endswith(" "):
                line[-1] = Segment(line[-1].text.rstrip(), line[-1].style)
            yield from line
            yield Segment.line()


def flowchart_rows(block) -> list[Text]:
    """The graph top to bottom: each node, its side inputs with their edge labels, the edge down."""
    heads = [math(node.definition) for node in block.nodes]
    column = max(len(h) for h in heads) + 3
    out: list[Text] = []
    for i, (node, head) in enumerate(zip(block.nodes, heads, strict=True)):
        last = i == len(block.nodes) - 1
        for j, (source, label) in enumerate(node.sides):
            left = head if j == 0 else ("" if last else plain("│"))
            row = Text(f"  {left:<{column}}", MATH)
            row.append(f"{plain('◀──')} {math(source)}   {math(label)}", "bold")
            out.append(row)
        if not node.sides:
            out.append(Text(f"  {head}", MATH))
        if node.down is not None:
            out.append(Text(f"  {plain('│')}  {math(node.down)}", "cyan"))
            out.append(Text(f"  {plain('▼')}", "cyan"))
    return out
