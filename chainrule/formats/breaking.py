"""Breaking long math for a line width: at the equals signs first, then at top-level + − ·.

A teacher breaks a long equation at its equals signs and a long side between its terms, never
inside a bracket; only a single piece wider than the whole line is left to be folded.
"""

from __future__ import annotations

import textwrap

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
    # A piece wider than the line (a long fraction) is wrapped at its spaces, still indented.
    out: list[str] = []
    for i, row in enumerate(rows):
        if len(row) <= width:
            out.append(row)
            continue
        first = "" if i == 0 else indent
        out += textwrap.wrap(
            row.removeprefix(first),
            width,
            initial_indent=first,
            subsequent_indent=indent + "  ",
            break_on_hyphens=False,
        )
    return out


def distinct(sides: tuple, texts: list[str]) -> tuple[tuple, list[str]]:
    """The sides without a middle one that reads exactly as its neighbour (= a = a)."""
    keep = [i for i, t in enumerate(texts) if i == 0 or i == len(texts) - 1 or t != texts[i + 1]]
    return tuple(sides[i] for i in keep), [texts[i] for i in keep]


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
