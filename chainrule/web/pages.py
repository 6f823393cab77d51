"""The pages' shell: the frame round every page (its navigation, style and script), the forms'
pieces, and the messages a page shows instead of a result. Every echo of what was typed goes
through ``html.escape`` here; a result's HTML comes from the HTML format, which escapes its own.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

#: The pages in the navigation, in the course's order.
NAV = (
    ("/explain", "Explain"),
    ("/check", "Check"),
    ("/practice", "Practice"),
    ("/lessons", "Lessons"),
    ("/network", "Network"),
)


def page(title: str, body: str, *, nonce: str, here: str = "") -> str:
    """A whole page: ``body`` (HTML) in the frame. Nothing in it comes from elsewhere: the
    style and the script are the server's own, and the script runs by its nonce."""
    links = "".join(
        f'<a href="{href}"{" aria-current=page" if href == here else ""}>{name}</a>'
        for href, name in NAV
    )
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} · chainrule</title>\n"
        '<link rel="stylesheet" href="/static/document.css">\n'
        '<link rel="stylesheet" href="/static/site.css">\n'
        f'<script src="/static/site.js" nonce="{nonce}" defer></script>\n'
        "</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the content</a>\n'
        '<header class="site"><nav aria-label="Pages">'
        f'<a class="brand" href="/">chainrule</a>{links}</nav>'
        '<button type="button" id="theme" hidden aria-pressed="false">Dark</button></header>\n'
        f'<main id="main" class="chainrule">\n{body}\n</main>\n</body>\n</html>\n'
    )


def attrs(**given: str | int | bool | None) -> str:
    """HTML attributes, escaped; True is a bare attribute, None and False are left out."""
    out = []
    for name, value in given.items():
        name = name.rstrip("_").replace("_", "-")
        if value is True:
            out.append(f" {name}")
        elif value is not None and value is not False:
            out.append(f' {name}="{escape(str(value))}"')
    return "".join(out)


def field(
    name: str,
    label: str,
    value: str = "",
    *,
    help: str = "",
    error: dict | None = None,
    also: str = "",
    **extra,
) -> str:
    """A labelled text box; its caret error (filled by the script as it is typed, or by the
    server) is the box's description, so a screen reader reads it with the box; ``also`` names
    more of the page that describes it (the part a practice answer is for)."""
    described = " ".join(filter(None, (f"{name}-error", help and f"{name}-help", also)))
    box = attrs(
        id=name,
        name=name,
        value=value,
        autocomplete="off",
        autocapitalize="off",
        spellcheck="false",
        aria_describedby=described,
        **extra,
    )
    said = f'<p class="help" id="{name}-help">{escape(help)}</p>' if help else ""
    return (
        f'<div class="field"><label for="{name}">{escape(label)}</label><input{box}>'
        f"{caret(error, name)}{said}</div>"
    )


def caret(error: dict | None, name: str) -> str:
    """The parser's verdict under the box: the text with a caret at the spot, and what is
    wrong on a line of its own below (so it wraps on a phone, where the text scrolls)."""
    inner = ""
    if error and "position" in error:
        text = "".join(ch if ch.isprintable() else " " for ch in error["text"])
        mark = " " * error["position"] + "^"
        inner = f"<pre>{escape(text)}\n{mark}</pre><p>{escape(error['message'])}</p>"
    elif error:
        inner = f"<p>{escape(error['message'])}</p>"
    return f'<div class="caret" id="{name}-error" aria-live="polite">{inner}</div>'


def said(error: dict) -> str:
    """An error as the command line says it: text and caret for a formula that does not read."""
    message = error["message"]
    if "position" not in error:
        return message
    text = "".join(ch if ch.isprintable() else " " for ch in error["text"])
    lead = f"line {error['line']}: " if "line" in error else ""
    return f"{lead}{text}\n{' ' * (len(lead) + error['position'])}^ {message}"


def problem(error: dict) -> str:
    """A user's error in place of a result (not a formula's caret: that stays by its box)."""
    return f'<p class="problem" role="alert">{escape(said(error))}</p>'


def busy(why: str) -> str:
    return f'<p class="problem" role="alert">{escape(why)}</p>'


def link(path: str, **query: str | int | None) -> str:
    """An address that holds its inputs, escaped for an attribute."""
    kept = {k: v for k, v in query.items() if v not in (None, "")}
    return escape(path + ("?" + urlencode(kept) if kept else ""))
