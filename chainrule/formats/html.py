"""The web page: one self-contained HTML file with MathML math, for a browser or a projector.

Nothing is fetched: the style is inline, the curve of J is inline SVG, and there is no script.
Every word is escaped; math is MathML (``formats.mathml``), which current browsers draw
themselves. ``fragment`` is the same blocks for a Jupyter cell, their style kept to the cell.
"""

from __future__ import annotations

from html import escape

from chainrule.document import Document, Equals, Num
from chainrule.formats import html_plot, html_style
from chainrule.formats.breaking import distinct_sides
from chainrule.formats.mathml import mathml, measured, pieces
from chainrule.formats.notation import number, unicode
from chainrule.formats.writer import Writer, words_of

_MARKS = {"ok": "✓", "failed": "✗", "skipped": "–"}
#: How wide a displayed formula may grow before it breaks, in ems of the math font.
WIDTH = 36.0


def inline(term, tall: bool = False) -> str:
    """Math in a line of text; ``tall`` draws fractions full size, as on display (a label in a
    diagram or a table cell has the room, and must read from the back of the room)."""
    style = ' displaystyle="true"' if tall else ""
    return f"<math{style}>{mathml(term)}</math>"


def words(parts: tuple) -> str:
    """Words (escaped) and inline math, in reading order."""
    return "".join(escape(p) if isinstance(p, str) else inline(p) for p in parts)


def _mtd(cls: str, content: str) -> str:
    return f'<mtd class="{cls}" columnalign="{"right" if cls == "lhs" else "left"}">{content}</mtd>'


def _lines(side, room: float) -> list[str]:
    """One side as rows no wider than ``room``, broken between top-level terms or factors;
    each later row starts with its operator."""
    rows: list[list[str]] = [[]]
    used = 0.0
    for op, markup, wide in pieces(side):
        wide += 1.0 if op else 0.0
        if rows[-1] and used + wide > room:
            rows.append([])
            used = 0.0
        rows[-1].append(f"<mo>{op}</mo>{markup}" if op else markup)
        used += wide
    return ["".join(row) for row in rows]


def equation(sides: tuple, width: float = WIDTH) -> str:
    """lhs = rhs₁ = rhs₂ … as block math: one row per "= side", aligned at the equals signs,
    a side too long for ``width`` continued on the rows below it."""
    sides = distinct_sides(sides, unicode)
    if len(sides) == 1:
        return f'<math display="block">{mathml(sides[0])}</math>'
    lhs, lhs_width = measured(sides[0])
    room = max(width - lhs_width - 1.5, width / 2)
    rows = []
    for i, side in enumerate(sides[1:]):
        for j, line in enumerate(_lines(side, room)):
            left = lhs if i == 0 and j == 0 else ""
            lead = "<mo>=</mo>" if j == 0 else '<mspace width="1.2em"></mspace>'
            rows.append(
                f"<mtr>{_mtd('lhs', left)}{_mtd('rhs', f'<mrow>{lead}{line}</mrow>')}</mtr>"
            )
    return f'<math display="block"><mtable displaystyle="true">{"".join(rows)}</mtable></math>'


def _equation_block(sides: tuple, label: tuple = (), note: tuple = ()) -> str:
    out = ['<div class="eq">']
    if label:
        out.append(f'<span class="label">{words(label)}</span>')
    out.append(equation(sides))
    if note:
        out.append(f'<span class="note">({words(note)})</span>')
    out.append("</div>")
    return "".join(out)


def _cell(cell) -> str:
    if isinstance(cell, Num):
        return escape(number(cell.value).replace("-", "\u2212"))
    return escape(cell) if isinstance(cell, str) else inline(cell, tall=True)


