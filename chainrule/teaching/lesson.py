"""``Lesson``: what a lesson script builds, section by section, from live results.

A lesson says a few sentences, shows what the library computes (an explanation, a network's
gradient, a training run: their own views, so nothing is copied in), pauses between sections and
asks its exercises. The result is one ``Document``: the terminal runs it section by section, and
every format turns it into a handout.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from chainrule.document import Document, Equation, Exercise, Heading, Para, Pause, Table


class Lesson:
    """A lesson in the making: ``say``, ``show``, ``pause`` and ``exercise`` add to it in turn.

    >>> lesson = Lesson(2, "The chain rule")
    >>> lesson.say("Take h(x) = ", h.expression, ".")        # doctest: +SKIP
    >>> lesson.show(chainrule.explain("log(2+cos(x))"))      # doctest: +SKIP
    """

    def __init__(self, number: int, title: str) -> None:
        self.number = number
        self.title = title
        self._blocks: list = [Heading((f"Lesson {number} · {title}",), level=1)]
        self._order: list = []

    def say(self, *parts: Any) -> None:
        """A paragraph: words, with formulas (SymPy expressions, document terms) among them."""
        self._blocks.append(Para(tuple(parts)))

    def section(self, *parts: Any) -> None:
        """A section heading."""
        self._blocks.append(Heading(tuple(parts)))

    def math(self, *sides: Any, label: tuple = (), note: tuple = ()) -> None:
        """A displayed equation, sides[0] = sides[1] = …"""
        self._blocks.append(Equation(tuple(sides), note=tuple(note), label=tuple(label)))

    def table(self, headers: tuple, rows: list[tuple]) -> None:
        """Rows of cells, words or formulas."""
        self._blocks.append(Table(tuple(headers), tuple(tuple(row) for row in rows)))

    def follow(self, result: Any) -> None:
        """Write formulas the way ``result`` does (as typed; a network's w₂·a₁, chain order),
        or as an order the lesson noted itself (a dict of ``chainrule.ordering``) says."""
        order = result if isinstance(result, Mapping) else getattr(result, "order", ())
        self._order += order.items() if isinstance(order, Mapping) else order

    def write(self, expr: Any, *parts: Any) -> None:
        """Write the sum or product ``expr`` with its parts in the order given, as a book does
        (sec x·tan x, 1 + x²), wherever the lesson shows it."""
        from chainrule import ordering

        order: dict = {}
        ordering.record(order, expr, list(parts))
        self._order += order.items()

    def show(self, result: Any, **view: Any) -> None:
        """What the library shows for ``result`` (an explanation, a network result, a training
        run, a check), inside the lesson: its own title becomes a section heading, and a section
        of it that only repeats equations the lesson has displayed already is left out."""
        from chainrule.views import document

        doc = document(result, **view)
        for block in _unsaid(doc.blocks, self._blocks):
            if isinstance(block, Heading) and block.level == 1:
                block = replace(block, level=2)
            self._blocks.append(block)
        self._order += doc.order

    def pause(self, *parts: Any) -> None:
        """The end of a section: a terminal waits here (Enter to go on, b back, q quit). A
        question in ``parts`` is part of the lesson: it is said whether or not the lesson
        waits."""
        self._blocks.append(Pause(tuple(parts)))

    def exercise(
        self, prompt: str, function: str, *, wrt: str | None = None, hint: str = ""
    ) -> None:
        """Try it yourself: the derivative of ``function``, judged by ``chainrule.check``; "{f}"
        in ``prompt`` shows the function. The answer for the key is derived now, so it is never
        typed in by hand."""
        from chainrule.document import DerivativeOf
        from chainrule.explaining import explain
        from chainrule.views.explanation import is_partial

        ex = explain(function, wrt=wrt)
        lhs = DerivativeOf(ex.expression, ex.variable, is_partial(ex.constants))
        self._order += ex.order
        # "{f}" in the prompt is the function, written as the formula it is.
        before, _, after = prompt.partition("{f}")
        said = (before, ex.expression, after) if _ else (prompt,)
        self._blocks.append(
            Exercise(
                said,
                answer=(lhs, " = ", ex.derivative),
                function=function,
                wrt=wrt,
                hint=(hint,) if hint else (),
            )
        )

    def document(self, answers: bool = False) -> Document:
        """The lesson as one document; the exercises' answers only with ``answers`` (a key)."""
        blocks = tuple(
            block if answers or not isinstance(block, Exercise) else replace(block, answer=())
            for block in self._blocks
        )
        return Document(blocks, title=f"chainrule: lesson {self.number}", order=tuple(self._order))

    def run(self, argv: list[str] | None = None) -> None:
        """Run this lesson as ``chainrule lesson N`` would: ``python lessons/02_chain_rule.py``
        takes the same options (--no-pause, --format, --answers)."""
        from chainrule.teaching.runner import main

        main(self, argv)


def _unsaid(blocks: tuple, said: list) -> list:
    """``blocks`` less each section (a heading and what follows it) that holds only equations
    already in ``said``: a lesson that wrote the network's equations does not write them again
    when a view of the network begins with them."""
    shown = {b.sides for b in said if isinstance(b, Equation)}
    sections: list[list] = [[]]
    for block in blocks:
        if isinstance(block, Heading) and sections[-1]:
            sections.append([])
        sections[-1].append(block)
    kept: list = []
    for section in sections:
        body = section[1:] if isinstance(section[0], Heading) else section
        if body and all(isinstance(b, Equation) and b.sides in shown for b in body):
            continue
        kept += section
    return kept
