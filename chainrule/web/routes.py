"""The routes of explain and check, the JSON API and the static files; what every route
shares: reading a request's inputs, and handing a computation to the pool for its client.

A route reads the request, has a worker call the library (``chainrule.web.jobs``) and puts
what came back in a page. Nothing is kept between requests: a page's address holds its inputs.
"""

from __future__ import annotations

import json
import logging
from html import escape
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from chainrule.web import pages
from chainrule.web.guard import TooMany
from chainrule.web.pool import Busy, Failed, GaveUp

log = logging.getLogger("chainrule.web")

#: The longest value of one input: a formula is at most 1000 characters (the parser's limit),
#: working a few lines of them.
MAX_FIELD = 4000


class Refused(Exception):
    """A request answered without a result: its HTTP ``status`` and why, in words."""

    def __init__(self, status: int, why: str) -> None:
        self.status, self.why = status, why
        super().__init__(why)


async def inputs(request: Request) -> dict[str, str]:
    """The query's inputs, and a POSTed form's (or JSON object's) over them."""
    data = dict(request.query_params)
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        text = body.decode("utf-8", "replace")
        if kind == "application/x-www-form-urlencoded":
            data.update(parse_qsl(text, keep_blank_values=True))
        elif kind == "application/json":
            try:
                given = json.loads(text)
            except ValueError:
                raise Refused(400, "The body is not JSON.") from None
            if not isinstance(given, dict):
                raise Refused(400, 'The body is a JSON object of inputs: {"f": …}.')
            data.update({k: str(v) for k, v in given.items() if isinstance(v, str | int | float)})
        elif body:
            raise Refused(415, "Send a form (application/x-www-form-urlencoded) or JSON.")
    for name, value in data.items():
        if len(value) > MAX_FIELD:
            raise Refused(413, f"{name} is too long: at most {MAX_FIELD} characters.")
    return data


async def compute(request: Request, job: str, **arguments: Any) -> Any:
    """Job ``job`` run in a worker for this request's client, within the limits."""
    state = request.app.state
    who = request.client.host if request.client else "unknown"
    try:
        async with state.clients.slot(who):
            return await state.pool.run(job, **arguments)
    except TooMany:
        raise Refused(
            429, "You have several computations running already: wait for them."
        ) from None
    except Busy:
        raise Refused(
            503, "The server is busy with other learners: try again in a moment."
        ) from None
    except GaveUp as error:
        raise Refused(
            503,
            f"Gave up after {error.seconds:g} s: this one takes longer than the server allows.",
        ) from None
    except Failed as error:
        log.error("job %s failed: %s", job, error)
        raise Refused(500, "chainrule failed on this one: a bug, please report it.") from None


def show(request: Request, title: str, body: str, here: str, status: int = 200) -> HTMLResponse:
    nonce = request.scope["state"]["nonce"]
    return HTMLResponse(pages.page(title, body, nonce=nonce, here=here), status_code=status)


def variable(data: dict[str, str]) -> str | None:
    return data.get("wrt", "").strip() or None


def explain_options(data: dict[str, str]) -> dict:
    """What an explain request asks, as ``chainrule explain``'s options: f, wrt, at, the
    order of the derivative (1 to 5, blank for the first) and the method (rules or log)."""
    order_text = data.get("order", "").strip()
    if order_text and not (order_text.isdigit() and 1 <= int(order_text) <= 5):
        raise Refused(400, "order is a whole number from 1 to 5.")
    method = data.get("method", "").strip() or "rules"
    if method not in ("rules", "log"):
        raise Refused(400, "method is rules or log.")
    order = int(order_text) if order_text and order_text != "1" else None
    return {
        "f": data.get("f", ""),
        "wrt": variable(data),
        "at": data.get("at", "").strip() or None,
        "order": order,
        "method": method,
    }


# -- explain -------------------------------------------------------------------------------------

EXAMPLES = ("log(2+cos(x))", "sin(x^2)", "x^2 sin(x)", "sigmoid(w*x+b)", "x^2 + y^2 = 25")


