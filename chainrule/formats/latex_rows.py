r"""Long equations broken to fit a page, as a teacher breaks them: at the equals signs first,
then between the top-level terms or factors of a side, and only when a single term is still
too wide, inside its brackets or its fraction.

``rows`` lays lhs = rhs₁ = rhs₂ … out as (left, right) pairs for ``left & right`` rows of an
``align``: aligned at the first equals sign while the left side is short, else everything in
one column, each "= rhs" indented under the left side. Widths come from ``latex_width``.
"""

from __future__ import annotations

from typing import NamedTuple

import sympy

from chainrule.document import Frac, InOrder, Terms
from chainrule.formats.breaking import distinct
from chainrule.formats.latex_text import math
from chainrule.formats.latex_width import tex_width
from chainrule.formats.notation import latex, latex_pieces, unicode

EQUALS = tex_width("=")
QUAD = tex_width(r"\quad")
QQUAD = tex_width(r"\qquad")
#: A left side wider than this share of the line is not worth aligning the rest after.
ALIGN_SHARE = 0.4


class Row(NamedTuple):
    """``left & right`` in an align, and how wide the whole row is (points)."""

    left: str
    right: str
    width: float


def width(term) -> float:
    """The typeset width of a term or SymPy expression, in points."""
    return tex_width(math(latex(term)))


def rows(sides: tuple, room: float, column: float = 0.0, lead: str = "") -> list[Row]:
    """lhs = rhs₁ = … in rows no wider than ``room`` where the math allows.

    ``column`` is where the equals signs of the surrounding align fall (the widest left side
    beside this one); ``lead`` is set before the left side ("\\text{Result:}\\quad").
    """
    # "= a = a" is said once, judged as the terminal judges it: by the learner's form.
    sides, _ = distinct(sides, [unicode(side) for side in sides])
    texts = [math(latex(side)) for side in sides]
    widths = [tex_width(t) for t in texts]
    lead_width = tex_width(lead) if lead else 0.0
    left, left_width = lead + texts[0], lead_width + widths[0]
    if len(sides) == 1:
        return _flush(sides[0], texts[0], room, lead, lead_width)
    column = max(column, left_width)
    rest = sum(widths[1:]) + EQUALS * (len(widths) - 1)
    if column + rest <= room:
        return [Row(left, "= " + " = ".join(texts[1:]), column + rest)]
    if left_width <= ALIGN_SHARE * room:
        out = _packed(sides[1:], texts[1:], widths[1:], room - column, "= ")
        # Aligned after the left side, unless a piece that cannot be broken would run off.
        if all(column + w <= room for _, w in out):
            return [
                Row(left if i == 0 else "", right, column + w) for i, (right, w) in enumerate(out)
            ]
    # A long left side: it gets rows of its own, and each "= rhs" is indented under it.
    out = _flush(sides[0], texts[0], room, lead, lead_width)
    packed = _packed(sides[1:], texts[1:], widths[1:], room - QUAD, r"\quad = ", r"\qquad")
    return out + [Row("", right, w + QUAD) for right, w in packed]


def decomposition(block, room: float) -> list[str]:
    """h = f∘g, each link's definition with its derivative beside it, and the product: rows
    for an alignat of two column pairs, every equals sign of a column aligned."""
    links = [(rf"\text{{{link.role}}}\quad ", link) for link in block.links]
    lefts = [tex_width(role) + width(link.definition[0]) for role, link in links]
    column = max([width(block.composition[0]), width(block.product[0]), *lefts])
    body = [row_text(r) for r in rows(block.composition, room, column)]
    for role, link in links:
        first = rows(link.definition, room, column, role)
        second = rows(link.derivative, room)
        # A link's derivative beside its definition, when the line has room for both.
        if len(first) == len(second) == 1 and first[0].width + QQUAD + second[0].width <= room:
            body.append(rf"{row_text(first[0])}, & \qquad {row_text(second[0])}")
        else:
            body += [row_text(r) for r in (*first, *rows(link.derivative, room, column))]
    body += [row_text(r) for r in rows(block.product, room, column)]
    return body


