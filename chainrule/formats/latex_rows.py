r"""Long equations broken to fit a page, as a teacher breaks them: at the equals signs first,
then between the top-level terms or factors of a side, and only when a single term is still
too wide, inside it: in its brackets, in its fraction, after a function's name (a long
sin(sin(…)) over two rows). Breaking follows what a term is made of (the printer's ``parts``,
``wrap`` and ``fraction``), never a search of its printed text.

``rows`` lays lhs = rhs₁ = rhs₂ … out as (left, right) pairs for ``left & right`` rows of an
``align``: aligned at the first equals sign while the left side is short, else everything in
one column, each "= rhs" indented under the left side. ``inline`` cuts a long formula in
running text into pieces a paragraph may break between. Widths come from ``latex_width``.
"""

from __future__ import annotations

from typing import NamedTuple

from chainrule.formats.breaking import distinct_sides
from chainrule.formats.latex_breaking import QUAD, Breaker
from chainrule.formats.latex_text import math
from chainrule.formats.latex_width import tex_width
from chainrule.formats.notation import latex, unicode

EQUALS = tex_width("=")
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
    A row's width is measured from the align's left edge.
    """
    # "= a = a" is said once, judged as the terminal judges it: by the learner's form.
    sides = distinct_sides(sides, unicode)
    texts = [math(latex(side)) for side in sides]
    widths = [tex_width(t) for t in texts]
    lead_width = tex_width(lead) if lead else 0.0
    left, left_width = lead + texts[0], lead_width + widths[0]
    given = column
    if len(sides) == 1:
        return _shifted(_flush(sides[0], texts[0], room - given, lead, lead_width), given)
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
    # A long left side: it gets rows of its own, and each "= rhs" is indented under it. They
    # all stand in the right-hand column, which starts at the surrounding align's column.
    room -= given
    out = _flush(sides[0], texts[0], room, lead, lead_width)
    packed = _packed(sides[1:], texts[1:], widths[1:], room - QUAD, r"\quad = ", r"\qquad")
    return _shifted(out + [Row("", right, w + QUAD) for right, w in packed], given)


def _shifted(laid: list[Row], column: float) -> list[Row]:
    """Rows of the right-hand column, measured from the align's left edge."""
    return [row._replace(width=row.width + column) for row in laid]


def decomposition(block, room: float) -> list[str]:
    """h = f∘g, each link's definition with its derivative beside it, and the product: rows
    for an alignat of two column pairs, every equals sign of a column aligned."""
    links = [(rf"\text{{{link.role}}}\quad ", link) for link in block.links]
    lefts = [tex_width(role) + width(link.definition[0]) for role, link in links]
    column = max([width(block.composition[0]), width(block.product[0]), *lefts])
    composition = rows(block.composition, room, column)
    product = rows(block.product, room, column)
    definitions = [rows(link.definition, room, column, role) for role, link in links]
    derivatives = [rows(link.derivative, room) for link in block.links]
    # An alignat's columns are as wide as their widest entry, so a derivative beside its
    # definition starts after the widest row of the first pair: every link's derivative
    # goes beside its definition, or none does.
    firsts = [r for laid in (composition, product, *definitions) for r in laid]
    seconds = [laid[0] for laid in derivatives]
    beside = all(len(laid) == 1 for laid in (*definitions, *derivatives)) and (
        max(r.width for r in firsts)
        + max((QQUAD + tex_width(r.left) for r in seconds), default=0.0)
        + max((r.width - tex_width(r.left) for r in seconds), default=0.0)
        <= room
    )
    body = [row_text(r) for r in composition]
    for link, first, second in zip(block.links, definitions, derivatives, strict=True):
        if beside:
            body.append(rf"{row_text(first[0])}, & \qquad {row_text(second[0])}")
        else:
            body += [row_text(r) for r in (*first, *rows(link.derivative, room, column))]
    body += [row_text(r) for r in product]
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


def inline(sides: tuple, room: float) -> str:
    r"""lhs = rhs … as inline math a paragraph may break between rows of at most ``room``
    points: "$a$\allowbreak${} + b$". TeX breaks a formula in running text only after a
    relation or an operator outside brackets, and a long nest of functions has none."""
    chunks: list[str] = []
    for i, side in enumerate(sides):
        laid = [row for row, _ in Breaker(inline=True).rows(side, room)]
        chunks += [f"{{}} = {laid[0]}", *laid[1:]] if i else laid
    return INLINE_BREAK.join(f"${chunk}$" for chunk in chunks)


#: Where a formula in running text may end a line. The line may then end short (the stretch
#: before the break), and where it does not break the two stretches cancel.
INLINE_BREAK = r"\hskip 0pt plus .3\linewidth\penalty 0\hskip 0pt plus -.3\linewidth\relax "


def _flush(side, text: str, room: float, lead: str, lead_width: float) -> list[Row]:
    """One side on its own, in the right-hand column, broken between its terms."""
    broken = side_rows(side, room - QUAD, text, first=room - lead_width)
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
    indent_width = tex_width(indent)
    for side, text, w in zip(sides, texts, widths, strict=True):
        start = first if not out else "= "
        if open_row and out[-1][1] + EQUALS + w <= room:
            out[-1] = (f"{out[-1][0]} = {text}", out[-1][1] + EQUALS + w)
            continue
        broken = side_rows(side, room - indent_width, text, first=room - EQUALS)
        out.append((start + broken[0][0], EQUALS + broken[0][1]))
        out += [(f"{indent} {r}", indent_width + bw) for r, bw in broken[1:]]
        open_row = len(broken) == 1
    return out


def side_rows(
    side, room: float, text: str | None = None, first: float | None = None
) -> list[tuple[str, float]]:
    """One side as rows: the first at most ``first`` points (``room`` unless something stands
    before it), the others at most ``room``, each starting with its operator (the caller sets
    them in by a quad). Broken between the side's top-level terms or factors, and a piece still
    too wide inside its term: in its brackets, in a fraction's numerator and denominator, after
    a function's name. A piece with nowhere to break stays whole."""
    return Breaker().rows(side, room, text, first)
