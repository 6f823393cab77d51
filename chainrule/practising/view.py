"""Practice as documents: the problem set, each problem, the verdict on an answer, a hint, the
worked steps and the score. Any format lays them out; nothing here judges or differentiates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chainrule.checking import Check
from chainrule.document import (
    Box,
    Derivation,
    Document,
    Equals,
    Equation,
    Exercise,
    Heading,
    Para,
    Verdict,
    joined,
)
from chainrule.practising import wording
from chainrule.practising.judging import Judgement
from chainrule.practising.problems import Part, Problem
from chainrule.practising.wording import TRIES
from chainrule.views import hints
from chainrule.views.check import WHERE, diagnosis, parting, slip

if TYPE_CHECKING:
    from chainrule.practising.session import Score


def _doc(blocks, problem: Problem | None = None) -> Document:
    # The problem's typed order: its sums and products read as the problem was written.
    order = problem.order if problem is not None else ()
    return Document(tuple(blocks), title="chainrule: practice", order=order)


def _title(problems: list[Problem], seed: int | None) -> str:
    from chainrule.practising.topics import NAMES

    levels = sorted({p.level for p in problems})
    level = f"level {levels[0]}" if len(levels) == 1 else "levels " + ", ".join(map(str, levels))
    seeded = f", seed {seed}" if seed is not None else ""
    topics = sorted({NAMES[p.topic] for p in problems} - {""})
    on = f" on {' and '.join(topics)}" if topics else ""
    return f"Practice: {_count(len(problems), 'problem')}{on} at {level}{seeded}"


def start(problems: list[Problem], seed: int | None = None, tries: int = TRIES) -> Document:
    rules = (
        "Answer each part on its line; it is judged as a function, so any equal form is right. "
        f"? gives a hint, ?? the worked steps; a wrong answer gets {tries} tries in all; "
        "q stops."
    )
    from chainrule.practising.topic_wording import ABOUT

    said = [rules, *(ABOUT[t] for t in sorted({p.topic for p in problems}) if t in ABOUT)]
    return _doc([Heading((_title(problems, seed),), level=1), Para((" ".join(said),))])


def problem(p: Problem, number: int, total: int) -> Document:
    heading = Heading((f"Problem {number} of {total} (level {p.level})",))
    return _doc([heading, Para(wording.setting(p))], p)


def prompt(p: Problem, part: Part) -> tuple:
    """What the learner answers: "g′(x) = " as math and words."""
    return (wording.name(p, part), " = ")


def right(p: Problem, part: Part) -> Document:
    return _doc([Verdict("ok", ("Right: ", Equals((wording.name(p, part), part.answer))))], p)


def wrong(p: Problem, part: Part, j: Judgement, left: int) -> Document:
    """A wrong answer with tries left: what is wrong with it, never the answer."""
    blocks: list = [
        Verdict("failed", (f"Not right: {_count(left, 'try', 'tries')} left (? for a hint).",))
    ]
    if j.note:
        blocks.append(Para(j.note))
    c = j.check
    if isinstance(c, Check) and c.mistake not in (None, "unknown"):
        blocks.append(_mistake(c))
    elif not isinstance(c, Check | None) and c.mistake is not None:
        blocks.append(_named(c.mistake))
    elif j.mistake is not None:
        blocks.append(_named(j.mistake))
    return _doc(blocks, p)


def _named(mistake: str) -> Box:
    """A mistake at a point or on a curve, named without the answer."""
    from chainrule.checking.implicit import IMPLICIT_MISTAKES
    from chainrule.checking.point import POINT_MISTAKES

    said = {**POINT_MISTAKES, **IMPLICIT_MISTAKES}.get(mistake)
    if said is not None:
        rows: tuple = (Para(("It looks like ", said, f" ({mistake}).")),)
    else:  # a usual wrong path of the derivative, taken at the point
        rows = (
            Para(("It is the value of a derivative that ", hints.WHAT[mistake], f" ({mistake}).")),
            Para(("Hint: ", hints.HINT[mistake])),
        )
    return Box((WHERE,), rows, status="failed")


def _mistake(c) -> Box:
    """The check's diagnosis without the right answer: what the line is, the step and rule it
    parts from the right path at, how that step was taken wrongly, and the hint."""
    if c.mistake == "algebra_slip":
        rows: list = list(slip(c))
    else:
        lead = "Your answer " if len(c.links) == 1 else f"Line {c.first_wrong} "
        rows = [Para((lead, hints.WHAT[c.mistake], f" ({c.mistake})."))]
    path = c.path
    at_root = path is not None and path.step is c.explanation.root
    if path is not None:
        rows.append(parting(c, "." if at_root else ":"))
    if path is not None and not at_root:
        from chainrule.document import DerivativeOf

        step_lhs = DerivativeOf(path.step.expression, path.step.variable)
        rows.append(Equation((step_lhs, path.local), label=("Taken wrongly:",)))
    rows.append(Para(("Hint: ", hints.HINT[c.mistake])))
    return Box((WHERE,), tuple(rows), status="failed")


def shown(p: Problem, part: Part, j: Judgement, tries: int = TRIES) -> Document:
    """The last try was wrong too: the answer, with the check's whole diagnosis."""
    name = wording.name(p, part)
    blocks: list = [
        Verdict("failed", (f"Not right after {_count(tries, 'try', 'tries')}. The answer: ",)),
        Equation((name, part.answer)),
    ]
    if j.note:
        blocks.append(Para(j.note))
    if j.mistake is not None:
        blocks.append(_named(j.mistake))
    if j.check is not None and not isinstance(j.check, Check):
        # At a point or on a curve: check's own verdict and working.
        blocks += j.check.document().blocks[3:]
    elif j.check is not None:
        blocks.append(diagnosis(j.check))
        if j.check.path is None and j.check.mistake != "algebra_slip":
            # No usual mistake explains it: the steps, as check shows them.
            blocks += steps(p, part).blocks
    return _doc(blocks, p)


