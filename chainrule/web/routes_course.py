"""The routes of the course: practice (one part at a time), the lessons as pages, and the
network with a slider for every number."""

from __future__ import annotations

import secrets
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

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
        if not data.get("seed", "").strip():
            # A set has an address of its own, to come back to or hand out.
            seed = secrets.randbelow(10_000)
            return RedirectResponse(f"/practice?level={level}&seed={seed}", 303)
        state = {name: _whole(data, name, 5 if name == "n" else 0) for name in _STATE}
        state["level"] = level
        action = data.get("action", "")
        out = await compute(
            request, "practice", state=state, action=action, answer=data.get("answer", "")
        )
    except Refused as refused:
        return show(request, "Practice", pages.busy(refused.why), "/practice", refused.status)
    if out.get("error") and "state" not in out:
        return show(request, "Practice", pages.problem(out["error"]), "/practice", 400)
    st = out["state"]
    chooser = (
        '<form class="row chooser" method="get" action="/practice">'
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
        again = pages.link("/practice", level=st["level"], seed=st["seed"] + 1)
        body = f'{said}{out["score"]}<p><a href="{again}">Another set</a></p>'
    else:
        hidden = "".join(f'<input type="hidden" name="{k}" value="{v}">' for k, v in st.items())
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
        action = escape(f"/practice?level={st['level']}&seed={st['seed']}")
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
    title = f"Practice · level {st['level']}, seed {st['seed']}"
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
    return show(request, "Lessons", f'<h1>Lessons</h1><ol class="lessons">{items}</ol>', "/lessons")


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


# -- network -------------------------------------------------------------------------------------

#: Between the numbers and the derivation in what the script fetches.
DERIVATION = "\n<!-- derivation -->\n"
NAMES = ("x", "y", "w1", "b1", "w2", "b2")
START = {"x": "0.5", "y": "1", "w1": "0.5", "b1": "0", "w2": "0.5", "b2": "0"}
#: Each slider's range: y is a label (0 to 1 for cross-entropy), the rest any number.
RANGE = {"x": (-3, 3), "y": (0, 1), "w1": (-5, 5), "b1": (-5, 5), "w2": (-5, 5), "b2": (-5, 5)}


def network_arguments(data: dict[str, str]) -> dict:
    values = {n: data.get(n, START[n]) for n in NAMES}
    train = data.get("train", "") not in ("", "0")
    if train and data.get("start", "random") == "random":
        # Weights drawn from the seed, as --train starts: the sliders give the sample alone.
        values = {n: values[n] for n in ("x", "y")}
    steps = data.get("steps", "200").strip() or "200"
    seed = data.get("seed", "0").strip() or "0"
    if not steps.isdigit() or not seed.isdigit() or len(steps + seed) > 12:
        raise Refused(400, "steps and seed are whole numbers.")
    return {
        "values": values,
        "param": data.get("param", "all"),
        "cost": data.get("cost", "squared"),
        "activation": data.get("activation", "sigmoid"),
        "lr": data.get("lr", "0.5"),
        "train": train,
        "steps": int(steps),
        "seed": int(seed),
    }


async def _network_result(request: Request, data: dict[str, str]) -> tuple[str, str, int]:
    """The numbers (or the training run), the derivation, and the status."""
    try:
        out = await compute(request, "network", **network_arguments(data))
    except Refused as refused:
        return pages.busy(refused.why), "", refused.status
    if "error" in out:
        return pages.problem(out["error"]), "", 400
    return out["html"], out.get("derivation", ""), 200


async def network_numbers(request: Request) -> Response:
    """The result alone, for the page's script to put in place as a slider moves."""
    data = dict(request.query_params)
    result, derivation, status = await _network_result(request, data)
    if derivation:
        # The derivation changes with the parameter, cost and activation: sent apart, after a
        # marker the script splits at, so the numbers go under the sliders.
        result += DERIVATION + derivation
    return HTMLResponse(result, status)


def _select(name: str, label: str, chosen: str, options: tuple) -> str:
    """A labelled menu of ``options``: values, or (value, what it says) pairs."""
    pairs = [o if isinstance(o, tuple) else (o, o) for o in options]
    items = "".join(
        f'<option value="{v}"{" selected" if v == chosen else ""}>{escape(said)}</option>'
        for v, said in pairs
    )
    return (
        f'<div class="field"><label for="{name}">{label}</label>'
        f'<select id="{name}" name="{name}">{items}</select></div>'
    )


async def network_page(request: Request) -> Response:
    data = dict(request.query_params)
    result, derivation, status = await _network_result(request, data)
    a = {**START, **{k: v for k, v in data.items() if k in NAMES}}
    sliders = "".join(
        f'<div class="number"><label for="{n}">{n}</label>'
        f'<input type="range" id="{n}-slider" data-for="{n}" min="{RANGE[n][0]}" '
        f'max="{RANGE[n][1]}" step="0.01" value="{escape(a[n])}" aria-label="{n}" hidden>'
        f'<input type="text" inputmode="decimal" id="{n}" name="{n}" value="{escape(a[n])}" '
        'size="6"></div>'
        for n in NAMES
    )
    train = data.get("train", "") not in ("", "0")
    form = (
        '<form class="ask network" method="get" action="/network" data-live="/network/numbers">'
        '<div class="row">'
        + _select("param", "Parameter", data.get("param", "all"), ("all", "w1", "b1", "w2", "b2"))
        + _select("cost", "Cost", data.get("cost", "squared"), ("squared", "cross-entropy"))
        + _select(
            "activation", "Activation", data.get("activation", "sigmoid"), ("sigmoid", "tanh")
        )
        + pages.field("lr", "Learning rate η", data.get("lr", "0.5"), size="5")
        + f'</div><fieldset><legend>The point</legend><div class="numbers">{sliders}</div>'
        "</fieldset>"
        '<fieldset><legend>Training</legend><div class="row">'
        f'<div class="check"><input type="checkbox" id="train" name="train" value="1"'
        f'{" checked" if train else ""}><label for="train">Train on (x, y)</label></div>'
        + _select(
            "start",
            "Start from",
            data.get("start", "random"),
            (("random", "random weights (the seed)"), ("point", "the weights above")),
        )
        + pages.field("steps", "Steps", data.get("steps", "200"), size="5", inputmode="numeric")
        + pages.field("seed", "Seed", data.get("seed", "0"), size="5", inputmode="numeric")
        + '</div></fieldset><button type="submit">Compute</button></form>'
    )
    body = (
        "<h1>The course's network</h1>"
        "<p>x → z₁ = w₁x + b₁ → a₁ = σ(z₁) → z₂ = w₂a₁ + b₂ → ŷ = σ(z₂) → J(y, ŷ). "
        "Move a number: the gradient, its finite difference and one update follow.</p>"
        f'{form}<section id="result" aria-live="polite">{result}</section>'
        f'<section id="derivation">{derivation}</section>'
    )
    return show(request, "Network", body, "/network", status)
