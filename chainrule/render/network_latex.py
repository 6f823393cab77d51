r"""The network views as LaTeX (a fragment for a document or slide) and as Markdown with $…$ math.

LaTeX needs only amsmath and amssymb: headings are ``\subsection*``, each equation an
``align*`` row broken at its equals signs, tables ``tabular``. Markdown uses ``$$`` blocks and
pipe tables, as GitHub, Jupyter and most static-site tools render them. A link's derivation is
laid out with the explainer's own LaTeX math style.
"""

from __future__ import annotations

import re

import sympy

from chainrule.render import network_blocks as doc
from chainrule.render import notation
from chainrule.render.base import Renderer
from chainrule.render.latex import LatexMath, text

_MATH = LatexMath()


def number(value: float) -> str:
    return f"{value:.6g}"


def term(t) -> str:
    """One piece of math as LaTeX (no surrounding $)."""
    if isinstance(t, str):
        return rf"\text{{{text(t)}}}"
    if isinstance(t, doc.Raw):
        return t.latex
    if isinstance(t, doc.Partial):
        return rf"\frac{{\partial {notation.latex(t.of)}}}{{\partial {notation.latex(t.wrt)}}}"
    if isinstance(t, doc.Number):
        return number(t.value)
    if isinstance(t, doc.Apply):
        return _MATH.derivative_of(t.expression, t.wrt, partial=True)
    if isinstance(t, doc.Update):
        g = number(t.gradient)
        return rf"{number(t.current)} - {number(t.lr)} \cdot {f'({g})' if g.startswith('-') else g}"
    if isinstance(t, doc.Product):
        return r" \cdot ".join(
            _MATH.factor(i) if isinstance(i, sympy.Basic) else term(i) for i in t.items
        )
    return notation.latex(t)


def _runs(parts: tuple) -> list[tuple[bool, str]]:
    """(is_math, text) runs: math pieces joined by a bare " = " become one formula."""
    runs: list[tuple[bool, str]] = []
    for p in parts:
        if isinstance(p, str) and not (_EQUALS.fullmatch(p) and runs and runs[-1][0]):
            runs.append((False, p))
        elif isinstance(p, str):
            runs[-1] = (True, runs[-1][1] + " = ")
        elif runs and runs[-1][0] and runs[-1][1].endswith(" = "):
            runs[-1] = (True, runs[-1][1] + term(p))
        else:
            runs.append((True, term(p)))
    return runs


_EQUALS = re.compile(r"\s*=\s*")


def words(parts: tuple) -> str:
    """A sentence in text mode with $…$ around each formula."""
    return "".join(f"${t}$" if math else text(t) for math, t in _runs(parts))


class _Story(Renderer):
    math = _MATH


def _derivation(block: doc.Derivation) -> list[tuple[str, str]]:
    """(sentence, math) per step of the explainer's story, math already LaTeX."""
    story = _Story().story(block.explanation)
    out = []
    for line in story.lines:
        sentence = f"{line.number}. {line.title}" + (
            f" --- {line.sentence}" if line.sentence else ""
        )
        math = " = ".join(line.math)
        out.append((sentence, math))
    return out


def _align(sides: tuple, note: tuple = ()) -> list[str]:
    parts = [term(s) for s in sides]
    rows = [f"{parts[0]} &= {parts[1]}"] if len(parts) > 1 else [parts[0]]
    rows += [f"&= {p}" for p in parts[2:]]
    if note:
        rows[-1] += rf" && \text{{({words(note)})}}"
    return rows


# -- LaTeX --------------------------------------------------------------------------------------


def latex(blocks: list[doc.Block]) -> str:
    """A LaTeX fragment: headings, align* equations, tabulars and sentences."""
    out = ["% chainrule network: needs \\usepackage{amsmath,amssymb}"]
    pending: list[str] = []

    def flush() -> None:
        if pending:
            out.append("\\begin{align*}")
            out.append(" \\\\\n".join(f"  {row}" for row in pending))
            out.append("\\end{align*}")
            pending.clear()

    for block in blocks:
        if isinstance(block, doc.Equation):
            pending.extend(_align(block.sides, block.note))
            continue
        if isinstance(block, doc.Derivation):
            for sentence, math in _derivation(block):
                pending.append(rf"&\quad \text{{{text(sentence)}}}")
                pending.append(rf"&\qquad {math}")
            continue
        flush()
        if isinstance(block, doc.Heading):
            out.append(f"\\subsection*{{{words(block.parts)}}}")
        elif isinstance(block, doc.Para):
            out.append(words(block.parts) + "\n")
        elif isinstance(block, doc.Table):
            cols = "".join(
                "r" if all(isinstance(r[i], doc.Number) for r in block.rows) else "l"
                for i in range(len(block.headers))
            )
            out.append(f"\\begin{{tabular}}{{{cols}}}")
            out.append(" & ".join(_cell(h) for h in block.headers) + r" \\ \hline")
            out += [" & ".join(_cell(c) for c in row) + r" \\" for row in block.rows]
            out.append("\\end{tabular}\n")
        elif isinstance(block, doc.Plot):
            out.append(
                f"% {block.label} over {len(block.values) - 1} steps: draw it with --plot out.png\n"
            )
        elif isinstance(block, doc.Check):
            mark = "--" if block.skipped else r"$\checkmark$" if block.ok else r"$\times$"
            out.append(f"{mark} {words(block.parts)}\n")
    flush()
    return "\n".join(out) + "\n"


def _cell(t) -> str:
    return text(t) if isinstance(t, str) else f"${term(t)}$"


# -- Markdown -------------------------------------------------------------------------------------


def markdown(blocks: list[doc.Block]) -> str:
    """Markdown with $…$ and $$…$$ math and pipe tables."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, doc.Heading):
            out += [f"### {_md_words(block.parts)}", ""]
        elif isinstance(block, doc.Para):
            out += [_md_words(block.parts), ""]
        elif isinstance(block, doc.Equation):
            math = " = ".join(term(s) for s in block.sides)
            if block.note:
                math += rf" \qquad \text{{({words(block.note)})}}"
            out += [f"$$ {math} $$", ""]
        elif isinstance(block, doc.Derivation):
            for sentence, math in _derivation(block):
                out += [f"> {_md_escape(sentence)}  ", f"> $$ {math} $$", ">"]
            out[-1] = ""
        elif isinstance(block, doc.Table):
            out.append("| " + " | ".join(_md_cell(h) for h in block.headers) + " |")
            out.append(
                "|"
                + "|".join(
                    "---:" if all(isinstance(r[i], doc.Number) for r in block.rows) else ":---"
                    for i in range(len(block.headers))
                )
                + "|"
            )
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
        elif isinstance(block, doc.Plot):
            from chainrule.render.network_training import plot_lines

            out += ["```text", *plot_lines(block.values, 72), "```", ""]
        elif isinstance(block, doc.Check):
            mark = "–" if block.skipped else "✓" if block.ok else "✗"
            out += [f"**{mark}** {_md_words(block.parts)}", ""]
    return "\n".join(out).rstrip() + "\n"


def _md_escape(words: str) -> str:
    return "".join("\\" + ch if ch in "*_`[]<>|#" else ch for ch in words)


def _md_words(parts: tuple) -> str:
    return "".join(f"${t}$" if math else _md_escape(t) for math, t in _runs(parts))


def _md_cell(t) -> str:
    return _md_escape(t) if isinstance(t, str) else f"${term(t)}$".replace("|", r"\vert ")
