"""The routes of the course's exercises: practice (one part at a time) and the lessons as
pages (a section each, exercises judged by check)."""

from __future__ import annotations

import secrets
from html import escape

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from chainrule.web import pages
from chainrule.web.routes import Refused, compute, inputs, show

# -- practice ------------------------------------------------------------------------------------

#: What a practice form may carry, and the whole numbers each may be.
_STATE = {
    "level": (1, 5),
    "seed": (0, 10**9),
    "n": (1, 20),
    "p": (0, 20),
    "k": (0, 10),
    "wrong": (0, 10),
    "helped": (0, 100),
    "saw": (0, 1),
    "first": (0, 200),
    "total": (0, 200),
}


def _topic(data: dict[str, str]) -> str:
    from chainrule.practising.topics import TOPICS

    topic = data.get("topic", "").strip() or "rules"
    if topic not in TOPICS:
        raise Refused(400, f"topic is one of {', '.join(TOPICS)}.")
    return topic


def _address(level: int, seed: int, topic: str) -> str:
    """A set's address: the rules topic, the first, needs no word of its own."""
    named = "" if topic == "rules" else f"&topic={topic}"
    return f"/practice?level={level}&seed={seed}{named}"


def _whole(data: dict[str, str], name: str, default: int) -> int:
    low, high = _STATE[name]
    text = data.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise Refused(400, f"{name} is a whole number from {low} to {high}.")
    return int(text)


async def practice_page(request: Request) -> Response:
    try:
        data = await inputs(request)
        level = _whole(data, "level", 1)
        topic = _topic(data)
        if not data.get("seed", "").strip():
            # A set has an address of its own, to come back to or hand out.
            seed = secrets.randbelow(10_000)
            return RedirectResponse(_address(level, seed, topic), 303)
        state = {name: _whole(data, name, 5 if name == "n" else 0) for name in _STATE}
        state["level"] = level
        state["topic"] = topic
        action = data.get("action", "")
        out = await compute(
            request, "practice", state=state, action=action, answer=data.get("answer", "")
        )
    except Refused as refused:
        return show(request, "Practice", pages.busy(refused.why), "/practice", refused.status)
    if out.get("error") and "state" not in out:
        return show(request, "Practice", pages.problem(out["error"]), "/practice", 400)
    st = out["state"]
    from chainrule.practising.topics import NAMES, TOPICS

    chooser = (
        '<form class="row chooser" method="get" action="/practice">'
        '<div class="field"><label for="topic">Topic</label><select id="topic" name="topic">'
        + "".join(
            f'<option value="{t}"{" selected" if t == st["topic"] else ""}>'
            f"{escape(NAMES[t] or 'the rules')}</option>"
            for t in TOPICS
        )
        + "</select></div>"
        '<div class="field"><label for="level">Level</label><select id="level" name="level">'
        + "".join(
            f'<option value="{n}"{" selected" if n == st["level"] else ""}>{n}</option>'
            for n in range(1, 6)
        )
        + "</select></div>"
        + pages.field("seed", "Seed", str(st["seed"]), inputmode="numeric")
        + '<button type="submit">Start this set</button></form>'
    )
    said = "".join(out["feedback"])
    score = f'<p class="score">Score so far: {st["first"]} of {st["total"]} right first time.</p>'
    if "score" in out:
        again = escape(_address(st["level"], st["seed"] + 1, st["topic"]))
        body = f'{said}{out["score"]}<p><a href="{again}">Another set</a></p>'
    else:
        hidden = "".join(
            f'<input type="hidden" name="{k}" value="{escape(str(v))}">' for k, v in st.items()
        )
        # The same part again (not read, or wrong with tries left): the answer stays to mend.
        same = (st["p"], st["k"]) == (state["p"], state["k"])
        typed = data.get("answer", "") if same else ""
        box = pages.field(
            "answer",
            "Your answer",
            typed,
            error=out.get("error"),
            also="asked",
            autofocus=True,
        )
        action = escape(_address(st["level"], st["seed"], st["topic"]))
        # What was said about this problem goes under it; about the last one, above this one.
        before, after = ("", said) if st["p"] == state["p"] else (said, "")
        body = (
            f"{before}{score}{out['problem']}{after}"
            f'<form class="ask answer" method="post" action="{action}">{hidden}'
            f'<p class="asked" id="asked">Part {out["part"]} of {out["parts"]}: '
            f'<span class="prompt">{out["prompt"]}</span></p>{box}'
            '<div class="buttons"><button type="submit" name="action" value="answer">'
            "Answer</button>"
            '<button type="submit" name="action" value="hint" class="hint" '
            'title="A hint; ? again for the worked steps" aria-label="Hint">?</button></div>'
            "</form>"
        )
    on = f" · {NAMES[st['topic']]}" if NAMES[st["topic"]] else ""
    title = f"Practice{on} · level {st['level']}, seed {st['seed']}"
    return show(request, title, f"<h1>{escape(title)}</h1>{chooser}{body}", "/practice")