def hint(p: Problem, part: Part) -> Document:
    return _doc([Para(("Hint: ", *wording.hint(p, part)))], p)


def steps(p: Problem, part: Part) -> Document:
    """The worked steps for ``part``: the whole explanation for the derivative, else the
    explanation's own lines for the step that answers the part (numbered as there); a
    topic's part as ``worked`` works it."""
    from chainrule.practising import worked

    if part.key in worked.KEYS:
        return _doc(worked.steps(p, part), p)
    if part.key == "derivative":
        from chainrule.views import document

        return document(p.explanation)
    from chainrule.views.explanation import lines_for

    _, said = lines_for(p.explanation)
    # An expression part is read off its step's own lines; a derivative needs every line below.
    below = part.step.walk() if part.is_derivative else (part.step,)
    lines = {line.number: line for step in below for line in said.get(id(step), ())}
    derivation = Derivation(tuple(lines[n] for n in sorted(lines)))
    return _doc([Heading(("Worked steps",)), derivation], p)


def again() -> Document:
    """An empty line: what the learner can type."""
    return _doc([Para(("Type your answer, ? for a hint, ?? for the worked steps, q to stop.",))])


def score(result: Score) -> Document:
    n, done = result.problems, result.done
    if result.total:
        parts = _count(result.total, "part")
        said = f"Score: {result.right_first_time} of {parts} right first time"
    else:
        said = "No part answered"
    ended = {
        "done": f" ({_count(done, 'problem')}).",
        "quit": f"; stopped after {done} of {_count(n, 'problem')}.",
        "end of input": f"; the input ended after {done} of {_count(n, 'problem')}.",
    }[result.ended]
    return _doc([Heading(("Score",)), Para((said + ended,))])


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def exercise(p: Problem) -> Document:
    """The problem as an exercise (its setting says what is asked), each answer in the key."""
    key: list = []
    for i, part in enumerate(p.parts):
        key += ["; " if i else "", Equals((wording.name(p, part), part.answer))]
    return _doc([Exercise(wording.setting(p), tuple(key))], p)


def worksheet(problems: list[Problem], seed: int | None = None) -> Document:
    """The set as one document: the problems, their answers in each exercise's key."""
    title = _title(problems, seed)
    docs = [_doc([Heading((title,), level=1)])]
    for number, p in enumerate(problems, 1):
        heading = Heading((f"Problem {number} (level {p.level})",))
        docs.append(_doc([heading, *exercise(p).blocks], p))
    return joined(docs, title=f"chainrule: {title}")
