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


def _explanation(f: str, wrt: str | None, at: str | None, order: int | None, method: str):
    """What ``chainrule explain`` computes for one formula with these options (an equation
    differentiated implicitly, several names in ``wrt`` the gradient, …): the library's
    ``calculus.asked``, so the page and the command cannot differ."""
    from chainrule.calculus.asked import computation

    return computation(wrt, order, at, None, method)(f)


def explain(
    f: str,
    wrt: str | None = None,
    at: str | None = None,
    format: str = "html",
    order: int | None = None,
    method: str = "rules",
) -> dict:
    """The explanation of ``f``: its blocks as HTML, or the whole of one other format."""
    try:
        result = _explanation(f, wrt, at, order, method)
        if format == "html":
            return {"html": fragment(result)}
        return {"text": render(result, format, standalone=format == "latex")}
    except ChainruleError as error:
        return {"error": said(error)}


def check(
    f: str,
    lines: list[str],
    wrt: str | None = None,
    format: str = "html",
    order: int = 1,
    at: str | None = None,
) -> dict:
    """``chainrule check`` of the working ``lines`` (one link each) as the derivative of ``f``.
    A caret in the working points into the line it is on. ``order`` and ``at`` are check's:
    the n-th derivative, or the value (or tangent line) at a point."""
    kept, starts = _kept(lines)
    joined = " = ".join(kept)
    try:
        result = checked(f, joined, wrt=wrt, order=order, at=at)
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