# -- lessons -------------------------------------------------------------------------------------


async def lessons_page(request: Request) -> Response:
    try:
        found = await compute(request, "lessons")
    except Refused as refused:
        return show(request, "Lessons", pages.busy(refused.why), "/lessons", refused.status)
    items = "".join(
        f'<li><a href="/lessons/{e["number"]}">Lesson {e["number"]}: {escape(e["title"])}</a></li>'
        for e in found
    )
    return show(request, "Lessons", f'<h1>Lessons</h1><ul class="lessons">{items}</ul>', "/lessons")


async def lesson_page(request: Request) -> Response:
    number = request.path_params["number"]
    here = "/lessons"
    try:
        data = await inputs(request)
        section = _count(data, "s")
        exercise = _count(data, "e", -1)
        out = await compute(
            request,
            "lesson",
            number=number,
            section=section,
            exercise=exercise,
            action=data.get("action", ""),
            answer=data.get("answer", ""),
        )
    except Refused as refused:
        return show(request, f"Lesson {number}", pages.busy(refused.why), here, refused.status)
    if "error" in out:
        return show(request, f"Lesson {number}", pages.problem(out["error"]), here, 404)
    s, total = out["section"], out["sections"]
    parts = []
    for piece in out["pieces"]:
        if "html" in piece:
            parts.append(piece["html"])
        else:
            parts.append(_exercise(number, s, piece))
    nav = [f'<span class="where">Section {s + 1} of {total}</span>']
    if s > 0:
        nav.insert(0, f'<a href="/lessons/{number}?s={s - 1}" rel="prev">Back</a>')
    if s + 1 < total:
        nav.append(f'<a class="next" href="/lessons/{number}?s={s + 1}" rel="next">Next</a>')
    else:
        nav.append('<a href="/lessons">All lessons</a>')
    steps = f'<nav class="pager" aria-label="Sections">{"".join(nav)}</nav>'
    # The first section opens with the lesson's own title; the others say where they belong.
    where = f'<p class="where">Lesson {number}: {escape(out["title"])}</p>' if s else ""
    return show(request, f"Lesson {number}: {out['title']}", where + "".join(parts) + steps, here)


def _count(data: dict[str, str], name: str, default: int = 0) -> int:
    text = data.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) > 1000:
        raise Refused(400, f"{name} is a whole number.")
    return int(text)


def _exercise(number: int, section: int, piece: dict) -> str:
    """An exercise as a form: its prompt, a box for the answer, ? for the hint."""
    i = piece["exercise"]
    name = f"answer-{i}"
    box = pages.field(
        name,
        "Your answer",
        # A wrong or unread answer stays in its box to mend; a right one is done.
        "" if piece.get("right") else piece.get("answer", ""),
        error=piece.get("error"),
    ).replace(f'name="{name}"', 'name="answer"')
    said = piece.get("feedback", "")
    return (
        f'<section class="exercise" id="exercise-{i}"><p><strong>Try it yourself:</strong> '
        f"{piece['prompt']}</p>"
        f'<form class="ask" method="post" action="/lessons/{number}?s={section}#exercise-{i}">'
        f'<input type="hidden" name="e" value="{i}">{box}'
        '<div class="buttons"><button type="submit" name="action" value="answer">Check</button>'
        '<button type="submit" name="action" value="hint" class="hint" aria-label="Hint" '
        'title="A hint (or the worked steps)">?</button></div></form>'
        f'<div class="said" aria-live="polite">{said}</div></section>'
    )
