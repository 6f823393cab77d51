"""Plain text: the whole story in Unicode math, no colour and no escape codes, wrapped to a width.

For pipes, files, autograders and any terminal that should not see ANSI codes.
"""

from __future__ import annotations

import textwrap

from chainrule import steps as s
from chainrule.render import wording
from chainrule.render.base import Chain, Line, Math, Renderer, Story


def equation_lines(parts: tuple[str, ...], width: int) -> list[str]:
    """lhs = rhs₁ = rhs₂ on one line if it fits, else one "= rhs" per line under the lhs.

    A teacher breaks a long equation at its equals signs, never inside a term; only a single
    term wider than the whole line is wrapped at its spaces.
    """
    width = max(width, 20)
    whole = " = ".join(parts)
    if len(whole) <= width:
        return [whole]
    lines = _wrap(parts[0], width, "")
    for part in parts[1:]:
        lines += _wrap(f"  = {part}", width, "    ")
    return lines


def _wrap(text: str, width: int, indent: str) -> list[str]:
    if len(text) <= width:
        return [text]
    return textwrap.wrap(
        text, width, subsequent_indent=indent, break_long_words=True, break_on_hyphens=False
    )


def _paragraph(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    rest = first if rest is None else rest
    return textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    ) or [first.rstrip()]


def step_heading(line: Line) -> str:
    """ "Sum rule — differentiate term by term, then add (from steps 2 and 3)" """
    text = line.title
    if line.sentence:
        text += f" — {line.sentence}"
    if line.uses:
        text += f" ({wording.uses(line.uses)})"
    return text


def chain_rows(chain: Chain, width: int) -> list[str]:
    """The decomposition: role, f(u) = …, f′(u) = …, in two aligned columns when they fit."""
    rows = [chain.composition]
    role_w = max(len(link.role) for link in chain.links)
    def_w = max(len(link.definition) for link in chain.links)
    for link in chain.links:
        left = f"{link.role:<{role_w}}  {link.definition}"
        if role_w + 2 + def_w + 4 + len(link.derivative) <= width:
            rows.append(f"{left:<{role_w + 2 + def_w}}    {link.derivative}")
        else:
            rows += _wrap(left, width, " " * (role_w + 2))
            rows += _wrap(" " * (role_w + 2) + link.derivative, width, " " * (role_w + 4))
    rows.append(chain.product)
    return rows


def layout(story: Story, width: int = 80) -> str:
    out: list[str] = []
    if story.heading:
        out += _paragraph(story.heading, width)
        if story.held:
            out += _paragraph(f"({story.held})", width)
        out.append("")
    for chain in story.chains:
        out.append(chain.title)
        out += ["  " + row for row in chain_rows(chain, width - 2)]
        out.append("")
    if story.heading:
        out.append(wording.steps())
    digits = len(str(len(story.lines)))
    for line in story.lines:
        number = f"{line.number:>{digits}}. "
        pad = " " * len(number)
        out += _paragraph(step_heading(line), width, number, pad)
        out += [pad + "  " + row for row in equation_lines(line.math, width - len(pad) - 2)]
    if story.answer is not None:
        out += ["", wording.answer()]
        out += _answer(story, width)
    return "\n".join(out) + "\n"


def _answer(story: Story, width: int) -> list[str]:
    out = []
    name = wording.derived() if story.simplified is not None else wording.result()
    pairs = [(name, story.derived)]
    if story.simplified is not None:
        pairs.append((wording.simplified(), story.simplified))
    for name, value in pairs:
        label = f"  {name}: "
        rows = equation_lines((story.answer, value), width - len(label))
        out += [(label if i == 0 else " " * len(label)) + row for i, row in enumerate(rows)]
    if story.kept_as_derived:
        out += _paragraph(f"({wording.kept_as_derived()})", width, "  ")
    if story.verification:
        mark = Math.check if story.ok else Math.cross
        out += _paragraph(f"{mark} {story.verification}", width, "  ", "    ")
    return out


def render(obj: s.Explanation | s.Step, width: int = 80) -> str:
    """The story of ``obj`` as plain Unicode text, at most ``width`` columns where it can."""
    return layout(Renderer().story(obj), width)
