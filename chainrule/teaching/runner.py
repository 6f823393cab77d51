"""Running a lesson: section by section in a terminal, whole as a handout.

In a terminal the lesson waits at the end of each section (Enter to go on, b back, q quit) and
asks its exercises at a prompt, each answer judged by ``chainrule.check``: ``?`` gives the
exercise's hint, ``??`` the worked steps, and a right answer counts apart when help came first.
With stdin not a terminal it never waits at a pause; it reads exercise answers from stdin while
there are any, and gives up on a silent stream after ``WAIT`` seconds, so a lesson in CI always
ends. A pause's question is part of the lesson: it is said whether or not the lesson waits.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from chainrule.document import Document, Equation, Exercise, Para, Pause

#: Seconds to wait for a line on a stdin that is not a terminal before going on without it.
WAIT = 10.0
#: Tries at an exercise before its answer is shown.
TRIES = 3


class Quit(Exception):
    """The learner typed q."""


class Reader:
    """Lines from the learner: ``input()`` at a terminal, else the stream's lines, echoed so a
    transcript reads like a session; None at the end of the stream or after ``WAIT``."""

    def __init__(self, stream: Any, write: Callable[[str], None], wait: float = WAIT) -> None:
        self.stream, self.write, self.wait = stream, write, wait
        self.terminal = bool(stream is not None and stream.isatty())

    def line(self, prompt: str) -> str | None:
        from chainrule.budget import waiting

        # The learner's time is theirs: a time budget counts only the computing around it.
        with waiting():
            return self._line(prompt)

    def _line(self, prompt: str) -> str | None:
        if self.stream is None:
            return None
        if self.terminal:
            try:
                return input(prompt).strip()
            except EOFError:
                return None
        self.write(prompt)
        if not self._ready():
            self.write("(no answer)\n")
            return None
        text = self.stream.readline()
        if not text:
            self.write("(end of input)\n")
            return None
        self.write(text if text.endswith("\n") else text + "\n")
        return text.strip()

    def _ready(self) -> bool:
        try:
            import select

            ready, _, _ = select.select([self.stream], [], [], self.wait)
            return bool(ready)
        except (ImportError, OSError, ValueError, TypeError, AttributeError):
            return True  # no descriptor to wait on (a test's stream): reading cannot block


class Session:
    """One run of a lesson's document, section by section."""

    def __init__(self, doc: Document, reader: Reader, show: Callable[[Any], None]) -> None:
        self.doc, self.reader, self.show = doc, reader, show
        self.asked = 0
        # Right answers by the help seen first: none, the hint, the worked steps.
        self.right = {"alone": 0, "hint": 0, "steps": 0}
        self.asking = True

    def run(self, pause: bool = True) -> None:
        """Section by section; without ``pause`` the lesson is printed whole, its exercises
        shown but not asked."""
        self.asking = pause
        sections = _sections(self.doc.blocks)
        i = 0
        try:
            while i < len(sections):
                self._section(sections[i])
                if i == len(sections) - 1:
                    break
                i = self._next(i, pause and self.reader.terminal)
        except Quit:
            self.show(Para((f"Stopped after section {i + 1} of {len(sections)}.",)))
            return
        if self.asked:
            self.show(Para((score(self.right, self.asked),)))

    def _section(self, blocks: list) -> None:
        waiting: list = []
        for block in blocks:
            if isinstance(block, Exercise) and self.asking:
                self._show_blocks([*waiting, block])
                waiting = []
                self._ask(block)
            elif not isinstance(block, Pause) or block.parts:
                waiting.append(block)  # a pause's question is said, waiting or not
        if waiting:
            self._show_blocks(waiting)

    def _show_blocks(self, blocks: list) -> None:
        # A blank line between paragraphs, as on a page; equations in a row stay together.
        runs: list[list] = []
        for block in blocks:
            if runs and isinstance(block, Equation) and isinstance(runs[-1][-1], Equation):
                runs[-1].append(block)
            else:
                runs.append([block])
        for run in runs:
            self.show(Document(tuple(run), title=self.doc.title, order=self.doc.order))
            self.show(None)

    def _next(self, i: int, wait: bool) -> int:
        if not wait:
            return i + 1
        said = self.reader.line("[Enter] go on · [b] back · [q] quit: ")
        if said is None:
            return i + 1
        said = said.lower()
        if said in ("q", "quit"):
            raise Quit
        if said in ("b", "back"):
            return max(0, i - 1)
        return i + 1

    def _ask(self, exercise: Exercise) -> None:
        from chainrule.checking import check
        from chainrule.errors import ChainruleError
        from chainrule.explaining import explain

        self.asked += 1
        tries, helped = 0, "alone"
        while tries < TRIES:
            said = self.reader.line("Your answer (? a hint, ?? the steps, Enter to skip): ")
            if said is None or said == "":
                break
            if said.lower() in ("q", "quit"):
                raise Quit
            if said.startswith("?"):
                # ? is the hint (the steps once it is said, or with none); ?? the steps at once.
                steps = said.startswith("??") or helped != "alone" or not exercise.hint
                if steps:
                    self.show(explain(exercise.function, wrt=exercise.wrt))
                    helped = "steps"
                else:
                    self.show(Para(("Hint: ", *exercise.hint)))
                    helped = "hint"
                continue
            try:
                result = check(exercise.function, said, wrt=exercise.wrt)
            except ChainruleError as error:
                self.show(Para((f"Not read: {_one_line(error)}",)))
                continue
            tries += 1
            if result.correct:
                self.show(result)
                self.right[helped] += 1
                return
            from chainrule.views.check import diagnosis

            self.show(diagnosis(result, reveal=False))
            if tries < TRIES:
                self.show(Para(("Try again (? a hint, ?? the steps).",)))
        ex = explain(exercise.function, wrt=exercise.wrt)
        self.show(Para(("The answer: ", *_answer(ex))))


