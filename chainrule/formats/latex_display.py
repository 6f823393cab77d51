r"""The document as one MathJax display, for Jupyter's ``_repr_latex_``.

MathJax typesets math only: no ``\section``, no ``tabular``, no ``\intertext``, and it never
wraps a line. So every block becomes rows of one ``aligned`` environment: words as
``\text{…}`` rows wrapped here (MathJax shows their characters as they are, with no LaTeX
text escapes, but does typeset the $…$ math inside them), math broken as on the page.
"""

from __future__ import annotations

from chainrule.document import Document, Num
from chainrule.formats.latex_rows import row_text, rows
from chainrule.formats.latex_text import math, math_symbol, runs, split
from chainrule.formats.latex_width import tex_width
from chainrule.formats.notation import latex
from chainrule.formats.writer import Writer, words_of

#: Points a row may take: about what a notebook cell shows without scrolling.
ROOM = 500.0
_CHAR = 5.0
_INDENT = r"\quad "
_QQUAD = tex_width(r"\qquad")
_MARKS = {"ok": r"\checkmark", "failed": r"\times", "skipped": "-"}
#: Marks a row that wants space above it (a heading): the row break before it is wider.
SPACE = "\x00"
# A brace, a backslash or a dollar in our words would unbalance the display or open math in
# it; MathJax shows every other character as it is.
_BRACES = str.maketrans({"{": "(", "}": ")", "\\": "⧵", "$": "＄"})


def _text_runs(parts: tuple) -> list[tuple[bool, str]]:
    """Words and math; Unicode math in the words (δₖ, ∂J/∂θ) as math too, since MathJax's
    fonts have no subscript letters, and every other character as it is."""
    out = []
    for is_math, piece in runs(parts):
        if is_math:
            out.append((True, piece))
            continue
        plain = "".join({ch for ch in piece if not ch.isascii() and math_symbol(ch) is None})
        out += [(m, t if m else t.translate(_BRACES)) for m, t in split(piece, keep=plain)]
    return out


def wrap(parts: tuple, room: float, bold: str = "", rest: str = "") -> list[str]:
    """Words and math as \\text{…} rows of at most ``room`` points, broken between words;
    ``bold`` words lead the first row, ``rest`` (a space such as \\quad) the others."""
    rows_: list[list[str]] = [[]]
    used = _CHAR * len(bold)
    for is_math, piece in _text_runs(parts):
        if is_math:
            w = tex_width(piece)
            if used + w > room and rows_[-1]:
                rows_.append([])
                used = 0.0
            rows_[-1].append(f"${piece}$")
            used += w
            continue
        for i, word in enumerate(piece.split(" ")):
            token = word if i == 0 else " " + word
            if used + _CHAR * len(token) > room and rows_[-1] and i:
                rows_.append([])
                used, token = 0.0, word
            rows_[-1].append(token)
            used += _CHAR * len(token)
    out = [(rest if i else "") + rf"\text{{{''.join(row)}}}" for i, row in enumerate(rows_)]
    if bold:
        out[0] = rf"\textbf{{{bold}}}" + out[0]
    return out