def row_text(row: Row) -> str:
    """The row as align source: "left & right"."""
    return f"{row.left} & {row.right}" if row.left else f"& {row.right}"


def groups(equations, room: float, text) -> list[list[str] | tuple]:
    """Consecutive equations laid out together: lists of "left & right" rows, one list per
    aligned environment, and the note tuple of an equation whose note is longer than a line
    (to be set as words after it).

    Equations that fit on one row each share an environment, aligned at their first equals
    sign; one that needs breaking gets its own, so the others' left sides cannot squeeze it.
    A note goes beside its equation or under it. ``text(parts)`` writes words for \\text{…}.
    """
    leads = [rf"\text{{{text(e.label)}}}\quad " if e.label else "" for e in equations]
    lefts = [tex_width(lead) + width(e.sides[0]) for e, lead in zip(equations, leads, strict=True)]
    column = max((w for w in lefts if w <= ALIGN_SHARE * room), default=0.0)
    out: list[list[str] | tuple] = []
    group: list[str] = []

    def close() -> None:
        if group:
            out.append(list(group))
            group.clear()

    for e, lead in zip(equations, leads, strict=True):
        laid = rows(e.sides, room, column, lead)
        alone = len(laid) > 1 or laid[0].width > room
        if alone:
            close()
            laid = rows(e.sides, room, 0.0, lead)
        group.extend(row_text(r) for r in laid)
        if e.note:
            note = rf"\text{{({text(e.note)})}}"
            note_width = tex_width(note)
            if laid[-1].width + QQUAD + note_width <= room:
                group[-1] += rf" \qquad {note}"
            elif (0.0 if alone else column) + QQUAD + note_width <= room:
                group.append(rf"& \qquad {note}")
            else:
                close()
                out.append(e.note)
        if alone:
            close()
    close()
    return out


def _flush(side, text: str, room: float, lead: str, lead_width: float) -> list[Row]:
    """One side on its own, in the right-hand column, broken between its terms."""
    broken = side_rows(side, text, room - lead_width)
    return [
        Row("", (lead if i == 0 else r"\quad ") + right, w + (lead_width if i == 0 else QUAD))
        for i, (right, w) in enumerate(broken)
    ]


def _packed(
    sides, texts, widths, room: float, first: str, indent: str = r"\quad"
) -> list[tuple[str, float]]:
    """Rows of "= a = b": as many sides on a row as fit, a side too wide broken on its own."""
    out: list[tuple[str, float]] = []
    open_row = False  # the last row ends with a whole side, so another may follow on it
    for side, text, w in zip(sides, texts, widths, strict=True):
        start = first if not out else "= "
        if open_row and out[-1][1] + EQUALS + w <= room:
            out[-1] = (f"{out[-1][0]} = {text}", out[-1][1] + EQUALS + w)
            continue
        broken = side_rows(side, text, room - EQUALS)
        out.append((start + broken[0][0], EQUALS + broken[0][1]))
        out += [(f"{indent} {r}", tex_width(indent) + bw) for r, bw in broken[1:]]
        open_row = len(broken) == 1
    return out


def side_rows(side, text: str, room: float) -> list[tuple[str, float]]:
    """One side as rows of at most ``room`` points, broken between its top-level terms or
    factors, and inside a piece still too wide (a bracketed sum, a fraction's numerator).
    Each row after the first starts with its operator and is meant to be set a quad in, so
    it has a quad less room. A piece with nowhere to break stays whole."""
    full = tex_width(text)
    if full <= room:
        return [(text, full)]
    pieces = latex_pieces(side)
    if len(pieces) == 1:
        return _inside(side, text, room)
    out: list[tuple[str, float]] = []
    for op, piece in pieces:
        piece = math(piece)
        glue = f"{op} " if out else ""
        for k, (row, w) in enumerate(_piece_rows(side, piece, room - QUAD)):
            if k == 0:
                row, w = glue + row, w + (tex_width(op) if glue else 0.0)
                if out and out[-1][1] + w <= (room if len(out) == 1 else room - QUAD):
                    out[-1] = (f"{out[-1][0]} {row}", out[-1][1] + w)
                    continue
                # {} keeps the operator binary at the start of a row: its spaces stay.
                row = f"{{}} {row}" if glue else row
            out.append((row, w))
    return out


