"""Markdown for GitHub, Jupyter and pandoc: headings, words, $…$ math inline and a $$…$$
display for each step's equation (so fractions are full size), pipe tables.

Outside math there is nothing pdflatex rejects: Unicode math in our words (δ, ∂, ✓, −) is
written as $…$ math, so ``pandoc -o notes.pdf`` works with its default engine. Only the
punctuation pdflatex reads on its own (— – … and curly quotes) stays as it is.
"""

from __future__ import annotations

import re

from chainrule.document import Document, Equation, Num
from chainrule.formats.latex import FRAGMENT_WIDTH
from chainrule.formats.latex_rows import decomposition, groups, row_text, rows, width
from chainrule.formats.latex_text import math, runs, split
from chainrule.formats.latex_width import tex_width
from chainrule.formats.notation import latex
from chainrule.formats.writer import Writer, grouped, words_of

#: Characters outside math that pdflatex (through pandoc's template) sets without help.
SAFE = "—–…‘’“”"
ROOM = FRAGMENT_WIDTH  # pandoc's default page is article's at 10pt
# Brackets stay as they are: an escaped \( opens math where pandoc reads \(…\) as math.
_ESCAPE = re.compile(r"([\\`*_\[\]<>#|$~^])")
_LIST_START = re.compile(r"^(\s*)([-+*]|\d+[.)])(\s)")
_MARKS = {"ok": r"$\checkmark$", "failed": r"$\times$", "skipped": "–"}
#: The terminal plot's characters, as ASCII: a code block in a PDF is set by pdflatex too.
_PLOT_ASCII = str.maketrans("▁▂▃▄▅▆▇█│└─−", "__..oo##|+--")
_ITEM, _QUOTE = 25.0, 50.0  # what a list item's and a quote's margins take from the line
_FLOW_NODES = 8  # nodes per display: one display cannot break across a page


def escape(words: str) -> str:
    """Words with Markdown's specials escaped and Unicode math as $…$."""
    out = "".join(
        f"${piece}$" if is_math else _ESCAPE.sub(r"\\\1", piece)
        for is_math, piece in split(words, keep=SAFE)
    )
    return out


def words(parts: tuple) -> str:
    """Words and inline $…$ math; a paragraph never starts like a list item."""
    said = "".join(f"${t.strip()}$" if is_math else escape(t) for is_math, t in runs(parts))
    return _LIST_START.sub(r"\1\2\\\3", said, count=1)


def display(body: str) -> list[str]:
    return ["$$", *body.split("\n"), "$$"]


def _quoted(lines: list[str]) -> list[str]:
    return [f"> {line}" if line else ">" for line in lines]