async def explain_page(request: Request) -> Response:
    try:
        data = await inputs(request)
        asked = explain_options(data)
    except Refused as refused:
        return show(request, "Explain", pages.busy(refused.why), "/explain", refused.status)
    f, wrt, at = asked["f"], asked["wrt"], asked["at"]
    result, status, error = "", 200, None
    if f.strip():
        try:
            out = await compute(request, "explain", **asked)
        except Refused as refused:
            result, status = pages.busy(refused.why), refused.status
        else:
            if "error" in out:
                status = 400
                error = out["error"]
                if "position" not in error:
                    result = pages.problem(error)
                    error = None
            else:
                query = {"f": f, "wrt": wrt, "at": at, "order": asked["order"]}
                if asked["method"] != "rules":
                    query["method"] = asked["method"]
                result = out["html"] + _downloads(query)
    else:
        examples = "".join(
            f'<li><a href="{pages.link("/explain", f=e)}"><code>{escape(e)}</code></a></li>'
            for e in EXAMPLES
        )
        result = f'<h2>Try</h2><ul class="examples">{examples}</ul>'
    form = (
        '<form class="ask" method="get" action="/explain">'
        + pages.field(
            "f",
            "Formula",
            f,
            help="As on paper: log(2+cos(x)), x^2 sin(x), sqrt(1-x^2), e^(3x), x^2 + y^2 = 25",
            error=error,
            data_parse="formula",
            required=True,
            maxlength=1000,
        )
        + '<div class="row">'
        + pages.field("wrt", "With respect to (optional)", wrt or "", placeholder="x")
        + pages.field("at", "At a point (optional)", at or "", placeholder="x=pi/3")
        + "</div>"
        + '<div class="row">'
        + _choice(
            "order",
            "Derivative",
            _ORDERS,
            str(asked["order"] or 1),
        )
        + _choice(
            "method",
            "Method",
            [("rules", "the rules"), ("log", "logarithmic differentiation")],
            asked["method"],
        )
        + '</div><button type="submit">Explain</button></form>'
    )
    title = f"Explain {f}" if f.strip() else "Explain"
    body = f"<h1>Explain a derivative, step by step</h1>{form}<section>{result}</section>"
    return show(request, title, body, "/explain", status)


#: The derivatives a page may ask for: explain shows every one up to it, check judges that one.
_ORDERS = [
    ("1", "the first, h′"),
    ("2", "the second, h″"),
    ("3", "the third, h‴"),
    ("4", "the fourth, h⁽⁴⁾"),
    ("5", "the fifth, h⁽⁵⁾"),
]


def _choice(name: str, label: str, options: list[tuple[str, str]], chosen: str) -> str:
    """A labelled menu; its value goes in the address like every other field."""
    items = "".join(
        f'<option value="{escape(v)}"{" selected" if v == chosen else ""}>{escape(t)}</option>'
        for v, t in options
    )
    return (
        f'<div class="field"><label for="{name}">{escape(label)}</label>'
        f'<select id="{name}" name="{name}">{items}</select></div>'
    )


def _downloads(query: dict) -> str:
    items = "".join(
        f'<li><a href="{pages.link("/explain/download", **query, format=fmt)}" download>'
        f"{name}</a></li>"
        for fmt, name in (("latex", "LaTeX"), ("markdown", "Markdown"), ("json", "JSON"))
    )
    return f'<nav class="downloads" aria-label="Downloads"><h2>Download</h2><ul>{items}</ul></nav>'


_SUFFIX = {"latex": ("tex", "application/x-tex"), "markdown": ("md", "text/markdown")}