def score(right: dict[str, int], asked: int) -> str:
    """The score, help counted apart: Exercises: 3 of 4 right: 2 without a hint, 1 after a hint."""
    total = sum(right.values())
    parts = [f"{right['alone']} without a hint", f"{right['hint']} after a hint"]
    if right["steps"]:
        parts.append(f"{right['steps']} after the worked steps")
    return f"Exercises: {total} of {asked} right: {', '.join(parts)}."


def _answer(ex) -> tuple:
    from chainrule.document import DerivativeOf
    from chainrule.views.explanation import is_partial

    return (
        DerivativeOf(ex.expression, ex.variable, is_partial(ex.constants)),
        " = ",
        ex.derivative,
    )


def _one_line(error: Exception) -> str:
    return str(getattr(error, "message", error)).splitlines()[0]


def _sections(blocks: tuple) -> list[list]:
    """The blocks cut after each pause: a section ends where the lesson waits."""
    sections: list[list] = [[]]
    for block in blocks:
        sections[-1].append(block)
        if isinstance(block, Pause):
            sections.append([])
    return [s for s in sections if s]


def present(
    lesson: Any,
    *,
    format: str = "rich",
    pause: bool = True,
    answers: bool = False,
    standalone: bool = False,
    stdin: Any = None,
    wait: float = WAIT,
) -> str | None:
    """Run ``lesson`` in the terminal (format rich), or return it as a handout in ``format``."""
    from chainrule.formats import render, renderable

    if format != "rich":
        return render(lesson.document(answers=answers), format, standalone=standalone)
    from rich.console import Console

    console = Console(highlight=False)
    stdin = sys.stdin if stdin is None else stdin

    def show(obj: Any) -> None:
        if obj is None:
            console.line()
            return
        if not isinstance(obj, Document) and type(obj).__module__ == "chainrule.document.blocks":
            obj = Document((obj,), order=session.doc.order)  # one block said on its own
        console.print(renderable(obj))

    def write(text: str) -> None:
        console.file.write(text)
        console.file.flush()

    session = Session(lesson.document(answers=False), Reader(stdin, write, wait), show)
    session.run(pause=pause)
    return None


def main(lesson: Any, argv: list[str] | None = None) -> None:
    """``python lessons/NN_….py [--no-pause] [--format F] [--answers]``."""
    import argparse

    parser = argparse.ArgumentParser(description=f"Lesson {lesson.number}: {lesson.title}")
    parser.add_argument("--no-pause", action="store_true", help="print it whole, without pauses")
    parser.add_argument("--format", "-f", default="rich", help="rich, text, markdown, html, latex")
    parser.add_argument("--answers", action="store_true", help="with a handout: the answer key")
    args = parser.parse_args(argv)
    text = present(lesson, format=args.format, pause=not args.no_pause, answers=args.answers)
    if text is not None:
        sys.stdout.write(text)
