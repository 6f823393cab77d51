"""The question loop: each problem's parts asked in turn, each answer judged, a hint or the
worked steps on request, a few tries, and the score.

The loop talks through a ``Dialogue``: ``ask`` a prompt and get a line (None when the input
has ended), ``show`` a document, ``complain`` about an answer that cannot be read. ``Plain``
is one over a stream of lines and a write function, laid out as text, so a whole session runs
without a terminal (the CLI's adds rich output and the terminal's line editing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

from chainrule.document import Document
from chainrule.errors import ChainruleError, ParseError
from chainrule.practising import view
from chainrule.practising.judging import judge
from chainrule.practising.problems import Part, Problem
from chainrule.practising.wording import TRIES

#: Asking for help: the first ? gives the hint, ?? (or a second ?) the worked steps.
HINT, STEPS = "?", "??"
QUIT = ("q", "quit")

Ended = Literal["done", "quit", "end of input"]


class Dialogue(Protocol):
    def ask(self, prompt: tuple) -> str | None: ...

    def show(self, doc: Document) -> None: ...

    def complain(self, error: ChainruleError, prompt: tuple) -> None: ...


@dataclass(frozen=True)
class Outcome:
    """How one part went: ``tries`` wrong answers, whether it was answered ``right`` in the
    end, and ``first_time``: right at the first answer, the worked steps unseen."""

    problem: int
    key: str
    tries: int
    right: bool
    first_time: bool


@dataclass(frozen=True)
class Score:
    """The parts answered (a part left before any answer is not counted), how the set
    ``ended``, and of how many ``problems``."""

    outcomes: tuple[Outcome, ...]
    problems: int
    done: int
    ended: Ended

    @property
    def right_first_time(self) -> int:
        return sum(o.first_time for o in self.outcomes)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    def __str__(self) -> str:
        return f"{self.right_first_time}/{self.total}"


class _Stop(Exception):
    """The learner stopped (q) or the input ended, in the middle of a part."""

    def __init__(self, ended: Ended, outcome: Outcome | None) -> None:
        self.ended, self.outcome = ended, outcome


def run(
    problems: list[Problem], dialogue: Dialogue, *, seed: int | None = None, tries: int = TRIES
) -> Score:
    """Ask every part of every problem through ``dialogue``; the score at the end, or as it
    stood when the learner typed q or the input ended."""
    outcomes: list[Outcome] = []
    dialogue.show(view.start(problems, seed, tries))
    for number, problem in enumerate(problems, 1):
        dialogue.show(view.problem(problem, number, len(problems)))
        for part in problem.parts:
            try:
                outcomes.append(_ask(problem, part, number, dialogue, tries))
            except _Stop as stop:
                if stop.outcome is not None:
                    outcomes.append(stop.outcome)
                return _end(dialogue, outcomes, problems, number - 1, stop.ended)
    return _end(dialogue, outcomes, problems, len(problems), "done")


def _end(dialogue, outcomes, problems, done: int, ended: Ended) -> Score:
    score = Score(tuple(outcomes), len(problems), done, ended)
    dialogue.show(view.score(score))
    return score


def _ask(problem: Problem, part: Part, number: int, dialogue: Dialogue, tries: int) -> Outcome:
    prompt = view.prompt(problem, part)
    wrong, helped, saw_steps = 0, 0, False

    def outcome(right: bool) -> Outcome:
        return Outcome(number, part.key, wrong, right, right and not wrong and not saw_steps)

    while True:
        answer = dialogue.ask(prompt)
        line = "" if answer is None else answer.strip()
        if answer is None or line.lower() in QUIT:
            ended: Ended = "end of input" if answer is None else "quit"
            raise _Stop(ended, outcome(False) if wrong else None)
        if not line:
            dialogue.show(view.again())
        elif line == STEPS or (line == HINT and helped):
            dialogue.show(view.steps(problem, part))
            helped, saw_steps = helped + 1, True
        elif line == HINT:
            dialogue.show(view.hint(problem, part))
            helped += 1
        else:
            # As typed, so that a caret under it points at the spot.
            j = judge(problem, part, answer)
            if not j.counted:
                dialogue.complain(j.error, prompt)
            elif j.right:
                dialogue.show(view.right(problem, part))
                return outcome(True)
            else:
                wrong += 1
                if wrong < tries:
                    dialogue.show(view.wrong(problem, part, j, tries - wrong))
                else:
                    dialogue.show(view.shown(problem, part, j, tries))
                    return outcome(False)


class Plain:
    """A dialogue over ``lines`` (a file, stdin, a list of str) that writes through ``write``
    as text ``width`` columns wide: each prompt is written with the line read after it, so
    the output reads as a transcript."""

    def __init__(
        self,
        lines: Iterable[str],
        write: Callable[[str], object],
        *,
        width: int = 80,
        ascii: bool = False,
    ) -> None:
        self._lines = iter(lines)
        self.write, self.width, self.ascii = write, width, ascii
        self._started = False

    def ask(self, prompt: tuple) -> str | None:
        line = next(self._lines, None)
        answer = "" if line is None else line.rstrip("\r\n")
        self.write(self.said(prompt) + answer + "\n")
        return None if line is None else answer

    def show(self, doc: Document) -> None:
        from chainrule.formats import render

        text = render(doc, "text", width=self.width, ascii=self.ascii)
        self.write(("\n" if self.apart(doc) else "") + text + ("" if text.endswith("\n") else "\n"))

    def apart(self, doc: Document) -> bool:
        """Whether a blank line goes before ``doc``: one that opens with a heading or a box,
        as the terminal format sets them apart inside a document, unless it comes first."""
        from chainrule.document import Box, Heading

        first, self._started = not self._started, True
        return not first and bool(doc.blocks) and isinstance(doc.blocks[0], Heading | Box)

    def complain(self, error: ChainruleError, prompt: tuple) -> None:
        """One line under the answer: a caret at the spot it cannot read, or what is wrong."""
        if not isinstance(error, ParseError):
            self.write(f"error: {error}\n")
            return
        if self.ascii:
            from chainrule.encoding import spell, spelled_column

            shown = "".join(ch if ch.isprintable() else " " for ch in error.text)
            caret = " " * spelled_column(shown, error.position) + "^ " + spell(error.message)
        else:
            caret = str(error).split("\n", 1)[1]
        self.write(" " * len(self.said(prompt)) + caret + "\n")

    def said(self, parts: tuple) -> str:
        """Words and math on one line, as the terminal formats write them."""
        from chainrule.encoding import spell
        from chainrule.formats.notation import unicode

        text = "".join(p if isinstance(p, str) else unicode(p) for p in parts)
        return spell(text) if self.ascii else text
