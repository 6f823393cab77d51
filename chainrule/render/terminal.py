"""The rich terminal view (the default): the same story as plain text, with panels and colour.

Colour only adds emphasis; every word and symbol is there without it, so the view stays readable
under NO_COLOR, in a pipe (rich drops the escape codes) and on a projector.
"""

from __future__ import annotations

import io

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from chainrule import steps as s
from chainrule.render import wording
from chainrule.render.base import Chain, Math, Renderer, Story
from chainrule.render.text import equation_lines, step_heading

_MATH = "bold"
_RULE = "bold cyan"
_DIM = "dim"


class Equation:
    """lhs = rhs₁ = … laid out at the width rich gives it, broken at the equals signs."""

    def __init__(self, parts: tuple[str, ...], style: str = _MATH) -> None:
        self.parts, self.style = parts, style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for row in equation_lines(self.parts, options.max_width):
            yield Text(row, style=self.style, no_wrap=False, overflow="fold")

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement(min(20, options.max_width), len(" = ".join(self.parts)))


def _chain_panel(chain: Chain) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=_DIM, no_wrap=True)
    grid.add_column(style=_MATH)
    grid.add_column(style=_MATH)
    for link in chain.links:
        grid.add_row(link.role, link.definition, link.derivative)
    body = Group(Text(chain.composition, style=_MATH), grid, Text(chain.product, style=_MATH))
    return Panel(body, title=chain.title, title_align="left", expand=False)


def _steps(story: Story) -> Group:
    digits = len(str(len(story.lines)))
    items = []
    for line in story.lines:
        head = Text()
        head.append(line.title, style=_RULE)
        head.append(step_heading(line)[len(line.title) :])
        body = Group(head, _Hanging("  ", Equation(line.math)))
        items.append(_Hanging(f"{line.number:>{digits}}. ", body, style=_RULE))
    return Group(*items)


class _Hanging:
    """A label, then the body indented under it (a numbered item), with no trailing padding."""

    def __init__(self, label: str, body, style: str | None = None) -> None:
        self.label, self.body, self.style = label, body, style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = len(self.label)
        inner = options.update(width=max(options.max_width - indent, 10))
        style = Style.parse(self.style) if self.style else None
        for i, line in enumerate(console.render_lines(self.body, inner, pad=False)):
            yield Segment(self.label if i == 0 else " " * indent, style)
            # rich leaves the space it wrapped at on the line; a pipe should not see it.
            if line and line[-1].text.endswith(" "):
                line[-1] = Segment(line[-1].text.rstrip(), line[-1].style)
            yield from line
            yield Segment.line()


def _answer(story: Story) -> Panel:
    rows = Table.grid(padding=(0, 1))
    rows.add_column(no_wrap=True, style=_DIM)
    rows.add_column()
    label = wording.derived() if story.simplified is not None else wording.result()
    rows.add_row(f"{label}:", Equation((story.answer, story.derived)))
    if story.simplified is not None:
        rows.add_row(f"{wording.simplified()}:", Equation((story.answer, story.simplified)))
    parts: list = [rows]
    if story.kept_as_derived:
        parts.append(Text(f"({wording.kept_as_derived()})", style=_DIM))
    if story.verification:
        mark = Math.check if story.ok else Math.cross
        style = "green" if story.ok else "bold red"
        parts.append(Text(f"{mark} {story.verification}", style=style))
    style = "green" if story.ok else "bold red"
    return Panel(
        Group(*parts), title=wording.answer(), title_align="left", border_style=style, expand=False
    )


def layout(story: Story) -> Group:
    parts: list = []
    if story.heading:
        parts.append(Text(story.heading, style="bold"))
        if story.held:
            parts.append(Text(f"({story.held})", style=_DIM))
        parts.append(Text())
    for chain in story.chains:
        parts += [_chain_panel(chain), Text()]
    if story.heading:
        parts.append(Text(wording.steps(), style="bold underline"))
    parts.append(_steps(story))
    if story.answer is not None:
        parts += [Text(), _answer(story)]
    return Group(*parts)


def renderable(obj: s.Explanation | s.Step) -> Group:
    """A rich renderable for ``obj``: what ``Step.__rich__`` and ``Explanation.__rich__`` give."""
    return layout(Renderer().story(obj))


def render(obj: s.Explanation | s.Step, width: int = 80, color: bool = True) -> str:
    """The terminal view as a string: with ANSI styles when ``color``, else plain."""
    return capture(renderable(obj), width, color)


def capture(view: RenderableType, width: int = 80, color: bool = True) -> str:
    """What a terminal of ``width`` columns would show: ANSI styles when ``color``, else plain."""
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        legacy_windows=False,
        highlight=False,
    )
    console.print(view)
    return console.file.getvalue()
