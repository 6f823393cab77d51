"""What each word in a formula means: functions, constants, Greek letters and variables.

A word is looked up in this order: a symbol the caller declared, a function, a constant, a
Greek letter name, a letter (or Greek name) followed by digits. Any other short run of letters
is read as a product, as textbooks do (``xy`` is x·y, ``2pix`` is 2·π·x), except that a run
containing a function name (``sinx``, ``cost``) is refused with a "did you mean" instead of
being guessed at; a longer one, and the words in ``words``, are refused.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sympy

from chainrule.errors import ParseError
from chainrule.functions import heaviside, relu, sigmoid
from chainrule.parsing import words
from chainrule.parsing.characters import GREEK_LETTERS


@dataclass(frozen=True, kw_only=True)
class FunctionSpec:
    """A function a formula may apply: how to build it and how many arguments it takes."""

    name: str
    build: Callable[..., sympy.Expr]
    max_args: int = 1
    #: The function that ``name^-1`` means (sin^-1 x is asin x), if any.
    inverse: str | None = None


def _log(x: sympy.Expr, base: sympy.Expr | None = None) -> sympy.Expr:
    return sympy.log(x) if base is None else sympy.log(x, base)


def _table() -> dict[str, FunctionSpec]:
    table: dict[str, FunctionSpec] = {}

    def add(names: str, build: Callable[..., sympy.Expr], **options: object) -> None:
        first, *_ = names.split()
        for name in names.split():
            table[name] = FunctionSpec(name=first, build=build, **options)

    trig = [
        (sympy.sin, sympy.asin),
        (sympy.cos, sympy.acos),
        (sympy.tan, sympy.atan),
        (sympy.cot, sympy.acot),
        (sympy.sec, sympy.asec),
        (sympy.csc, sympy.acsc),
    ]
    hyperbolic = [
        (sympy.sinh, sympy.asinh),
        (sympy.cosh, sympy.acosh),
        (sympy.tanh, sympy.atanh),
        (sympy.coth, sympy.acoth),
        (sympy.sech, sympy.asech),
        (sympy.csch, sympy.acsch),
    ]
    for f, inverse in trig:
        name = f.__name__
        add(name, f, inverse="a" + name)
        add(f"a{name} arc{name}", inverse)
    for f, inverse in hyperbolic:
        name = f.__name__
        add(name, f, inverse="a" + name)
        add(f"a{name} ar{name} arc{name}", inverse)
    add("exp", sympy.exp)
    add("ln", sympy.log)
    add("log", _log, max_args=2)
    add("log10", lambda x: sympy.log(x, 10))
    add("log2", lambda x: sympy.log(x, 2))
    add("sqrt", sympy.sqrt)
    add("cbrt", sympy.cbrt)
    add("abs Abs", sympy.Abs)
    add("sign sgn", sympy.sign)
    add("sigmoid sigma", sigmoid)
    add("relu ReLU", relu)
    add("heaviside", heaviside)  # ReLU′, written H(u) in the output
    return table


#: Every function name a formula may use (σ is read as "sigma").
FUNCTIONS = _table()

#: The Gamma function, read only where a bracket follows gamma (or Gamma): gamma alone is the
#: Greek letter γ, a variable, so it is not among ``FUNCTIONS``.
GAMMA = FunctionSpec(name="gamma", build=sympy.gamma)

#: Words that are constants: e and E are Euler's number (E is how SymPy prints it).
CONSTANTS = {"e": sympy.E, "E": sympy.E, "pi": sympy.pi}

#: Greek letter names that are variables (pi is a constant, sigma the sigmoid).
GREEK_NAMES = frozenset(GREEK_LETTERS.values()) - {"pi", "sigma"}

#: Letters that are abstract functions when a bracket follows: f(x), g(h(x)).
ABSTRACT = frozenset("fgh")

_REFUSED = {
    "I": "I is the imaginary unit in SymPy, and complex numbers are out of scope: "
    "use another letter",
    "oo": "infinity is not a number you can calculate with here",
    "zoo": "complex infinity is not a number you can calculate with here",
    "nan": "'nan' (not a number) is not a number you can calculate with here",
    "inf": "infinity is not a number you can calculate with here",
    "infinity": "infinity is not a number you can calculate with here",
}

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*")
_INDEXED = re.compile(r"([A-Za-z]+)_?([0-9]+)")


def canonical(name: str) -> str:
    """One spelling per variable: b_2 and b2 are both "b2"."""
    match = _INDEXED.fullmatch(name)
    return match.group(1) + match.group(2) if match else name


@dataclass(frozen=True)
class Piece:
    """Part of a word that is read as one factor: ``offset`` and ``text`` within the word."""

    offset: int
    text: str


class Names:
    """Resolves words for one parse, knowing the caller's declared symbols."""

    def __init__(self, symbols: Iterable[str | sympy.Symbol] = ()) -> None:
        self._declared: dict[str, sympy.Symbol] = {}
        if isinstance(symbols, str | sympy.Symbol):
            symbols = (symbols,)
        for item in symbols:
            symbol = item if isinstance(item, sympy.Symbol) else _declare(item)
            if not _NAME.fullmatch(symbol.name) or _is_reserved(symbol.name):
                raise ValueError(f"cannot declare {symbol.name!r} as a variable name")
            self._declared[canonical(symbol.name)] = symbol
        self._cache: dict[str, sympy.Symbol] = {}

    def symbol(self, name: str) -> sympy.Symbol:
        """The variable called ``name``: a real symbol, or a declared one as it was given.

        Real from the start, not made real afterwards: SymPy asks of every node it builds
        whether it is zero, real or finite, and for a complex x it answers by splitting x into
        re x + i·im x, which for tanh(tanh(…)) or 0·sinh(x^10000) takes minutes.
        """
        key = canonical(name)
        if key in self._declared:
            return self._declared[key]
        return self._cache.setdefault(key, _real(key))

    def is_declared(self, word: str) -> bool:
        return canonical(word) in self._declared

    def is_variable(self, word: str) -> bool:
        """A declared name, a letter or Greek name, optionally followed by digits (w1, θ_2)."""
        if self.is_declared(word):
            return True
        match = _INDEXED.fullmatch(word)
        letters = match.group(1) if match else word
        return (len(letters) == 1 and letters not in _REFUSED) or letters in GREEK_NAMES

    def refusal(self, word: str) -> str | None:
        """Why ``word`` can never be a name, if it is one of the refused ones."""
        return _REFUSED.get(word)

    def split(self, word: str, position: int, text: str, before_bracket: bool) -> list[Piece]:
        """Read a short run of letters as a product of variables and constants, or say why not.

        At most ``words.MAX_PIECES`` factors: ``xyz`` is x·y·z, but ``yhat`` or ``derivative``
        is an unknown word, never a product of letters no one meant.
        """
        kind = "function" if before_bracket else "word"
        if why := words.not_maths(word, kind, (*FUNCTIONS, *CONSTANTS, *GREEK_NAMES)):
            raise ParseError(why, position, text)
        if before_bracket:
            raise ParseError(_unknown_function(word), position, text)
        pieces, function = self._pieces(word)
        if function is not None:
            i, name = function
            rest = word[i + len(name) :]
            if len(pieces) + len(self._pieces(rest)[0]) <= words.MAX_PIECES:
                message = f"unknown name {word!r}: did you mean {_suggest(word, i, name)!r}?"
                raise ParseError(message, position, text)
            letters = [Piece(i + k, letter) for k, letter in enumerate(name)]
            pieces = [*pieces, *letters, *self._pieces(rest, i + len(name))[0]]
        if len(pieces) > words.MAX_PIECES:
            names = (*FUNCTIONS, *GREEK_NAMES, "pi", *self._declared)
            message = words.unknown_word(word, [p.text for p in pieces], names)
            raise ParseError(message, position, text)
        for piece in pieces:
            name = piece.text.rstrip("0123456789")
            if name in _REFUSED:
                raise ParseError(_REFUSED[name], position + piece.offset, text)
            if name != piece.text and name in CONSTANTS and len(name) > 1:
                raise ParseError(f"unknown name {piece.text!r}", position + piece.offset, text)
        if len(pieces) == 1:
            # Nothing to split: the word is one piece that is not a name we know.
            raise ParseError(f"unknown name {word!r}", position, text)
        return pieces

    def _pieces(self, word: str, offset: int = 0) -> tuple[list[Piece], tuple[int, str] | None]:
        """The names ``word`` spells, longest first, each with the digits after it, up to the
        first function name in it: (the pieces, (where the function starts, its name))."""
        pieces = []
        i = 0
        while i < len(word):
            name = self._longest_name(word, i)
            function = _longest(word, i, FUNCTIONS)
            if function and len(function) >= len(name):
                return pieces, (offset + i, function)
            end = i + len(name)
            while end < len(word) and word[end].isdigit():
                end += 1
            pieces.append(Piece(offset + i, word[i:end]))
            i = end
        return pieces, None

    def _longest_name(self, word: str, i: int) -> str:
        candidates = [*GREEK_NAMES, *CONSTANTS, *(n for n in self._declared if not n[-1].isdigit())]
        return _longest(word, i, candidates) or word[i]


