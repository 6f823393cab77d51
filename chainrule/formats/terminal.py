"""The terminal view (the default), and plain text: the same layout, with or without colour.

Colour only adds emphasis; every word and symbol is there without it, so ``text`` is this very
layout drawn by a console with no colour, and the two can never drift apart. Lines are broken
at the width rich offers: words between words, never inside a formula; equations at their
equals signs, then between top-level terms.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from chainrule import ordering
from chainrule.document import Box, Decomposition, Document, Heading, Num
from chainrule.formats.breaking import equation_rows
from chainrule.formats.spelling import ascii_spelling, math, plain
from chainrule.formats.terminal_lines import (
    DIM,
    MARKS,
    MATH,
    NBSP,
    RULE,
    Boxed,
    Flow,
    Indented,
    flowchart_rows,
    words,
    wrap,
)
from chainrule.formats.writer import Writer, words_of


def _equation_texts(sides: tuple, width: int, label: tuple = (), note: tuple = ()) -> list[Text]:
    lead = f"{words(label)} " if label else ""
    rows = [Text(row, style=MATH) for row in equation_rows(sides, width, lead)]
    if lead:
        rows[0].stylize(DIM, 0, len(lead))
    if note:
        said = f"({words(note)})"
        if len(rows[-1].plain) + 3 + len(said.replace(NBSP, " ")) <= width:
            rows[-1].append("   " + said.replace(NBSP, " "), style=DIM)
        else:
            rows += [Text(r, style=DIM) for r in wrap(said, width, "    ", "     ")]
    return rows


class TerminalWriter(Writer):
    """Each block as a list of rich renderables."""

    def _print_unknown(self, block) -> list:
        return [Flow(lambda w: wrap(words(words_of(block)), w))]

    def _print_Heading(self, block) -> list:
        text = words(block.parts)  # math kept whole by its no-break spaces
        if block.level <= 1:
            return [Flow(lambda w: wrap(text, w), "bold")]

        def rows(w: int) -> list:
            lines = wrap(text, w)
            rule = plain("─") * min(max(len(line) for line in lines), w)
            return [*(Text(line, RULE) for line in lines), Text(rule, "cyan")]

        return [Flow(rows)]

    def _print_Para(self, block) -> list:
        text = words(block.parts)
        return [Flow(lambda w: wrap(text, w))]

    def _print_Equation(self, block) -> list:
        # A labelled equation ("Result: …") reads as a line of its own; others are set in.
        indent = 0 if block.label else 2
        return [
            Flow(lambda w: _equation_texts(block.sides, w, block.label, block.note), indent=indent)
        ]

    def _print_Derivation(self, block) -> list:
        lines, digits = block.lines, len(str(len(block.lines)))

        def rows(width: int) -> list:
            out: list = []
            for line in lines:
                number = f"{line.number:>{digits}}. "
                pad = " " * len(number)
                head = line.title
                if line.sentence:
                    head += plain(" — ") + words(line.sentence)
                if line.sources:
                    head += f" ({line.sources})"
                for i, row in enumerate(wrap(head, width, number, pad)):
                    text = Text(row)
                    if i == 0:
                        text.stylize(RULE, 0, len(number) + len(line.title))
                    out.append(text)
                out += [
                    Text(pad + "  " + row, style=MATH)
                    for row in equation_rows(line.math, width - len(pad) - 2)
                ]
            if block.nested:
                for text in out:
                    text.stylize(DIM)
            return out

        return [Flow(rows, indent=6 if block.nested else 0)]

    def _print_Decomposition(self, block) -> list:
        title = words(block.title).replace(NBSP, " ")
        body = Flow(lambda w: decomposition_rows(block, w))
        return [Boxed(body, title)]

    def _print_Table(self, block) -> list:
        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), show_edge=False, pad_edge=False)
        for i, header in enumerate(block.headers):
            numeric = all(isinstance(row[i], Num) for row in block.rows)
            table.add_column(_cell(header), justify="right" if numeric else "left")
        for row in block.rows:
            table.add_row(*(_cell(cell) for cell in row))
        return [Indented(table, 2)]

    def _print_Plot(self, block) -> list:
        from chainrule.plotting import plot_lines

        return [Flow(lambda w: ["", *plot_lines(block.values, w), ""], "cyan")]

    def _print_Verdict(self, block) -> list:
        mark, style = MARKS[block.status]
        text = f"{plain(mark)} {words(block.parts)}"
        return [Flow(lambda w: wrap(text, w, "", "  "), style)]

    def _print_Box(self, block) -> list:
        inner: list = []
        for child in block.blocks:
            inner += self.write(child)
        style = {"ok": "green", "failed": "bold red"}.get(block.status or "", "")
        title = words(block.title).replace(NBSP, " ")
        return [Boxed(Group(*inner), title, border_style=style)]

    def _print_Flowchart(self, block) -> list:
        return [Flow(lambda w: flowchart_rows(block))]

    def _print_Pause(self, block) -> list:
        return (
            [Flow(lambda w: wrap(plain("… ") + words(block.parts), w), DIM)] if block.parts else []
        )

    def _print_Exercise(self, block) -> list:
        text = f"Try it yourself: {words(block.prompt)}"
        out = [Flow(lambda w: wrap(text, w, "", "  "), "bold")]
        if block.answer:
            answer = f"Answer: {words(block.answer)}"
            out.append(Flow(lambda w: wrap(answer, w, "  ", "  "), DIM))
        return out


def decomposition_rows(block, width: int) -> list[Text]:
    """h(x) = … = f(g(x)), then each link's role, definition and derivative in three aligned
    columns where they fit, else the derivative under its definition; then h′(x) = …"""
    out = [Text(row, MATH) for row in equation_rows(block.composition, width)]
    roles = [plain(link.role) for link in block.links]
    pad = max(len(role) for role in roles) + 2
    left = [" = ".join(math(side) for side in link.definition) for link in block.links]
    right = [" = ".join(math(side) for side in link.derivative) for link in block.links]
    column = max(len(text) for text in left) + 2
    side_by_side = pad + column + max(len(text) for text in right) <= width
    for role, link, definition, derivative in zip(roles, block.links, left, right, strict=True):
        if side_by_side:
            row = Text(role.ljust(pad), DIM)
            row.append(definition.ljust(column) + derivative, MATH)
            out.append(row)
            continue
        for i, text in enumerate(equation_rows(link.definition, width - pad)):
            row = Text((role if i == 0 else "").ljust(pad), DIM)
            out.append(row.append(text, MATH) or row)
        out += [
            Text(" " * (pad + 2) + text, MATH)
            for text in equation_rows(link.derivative, width - pad - 2)
        ]
    out += [Text(row, MATH) for row in equation_rows(block.product, width)]
    return out


def _cell(cell) -> str:
    return plain(cell) if isinstance(cell, str) else math(cell)


def layout(doc: Document) -> RenderableType:
    """The document as one rich renderable, laid out in ASCII spellings on a console that
    cannot show Unicode (rich says so in ``options.ascii_only``) and in Unicode elsewhere."""
    return _Laid(doc)


class _Laid:
    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        # Built and drawn whole under one spelling, and in the order the learner typed, so
        # every width is measured as shown.
        with ascii_spelling(options.ascii_only), ordering.typed(self.doc.order):
            return [line for part in _blocks(self.doc) for line in drawn(part, console, options)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(console, options):
            yield from line
            yield Segment.line()


def _blocks(doc: Document) -> list[RenderableType]:
    """A blank line before each section heading, decomposition and box."""
    writer = TerminalWriter()
    out: list[RenderableType] = []
    for block in doc.blocks:
        if out and isinstance(block, _SET_APART):
            out.append(_BLANK)
        out += writer.write(block)
    return out


#: Blocks with a blank line before them.
_SET_APART = (Heading, Decomposition, Box)
#: The blank line itself, which ``drawn`` knows without asking rich.
_BLANK = Text()


class _Buffer(io.StringIO):
    """A string buffer with the encoding of the console it stands for."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:
        return self._encoding


