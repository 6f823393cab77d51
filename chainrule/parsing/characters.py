"""Which characters a formula may contain, and how pasted Unicode becomes text the lexer reads.

Every character is normalised on its own (NFKC), then checked against what we accept, so a
look-alike can only ever become the plain character it stands for, never a name we did not
check. One character in gives one character out: positions in errors stay those of the input.
"""

from __future__ import annotations

import string
import unicodedata

from chainrule.errors import ParseError

#: Superscripts stay as they are: the lexer reads a run of them as a power (x² is x^2).
SUPERSCRIPTS = {
    "⁰": "0",
    "¹": "1",
    "²": "2",
    "³": "3",
    "⁴": "4",
    "⁵": "5",
    "⁶": "6",
    "⁷": "7",
    "⁸": "8",
    "⁹": "9",
    "⁺": "+",
    "⁻": "-",
}

#: Subscript digits stay as they are: the lexer lets them end a name (x₁ is x1).
SUBSCRIPTS = {chr(0x2080 + d): str(d) for d in range(10)}

#: Lower-case Greek letters and the word each one is read as. ο (omicron) is left out on purpose:
#: it cannot be told from the Latin o. σ is the sigmoid function, π the constant.
GREEK_LETTERS = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "ζ": "zeta",
    "η": "eta",
    "θ": "theta",
    "ι": "iota",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "ν": "nu",
    "ξ": "xi",
    "π": "pi",
    "ρ": "rho",
    "σ": "sigma",
    "τ": "tau",
    "υ": "upsilon",
    "φ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "omega",
}

#: Operators as slides and word processors print them.
_OPERATORS = {
    "−": "-",  # minus sign
    "–": "-",  # en dash: what autocorrect makes of a typed minus
    "·": "*",
    "⋅": "*",
    "∙": "*",
    "∗": "*",
    "×": "*",
    "÷": "/",
    "∕": "/",
    "√": "√",
    "∛": "∛",
}

_ASCII = frozenset(string.ascii_letters + string.digits + "+-*/^()[]|,._ ")

_HINTS = {
    "!": "factorials are not supported",
    "=": "type an expression, not an equation (an '=' may only name it first: y = x^2, f(x) = …)",
    "'": "quotes and primes are not part of a formula; write f(x), not f'(x)",
    '"': "quotes are not part of a formula",
    ";": "type one formula, without ';'",
    "\\": "backslashes (LaTeX commands, escapes) are not supported",
    "{": "use ( ) or [ ] for brackets",
    "}": "use ( ) or [ ] for brackets",
}


def normalise(text: str) -> str:
    """Return ``text`` with each character replaced by the one the lexer reads, same length.

    Raises ParseError at the first character that is not allowed.
    """
    return "".join(_normalise_char(ch, i, text) for i, ch in enumerate(text))


def _normalise_char(ch: str, i: int, text: str) -> str:
    if ch in _ASCII:
        return ch
    if ch == "\t":
        return " "
    if ch in SUPERSCRIPTS or ch in SUBSCRIPTS or ch in GREEK_LETTERS:
        return ch
    if ch in _OPERATORS:
        return _OPERATORS[ch]
    category = unicodedata.category(ch)
    if category == "Zs":
        # No-break and thin spaces come with text pasted from slides; they are visible gaps.
        return " "
    if ch in "\n\r\v\f\x85\u2028\u2029":
        raise ParseError("line breaks are not allowed: type the formula on one line", i, text)
    if category[0] == "C" or category in ("Zl", "Zp"):
        raise ParseError(f"invisible or control character {_describe(ch)} is not allowed", i, text)
    if category[0] == "M":
        raise ParseError(f"combining mark {_describe(ch)} is not allowed", i, text)
    if ch in _HINTS:
        raise ParseError(f"unexpected character {ch!r}: {_HINTS[ch]}", i, text)
    name = unicodedata.name(ch, "")
    if "SUPERSCRIPT" in name or "SUBSCRIPT" in name or "MODIFIER LETTER" in name:
        raise ParseError(
            f"{_describe(ch)} is not supported: write powers with ^ (x^n) "
            "and subscripts with digits (x_1)",
            i,
            text,
        )
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) == 1 and (folded in _ASCII or folded in GREEK_LETTERS):
        # Mathematical italic 𝑥, fullwidth ｘ, ϑ …: the plain letter they are drawn as.
        return folded
    if folded in _HINTS:
        raise ParseError(f"unexpected character {ch!r}: {_HINTS[folded]}", i, text)
    if ch.isalpha():
        raise ParseError(
            f"unexpected letter {_describe(ch)}: use plain Latin letters or lower-case Greek",
            i,
            text,
        )
    raise ParseError(f"unexpected character {_describe(ch)}", i, text)


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "unnamed")
    visible = ch.isprintable() and not ch.isspace() and unicodedata.category(ch)[0] != "M"
    shown = f"{ch!r} " if visible else ""
    return f"{shown}(U+{ord(ch):04X} {name})"