class DisplayWriter(Writer):
    """Each block as aligned rows (without the leading &)."""

    def __init__(self, room: float = ROOM) -> None:
        self.room = room

    def _print_unknown(self, block) -> list[str]:
        return wrap(words_of(block), self.room)

    def _print_Heading(self, block) -> list[str]:
        return [
            SPACE + (_bold(block.parts) if block.level > 1 else rf"\large {_bold(block.parts)}")
        ]

    def _print_Para(self, block) -> list[str]:
        return wrap(block.parts, self.room)

    def _print_Equation(self, block) -> list[str]:
        lead = rf"\text{{{_plain(block.label)}}}\quad " if block.label else ""
        out = self._math(block.sides, _INDENT, lead)
        if not block.note:
            return out
        note = wrap(("(", *block.note, ")"), self.room)
        beside = len(out) == 1 and len(note) == 1
        if beside and tex_width(out[0]) + _QQUAD + tex_width(note[0]) <= self.room:
            return [rf"{out[0]} \qquad {note[0]}"]
        return out + [_INDENT + r"\qquad " + row for row in note]

    def _math(self, sides: tuple, indent: str, lead: str = "") -> list[str]:
        """lhs = rhs … on one row, or an aligned block of its own when it has to be broken."""
        laid = rows(sides, self.room - tex_width(indent), lead=lead)
        if len(laid) == 1:
            return [f"{indent}{laid[0].left} {laid[0].right}"]
        body = r" \\ ".join(row_text(r) for r in laid)
        return [rf"{indent}\begin{{aligned}}{body}\end{{aligned}}"]

    def _print_Derivation(self, block) -> list[str]:
        pad = r"\qquad " if block.nested else ""
        out = []
        for line in block.lines:
            tail = (f" ({line.sources})",) if line.sources else ()
            said = (" — ", *line.sentence, *tail) if line.sentence else tail
            title = f"{line.number}. {line.title}"
            out += [pad + row for row in wrap(said, self.room, title, _INDENT)]
            out += self._math(line.math, pad + _INDENT)
        return out

    def _print_Decomposition(self, block) -> list[str]:
        out = [SPACE + _bold(block.title)]
        out.append(_INDENT + " = ".join(math(latex(s)) for s in block.composition))
        for link in block.links:
            definition = " = ".join(math(latex(s)) for s in link.definition)
            derivative = " = ".join(math(latex(s)) for s in link.derivative)
            out.append(rf"{_INDENT}\text{{{link.role}}}\quad {definition}, \quad {derivative}")
        out.append(_INDENT + " = ".join(math(latex(s)) for s in block.product))
        return out

    def _print_Table(self, block) -> list[str]:
        columns = range(len(block.headers))
        spec = "".join(
            "r" if all(isinstance(row[i], Num) for row in block.rows) else "l" for i in columns
        )
        cells = [[_cell(c) for c in row] for row in (block.headers, *block.rows)]
        # A fraction (∂J/∂ŷ) at text size is hard to read: set it as in a display, rows apart.
        built_up = any(r"\frac" in cell for row in cells for cell in row)
        if built_up:
            cells = [[_cell(c, display=True) for c in row] for row in (block.headers, *block.rows)]
        gap = r" \\[4pt] " if built_up else r" \\ "
        head = " & ".join(cells[0]) + r" \\ \hline "
        body = gap.join(" & ".join(row) for row in cells[1:])
        return [rf"{_INDENT}\begin{{array}}{{{spec}}} {head}{body} \end{{array}}"]

    def _print_Plot(self, block) -> list[str]:
        first, last = block.values[0], block.values[-1]
        said = f"({block.label} over {len(block.values) - 1} steps, from {first:.4g} to {last:.4g})"
        return [rf"{_INDENT}\text{{{said}}}"]

    def _print_Verdict(self, block) -> list[str]:
        out = wrap(block.parts, self.room, rest=_INDENT)
        out[0] = f"{_MARKS[block.status]}\\ {out[0]}"
        return out

    def _print_Box(self, block) -> list[str]:
        title = _bold(block.title)
        out = [SPACE + (rf"\times\ {title}" if block.status == "failed" else title)]
        for child in block.blocks:
            out += [_INDENT + row for row in self.write(child)]
        return out

    def _print_Flowchart(self, block) -> list[str]:
        out = []
        for node in block.nodes:
            row = _INDENT + math(latex(node.definition))
            for source, label in node.sides:
                row += rf" \qquad \longleftarrow {math(latex(source))}\;\; {math(latex(label))}"
            out.append(row)
            if node.down is not None:
                out.append(rf"{_INDENT}\big\downarrow \quad {math(latex(node.down))}")
        return out

    def _print_Pause(self, block) -> list[str]:
        return wrap(("… ", *block.parts), self.room) if block.parts else []

    def _print_Exercise(self, block) -> list[str]:
        out = wrap((" ", *block.prompt), self.room, "Try it yourself:")
        return out + (wrap(("Answer: ", *block.answer), self.room) if block.answer else [])


def _bold(parts: tuple) -> str:
    return "".join(t if m else rf"\textbf{{{t}}}" for m, t in _text_runs(parts))


def _plain(parts: tuple) -> str:
    return "".join(f"${t}$" if m else t for m, t in _text_runs(parts))


def _cell(cell, display: bool = False) -> str:
    if isinstance(cell, str):
        return rf"\text{{{cell.translate(_BRACES)}}}"
    return ("\\displaystyle " if display else "") + math(latex(cell))


def display(doc: Document) -> str:
    """$$\\begin{aligned}…\\end{aligned}$$: the whole document as one MathJax display."""
    writer = DisplayWriter()
    body = [row for block in doc.blocks for row in writer.write(block)]
    joined = ""
    for i, row in enumerate(body):
        spaced = row.startswith(SPACE)
        if i:
            joined += " \\\\[6pt]\n" if spaced else " \\\\\n"
        joined += "& " + row.removeprefix(SPACE)
    return f"$$\\begin{{aligned}}\n{joined}\n\\end{{aligned}}$$"
