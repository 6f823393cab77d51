"""ASCII spellings for consoles that cannot show chainrule's Unicode (∂, σ, ′, −, √, box lines).

``fit_console(sys.stdout, sys.stderr)`` switches every stream that cannot show Unicode to ASCII
with the ``"chainrule-ascii"`` codec error handler, which writes d/dx for ∂/∂x, sigma for σ,
x^-1 for x⁻¹ and sqrt(x) for √x instead of failing. ``spell(text)`` gives the same spelling of
any string, and ``spelled_column`` says where a character of it lands.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import unicodedata
from functools import cache

#: The name of the codec error handler, registered by ``register()``.
HANDLER = "chainrule-ascii"

_SPELLINGS = {
    "∂": "d",
    "′": "'",
    "″": "''",
    "‴": "'''",
    "−": "-",
    "·": "*",
    "⋅": "*",
    "∙": "*",
    "•": "*",
    "×": "x",
    "÷": "/",
    "⁄": "/",
    "∘": " o ",
    "→": "->",
    "←": "<-",
    "↔": "<->",
    "⇒": "=>",
    "↦": "|->",
    "▼": "v",
    "▲": "^",
    "◀": "<",
    "▶": ">",
    "ŷ": "yhat",
    "\u0302": "hat",  # a combining circumflex: y followed by it is ŷ
    "✓": "[ok]",
    "✔": "[ok]",
    "✗": "[X]",
    "✘": "[X]",
    "–": "-",
    "—": "--",
    "…": "...",
    "⋯": "...",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "≈": "~",
    "≠": "!=",
    "≤": "<=",
    "≥": ">=",
    "±": "+/-",
    "∞": "inf",
    "∈": " in ",
    "∑": "sum",
    "∏": "prod",
    "∫": "int",
}

#: A root applies to what follows it: √x is sqrt(x), √(x + 1) is sqrt(x + 1).
_ROOTS = {"√": "sqrt", "∛": "cbrt"}

#: The lower eighths of a block, as in a column chart, from one eighth to full.
_RAMP = "__..::|#"

_GREEK = re.compile(r"GREEK (SMALL|CAPITAL) LETTER (?:FINAL )?([A-Z]+)")


def register() -> None:
    """Register the ``"chainrule-ascii"`` codec error handler (again is harmless)."""
    codecs.register_error(HANDLER, _handler)


def _handler(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text, i, out = error.object, error.start, []
    while i < error.end:
        pieces, i = _spell_at(text, i)
        out += pieces
    # i may lie past error.end: a root took its argument along (√x is sqrt(x)).
    return "".join(out), i


def spell(text: str) -> str:
    """``text`` with every character outside ASCII spelled in ASCII."""
    return "".join(_pieces(text))


def spelled_column(text: str, position: int) -> int:
    """Where the character at ``position`` of ``text`` starts in ``spell(text)``."""
    pieces = _pieces(text)
    column = len("".join(pieces[:position]))
    if 0 < position < len(pieces) and not pieces[position]:
        column -= 1  # a dropped combining mark: point at the letter it sits on
    return max(0, column)


def _pieces(text: str) -> list[str]:
    """One string per character of ``text``, which joined are its spelling."""
    out: list[str] = []
    i = 0
    while i < len(text):
        pieces, i = _spell_at(text, i)
        out += pieces
    return out


def _spell_at(text: str, i: int) -> tuple[list[str], int]:
    """The spelling of the character at ``i`` and of any it takes along, one piece per
    character, and the index after them."""
    ch = text[i]
    if ch.isascii():
        return [ch], i + 1
    if ch in _ROOTS:
        return _root(text, i)
    if _script(ch, "<super>") is not None:
        return _exponent(text, i)
    if _log_base(text, i):
        # log₂ is a logarithm's base, not part of a name as in w₁ (w1): log_2, as typed.
        return ["_" + _spell_char(ch)], i + 1
    spelled = _spell_char(ch)
    if (
        len(spelled) > 1
        and spelled.isalpha()
        and i
        and (text[i - 1].isalnum() or text[i - 1] == ")")
    ):
        spelled = "*" + spelled  # 2σ(x) is a product: 2*sigma(x), never the word 2sigma
    return [spelled], i + 1


def _root(text: str, i: int) -> tuple[list[str], int]:
    name, j = _ROOTS[text[i]], i + 1
    if i and (text[i - 1].isalnum() or text[i - 1] == ")"):
        name = "*" + name  # 2√x is a product: 2*sqrt(x), never the word 2sqrt
    if j < len(text) and text[j].isdigit():
        while j < len(text) and (text[j].isdigit() or text[j] == "." and text[j - 1].isdigit()):
            j += 1
    elif j < len(text) and text[j].isalpha():
        # One letter and its subscripts or primes: the printer writes √x₁, and √xy as √(xy).
        j += 1
        while j < len(text) and (_script(text[j], "<sub>") is not None or text[j] in "′'"):
            j += 1
    if j == i + 1:
        return [name], j  # √(…) already has its brackets
    inner = [_spell_char(c) for c in text[i + 1 : j]]
    return [f"{name}(", *inner[:-1], inner[-1] + ")"], j


def _log_base(text: str, i: int) -> bool:
    """The character at ``i`` is a subscript right after the word log: log₂, log₁₀."""
    return (
        _script(text[i], "<sub>") is not None
        and text.endswith("log", 0, i)
        and not text[i - 4 : i - 3].isalpha()
    )


def _exponent(text: str, i: int) -> tuple[list[str], int]:
    """A run of superscripts is one exponent: x⁻¹ is x^-1, eˣʸ is e^(xy)."""
    j = i
    while j < len(text) and _script(text[j], "<super>") is not None:
        j += 1
    digits = [spell(_script(ch, "<super>") or "") for ch in text[i:j]]
    run = "".join(digits)
    plain = re.fullmatch(r"-?(\d+|[A-Za-z])|\(.*\)", run) is not None
    pieces = ["^" + ("" if plain else "(") + digits[0], *digits[1:]]
    if not plain:
        pieces[-1] += ")"
    # x²y would read as x^(2y): a space keeps the exponent to itself.
    if j < len(text) and text[j].isalnum() and _script(text[j], "<sub>") is None:
        pieces[-1] += " "
    return pieces, j


@cache
def _spell_char(ch: str) -> str:
    """One character in ASCII: by our table, as a sub- or superscript, by its compatibility
    decomposition, by its Greek name, as a line or block of a drawing, or else '?'."""
    if ch.isascii():
        return ch
    if ch in _SPELLINGS:
        return _SPELLINGS[ch]
    if (sub := _script(ch, "<sub>")) is not None:
        return spell(sub)
    if (sup := _script(ch, "<super>")) is not None:
        return "^" + spell(sup)
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return ""  # accents and invisible marks: é is e
    decomposed = unicodedata.normalize("NFKD", ch)
    if decomposed != ch:
        return "".join(_spell_char(c) for c in decomposed)  # 𝑥 is x, ½ is 1/2, ﬁ is fi
    name = unicodedata.name(ch, "")
    if greek := _GREEK.fullmatch(name.split(" WITH ")[0]):
        letter = {"lamda": "lambda"}.get(greek[2].lower(), greek[2].lower())  # Unicode's spelling
        return letter.capitalize() if greek[1] == "CAPITAL" else letter
    if name.startswith("BOX DRAWINGS"):
        return _box(name)
    if name.startswith(("LOWER ", "FULL BLOCK")) and name.endswith("BLOCK"):
        return _block(name)
    return "?"


def _script(ch: str, tag: str) -> str | None:
    """The character a sub- or superscript ``ch`` stands for (tag "<sub>" or "<super>")."""
    parts = unicodedata.decomposition(ch).split()
    if len(parts) == 2 and parts[0] == tag:
        return chr(int(parts[1], 16))
    return None


def _box(name: str) -> str:
    if "DIAGONAL" in name:
        return "X" if "CROSS" in name else "/" if "UPPER RIGHT" in name else "\\"
    across = any(w in name for w in ("HORIZONTAL", "LEFT", "RIGHT"))
    down = any(w in name for w in ("VERTICAL", "UP", "DOWN"))
    if across and down:
        return "+"
    if across:
        return "=" if "DOUBLE" in name else "-"
    return "|"


def _block(name: str) -> str:
    eighths = {"ONE EIGHTH": 1, "ONE QUARTER": 2, "THREE EIGHTHS": 3, "HALF": 4}
    eighths |= {"FIVE EIGHTHS": 5, "THREE QUARTERS": 6, "SEVEN EIGHTHS": 7}
    level = next((n for words, n in eighths.items() if words in name), 8)
    return _RAMP[level - 1]


def fit_console(*streams) -> None:
    """Make each text stream that cannot show Unicode write ASCII spellings instead of failing.

    A stream counts as unable when its encoding is not UTF (a Windows code page, ASCII), or when
    the locale is C or POSIX: Python then writes UTF-8 anyway (PEP 538, PEP 540), but that
    locale promises the terminal nothing beyond ASCII. Asking for UTF-8 with PYTHONIOENCODING,
    PYTHONUTF8=1 or -X utf8 keeps Unicode.
    """
    register()
    ascii_locale = _ascii_locale()
    for stream in streams:
        encoding = getattr(stream, "encoding", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding is None or reconfigure is None or (is_utf(encoding) and not ascii_locale):
            continue
        # All ASCII rather than the code page plus spellings: x¹⁰ in cp1252 would come out as
        # x¹^0, since the encoder asks us only about the characters it cannot encode.
        reconfigure(encoding="ascii", errors=HANDLER)


def is_utf(encoding: str | None) -> bool:
    """Whether ``encoding`` can write every character (UTF-8, -16 or -32)."""
    try:
        return codecs.lookup(encoding or "ascii").name.startswith("utf")
    except LookupError:
        return False


def _ascii_locale() -> bool:
    """Whether the user's locale is C or POSIX and nothing asked for UTF-8 instead."""
    if os.name != "posix" or os.environ.get("PYTHONIOENCODING") or os.environ.get("PYTHONUTF8"):
        return False
    if "utf8" in getattr(sys, "_xoptions", {}):
        return False
    if sys.version_info < (3, 15):
        # Unasked, UTF-8 mode turns itself on only in the C and POSIX locales (PEP 540); the
        # environment no longer tells, since locale coercion rewrote LC_CTYPE (PEP 538).
        return bool(sys.flags.utf8_mode)
    names = (os.environ.get(v) for v in ("LC_ALL", "LC_CTYPE", "LANG"))
    return next((n for n in names if n), "C") in ("C", "POSIX")  # pragma: no cover


if __name__ == "__main__":
    print(spell(" ".join(sys.argv[1:]) or "∂J/∂w₂ = (ŷ − y)·σ′(z₂)·a₁,  d/dx √x = 1/(2√x),  x⁻¹"))
