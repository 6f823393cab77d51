"""The network views as plain Unicode text: no colour, no escape codes, broken to a width.

Equations break at their equals signs (as ``render.text`` does for the explainer); an
explainer's derivation is laid out by the explainer's own text renderer, indented under its link.
"""

from __future__ import annotations

import textwrap

import sympy

from chainrule.render import network_blocks as doc
from chainrule.render.base import Math, Renderer
from chainrule.render.text import equation_lines, step_heading

_MATH = Math()


def number(value: float) -> str:
    """Six significant digits, with a true minus sign."""
    return f"{value:.6g}".replace("-", "−")


def term(t) -> str:
    """One piece of math in one-line Unicode."""
    if isinstance(t, str):
        return t
    if isinstance(t, doc.Raw):
        return t.unicode
    if isinstance(t, doc.Partial):
        return f"∂{_MATH.expr(t.of)}/∂{_MATH.expr(t.wrt)}"
    if isinstance(t, doc.Number):
        return number(t.value)
    if isinstance(t, doc.Apply):
        return _MATH.derivative_of(t.expression, t.wrt, partial=True)
    if isinstance(t, doc.Update):
        g = number(t.gradient)
        return f"{number(t.current)} − {number(t.lr)}·{f'({g})' if g.startswith('−') else g}"
    if isinstance(t, doc.Product):
        joiner = " · " if t.spaced else "·"
        return joiner.join(_factor(item) for item in t.items)
    return _MATH.expr(t)


def _factor(t) -> str:
    if isinstance(t, sympy.Basic):
        return _MATH.factor(t)
    return term(t)


def paragraph(parts: tuple) -> str:
    """Words and math in one string; spaces inside math are no-break, so wrapping keeps it whole."""
    return "".join(p if isinstance(p, str) else term(p).replace(" ", NBSP) for p in parts)


NBSP = "\u00a0"


def wrap(text: str, width: int, **kwargs) -> list[str]:
    """Wrap at the spaces between words, never inside a formula, then undo the no-break spaces."""
    rows = textwrap.wrap(text, width, break_on_hyphens=False, **kwargs)
    return [row.replace(NBSP, " ") for row in rows]


def derivation_lines(block: doc.Derivation, width: int) -> list[str]:
    """The explainer's numbered steps for one link, laid out as ``chainrule explain`` does."""
    story = Renderer().story(block.explanation)
    out: list[str] = []
    digits = len(str(len(story.lines)))
    for line in story.lines:
        head = f"{line.number:>{digits}}. "
        pad = " " * len(head)
        out += textwrap.wrap(
            step_heading(line), width, initial_indent=head, subsequent_indent=pad
        ) or [head]
        out += [pad + "  " + row for row in equation_lines(line.math, width - len(pad) - 2)]
    return out


def table_lines(block: doc.Table) -> list[str]:
    cells = [[term(h) for h in block.headers]] + [[term(c) for c in row] for row in block.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(block.headers))]
    numeric = [all(isinstance(r[i], doc.Number) for r in block.rows) for i in range(len(widths))]

    def line(row: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if num else c.ljust(w)
            for c, w, num in zip(row, widths, numeric, strict=True)
        ).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return [line(cells[0]), rule, *(line(r) for r in cells[1:])]


def equation(block: doc.Equation, width: int) -> list[str]:
    rows = equation_lines(tuple(term(s) for s in block.sides), width)
    if block.note:
        note = f"({paragraph(block.note)})"
        if len(rows[-1]) + 3 + len(note) <= width:
            rows[-1] += "   " + note.replace(NBSP, " ")
        else:
            rows += wrap(note, width, initial_indent="    ", subsequent_indent="     ")
    return rows


def render(blocks: list[doc.Block], width: int = 80) -> str:
    """The blocks as plain text, at most ``width`` columns wherever a line can be broken."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, doc.Heading):
            if out:
                out.append("")
            text = paragraph(block.parts).replace(NBSP, " ")
            out += [text, "─" * min(len(text), width)]
        elif isinstance(block, doc.Para):
            out += wrap(paragraph(block.parts), width)
        elif isinstance(block, doc.Equation):
            out += ["  " + row for row in equation(block, width - 2)]
        elif isinstance(block, doc.Derivation):
            out += ["      " + row for row in derivation_lines(block, width - 6)]
        elif isinstance(block, doc.Table):
            out += ["  " + row for row in table_lines(block)]
        elif isinstance(block, doc.Plot):
            from chainrule.render.network_training import plot_lines

            out += ["", *plot_lines(block.values, width), ""]
        elif isinstance(block, doc.Check):
            mark = "–" if block.skipped else "✓" if block.ok else "✗"
            text = f"{mark} {paragraph(block.parts)}"
            out += wrap(text, width, subsequent_indent="  ")
    return "\n".join(out) + "\n"