def capture(view: RenderableType, width: int = 80, color: bool = True, ascii: bool = False) -> str:
    """What a terminal of ``width`` columns would show: ANSI styles when ``color``, else plain;
    only ASCII when ``ascii``, as on a console that cannot show Unicode."""
    console = _console(width, color, ascii)
    if not isinstance(view, _Laid):
        console.print(view)
        return console.file.getvalue()
    # A laid-out document is drawn line by line (``drawn``) and its segments written out as
    # rich's console writes them: the same characters, without its pipeline round each line.
    out: list[str] = []
    system = console._color_system if color else None
    for line in view.lines(console, console.options):
        for text, style, _ in line:
            out.append(style.render(text, color_system=system) if style and system else text)
        out.append("\n")
    return "".join(out)


def drawn(part: RenderableType, console: Console, options: ConsoleOptions) -> list[list]:
    """``part`` as rich draws it, line by line: a ``Flow`` row by row as it is, a ``Boxed``
    panel round its content drawn so, a group part by part; anything else (a table) by rich."""
    if isinstance(part, Flow):
        return part.lines(console, options)
    if part is _BLANK:
        return [[Segment("")]]
    if isinstance(part, Boxed):
        return part.lines(console, options, drawn)
    if isinstance(part, Group):
        return [line for child in part.renderables for line in drawn(child, console, options)]
    return console.render_lines(part, options, pad=False)


def _console(width: int, color: bool, ascii: bool) -> Console:
    return Console(
        file=_Buffer("ascii" if ascii else "utf-8"),
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        legacy_windows=False,
        highlight=False,
        emoji=False,
        markup=False,
    )


def render(doc: Document, width: int = 80, color: bool = True, ascii: bool = False) -> str:
    """The document as a terminal of ``width`` columns shows it (plain text when not ``color``,
    ASCII spellings only when ``ascii``)."""
    return capture(layout(doc), width, color, ascii)
