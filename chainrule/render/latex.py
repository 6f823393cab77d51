r"""LaTeX: an ``align*`` fragment an instructor pastes into slides, and Jupyter's display form.

The fragment needs only amsmath: each step's words go in ``\intertext`` (so they wrap like a
paragraph) and its math is aligned at the equals signs. Jupyter's MathJax has no ``\intertext``,
so ``display`` writes the words as ``\text{…}`` rows of an ``aligned`` block instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import sympy

from chainrule import steps as s
from chainrule.render import notation, wording
from chainrule.render.base import Renderer, Story
from chainrule.render.mathstyle import Math


class LatexMath(Math):
    """Math as LaTeX; inside a sentence it is wrapped in $…$."""

    times = r" \cdot "
    minus = "-"
    prime = "'"
    compose = r" \circ "
    ln = r"\ln "
    check, cross = r"$\checkmark$", r"$\times$"

    def expr(self, expr: sympy.Basic) -> str:
        return notation.latex(expr)

    def inline(self, math: str) -> str:
        return f"${math}$"

    def d(self, variable: sympy.Symbol, partial: bool) -> str:
        name = self.expr(variable)
        return rf"\frac{{\partial}}{{\partial {name}}}" if partial else rf"\frac{{d}}{{d{name}}}"

    def group(self, text: str) -> str:
        return rf"\left({text}\right)"

    def quotient(self, numerator: str, denominator: str) -> str:
        return rf"\frac{{{numerator}}}{{{denominator}}}"

    def square(self, text: str) -> str:
        return f"{{{text}}}^{{2}}"

    def indexed(self, name: str, index: int) -> str:
        return f"{name}_{{{index}}}"

    def call(self, name: str, argument: str) -> str:
        return f"{name}({argument})"

    def _slashed(self, text: str) -> bool:
        return False

    def _compound(self, text: str) -> bool:
        # A \frac is visibly one factor on its own; only a product inside a product needs brackets.
        return r"\cdot" in text


_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "—": "---",
    "–": "--",
    "…": r"\ldots{}",
    # Math our sentences write in Unicode; plain pdflatex knows none of these characters.
    **{
        ch: f"${tex}$"
        for ch, tex in {
            "δ": r"\delta",
            "σ": r"\sigma",
            "η": r"\eta",
            "θ": r"\theta",
            "ŷ": r"\hat{y}",
            "∂": r"\partial",
            "·": r"\cdot",
            "−": "-",
            "′": "'",
            "∘": r"\circ",
            "←": r"\leftarrow",
            "→": r"\rightarrow",
            "✓": r"\checkmark",
            "✗": r"\times",
            "×": r"\times",
        }.items()
    },
    **{chr(0x2080 + d): f"$_{{{d}}}$" for d in range(10)},
    **{sup: f"$^{{{d}}}$" for d, sup in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")},
}


def text(words: str) -> str:
    """Escape our sentences for LaTeX text mode, leaving their $…$ math untouched."""
    pieces = re.split(r"(\$[^$]*\$)", words)
    return "".join(
        piece if piece.startswith("$") else "".join(_SPECIAL.get(ch, ch) for ch in piece)
        for piece in pieces
    )


def _equation(parts: tuple[str, ...]) -> list[str]:
    rows = [f"{parts[0]} &= {parts[1]}"] if len(parts) > 1 else [parts[0]]
    rows += [f"&= {part}" for part in parts[2:]]
    return rows


def rows(story: Story, words: Callable[[str, str], str]) -> list[tuple[str, bool]]:
    """(row, is_words) pairs in reading order.

    ``words(bold, rest)`` writes a sentence row for the environment; both parts are our words
    with $…$ math, not yet escaped (each environment escapes text its own way).
    """
    out: list[tuple[str, bool]] = []
    if story.heading:
        held = f" ({story.held})" if story.held else ""
        out.append((words(story.heading, held), True))
    for chain in story.chains:
        out.append((words("", chain.title), True))
        left, _, right = chain.composition.partition(" = ")
        out.append((f"{left} &= {right}", False))
        for link in chain.links:
            row = rf"&\text{{{link.role}: }} {link.definition}, \quad {link.derivative}"
            out.append((row, False))
        left, _, right = chain.product.partition(" = ")
        out.append((f"{left} &= {right}", False))
    for line in story.lines:
        rest = f" — {line.sentence}" if line.sentence else ""
        rest += f" ({wording.uses(line.uses)})" if line.uses else ""
        out.append((words(f"{line.number}. {line.title}", rest), True))
        out += [(row, False) for row in _equation(line.math)]
    if story.answer is not None:
        label = wording.derived() if story.simplified is not None else wording.result()
        out.append((words(f"{label}:", ""), True))
        out.append((f"{story.answer} &= {story.derived}", False))
        if story.simplified is not None:
            out.append((words(f"{wording.simplified()}:", ""), True))
            out.append((f"{story.answer} &= {story.simplified}", False))
        if story.kept_as_derived:
            out.append((words("", f"({wording.kept_as_derived()})"), True))
        check = story.verification or ""
        if story.ok:
            out.append((words("", f"{LatexMath.check} {check}"), True))
        else:
            out.append((words(f"{LatexMath.cross} {check}", ""), True))
    return out


def _intertext(bold: str, rest: str) -> str:
    head = rf"\textbf{{{text(bold)}}}" if bold else ""
    return rf"\intertext{{{head}{text(rest)}}}"


def render(obj: s.Explanation | s.Step) -> str:
    """An amsmath ``align*`` environment with every step, ready to paste into a slide."""
    body = rows(_LatexRenderer().story(obj), _intertext)
    lines = []
    for i, (row, is_words) in enumerate(body):
        # \intertext must follow a finished row, so every math row but the last ends with \\.
        end = "" if is_words or i == len(body) - 1 else r" \\"
        lines.append(f"  {row}{end}")
    return "% chainrule: needs \\usepackage{amsmath,amssymb}\n" + (
        "\\begin{align*}\n" + "\n".join(lines) + "\n\\end{align*}\n"
    )


def _mathjax_text(bold: str, rest: str) -> str:
    # MathJax shows \text{…} literally (no escapes, no ---), but does typeset its $…$ math.
    parts = [rf"\textbf{{{bold}}}" if bold else "", rf"\text{{{rest}}}" if rest else ""]
    return "&" + "".join(parts)


def display(obj: s.Explanation | s.Step) -> str:
    """$$\\begin{aligned}…\\end{aligned}$$ for Jupyter's ``_repr_latex_`` (MathJax)."""
    body = rows(_LatexRenderer().story(obj), _mathjax_text)
    return "$$\\begin{aligned}\n" + " \\\\\n".join(row for row, _ in body) + "\n\\end{aligned}$$"


class _LatexRenderer(Renderer):
    math = LatexMath()