class HtmlWriter(Writer):
    """Each block as HTML."""

    def _print_unknown(self, block) -> str:
        return f"<p>{words(words_of(block))}</p>"

    def _print_Heading(self, block) -> str:
        level = min(max(block.level, 1), 4)
        return f"<h{level}>{words(block.parts)}</h{level}>"

    def _print_Para(self, block) -> str:
        return f"<p>{words(block.parts)}</p>"

    def _print_Equation(self, block) -> str:
        return _equation_block(block.sides, block.label, block.note)

    def _print_Derivation(self, block) -> str:
        items = []
        for line in block.lines:
            head = f'<strong class="rule">{escape(line.title)}</strong>'
            if line.sentence:
                head += f" — {words(line.sentence)}"
            if line.sources:
                head += f' <span class="uses">({escape(line.sources)})</span>'
            items.append(
                f'<li value="{line.number}"><p>{head}</p>{_equation_block(line.math)}</li>'
            )
        cls = "steps nested" if block.nested else "steps"
        return f'<ol class="{cls}">{"".join(items)}</ol>'

    def _print_Decomposition(self, block) -> str:
        rows = "".join(
            f'<tr><th scope="row">{escape(link.role)}</th>'
            f"<td>{_sides(link.definition)}</td><td>{_sides(link.derivative)}</td></tr>"
            for link in block.links
        )
        return (
            f'<section class="panel decomposition"><p class="title">{words(block.title)}</p>'
            f"<p>{_sides(block.composition)}</p>"
            f'<table class="links"><tbody>{rows}</tbody></table>'
            f"<p>{_sides(block.product)}</p></section>"
        )

    def _print_Table(self, block) -> str:
        numeric = [
            bool(block.rows) and all(isinstance(row[i], Num) for row in block.rows)
            for i in range(len(block.headers))
        ]

        def attrs(i: int) -> str:
            return ' class="num"' if numeric[i] else ""

        head = "".join(
            f'<th scope="col"{attrs(i)}>{_cell(h)}</th>' for i, h in enumerate(block.headers)
        )
        body = "".join(
            "<tr>" + "".join(f"<td{attrs(i)}>{_cell(c)}</td>" for i, c in enumerate(row)) + "</tr>"
            for row in block.rows
        )
        return (
            f'<div class="table"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>"
        )

    def _print_Plot(self, block) -> str:
        return f"<figure>{html_plot.svg(block.values, block.steps, block.label)}</figure>"

    def _print_Verdict(self, block) -> str:
        mark = f'<span class="mark" aria-hidden="true">{_MARKS[block.status]}</span>'
        return f'<p class="verdict {block.status}">{mark}{words(block.parts)}</p>'

    def _print_Box(self, block) -> str:
        inner = "".join(self.write(child) for child in block.blocks)
        cls = f"panel {block.status}" if block.status else "panel"
        return f'<section class="{cls}"><p class="title">{words(block.title)}</p>{inner}</section>'

    def _print_Flowchart(self, block) -> str:
        items = []
        for node in block.nodes:
            inputs = "".join(
                f'<li><span class="arrow">⟵</span> <span class="node">{inline(source)}</span>'
                f" {inline(label, tall=True)}</li>"
                for source, label in node.sides
            )
            # The stem's two spans carry the edge line through the row to the box and on.
            row = (
                '<div class="stem"><span class="in"></span>'
                f'<span class="node">{inline(node.definition, tall=True)}</span>'
                '<span class="out"></span></div>'
            )
            if inputs:
                row += f'<ul class="inputs">{inputs}</ul>'
            down = ""
            if node.down is not None:
                down = f'<div class="down">{inline(node.down, tall=True)}</div>'
            items.append(f'<li><div class="flow-row">{row}</div>{down}</li>')
        return f'<ol class="flow">{"".join(items)}</ol>'

    def _print_Pause(self, block) -> str:
        said = f'<p class="pause">{words(block.parts)}</p>' if block.parts else ""
        return f'<hr class="pause">{said}'

    def _print_Exercise(self, block) -> str:
        out = f"<p><strong>Try it yourself:</strong> {words(block.prompt)}</p>"
        if block.answer:
            out += f"<details><summary>Answer</summary><p>{words(block.answer)}</p></details>"
        return f'<section class="exercise">{out}</section>'


def _sides(sides: tuple) -> str:
    """Short sides on one line, as in a sentence: h(x) = ln(cos(x) + 2) = f(g(x))."""
    sides = distinct_sides(sides, unicode)
    return inline(Equals(sides))


def body(doc: Document) -> str:
    """The blocks of ``doc`` in order, as HTML."""
    writer = HtmlWriter()
    return "\n".join(writer.write(block) for block in doc.blocks)


def render(doc: Document) -> str:
    """``doc`` as a whole page: light or dark as the reader's system prefers."""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(str(doc.title))}</title>\n"
        f"<style>{html_style.PAGE_STYLE}{html_style.STYLE}</style>\n</head>\n<body>\n"
        f'<main class="chainrule">\n{body(doc)}\n</main>\n</body>\n</html>\n'
    )


def fragment(doc: Document) -> str:
    """``doc`` for a notebook cell (``_repr_html_``): its style applies inside it alone."""
    return (
        f"<style>{html_style.STYLE}{html_style.FRAGMENT_STYLE}</style>\n"
        f'<div class="chainrule fragment">\n{body(doc)}\n</div>\n'
    )