def _declare(name: object) -> sympy.Symbol:
    if not isinstance(name, str):
        raise TypeError(f"symbols must be names or sympy Symbols, not {type(name).__name__}")
    return _real(canonical(name))


def _real(name: str) -> sympy.Symbol:
    # Variables are real: complex numbers are out of scope.
    return sympy.Symbol(name, real=True)


def _is_reserved(name: str) -> bool:
    return name in FUNCTIONS or name in CONSTANTS or name in _REFUSED


def _longest(word: str, i: int, names: Iterable[str]) -> str | None:
    found = [n for n in names if word.startswith(n, i)]
    return max(found, key=len) if found else None


def _suggest(word: str, i: int, function: str) -> str:
    before, rest = word[:i], word[i + len(function) :]
    call = f"{function}({rest})" if rest else f"{function}(…)"
    return f"{before} {call}" if before else call


def _unknown_function(word: str) -> str:
    for i in range(1, len(word)):
        if word[i:] in FUNCTIONS:
            return f"unknown function {word!r}: did you mean {word[:i] + ' ' + word[i:]!r}?"
    close = difflib.get_close_matches(word.lower(), FUNCTIONS, n=1, cutoff=0.6)
    if close:
        return f"unknown function {word!r}: did you mean {close[0]!r}?"
    for i in range(len(word)):
        function = _longest(word, i, FUNCTIONS)
        if function:
            return f"unknown function {word!r}: did you mean {_suggest(word, i, function)!r}?"
    spaced = " ".join(word)
    return f"unknown function {word!r}: to multiply, put spaces or '*' between letters ({spaced})"
