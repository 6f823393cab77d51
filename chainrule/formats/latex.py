r"""LaTeX: a fragment to paste into notes or slides, a whole document pdflatex compiles as it is,
and (``display``) the aligned block Jupyter's MathJax shows.

The fragment needs only amsmath and amssymb. Math is set in ``align*`` and broken to fit the
line (``latex_rows``): a derivation is one paragraph of words and one display per step, so it
breaks across pages like prose, and a sentence wraps however long it is.
"""

from __future__ import annotations

from chainrule.document import Document, Equation, Num
from chainrule.formats import latex_rows
from chainrule.formats.latex_plot import picture
from chainrule.formats.latex_rows import row_text, rows, width
from chainrule.formats.latex_text import formulas, math, text
from chainrule.formats.latex_width import tex_width
from chainrule.formats.notation import latex
from chainrule.formats.writer import Writer, grouped, words_of

#: Points a fragment's math may take: article's text width at 10pt, where a fragment most
#: often lands. A standalone document sets its own margins and has more room.
FRAGMENT_WIDTH = 345.0
STANDALONE_WIDTH = 455.0  # A4 less 2.5cm margins; US letter is a little wider
_MARGIN = "2.5cm"
_CHAR = 5.0  # an average character of running text at 10pt, in points
_QQUAD = tex_width(r"\qquad")
_NESTED_INDENT = 20.0  # 2em: a derivation under a link is set in by this, in \small
_SMALL = 0.9

#: A formula in running text wider than this share of the line may break inside, in pieces
#: of about the second share.
_INLINE_LONG, _INLINE_PIECE = 0.4, 0.2
#: How much larger than the text a heading of each level is set (\Large, \large, bold).
_HEADING_SCALE = {1: 1.44, 2: 1.2}

_SIZES = (("small", 0.9), ("footnotesize", 0.8), ("scriptsize", 0.7))
_MARKS = {"ok": r"$\checkmark$", "failed": r"$\times$", "skipped": "--"}


def words(parts: tuple, room: float | None = None) -> str:
    """Words in text mode, each formula in $…$; one wider than a share of a line of ``room``
    points is set so that the paragraph can break inside it."""
    out = []
    for is_math, tex, sides in formulas(parts):
        if not is_math:
            out.append(text(tex))
        elif room is not None and tex_width(tex) > _INLINE_LONG * room:
            out.append(latex_rows.inline(sides, _INLINE_PIECE * room))
        else:
            out.append(f"${tex}$")
    return "".join(out)


def align(rows: list[str], pairs: int = 1) -> str:
    """Rows "left & right" in an ``align*``, or an ``alignat*`` for rows of several pairs."""
    body = " \\\\\n".join(f"  {row}" for row in rows)
    if pairs == 1:
        return f"\\begin{{align*}}\n{body}\n\\end{{align*}}"
    return f"\\begin{{alignat*}}{{{pairs}}}\n{body}\n\\end{{alignat*}}"


