"""Words that are never part of a formula, and what to tell the learner who typed one.

A run of letters chainrule does not know is a product only while it is short (``xy``, ``2pix``);
a longer one is an unknown word. Some words are refused whatever their length, each with its
own reason: Python's keywords (``import``, ``del``, ``None``), the words of the question
around a formula (``derivative of …``), and function names spelled out or in another
notation (``cosine``, ``tg``, ``Sin``).
"""

from __future__ import annotations

import difflib
import keyword
from collections.abc import Iterable

#: The most factors an unknown word is read as: ``xyz`` is x·y·z, ``abcd`` is refused.
MAX_PIECES = 3

#: Python's keywords; ``lambda`` never gets here, as it is the Greek letter λ.
KEYWORDS = frozenset(keyword.kwlist)

#: Words of the question around a formula, not of the formula (compared in lower case).
QUESTION = frozenset([
    "derivative", "derivatives", "differentiate", "derive", "diff", "wrt", "respect", "with",
    "find", "calculate", "compute", "evaluate", "solve", "simplify", "what", "the", "of",
    "first", "second",
])  # fmt: skip

#: Function names spelled out or written in another notation, and how chainrule writes them.
SPELLED = {
    "sine": "sin",
    "sen": "sin",
    "cosine": "cos",
    "tangent": "tan",
    "tg": "tan",
    "cotangent": "cot",
    "ctg": "cot",
    "cotg": "cot",
    "secant": "sec",
    "cosecant": "csc",
    "cosec": "csc",
    "arctg": "arctan",
    "sqr": "sqrt",
    "root": "sqrt",
    "logarithm": "log",
    "exponential": "exp",
    "absolute": "abs",
}


def not_maths(word: str, kind: str, lower_names: Iterable[str]) -> str | None:
    """Why ``word`` can be no part of a formula, if it is a word refused whatever its length.

    ``kind`` is "word" or "function" (a bracket follows); ``lower_names`` are names written in
    lower case that a capitalised word may have meant (Sin, PI).
    """
    lower = word.lower()
    if lower in QUESTION:
        return (
            f"{word!r} belongs to the question, not the formula: type only the function to"
            " differentiate, such as sin(x^2) (choose the variable with --wrt, or wrt= in Python)"
        )
    if word in KEYWORDS:
        letters = list(word)
        hint = (
            f"; to multiply, write {'*'.join(letters)} or {' '.join(letters)}"
            if len(letters) <= MAX_PIECES
            else ": type a formula such as sin(x^2)"
        )
        return f"{word!r} is a Python keyword, and chainrule reads formulas, never code{hint}"
    if lower in SPELLED:
        name = SPELLED[lower]
        return f"unknown {kind} {word!r}: did you mean {name!r}? (as in {name}(x))"
    if (word.istitle() or word.isupper()) and lower != word and lower in lower_names:
        return f"unknown {kind} {word!r}: did you mean {lower!r}? (names are in lower case)"
    return None


def unknown_word(word: str, pieces: list[str], names: Iterable[str]) -> str:
    """The message for a word too long to be a product: a close name, and how to multiply."""
    close = difflib.get_close_matches(word.lower(), list(names), n=1, cutoff=0.75)
    hint = f"did you mean {close[0]!r}? To" if close else "to"
    shown = pieces if len(pieces) <= MAX_PIECES + 1 else [*pieces[:MAX_PIECES], "…"]
    return (
        f"unknown word {word!r}: {hint} multiply letters, write {'*'.join(shown)}"
        f" or put spaces between them ({' '.join(shown)})"
    )
