"""The computations the server hands to its workers, by name: each calls the library and
returns plain data (HTML of a document's blocks, a format's text, an error said in words), so
nothing but strings and numbers crosses between the processes.

This module runs inside the workers (``chainrule.web.pool``) and is preloaded by their fork
server, so it imports the library at the top: every worker starts with SymPy loaded.
"""

from __future__ import annotations

from typing import Any

import sympy  # noqa: F401 - loaded once, in the fork server, for every worker

from chainrule import ordering
from chainrule.checking import check as checked
from chainrule.errors import ChainruleError, ParseError
from chainrule.explaining import explain as explained
from chainrule.formats import html, in_room, render
from chainrule.parsing import parse
from chainrule.parsing.equations import read_equation
from chainrule.views import document
from chainrule.web import jobs_lessons, jobs_network, jobs_practice, jobs_shape


def run(name: str, arguments: dict[str, Any]) -> Any:
    """Job ``name`` on ``arguments``; an unknown name is a bug of the server's."""
    return JOBS[name](**arguments)


def fragment(obj: Any, **view: Any) -> str:
    """The blocks of ``obj``'s document as HTML, as ``--format html`` writes them in its page."""
    doc = document(obj, **view)

    def work() -> str:
        with ordering.typed(doc.order):
            return html.body(doc)

    return in_room(obj, work)


def said(error: ChainruleError) -> dict[str, Any]:
    """A user's error as data: its message, and for text that does not parse, where."""
    if isinstance(error, ParseError):
        return {"message": error.message, "text": error.text, "position": error.position}
    return {"message": str(error)}


def _explanation(f: str, wrt: str | None, at: str | None):
    """What ``chainrule explain`` computes for one formula with ``--wrt`` and ``--at``: an
    equation is differentiated implicitly, several names in ``wrt`` give the gradient."""
    if read_equation(f) is not None:
        from chainrule.calculus import implicit

        return implicit(f, x=wrt or "x", at=at)
    if wrt is not None and "," in wrt:
        from chainrule.calculus import gradient

        return gradient(f, wrt, at)
    result = explained(f, wrt=wrt)
    if at is not None:
        from chainrule.calculus import at_point

        return at_point(result, at)
    return result


def explain(f: str, wrt: str | None = None, at: str | None = None, format: str = "html") -> dict:
    """The explanation of ``f``: its blocks as HTML, or the whole of one other format."""
    try:
        result = _explanation(f, wrt, at)
        if format == "html":
            return {"html": fragment(result)}
        return {"text": render(result, format, standalone=format == "latex")}
    except ChainruleError as error:
        return {"error": said(error)}


def check(f: str, lines: list[str], wrt: str | None = None, format: str = "html") -> dict:
    """``chainrule check`` of the working ``lines`` (one link each) as the derivative of ``f``.
    A caret in the working points into the line it is on."""
    kept, starts = _kept(lines)
    joined = " = ".join(kept)
    try:
        result = checked(f, joined, wrt=wrt)
        if format == "json":
            return {"text": render(result, "json"), "status": result.status}
        return {"html": fragment(result), "status": result.status}
    except ChainruleError as error:
        out = said(error)
        if isinstance(error, ParseError) and error.text == joined and starts:
            line = max(i for i, start in enumerate(starts) if start <= error.position)
            out.update(
                line=line + 1,
                text=kept[line],
                position=max(0, error.position - starts[line]),
            )
        return {"error": out}


def _kept(lines: list[str]) -> tuple[list[str], list[int]]:
    """The lines of working as ``check`` reads them, and where each starts once they are
    joined by " = ". A line that starts with "=", as on paper, loses it; blank lines go."""
    kept = [line.strip().removeprefix("=").strip() for line in lines if line.strip()]
    starts, at = [], 0
    for line in kept:
        starts.append(at)
        at += len(line) + 3
    return kept, starts


def parsed(f: str) -> dict:
    """Whether ``f`` reads as a formula or an equation, checked as it is typed."""
    try:
        reading = read_equation(f)
        if reading is None:
            parse(f)
        return {"ok": True}
    except ChainruleError as error:
        return {"ok": False, "error": said(error)}


def sleep(seconds: float, stuck: bool = False) -> dict:
    """A computation that takes ``seconds``: the tests' way past the time limit. ``stuck``
    blocks the budget's alarm, as work inside C would not hear it, so only the kill stops it."""
    import signal
    import time

    if stuck:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(seconds)
    return {"slept": seconds}


def schema() -> int:
    """The JSON documents' schema number, for the API's own errors."""
    from chainrule.formats.jsondata import SCHEMA

    return SCHEMA


JOBS = {
    "schema": schema,
    "lessons": jobs_lessons.listing,
    "explain": explain,
    "check": check,
    "parse": parsed,
    "practice": jobs_practice.practice,
    "lesson": jobs_lessons.lesson,
    "network": jobs_network.network,
    "shape": jobs_shape.layered,
    "network_check": jobs_shape.check,
    "sleep": sleep,
}