class LatexWriter(Writer):
    """Each block as LaTeX source; ``room`` is the line's width in points."""

    def __init__(self, room: float) -> None:
        self.room = room

    def blocks(self, blocks: tuple) -> list[str]:
        """Every block in order; consecutive equations share one align*, aligned at =."""
        out = [
            self._equations(item) if isinstance(item, list) else self.write(item)
            for item in grouped(blocks, Equation)
        ]
        return [chunk for chunk in out if chunk]

    def _words(self, parts: tuple, scale: float = 1.0) -> str:
        """Words of a paragraph as wide as the line, in type ``scale`` times the text's."""
        return words(parts, self.room / scale)

    def _print_unknown(self, block) -> str:
        return self._words(words_of(block))

    def _print_Heading(self, block) -> str:
        level = {1: "section", 2: "subsection"}.get(block.level, "subsubsection")
        said = self._words(block.parts, _HEADING_SCALE.get(block.level, 1.0))
        return f"\\{level}*{{{said}}}"

    def _print_Para(self, block) -> str:
        # Blocks stand apart like a web page's paragraphs, not indented like a novel's.
        return rf"\noindent {self._words(block.parts)}"

    def _print_Equation(self, block) -> str:
        return self._equations([block])

    def _equations(self, equations: list[Equation]) -> str:
        chunks = [
            align(laid)
            if isinstance(laid, list)
            else rf"\noindent\hspace*{{2em}}({self._words(laid)})"
            for laid in latex_rows.groups(equations, self.room, words)
        ]
        return "\n\n".join(chunks)

    def _print_Derivation(self, block) -> str:
        room = (self.room - _NESTED_INDENT) / _SMALL if block.nested else self.room
        out = []
        for line in block.lines:
            head = rf"\noindent\textbf{{{line.number}. {text(line.title)}}}"
            if line.sentence:
                head += f" --- {words(line.sentence, room)}"
            if line.sources:
                head += f" ({text(line.sources)})"
            out.append(f"{head}\n{align([row_text(r) for r in rows(line.math, room)])}")
        body = "\n\n".join(out)
        if not block.nested:
            return body
        # Set in and smaller: the derivation of one link, under the link it derives.
        return (
            "\\begin{list}{}{\\setlength{\\leftmargin}{2em}}\\item[]\\small\n"
            f"{body}\n\\end{{list}}"
        )

    def _print_Decomposition(self, block) -> str:
        body = latex_rows.decomposition(block, self.room)
        title = self._words(block.title)
        return rf"\medskip\noindent\textbf{{{title}}}" + "\n" + align(body, pairs=2)

    def _print_Table(self, block) -> str:
        columns = range(len(block.headers))
        numeric = [all(isinstance(row[i], Num) for row in block.rows) for i in columns]
        every = (block.headers, *block.rows)
        cells = [[_cell(c) for c in row] for row in every]
        # A fraction (∂J/∂ŷ) at text size is hard to read: set it as in a display, rows apart.
        built_up = any(r"\frac" in cell for row in cells for cell in row)
        if built_up:
            cells = [[_cell(c, display=True) for c in row] for row in every]
        widths = [max(_cell_width(row[i]) for row in every) for i in columns]
        spec = "".join("r" if n else "l" for n in numeric)
        lines = ["\\begin{center}"]
        if sum(widths) + 12 * len(widths) > self.room:
            # Too wide at the usual size: closer columns and the largest smaller type that
            # fits, rather than running off the page.
            size = next(
                (
                    name
                    for name, scale in _SIZES
                    if sum(widths) * scale + 6 * len(widths) <= self.room
                ),
                _SIZES[-1][0],
            )
            lines.append(f"\\{size}\\setlength{{\\tabcolsep}}{{3pt}}")
        lines += ["\\renewcommand{\\arraystretch}{1.9}"] if built_up else []
        lines += [f"\\begin{{tabular}}{{{spec}}}", " & ".join(cells[0]) + r" \\ \hline"]
        lines += [" & ".join(row) + r" \\" for row in cells[1:]]
        lines += ["\\end{tabular}", "\\end{center}"]
        return "\n".join(lines)

    def _print_Plot(self, block) -> str:
        return "\\medskip\n" + picture(block, min(self.room, 320.0))

    def _print_Verdict(self, block) -> str:
        said = f"{_MARKS[block.status]} {self._words(block.parts)}"
        return rf"\noindent\textbf{{{said}}}" if block.status == "failed" else rf"\noindent {said}"

    def _print_Box(self, block) -> str:
        title = self._words(block.title)
        if block.status == "failed":
            title = rf"$\times$ {title}"
        rule = r"\noindent\rule{\linewidth}{0.4pt}"
        inner = self.blocks(block.blocks)
        return "\n\n".join([rf"{rule}\par\nopagebreak\noindent\textbf{{{title}}}", *inner, rule])

    def _print_Flowchart(self, block) -> str:
        heads = [math(latex(node.definition)) for node in block.nodes]
        sides = [
            [
                rf"\longleftarrow {math(latex(s))} \quad {math(latex(label))}"
                for s, label in node.sides
            ]
            for node in block.nodes
        ]
        widest = max(tex_width(h) for h in heads)
        beside = widest + _QQUAD + max((tex_width(s) for n in sides for s in n), default=0)
        out = []
        for node, head, fed in zip(block.nodes, heads, sides, strict=True):
            if beside <= self.room:
                out += [f"& {head if i == 0 else ''} &\\qquad & {s}" for i, s in enumerate(fed)]
                out += [f"& {head}"] if not fed else []
            else:
                out += [f"& {head}", *(rf"& \qquad {s}" for s in fed)]
            if node.down is not None:
                # Set in a zero-width box: the label of the edge down must not push the side
                # inputs of every node to the right.
                down = math(latex(node.down))
                out.append(rf"& \rlap{{$\displaystyle \Big\downarrow \quad {down}$}}")
        return align(out, pairs=2)

    def _print_Pause(self, block) -> str:
        return (
            rf"\medskip\noindent\textit{{\ldots{{}} {self._words(block.parts)}}}"
            if block.parts
            else r"\medskip"
        )

    def _print_Exercise(self, block) -> str:
        out = rf"\medskip\noindent\textbf{{Try it yourself:}} {self._words(block.prompt)}"
        if block.answer:
            out += f"\n\n\\noindent\\textit{{Answer:}} {self._words(block.answer)}"
        return out


def _cell(cell, display: bool = False) -> str:
    if isinstance(cell, str):
        return text(cell)
    style = "\\displaystyle " if display else ""
    return f"${style}{math(latex(cell))}$"


def _cell_width(cell) -> float:
    return _CHAR * len(cell) if isinstance(cell, str) else width(cell)


def render(doc: Document, standalone: bool = False) -> str:
    """The document as a LaTeX fragment, or with ``standalone`` a whole article."""
    room = STANDALONE_WIDTH if standalone else FRAGMENT_WIDTH
    body = "\n\n".join(LatexWriter(room).blocks(doc.blocks)) + "\n"
    if not standalone:
        head = (
            "% chainrule: a LaTeX fragment; it needs \\usepackage{amsmath,amssymb}.\n"
            "% \\allowdisplaybreaks in the preamble lets long derivations break across pages.\n"
        )
        return head + body
    return (
        "\\documentclass{article}\n"
        "\\usepackage[T1]{fontenc}\n"
        "\\usepackage{lmodern}\n"
        f"\\usepackage[margin={_MARGIN}]{{geometry}}\n"
        "\\usepackage{amsmath,amssymb}\n"
        "\\allowdisplaybreaks\n"
        f"\\title{{{text(str(doc.title))}}}\n"
        "\\author{}\n"
        "\\date{}\n"
        "\\begin{document}\n"
        "\\maketitle\n\n"
        f"{body}\n"
        "\\end{document}\n"
    )


def display(doc: Document) -> str:
    """$$\\begin{aligned}…\\end{aligned}$$ for Jupyter's ``_repr_latex_`` (MathJax)."""
    from chainrule.formats.latex_display import display as aligned

    return aligned(doc)