class MarkdownWriter(Writer):
    """Each block as Markdown lines, without the blank line after it; ``room`` is the width
    in points math may take (less inside a list item or a block quote, as pandoc sets them)."""

    def __init__(self, room: float = ROOM) -> None:
        self.room = room

    def blocks(self, blocks: tuple) -> list[str]:
        out: list[str] = []
        for item in grouped(blocks, Equation):
            if isinstance(item, list):
                for lines in self._equations(item):
                    out += [*lines, ""]
            elif lines := self.write(item):
                out += [*lines, ""]
        return out

    def _print_unknown(self, block) -> list[str]:
        return [words(words_of(block))]

    def _print_Heading(self, block) -> list[str]:
        return ["#" * (1 if block.level <= 1 else block.level + 1) + " " + words(block.parts)]

    def _print_Para(self, block) -> list[str]:
        return [words(block.parts)]

    def _print_Equation(self, block) -> list[str]:
        return [line for lines in self._equations([block]) for line in lines]

    def _equations(self, equations: list[Equation]) -> list[list[str]]:
        return [
            _aligned(laid) if isinstance(laid, list) else [f"({words(laid)})"]
            for laid in groups(equations, self.room, _text)
        ]

    def _print_Derivation(self, block) -> list[str]:
        out: list[str] = []
        for line in block.lines:
            marker = f"{line.number}. "
            pad = " " * len(marker)
            head = f"{marker}**{escape(line.title)}**"
            if line.sentence:
                head += f" — {words(line.sentence)}"
            if line.sources:
                head += f" ({escape(line.sources)})"
            room = self.room - _ITEM - (_QUOTE if block.nested else 0)
            body = _aligned([row_text(r) for r in rows(line.math, room)])
            out += [head, "", *(pad + b for b in body), ""]
        out = out[:-1]
        return _quoted(out) if block.nested else out

    def _print_Decomposition(self, block) -> list[str]:
        body = decomposition(block, self.room)
        return [f"**{words(block.title)}**", "", *_aligned(body, pairs=2)]

    def _print_Table(self, block) -> list[str]:
        every = (block.headers, *block.rows)
        built_up = any(r"\frac" in _cell(c) for row in every for c in row)
        cells = [[_cell(c, built_up) for c in row] for row in every]
        # pandoc sizes a wide table's columns by the dashes under each header: as many as the
        # column's widest entry is wide, so a column of numbers gets the room it needs.
        rule = []
        for i in range(len(block.headers)):
            dashes = "-" * max(3, max(_cell_width(row[i]) for row in every) // 5)
            numeric = all(isinstance(row[i], Num) for row in block.rows)
            rule.append(f"{dashes}:" if numeric else f":{dashes}")
        lines = ["| " + " | ".join(row) + " |" for row in cells]
        return [lines[0], "|" + "|".join(rule) + "|", *lines[1:]]

    def _print_Plot(self, block) -> list[str]:
        from chainrule.plotting import plot_lines

        drawn = [line.translate(_PLOT_ASCII).rstrip() for line in plot_lines(block.values, 72)]
        return ["```text", *drawn, "```"]

    def _print_Verdict(self, block) -> list[str]:
        said = f"{_MARKS[block.status]} {words(block.parts)}"
        return [f"> **{said}**"] if block.status == "failed" else [said]

    def _print_Box(self, block) -> list[str]:
        title = words(block.title)
        if block.status == "failed":
            title = rf"$\times$ {title}"
        inner = MarkdownWriter(self.room - _QUOTE).blocks(block.blocks)
        while inner and not inner[-1]:
            inner.pop()
        return _quoted([f"**{title}**", "", *inner])

    def _print_Flowchart(self, block) -> list[str]:
        out: list[str] = []
        for start in range(0, len(block.nodes), _FLOW_NODES):
            body = []
            for node in block.nodes[start : start + _FLOW_NODES]:
                head = f"& {math(latex(node.definition))}"
                fed = [
                    rf"\longleftarrow {math(latex(source))}\;\; {math(latex(label))}"
                    for source, label in node.sides
                ]
                row = r" \qquad ".join([head, *fed])
                if tex_width(row) <= self.room:
                    body.append(row)
                else:  # each side input on a row of its own, under the node it feeds
                    body += [head, *(rf"& \qquad {side}" for side in fed)]
                if node.down is not None:
                    body.append(rf"& \Big\downarrow \quad {math(latex(node.down))}")
            out += [*_aligned(body), ""]
        return out[:-1]

    def _print_Pause(self, block) -> list[str]:
        return [f"*… {words(block.parts)}*"] if block.parts else []

    def _print_Exercise(self, block) -> list[str]:
        out = [f"**Try it yourself:** {words(block.prompt)}"]
        if block.answer:
            out += [
                "",
                "<details><summary>Answer</summary>",
                "",
                f"*Answer:* {words(block.answer)}",
            ]
            out += ["", "</details>"]
        return out


def _aligned(rows_: list[str], pairs: int = 1) -> list[str]:
    """Rows "left & right" in one display, aligned at the &: ``aligned``, or ``alignedat``
    for rows of more than one left & right pair."""
    if len(rows_) == 1 and pairs == 1:
        return display(rows_[0].replace(" & ", " ", 1).removeprefix("& ").strip())
    head, tail = (
        (r"\begin{aligned}", r"\end{aligned}")
        if pairs == 1
        else (
            rf"\begin{{alignedat}}{{{pairs}}}",
            r"\end{alignedat}",
        )
    )
    return display(head + "\n" + " \\\\\n".join(rows_) + "\n" + tail)


def _text(parts: tuple) -> str:
    """Words for \\text{…} inside display math, read alike by MathJax (which shows the
    characters as they are) and by LaTeX (through pandoc): Unicode math as $…$, and only
    the characters LaTeX would choke on escaped."""
    out = []
    for is_math, piece in runs(parts):
        if is_math:
            out.append(f"${piece}$")
            continue
        for in_math, bit in split(piece, keep=SAFE):
            out.append(f"${bit}$" if in_math else _TEXT_SPECIALS.sub(r"\\\1", bit))
    return "".join(out)


_TEXT_SPECIALS = re.compile(r"([%&#_{}$])")


def _cell(cell, built_up: bool = False) -> str:
    if isinstance(cell, str):
        return escape(cell)
    style = "\\displaystyle " if built_up else ""
    return "$" + style + math(latex(cell)).replace("|", r"\vert ") + "$"


def _cell_width(cell) -> int:
    """Roughly how wide a cell sets, in points."""
    return int(5 * len(cell) if isinstance(cell, str) else width(cell))


def render(doc: Document) -> str:
    """The document as Markdown."""
    lines = MarkdownWriter().blocks(doc.blocks)
    return "\n".join(lines).rstrip() + "\n"