async def explain_download(request: Request) -> Response:
    data = dict(request.query_params)
    fmt = data.get("format", "")
    if fmt not in ("latex", "markdown", "json"):
        return Response("format: latex, markdown or json", 400, media_type="text/plain")
    try:
        if len(data.get("f", "")) > MAX_FIELD:
            raise Refused(413, "f is too long")
        out = await compute(request, "explain", **explain_options(data), format=fmt)
    except Refused as refused:
        return Response(refused.why, refused.status, media_type="text/plain")
    if "error" in out:
        return Response(pages.said(out["error"]), 400, media_type="text/plain")
    suffix, media = _SUFFIX.get(fmt, ("json", "application/json"))
    return Response(
        out["text"],
        media_type=f"{media}; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="chainrule.{suffix}"'},
    )


# -- check ---------------------------------------------------------------------------------------


async def check_page(request: Request) -> Response:
    try:
        data = await inputs(request)
    except Refused as refused:
        return show(request, "Check", pages.busy(refused.why), "/check", refused.status)
    f, working, wrt = data.get("f", ""), data.get("working", ""), variable(data)
    try:
        asked = explain_options(data)
    except Refused as refused:
        return show(request, "Check", pages.busy(refused.why), "/check", refused.status)
    order, at = asked["order"] or 1, asked["at"]
    result, status, error = "", 200, None
    if f.strip() and working.strip():
        try:
            out = await compute(
                request, "check", f=f, lines=working.splitlines(), wrt=wrt, order=order, at=at
            )
        except Refused as refused:
            result, status = pages.busy(refused.why), refused.status
        else:
            if "error" in out:
                status, said = 400, out["error"]
                if "position" in said and "line" not in said:
                    error = said  # the function does not read: its caret goes under its box
                else:
                    result = pages.problem(said)
            else:
                result = out["html"]
    elif f.strip() and "working" in data:
        result, status = pages.busy("Write your derivative, or your working, in the box."), 400
    elif not f.strip():
        slip = pages.link(
            "/check", f="log(2+cos(x))", working="1/(2+cos x)*(-sin x)\n= 1/(2+cos x)"
        )
        result = f'<p>Try: <a href="{slip}">the course\'s function, with a slip</a>.</p>'
    # GET, as explain: the address holds the function and the working, to hand out or keep.
    form = (
        '<form class="ask" method="get" action="/check">'
        + pages.field(
            "f",
            "Function",
            f,
            error=error,
            data_parse="formula",
            required=True,
            placeholder="log(2+cos(x))",
        )
        + '<div class="field"><label for="working">Your working, one line per line</label>'
        f'<textarea id="working" name="working" rows="5" spellcheck="false" '
        'placeholder="1/(2+cos x) * (-sin x)&#10;= -sin x/(2+cos x)" '
        f'aria-describedby="working-help">{escape(working)}</textarea>'
        '<p class="help" id="working-help">Each line equal to the one before, as on paper; '
        "a line may start with = or with h'(x) =.</p></div>"
        + '<div class="row">'
        + pages.field("wrt", "With respect to (optional)", wrt or "", placeholder="x")
        + _choice("order", "Derivative", _ORDERS, str(order))
        + pages.field("at", "At a point (optional)", at or "", placeholder="x=pi/3")
        + '</div><button type="submit">Check</button></form>'
    )
    body = f"<h1>Check your working</h1>{form}<section>{result}</section>"
    return show(request, "Check", body, "/check", status)


# -- the rest ------------------------------------------------------------------------------------


async def index(request: Request) -> Response:
    return RedirectResponse("/explain", 303)


def _static() -> dict[str, tuple[bytes, str]]:
    from chainrule.formats.html_style import STYLE

    files = resources.files("chainrule.web") / "static"
    return {
        "site.css": ((files / "site.css").read_bytes(), "text/css"),
        "site.js": ((files / "site.js").read_bytes(), "text/javascript"),
        # The HTML format's own style, as a file: the page's CSP allows no inline style.
        "document.css": (STYLE.encode(), "text/css"),
    }


STATIC = _static()


async def static(request: Request) -> Response:
    found = STATIC.get(request.path_params["name"])
    if found is None:
        return Response("no such file", 404, media_type="text/plain")
    body, media = found
    return Response(
        body,
        media_type=f"{media}; charset=utf-8",
        headers={"cache-control": "public, max-age=3600"},
    )
