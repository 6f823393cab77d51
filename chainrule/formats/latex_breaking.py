r"""One LaTeX term broken into rows no wider than the room, by what it is made of: between its
top-level terms or factors, and a piece still too wide inside its own term (in its brackets, in
a fraction's numerator and denominator, after a function's name). ``latex_rows`` uses this for
each side of an equation and for formulas in running text."""

from __future__ import annotations

from chainrule.formats.latex_text import math
from chainrule.formats.latex_width import tex_width
from chainrule.formats.notation import as_math, latex
from chainrule.formats.print_latex import LearnerLatexPrinter, Part, Wrap

QUAD = tex_width(r"\quad")
FRAC_GAP = tex_width(r"\frac{}{}")


class Breaker:
    """Breaks terms into rows by what they are made of (``LearnerLatexPrinter.parts``,
    ``wrap``, ``fraction``), never by searching their text. ``inline`` is for running text,
    where a fraction is written a/b rather than broken inside its \\frac."""

    def __init__(self, inline: bool = False) -> None:
        self.printer = LearnerLatexPrinter()
        self.inline = inline

    def rows(self, side, room: float, text=None, first=None) -> list[tuple[str, float]]:
        first = room if first is None else first
        text = math(latex(side)) if text is None else text
        full = tex_width(text)
        if full <= first:
            return [(text, full)]
        parts = self.printer.parts(as_math(side))
        if len(parts) == 1:
            return self._inside(parts[0].term, text, full, room, first)
        return self._pieces(parts, room, first)

    def _pieces(self, parts: list[Part], room: float, first: float) -> list[tuple[str, float]]:
        """Pieces as many to a row as fit, each after the first with its operator."""
        out: list[tuple[str, float]] = []
        for part in parts:
            glue, glue_width = (f"{part.op} ", tex_width(part.op)) if out else ("", 0.0)
            limit = first if not out else room - glue_width
            for k, (row, w) in enumerate(self._part_rows(part, room - QUAD, limit)):
                if k:  # a piece broken inside: in a display its rows are set in further
                    out.append((row, w) if self.inline else (rf"\quad {row}", w + QUAD))
                    continue
                row, w = glue + row, w + glue_width
                if out and out[-1][1] + w <= (first if len(out) == 1 else room):
                    out[-1] = (f"{out[-1][0]} {row}", out[-1][1] + w)
                    continue
                # {} keeps the operator binary at the start of a row: its spaces stay.
                out.append((f"{{}} {row}" if glue else row, w))
        return out

    def _part_rows(self, part: Part, room: float, first: float) -> list[tuple[str, float]]:
        """One piece of a side: whole if it fits, else broken inside the term it prints."""
        text = math(part.text)
        w = tex_width(text)
        if w <= first or part.term is None:
            return [(text, w)]
        if part.bracketed:
            return self._wrapped(Wrap("", part.term, True), room, first)
        return self.rows(part.term, room, text, first)

    def _inside(self, term, text: str, full: float, room: float, first: float):
        """A side that is one piece: broken inside what it is written round (sin(…), −…,
        d/dx …) or inside its fraction; anything else stays whole."""
        wrap = self.printer.wrap(term)
        if wrap is not None:
            return self._wrapped(wrap, room, first)
        halves = self.printer.fraction(term)
        if halves is None:
            return [(text, full)]
        if self.inline:
            return self._pieces(self.printer.slashed(*halves), room, first)
        return [self._fraction_rows(*halves, first)]

    def _wrapped(self, wrap: Wrap, room: float, first: float) -> list[tuple[str, float]]:
        """A term written round another, and that one perhaps round another (sin(sin(…))):
        the heads in order, the innermost term broken as a side, the tails, a row ending
        between any two of them. A bracket split over rows cannot use \\left…\\right: it is
        sized by hand, taller round a fraction."""
        wraps = [wrap]
        while (inner := self.printer.wrap(wraps[-1].inner)) is not None:
            wraps.append(inner)
        inner = wraps[-1].inner
        text = math(latex(inner))
        heads: list[str] = []
        tails: list[str] = []
        tall = r"\frac" in text and not self.inline
        for w in reversed(wraps):  # from the inside out
            opened, closed = (r"\Bigl(", r"\Bigr)") if tall else ("(", ")")
            heads.insert(0, math(w.head) + (opened if w.bracketed else ""))
            tails.append((closed if w.bracketed else "") + math(w.tail))
            tall = tall or r"\frac" in w.head and not self.inline
        out: list[list] = [["", 0.0]]

        def room_left() -> float:
            return (first if len(out) == 1 else room) - out[-1][1]

        def add(piece: str, w: float) -> None:
            if out[-1][0] and w > room_left():
                out.append(["", 0.0])
            out[-1][0] += piece
            out[-1][1] += w

        for head in heads:
            add(head, tex_width(head))
        full = tex_width(text)
        inner_rows = [(text, full)]
        if full > room_left():
            # The innermost term starts after the heads if it has half a row there, else below.
            if room_left() < room / 2:
                out.append(["", 0.0])
            inner_rows = self.rows(inner, room, text, first=room_left())
        add(*inner_rows[0])
        out += [[r, rw] for r, rw in inner_rows[1:]]
        for tail in tails:
            if tail:
                add(tail, tex_width(tail))
        laid = [(row, w) for row, w in out if row]
        if len(laid) > 1:
            return laid
        # On one row after all, its inside broken: brackets that grow with it.
        opened = "".join(math(w.head) + (r"\left(" if w.bracketed else "") for w in wraps)
        closed = "".join((r"\right)" if w.bracketed else "") + math(w.tail) for w in wraps[::-1])
        return [(opened + inner_rows[0][0] + closed, laid[0][1])]

    def _fraction_rows(self, numerator, denominator, room: float) -> tuple[str, float]:
        """A fraction too wide for the line, its numerator and denominator each broken
        inside it (an aligned block of rows, each after the first a quad in)."""
        built = []
        for part in (numerator, denominator):
            broken = self.rows(part, room - QUAD)
            if len(broken) == 1:
                built.append(broken[0])
                continue
            body = r" \\ ".join(
                ("& " if i == 0 else r"& \quad ") + r for i, (r, _) in enumerate(broken)
            )
            widest = max(w + (QUAD if i else 0.0) for i, (_, w) in enumerate(broken))
            built.append((rf"\begin{{aligned}}{body}\end{{aligned}}", widest))
        (top, top_width), (bottom, bottom_width) = built
        return rf"\frac{{{top}}}{{{bottom}}}", max(top_width, bottom_width) + FRAC_GAP
