"""Practice in the page: one part of one problem at a time, the whole session in the request.

The server keeps nothing of a learner's between requests, so where the learner is (problem,
part, wrong tries, help seen, the score so far) travels in the form, and the problems are made
again from the level and seed: the same seed gives the same problems (``chainrule.practising``;
a worker keeps the last few sets it made, which changes no answer).
The turns are ``chainrule.practising.session``'s: ? a hint, the second ? the worked steps, three
tries, then the answer is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

from chainrule.document import Document
from chainrule.errors import ChainruleError
from chainrule.formats import html
from chainrule.practising import practice as generate
from chainrule.practising import view
from chainrule.practising.judging import judge
from chainrule.practising.session import Outcome, Score
from chainrule.practising.wording import TRIES


@dataclass(frozen=True)
class State:
    """Where a learner is in a set: problem ``p`` and part ``k`` (from 0), the ``wrong``
    answers and the ``helped`` count (hints and steps) at this part, whether the steps were
    ``saw``n, and the parts answered: ``first`` of ``total`` right first time."""

    level: int = 1
    seed: int = 0
    topic: str = "rules"
    n: int = 5
    p: int = 0
    k: int = 0
    wrong: int = 0
    helped: int = 0
    saw: int = 0
    first: int = 0
    total: int = 0

    @classmethod
    def of(cls, data: dict[str, Any]) -> State:
        numbers = {
            f.name: int(data[f.name]) for f in fields(cls) if f.name in data and f.type != "str"
        }
        return cls(**numbers, topic=str(data.get("topic", "rules")))

    def data(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@lru_cache(maxsize=64)
def _problems(level: int, seed: int, n: int, topic: str = "rules") -> tuple:
    """The set for a topic, level and seed: the same every time, so a worker keeps the last
    few it made rather than make them again for every answer."""
    return tuple(generate(level, seed, n, topic=topic))


def _body(doc: Document) -> str:
    from chainrule.web.jobs import fragment

    return fragment(doc)


def practice(state: dict[str, Any], action: str = "", answer: str = "") -> dict:
    """The page after ``action`` ("answer", "hint" or "" to look) at ``state``: what was said
    (HTML), the part asked next and the state to send back with its answer."""
    from chainrule.web.jobs import said

    st = State.of(state)
    try:
        problems = list(_problems(st.level, st.seed, st.n, st.topic))
    except ChainruleError as error:
        return {"error": said(error)}
    st = replace(st, p=max(0, min(st.p, len(problems))))
    if st.p < len(problems):
        st = replace(st, k=max(0, min(st.k, len(problems[st.p].parts) - 1)))
    feedback: list[str] = []
    error = None
    if st.p < len(problems):
        problem = problems[st.p]
        part = problem.parts[st.k]
        if action == "hint":
            steps = st.helped > 0
            doc = view.steps(problem, part) if steps else view.hint(problem, part)
            feedback.append(_body(doc))
            st = replace(st, helped=st.helped + 1, saw=st.saw or int(steps))
        elif action == "answer" and answer.strip():
            j = judge(problem, part, answer)
            if not j.counted:
                error = said(j.error)
            elif j.right:
                feedback.append(_body(view.right(problem, part)))
                first = not st.wrong and not st.saw
                st = _next(replace(st, first=st.first + first, total=st.total + 1), problems)
            else:
                wrong = st.wrong + 1
                if wrong < TRIES:
                    feedback.append(_body(view.wrong(problem, part, j, TRIES - wrong)))
                    st = replace(st, wrong=wrong)
                else:
                    feedback.append(_body(view.shown(problem, part, j, TRIES)))
                    st = _next(replace(st, total=st.total + 1), problems)
    out: dict[str, Any] = {
        "feedback": feedback,
        "error": error,
        "state": st.data(),
        "title": _body(view.start(problems, st.seed)),
    }
    if st.p >= len(problems):
        out["score"] = _body(view.score(_score(st, len(problems))))
        return out
    problem = problems[st.p]
    part = problem.parts[st.k]
    name, equals = view.prompt(problem, part)
    out.update(
        problem=_body(view.problem(problem, st.p + 1, len(problems))),
        prompt=html.inline(name) + " " + equals.strip(),
        part=st.k + 1,
        parts=len(problem.parts),
    )
    return out


def _next(st: State, problems: list) -> State:
    """The next part, or the first part of the next problem; its tries and help start again."""
    k, p = st.k + 1, st.p
    if k == len(problems[p].parts):
        k, p = 0, p + 1
    return replace(st, p=p, k=k, wrong=0, helped=0, saw=0)


def _score(st: State, problems: int) -> Score:
    """The score as the session keeps it, rebuilt from the counts the form carried."""
    outcomes = tuple(
        Outcome(problem=0, key="", tries=0, right=i < st.first, first_time=i < st.first)
        for i in range(st.total)
    )
    return Score(outcomes, problems, problems, "done")
