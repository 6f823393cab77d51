r"""How wide a formula will be once typeset: an estimate read off its LaTeX, in points at 10pt.

Breaking an equation for the page needs its width before TeX sets it. The length of the
one-line Unicode form is a poor guide to a built-up formula (∂J/∂ŷ is five characters but a
narrow \frac), so this reads the LaTeX itself: a fraction is as wide as its wider part, a
script is smaller, a binary operator or a relation carries TeX's spaces. Calibrated against
pdflatex on every formula the views print: it errs on the wide side, by a few percent.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Widths in points, 10pt Computer Modern, display style; measured with \settowidth.
_LETTER = 5.6  # math italic, a little over the average so long formulas are not undercounted
_WIDE_LETTERS = {"w": 7.2, "m": 8.8, "W": 10.9, "M": 9.7, "N": 8.1, "H": 8.3}
_DIGIT = 5.0
_BINARY = 12.4  # + or − with medium spaces on both sides
_DOT = 7.4  # \cdot with its spaces
_RELATION = 13.6  # = or ← with thick spaces
_PUNCT = 4.4  # a comma and the thin space after it
_DELIMITER = 3.9
_SCRIPT = 0.72  # a superscript or subscript, relative to the text it would be
_FRAC_GAP = 2.4  # the null delimiters either side of a fraction

_NAMED = {  # upright function names: their letters, and the thin space before the argument
    "sin": 12.3,
    "cos": 13.4,
    "tan": 14.5,
    "cot": 14.0,
    "sec": 12.3,
    "csc": 12.3,
    "ln": 8.4,
    "log": 12.8,
    "exp": 15.3,
    "sinh": 17.9,
    "cosh": 19.0,
    "tanh": 20.1,
    "coth": 19.6,
    "arcsin": 30.6,
    "arccos": 31.7,
    "arctan": 32.8,
    "arccot": 32.3,
    "arcsec": 30.6,
    "arccsc": 30.6,
    "sech": 17.9,
    "csch": 17.9,
}
_OPERATORS = {"cdot": _DOT, "times": _DOT, "circ": _DOT, "pm": _BINARY, "mp": _BINARY}
_RELATIONS = {"leftarrow", "rightarrow", "approx", "leq", "geq", "neq", "to", "mapsto"}
_SPACES = {"quad": 10.0, "qquad": 20.0, ",": 1.7, ";": 2.8, ":": 2.2, "!": -1.7, " ": 3.3}
_ZERO = {"displaystyle", "textstyle", "limits", "big", "Big", "bigl", "bigr"}
_TALLER = {"Bigl": 2.0, "Bigr": 2.0}  # what a \Bigl( adds to the width of a (
_GROUPED = {
    "operatorname",
    "mathrm",
    "mathit",
    "mathbf",
    "boldsymbol",
    "hat",
    "bar",
    "tilde",
    "vec",
    "mathbb",
}
_TEXT = {"text", "textbf", "textit", "mbox"}

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_]|\S", re.S)


class _Reader:
    def __init__(self, tex: str) -> None:
        self.tokens = _TOKEN.findall(tex)
        self.i = 0
        self.fractions = 0

    def next(self) -> str | None:
        if self.i >= len(self.tokens):
            return None
        token = self.tokens[self.i]
        self.i += 1
        return token

    def group(self) -> float:
        """One argument: a {…} group or a single token."""
        token = self.next()
        if token == "{":
            return self.sequence(until="}")
        return 0.0 if token is None else self.atom(token)

    def raw_group(self) -> str:
        """The text of a {…} argument (for \\text), unread."""
        if self.next() != "{":
            return ""
        depth, out = 1, []
        while (token := self.next()) is not None:
            depth += {"{": 1, "}": -1}.get(token, 0)
            if depth == 0:
                break
            out.append(token)
        return "".join(out)

    def sequence(self, until: str | None = None) -> float:
        total = 0.0
        while (token := self.next()) is not None and token != until:
            if token in "^_":
                total += _SCRIPT * self.group() + 0.5
            else:
                total += self.atom(token)
        return total

    def atom(self, token: str) -> float:
        if token == "{":
            return self.sequence(until="}")
        if token.startswith("\\"):
            return self.command(token[1:])
        if token.isdigit() or token == ".":
            return _DIGIT if token.isdigit() else 2.8
        if token.isalpha():
            return _WIDE_LETTERS.get(token, _LETTER)
        if token in "+-":
            return _BINARY
        if token in "=<>":
            return _RELATION
        if token in ",;":
            return _PUNCT
        if token in "()[]|":
            return _DELIMITER
        if token == "'":
            return 2.8
        return _LETTER

    def command(self, name: str) -> float:
        if name == "frac":
            self.fractions += 1
            return max(self.group(), self.group()) + _FRAC_GAP
        if name == "left":
            # \left( … \right): brackets grow round a fraction, so they are wider too.
            opened, before = self.next(), self.fractions
            inner = self.sequence(until="\\right")
            closed = self.next()
            grown = 3.5 if self.fractions > before else 0.6
            return inner + sum(_DELIMITER + grown for d in (opened, closed) if d != ".")
        if name == "sqrt":
            return self.group() + 8.4
        if name in _NAMED:
            return _NAMED[name] + 1.0
        if name in _OPERATORS:
            return _OPERATORS[name]
        if name in _RELATIONS:
            return _RELATION + 2.0
        if name in _SPACES:
            return _SPACES[name]
        if name in _TALLER:
            return _TALLER[name]
        if name in _ZERO:
            return 0.0
        if name in _GROUPED:
            return self.group()
        if name in _TEXT:
            return 5.0 * len(self.raw_group())
        if name in ("{", "}", "|"):
            return _DELIMITER + 1.1
        return _LETTER  # a Greek letter, \partial, \infty …


# Breaking a formula measures its pieces again and again (\sin\,(, a factor, a row so far).
@lru_cache(maxsize=4096)
def tex_width(tex: str) -> float:
    """The typeset width of ``tex`` (math, no $) in points, at 10pt in display style."""
    return _Reader(tex).sequence()