def _piece_rows(side, piece: str, room: float) -> list[tuple[str, float]]:
    """One top-level piece of ``side``: whole if it fits, else broken inside its brackets."""
    w = tex_width(piece)
    found = None if w <= room else _subterm(side, piece)
    if found is None:
        return [(piece, w)]
    term, bracketed = found
    if not bracketed:
        return side_rows(term, piece, room)
    inner = side_rows(term, math(latex(term)), room - 2 * _BRACKET)
    if len(inner) == 1:
        return [(piece, w)]
    # A bracket split over rows cannot use \left…\right: each row is sized on its own.
    opened, closed = (r"\Bigl(", r"\Bigr)") if r"\frac" in piece else ("(", ")")
    first, last = inner[0], inner[-1]
    return [
        (opened + first[0], first[1] + _BRACKET),
        *inner[1:-1],
        (last[0] + closed, last[1] + _BRACKET),
    ]


_BRACKET = 5.0


def _subterm(side, piece: str):
    """(term, bracketed) for the part of ``side`` that printed as ``piece``, or None.

    Found by printing each candidate: a term of a sum (a subtracted one prints without its
    minus), a factor of a product, either perhaps in brackets.
    """
    if isinstance(side, InOrder | Terms):
        candidates = list(side.items)
    elif isinstance(side, sympy.Add | sympy.Mul):
        candidates = [c for arg in side.args for c in (arg, -arg)]
    else:
        return None
    for candidate in candidates:
        text = math(latex(candidate))
        if piece == text:
            return candidate, False
        if piece == rf"\left({text}\right)":
            return candidate, True
    return None


def _inside(side, text: str, room: float) -> list[tuple[str, float]]:
    """A side that is one piece: a fraction broken inside, or a product with a number in
    front (−2x·sin(…)·…) broken after the number; anything else stays whole."""
    if isinstance(side, sympy.Mul):
        coeff, rest = side.as_coeff_Mul()
        rest_text = math(latex(rest))
        if coeff not in (1, -1) and coeff.is_Rational and rest.is_Mul and text.endswith(rest_text):
            prefix = text[: -len(rest_text)]
            broken = side_rows(rest, rest_text, room - tex_width(prefix))
            if len(broken) > 1:
                (row, w), *others = broken
                return [(prefix + row, tex_width(prefix) + w), *others]
    return [_fraction_rows(side, text, room)]


def _fraction_rows(side, text: str, room: float) -> tuple[str, float]:
    """A fraction too wide for the line, its numerator and denominator each broken inside
    it; anything else stays whole (a single function has nowhere to break)."""
    if isinstance(side, Frac):
        parts = (side.numerator, side.denominator)
    elif isinstance(side, sympy.Mul | sympy.Pow):
        parts = sympy.fraction(side)
    else:
        return text, tex_width(text)
    texts = [math(latex(part)) for part in parts]
    # Only a side the printer wrote as this one \frac (a leading minus or a folded 1/x stays
    # whole). Printed on their own, the parts may list a product's factors in another order.
    same = sorted(text) == sorted(rf"\frac{{{texts[0]}}}{{{texts[1]}}}")
    if parts[1] == 1 or not (same and text.startswith(r"\frac{")):
        return text, tex_width(text)
    built = []
    for part, part_text in zip(parts, texts, strict=True):
        broken = side_rows(part, part_text, room)
        if len(broken) == 1:
            built.append((part_text, tex_width(part_text)))
            continue
        body = r" \\ ".join(
            ("& " if i == 0 else r"& \quad ") + r for i, (r, _) in enumerate(broken)
        )
        widest = max(w + (QUAD if i else 0.0) for i, (_, w) in enumerate(broken))
        built.append((rf"\begin{{aligned}}{body}\end{{aligned}}", widest))
    (top, top_width), (bottom, bottom_width) = built
    return rf"\frac{{{top}}}{{{bottom}}}", max(top_width, bottom_width)
