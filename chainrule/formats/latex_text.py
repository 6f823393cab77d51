"""Words for LaTeX and Markdown: sentences escaped for text mode, and the Unicode in them that
plain pdflatex rejects (δ, ∂, ŷ, ₁, ✓ …) written as math instead.

``runs(parts)`` is how every LaTeX-based format reads a block's parts: words, and formulas in
LaTeX, with math joined by a bare " = " kept as one formula (∂ŷ/∂z₂ = σ(z₂)(1 − σ(z₂))).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from chainrule.document import Equals
from chainrule.formats.notation import latex

# Text-mode specials. < > | print as ¡ ¿ — in the default OT1 encoding, so they get commands too.
_TEXT = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "—": "---",
    "–": "--",
    "…": r"\ldots{}",
    "“": "``",
    "”": "''",
    "‘": "`",
    "’": "'",
    "\u00a0": "~",
}

#: Symbols our sentences write in Unicode, as math commands.
MATH_SYMBOLS = {
    "½": r"\tfrac{1}{2}",
    "⅓": r"\tfrac{1}{3}",
    "¼": r"\tfrac{1}{4}",
    "¾": r"\tfrac{3}{4}",
    "ŷ": r"\hat{y}",
    "∂": r"\partial",
    "·": r"\cdot",
    "−": "-",
    "′": "'",
    "∘": r"\circ",
    "⊙": r"\odot",
    "←": r"\leftarrow",
    "→": r"\rightarrow",
    "↓": r"\downarrow",
    "▼": r"\blacktriangledown",
    "◀": r"\blacktriangleleft",
    "✓": r"\checkmark",
    "✗": r"\times",
    "×": r"\times",
    "≈": r"\approx",
    "≤": r"\leq",
    "≥": r"\geq",
    "≠": r"\neq",
    "∞": r"\infty",
    "√": r"\surd",
    "∑": r"\sum",
    "∇": r"\nabla",
    "ϑ": r"\vartheta",
    "ϕ": r"\phi",
    "ε": r"\varepsilon",
}

# Capital Greek letters LaTeX has commands for; the rest are written as the Latin capitals
# they look like.
_GREEK_CAPITALS = {"Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi"}
_GREEK_CAPITALS |= {"Psi", "Omega"}
_LATIN_LOOKALIKES = {
    "Alpha": "A",
    "Beta": "B",
    "Epsilon": "E",
    "Zeta": "Z",
    "Eta": "H",
    "Iota": "I",
    "Kappa": "K",
    "Mu": "M",
    "Nu": "N",
    "Omicron": "O",
    "Rho": "P",
    "Tau": "T",
    "Chi": "X",
}


def math_symbol(ch: str) -> str | None:
    """``ch`` as LaTeX math (δ → \\delta, ₁ → _{1}, ⁿ → ^{n}), or None if it has no such form."""
    if ch in MATH_SYMBOLS:
        return MATH_SYMBOLS[ch]
    name = unicodedata.name(ch, "")
    if name.startswith("GREEK SMALL LETTER ") and " WITH " not in name:
        letter = name.removeprefix("GREEK SMALL LETTER ").lower()
        return {"omicron": "o", "final sigma": r"\varsigma", "lamda": r"\lambda"}.get(
            letter, "\\" + letter
        )
    if name.startswith("GREEK CAPITAL LETTER ") and " WITH " not in name:
        letter = name.removeprefix("GREEK CAPITAL LETTER ").capitalize().replace("Lamda", "Lambda")
        if letter in _GREEK_CAPITALS:
            return "\\" + letter
        return _LATIN_LOOKALIKES.get(letter)
    base = unicodedata.normalize("NFKC", ch)
    if len(base) == 1 and (base.isalnum() or base in "+-−=()") and base != ch:
        base = "-" if base == "−" else base
        if "SUBSCRIPT" in name:
            return f"_{{{base}}}"
        if "SUPERSCRIPT" in name or name.startswith("MODIFIER LETTER SMALL"):
            return f"^{{{base}}}"
    return None


def _fold(ch: str) -> str:
    """A character with no LaTeX form: its letter without accents, else a visible ?."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return folded if folded.isascii() and folded.isprintable() else "?"


