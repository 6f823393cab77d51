"""The lexer: normalised formula text in, a list of tokens (numbers, words, operators) out.

Numbers become exact SymPy rationals here (0.5 is 1/2), built from digits the lexer checked,
never by handing text to Python or SymPy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from chainrule.errors import ParseError
from chainrule.parsing.characters import GREEK_LETTERS, SUBSCRIPTS, SUPERSCRIPTS
from chainrule.parsing.limits import MAX_DIGITS

# [0-9], not \d: \d would also match other scripts' digits.
_NUMBER = re.compile(r"([0-9]+)(?:\.([0-9]*))?|\.([0-9]+)")
_EXPONENT = re.compile(r"[eE]([+-]?)([0-9]+)")
# 1e, 2.5E, 3e-: an exponent begun and given no digits, e at the very end of the formula or e
# and a sign with nothing to apply to (3e-, (1e+)). Anywhere else an e after a number is
# Euler's number: 2e^x, 2e + 1, (2e).
_NO_EXPONENT = re.compile(r"[eE](?:\s*$|[+-]\s*(?:$|[)\],]))")
_DIGITS = frozenset("0123456789")
_SUB = "".join(SUBSCRIPTS)
_WORD = re.compile(rf"[A-Za-z][A-Za-z0-9{_SUB}]*(?:_[A-Za-z0-9]+)*")
_GREEK_SUFFIX = re.compile(rf"[0-9{_SUB}]+|_[0-9]+")
_SINGLE = frozenset("+-/^()[]|,√∛")
_TO_DIGITS = str.maketrans({**SUBSCRIPTS, **SUPERSCRIPTS})


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``kind`` is "number", "word", "op", "super" (a run of superscripts) or "end".

    ``text`` is what the parser reads: a word's ASCII spelling (θ is "theta", x₁ is "x1"),
    an operator's ASCII form ("**" and "^" are both "^"). ``pos``/``end`` index the input.
    """

    kind: str
    text: str
    pos: int
    end: int
    value: sympy.Rational | None = None


def tokenize(source: str, text: str) -> list[Token]:
    """Split ``text`` (``source`` after ``normalise``, same length) into tokens, then "end"."""
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == " ":
            i += 1
        elif ch in _DIGITS or (ch == "." and text[i + 1 : i + 2] in _DIGITS):
            token = _number(source, text, i)
            tokens.append(token)
            i = token.end
        elif ch == ".":
            raise ParseError("a '.' must be part of a number, like 0.5", i, source)
        elif ch.isascii() and ch.isalpha():
            match = _WORD.match(text, i)
            word = match.group().translate(_TO_DIGITS)
            tokens.append(Token("word", word, i, match.end()))
            i = match.end()
            if text[i : i + 1] == "_":
                raise ParseError("a '_' must be followed by a subscript, like x_1", i, source)
        elif ch in GREEK_LETTERS:
            suffix = _GREEK_SUFFIX.match(text, i + 1)
            end = suffix.end() if suffix else i + 1
            digits = suffix.group().lstrip("_").translate(_TO_DIGITS) if suffix else ""
            tokens.append(Token("word", GREEK_LETTERS[ch] + digits, i, end))
            i = end
        elif ch in SUPERSCRIPTS:
            token = _superscript(source, text, i)
            tokens.append(token)
            i = token.end
        elif ch == "*":
            # Only a typed "**" is a power: two pasted × signs stay two multiplications.
            if source[i : i + 2] == "**":
                tokens.append(Token("op", "^", i, i + 2))
                i += 2
            else:
                tokens.append(Token("op", "*", i, i + 1))
                i += 1
        elif ch in _SINGLE:
            tokens.append(Token("op", ch, i, i + 1))
            i += 1
        elif ch == "_":
            raise ParseError("a '_' must follow a name, as in x_1", i, source)
        elif ch in SUBSCRIPTS:
            raise ParseError("a subscript digit must follow a name, as in x₁", i, source)
        else:
            raise ParseError(f"unexpected character {source[i]!r}", i, source)
    end = len(text.rstrip())
    tokens.append(Token("end", "", end, end))
    return tokens


def _number(source: str, text: str, start: int) -> Token:
    match = _NUMBER.match(text, start)
    whole, fraction = match.group(1) or "", match.group(2) or match.group(3) or ""
    end = match.end()
    digits = (whole + fraction).lstrip("0")
    if len(digits) > MAX_DIGITS:
        raise ParseError(f"this number has more than {MAX_DIGITS} digits", start, source)
    scale = -len(fraction)
    exponent = _EXPONENT.match(text, end)
    if exponent:
        sign, power = exponent.groups()
        if len(power.lstrip("0")) > len(str(MAX_DIGITS)) or int(power) > MAX_DIGITS:
            raise ParseError(
                f"the exponent of this number is too large (the limit is e±{MAX_DIGITS})",
                exponent.start(),
                source,
            )
        scale += -int(power) if sign == "-" else int(power)
        end = exponent.end()
    elif incomplete := _NO_EXPONENT.match(text, end):
        typed = source[start:end] + text[end : incomplete.end()].rstrip(" )],")
        raise ParseError(
            f"incomplete number {typed!r}: after e write the exponent's digits, as in"
            f" {typed}5 (or {source[start:end]}*e for {source[start:end]} times Euler's number)",
            end,
            source,
        )
    if text[end : end + 1] == ".":
        raise ParseError("a number has at most one '.'", end, source)
    mantissa = int(whole + fraction) if whole + fraction else 0
    value = (
        sympy.Integer(mantissa * 10**scale) if scale >= 0 else sympy.Rational(mantissa, 10**-scale)
    )
    return Token("number", source[start:end], start, end, value)


def _superscript(source: str, text: str, start: int) -> Token:
    end = start
    while end < len(text) and text[end] in SUPERSCRIPTS:
        end += 1
    run = text[start:end].translate(_TO_DIGITS)
    if not re.fullmatch(r"[+-]?[0-9]+", run):
        raise ParseError("a superscript needs digits and at most one sign, like x⁻¹", start, source)
    body = run.lstrip("+-")
    if len(body) > MAX_DIGITS:
        raise ParseError(f"this exponent has more than {MAX_DIGITS} digits", start, source)
    value = sympy.Integer(int(body))
    return Token("super", run, start, end, -value if run.startswith("-") else value)
