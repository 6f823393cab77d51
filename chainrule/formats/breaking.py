"""Breaking long math for a line width: at the equals signs first, then at top-level + − ·.

A teacher breaks a long equation at its equals signs and a long side between its terms; only a
piece wider than the whole line is broken inside its brackets, at the shallowest operator that
fits (the depth is counted on the printed line: this is layout, the math is untouched).
"""

from __future__ import annotations

from chainrule.formats.spelling import math, pieces


def side_rows(side, width: int, indent: str) -> list[str]:
    """One side of an equation as rows of at most ``width`` (after the first, ``indent``ed),
    broken between its top-level terms or factors."""
    cut = pieces(side)
    rows = [cut[0][1]]
    for op, text in cut[1:]:
        # · and / bind tight (2x·cos x); + and − stand apart; a spaced · brings its spaces.
        tight = op in ("·", "*", "/") or op.startswith(" ")
        glued = f"{op}{text}" if tight else f" {op} {text}"
        if len(rows[-1]) + len(glued) <= width:
            rows[-1] += glued
        else:
            rows.append(f"{indent}{op.strip()} {text}")
    # A piece wider than the line is broken inside its brackets, at the shallowest + − · that
    # keeps the line within the width.
    out: list[str] = []
    for i, row in enumerate(rows):
        first = "" if i == 0 else indent
        out += fold(row, width, first, indent + "  ")
    return out


def fold(row: str, width: int, first: str, rest: str) -> list[str]:
    """``row`` in lines of at most ``width``, each break before a + − · or / at the least
    bracket depth that fits; a run with no such place is cut at the width."""
    out, text, lead = [], row.removeprefix(first), first
    while len(lead) + len(text) > width:
        room = width - len(lead)
        cut = _break(text, room)
        out.append(lead + text[:cut].rstrip())
        text, lead = text[cut:].lstrip(), rest
    out.append(lead + text)
    return out


def _break(text: str, room: int) -> int:
    """Where to cut ``text`` so its head fits in ``room``: before an operator, as shallow in
    the brackets as possible, and as far right as possible at that depth."""
    depth, best, best_depth = 0, 0, None
    for i, ch in enumerate(text[: room + 1]):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif (
            i
            and (ch in "·*/" or text.startswith((" + ", " − ", " - "), i))
            and (best_depth is None or depth <= best_depth)
        ):
            best, best_depth = i, depth
    return best or room


def distinct(sides: tuple, texts: list[str]) -> tuple[tuple, list[str]]:
    """The sides without a middle one that reads exactly as its neighbour (= a = a)."""
    keep = [i for i, t in enumerate(texts) if i == 0 or i == len(texts) - 1 or t != texts[i + 1]]
    return tuple(sides[i] for i in keep), [texts[i] for i in keep]


def distinct_sides(sides: tuple, text) -> tuple:
    """``distinct(sides, [text(side) for side in sides])``'s sides, printing only the sides it
    compares: each middle one and the one after it (none of a two-sided equation)."""
    if len(sides) < 3:
        return tuple(sides)
    return distinct(sides, ["", *(text(side) for side in sides[1:])])[0]


def equation_rows(sides: tuple, width: int, lead: str = "") -> list[str]:
    """lead + lhs = rhs₁ = … on one line if it fits, else "= rhs" per line under the lhs."""
    width = max(width, 20)
    sides, texts = distinct(sides, [math(side) for side in sides])
    whole = lead + " = ".join(texts)
    if len(whole) <= width:
        return [whole]
    pad = " " * len(lead)
    rows = side_rows(sides[0], width - len(lead), "  ")
    rows = [(lead if i == 0 else pad) + row for i, row in enumerate(rows)]
    for side, text in zip(sides[1:], texts[1:], strict=True):
        if len(pad) + 4 + len(text) <= width:
            rows.append(f"{pad}  = {text}")
            continue
        broken = side_rows(side, width - len(pad) - 4, "  ")
        rows += [f"{pad}  = {r}" if i == 0 else f"{pad}    {r}" for i, r in enumerate(broken)]
    return rows