def split(words: str, keep: str = "") -> list[tuple[bool, str]]:
    """(is_math, text) runs of our words: Unicode math (δₖ, ∂J/∂θ, −1) as LaTeX math, the
    rest as it is. Characters in ``keep`` stay in the words; one with no LaTeX form at all is
    folded to its letter without accents, else to a visible ?."""
    # A line break inside a sentence is a space: in LaTeX a blank line would end a paragraph.
    words = re.sub(r"[\n\r\t\f\v]", " ", words)
    out: list[tuple[bool, str]] = []
    math: list[str] = []
    plain: list[str] = []

    def close(run: list[str], is_math: bool) -> None:
        if run:
            out.append((is_math, _joined(run) if is_math else "".join(run)))
            run.clear()

    for i, ch in enumerate(words):
        decimal = ch == "." and words[i + 1 : i + 2].isdigit()
        if math and (ch.isascii() and ch.isalnum() or ch == "/" or decimal):
            # ∂J/∂θ and −1 read as one formula, not as math broken by upright letters.
            math.append(ch)
            continue
        tex = None if ch.isascii() or ch in keep else math_symbol(ch)
        if tex is None:
            close(math, True)
            plain.append(ch if ch.isascii() or ch in keep else _fold(ch))
            continue
        if tex[:1] in "_^" and plain and re.fullmatch(r"[A-Za-z0-9]", plain[-1]):
            # z₂ reads as one symbol: the letter joins its subscript in math.
            letter = plain.pop()
            close(plain, False)
            math.append(letter)
        close(plain, False)  # (only one of the two runs is ever open)
        math.append(tex)
    close(math, True)
    close(plain, False)
    return out


# The same sentences (a rule's name, what it does) come back in every explanation.
@lru_cache(maxsize=4096)
def text(words: str) -> str:
    """Our words for LaTeX text mode: specials escaped, Unicode math as $…$, pure ASCII; a
    word too long for a line (sin(sin(…))) may break after its opening brackets."""
    return "".join(
        f"${piece}$"
        if is_math
        else _LONG_WORD.sub(_breakable, "".join(_TEXT.get(ch, ch) for ch in piece))
        for is_math, piece in split(words, keep="".join(_TEXT))
    )


_LONG_WORD = re.compile(r"\S{40,}")


def _breakable(word: re.Match) -> str:
    return word.group().replace("(", r"(\allowbreak{}")


def _joined(pieces: list[str]) -> str:
    """Math pieces as one formula; a space only where a command would run into a letter."""
    out, last = "", ""
    for piece in pieces:
        if piece[:2] in ("^{", "_{") and last[:2] == piece[:2]:
            # aˡ⁻¹ is a^{l-1}: a run of scripts is one script (a^{l}^{-} does not typeset).
            out, last = out[:-1] + piece[2:], piece
            continue
        if re.search(r"\\[A-Za-z]+$", out) and piece[:1].isalpha():
            out += " "
        out += piece
        last = piece
    return out


def math(tex: str) -> str:
    """LaTeX math made pure ASCII: a Unicode name SymPy printed as it was (θ) becomes {\\theta}."""
    if tex.isascii():
        return tex
    out = []
    for ch in tex:
        if ch.isascii():
            out.append(ch)
            continue
        symbol = math_symbol(ch)
        out.append(f"{{{symbol}}}" if symbol is not None else _fold(ch))
    return "".join(out)


_EQUALS = re.compile(r"\s*=\s*")


def runs(parts: tuple) -> list[tuple[bool, str]]:
    """(is_math, text) in reading order: words as given, math as LaTeX (no $ around it).

    Formulas joined by a bare " = " word become one formula, so they are set as one.
    """
    return [(is_math, tex) for is_math, tex, _ in formulas(parts)]


def formulas(parts: tuple) -> list[tuple[bool, str, tuple]]:
    """``runs`` with the terms of each formula: (is_math, text, sides), sides () for words."""
    out: list[tuple[bool, str, tuple]] = []
    pending: str | None = None  # a bare " = " after a formula, waiting for the next one
    for part in parts:
        if isinstance(part, str):
            if pending is None and _EQUALS.fullmatch(part) and out and out[-1][0]:
                pending = part
                continue
            if pending is not None:
                out.append((False, pending, ()))
                pending = None
            out.append((False, part, ()))
            continue
        tex = math(latex(part))
        sides = part.sides if isinstance(part, Equals) else (part,)
        if pending is not None:
            out[-1] = (True, f"{out[-1][1]} = {tex}", (*out[-1][2], *sides))
            pending = None
        else:
            out.append((True, tex, sides))
    if pending is not None:
        out.append((False, pending, ()))
    return out
