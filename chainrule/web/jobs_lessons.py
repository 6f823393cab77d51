"""A lesson as pages: its document cut at each pause (a pause is a "next"), its exercises
answered in the page and judged by ``chainrule.check``, as the terminal's lesson judges them.

A lesson script computes its results as it runs, so each worker keeps the documents it has
built: they depend on the lesson's number alone, and keeping them changes no answer.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from chainrule import ordering
from chainrule.checking import check
from chainrule.document import Document, Exercise, Para, Pause
from chainrule.errors import ChainruleError
from chainrule.explaining import explain
from chainrule.formats import html
from chainrule.teaching import entries, load


@lru_cache(maxsize=16)
def _document(number: int) -> Document:
    return load(number).document(answers=False)


def sections(doc: Document) -> list[list]:
    """The blocks cut after each pause: a section ends where the terminal's lesson waits."""
    cut: list[list] = [[]]
    for block in doc.blocks:
        cut[-1].append(block)
        if isinstance(block, Pause):
            cut.append([])
    return [s for s in cut if s]


def listing() -> list[dict[str, Any]]:
    return [{"number": e.number, "title": e.title} for e in entries()]


def lesson(number: int, section: int = 0, exercise: int = -1, action: str = "", answer: str = ""):
    """Section ``section`` of lesson ``number`` as pieces: HTML, and each exercise with its
    prompt, and what was said about the answer or the help asked at exercise ``exercise``."""
    from chainrule.web.jobs import said

    try:
        doc = _document(number)
    except ChainruleError as error:
        return {"error": said(error)}
    cut = sections(doc)
    section = max(0, min(section, len(cut) - 1))
    before = sum(isinstance(b, Exercise) for s in cut[:section] for b in s)
    writer = html.HtmlWriter()
    pieces: list[dict[str, Any]] = []
    with ordering.typed(doc.order):
        for block in cut[section]:
            if not isinstance(block, Exercise):
                pieces.append({"html": writer.write(block)})
                continue
            index = before + sum("exercise" in p for p in pieces)
            piece: dict[str, Any] = {"exercise": index, "prompt": html.words(block.prompt)}
            if index == exercise:
                piece.update(_turn(block, action, answer, doc))
            pieces.append(piece)
    title = next((e.title for e in entries() if e.number == number), "")
    return {"pieces": pieces, "section": section, "sections": len(cut), "title": title}


def _turn(block: Exercise, action: str, answer: str, doc: Document) -> dict[str, Any]:
    """What the lesson says to an answer (right, or the check's diagnosis without the answer),
    or to ? (the hint, or the worked steps when there is no hint or it was asked for)."""
    from chainrule.views.check import diagnosis
    from chainrule.web.jobs import fragment, said

    def shown(*blocks) -> str:
        return fragment(Document(tuple(blocks), order=doc.order))

    if action in ("hint", "steps"):
        if action == "hint" and block.hint:
            return {"feedback": shown(Para(("Hint: ", *block.hint)))}
        return {"feedback": fragment(explain(block.function, wrt=block.wrt))}
    if not answer.strip():
        return {}
    try:
        result = check(block.function, answer, wrt=block.wrt)
    except ChainruleError as error:
        return {"error": said(error), "answer": answer}
    if result.correct:
        return {"feedback": fragment(result), "right": True, "answer": answer}
    return {"feedback": shown(diagnosis(result, reveal=False)), "right": False, "answer": answer}
