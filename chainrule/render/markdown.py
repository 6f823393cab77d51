"""Markdown: headings, a numbered list of steps and math in $…$ (LaTeX), for notes and READMEs."""

from __future__ import annotations

from chainrule import steps as s
from chainrule.render import wording
from chainrule.render.base import Renderer, Story
from chainrule.render.latex import LatexMath
from chainrule.render.text import step_heading


class _MarkdownRenderer(Renderer):
    math = LatexMath()


def _math(math: str) -> str:
    return f"${math}$"


def layout(story: Story) -> str:
    out: list[str] = []
    if story.heading:
        out += [f"### {story.heading}", ""]
        if story.held:
            out += [f"*{story.held[:1].upper()}{story.held[1:]}.*", ""]
    for chain in story.chains:
        out += [f"**{chain.title}**", "", _math(chain.composition), ""]
        for link in chain.links:
            out.append(f"- {link.role}: {_math(link.definition)}, {_math(link.derivative)}")
        out += ["", _math(chain.product), ""]
    if story.heading:
        out += [f"**{wording.steps()}**", ""]
    for line in story.lines:
        # The plain-text heading with its title in bold, as the terminal styles it.
        head = f"{line.number}. **{line.title}**{step_heading(line)[len(line.title) :]}"
        # Two trailing spaces: a line break inside the list item, math on its own line.
        out += [head + "  ", f"   {_math(' = '.join(line.math))}"]
    if story.answer is not None:
        out += ["", f"**{wording.answer()}**", ""]
        label = wording.derived() if story.simplified is not None else wording.result()
        out.append(f"- {label}: {_math(f'{story.answer} = {story.derived}')}")
        if story.simplified is not None:
            out.append(f"- {wording.simplified()}: {_math(f'{story.answer} = {story.simplified}')}")
        if story.kept_as_derived:
            out.append(f"- ({wording.kept_as_derived()})")
        if story.ok:
            out += ["", f"✓ {story.verification}"]
        else:
            out += ["", f"> **✗ {story.verification}**"]
    return "\n".join(out) + "\n"


def render(obj: s.Explanation | s.Step) -> str:
    """The story of ``obj`` as Markdown with $…$ math."""
    return layout(_MarkdownRenderer().story(obj))
