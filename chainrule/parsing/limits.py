"""The parser's limits, and the guard that enforces them while the expression is being built.

SymPy folds numbers as soon as a node is built (2**10**9 is computed right there), and Python
cannot interrupt a long big-integer operation, so a power whose value would be astronomically
large must be refused *before* SymPy sees it. The guard estimates the size of every numeric
power from its base and exponent, and checks every number SymPy produced afterwards.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

import sympy

from chainrule.errors import ParseError

#: Longest formula, in characters.
MAX_LENGTH = 1000
#: Deepest nesting of brackets, signs, powers, roots and function applications together.
MAX_DEPTH = 50
#: Most digits of any number, typed or computed, numerator or denominator. Well below Python's
#: 4300-digit limit for turning an int into text, so every result can still be printed, and
#: as many as a formula can hold, so every result that fits the length limit reads back.
MAX_DIGITS = 1000
#: Largest numerator or denominator of a numeric exponent, on any base: x^10000 is fine,
#: x^(10^100) and (x^1000)^1000 are not.
MAX_EXPONENT = 10_000

_MAX_BITS = math.ceil(MAX_DIGITS * math.log2(10))
_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)


class Guard:
    """Enforces depth and size limits for one parse of ``text``."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._depth = 0
        # Subtrees already checked: each new node is walked only as far as its new parts.
        self._checked: set[sympy.Basic] = set()
        self._sizes: dict[sympy.Basic, float] = {}

    @contextmanager
    def deeper(self, position: int) -> Iterator[None]:
        """One more level of nesting, starting at ``position``."""
        if self._depth >= MAX_DEPTH:
            raise ParseError(
                f"nested too deeply (the limit is {MAX_DEPTH} levels)", position, self._text
            )
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1

    def power(self, base: sympy.Expr, exponent: sympy.Expr, position: int) -> sympy.Expr:
        """base**exponent, refused before it is computed if a number in it would be too large."""
        if exponent.is_Rational:
            self._check_exponent(exponent, position)
            digits = _growth(base) * abs(exponent.p) / exponent.q
            if digits > MAX_DIGITS:
                raise ParseError(
                    f"this power is too large to work with (about 10^{digits:.0f};"
                    f" the limit is 10^{MAX_DIGITS})",
                    position,
                    self._text,
                )
        return self.check(sympy.Pow(base, exponent), position)

    def check(self, expr: sympy.Expr, position: int) -> sympy.Expr:
        """Return ``expr`` if every number in it is within the limits and finite."""
        stack = [expr]
        while stack:
            node = stack.pop()
            if node in self._checked:
                continue
            self._checked.add(node)
            if node in _UNDEFINED:
                raise ParseError(
                    "this has no finite value (a division by zero, log(0), tan(pi/2) …)",
                    position,
                    self._text,
                )
            if _is_power_of_nonpositive(node):
                raise ParseError(
                    "a negative number or zero to a variable power has no real value for most"
                    " exponents (complex numbers are out of scope); use a positive base",
                    position,
                    self._text,
                )
            if node.is_Rational and max(abs(node.p), node.q).bit_length() > _MAX_BITS:
                raise ParseError(
                    f"a number here has more than {MAX_DIGITS} digits", position, self._text
                )
            if node.is_Pow and node.exp.is_Rational:
                self._check_exponent(node.exp, position)
            if node.is_number and not node.is_Rational and self._size(node) > MAX_DIGITS:
                raise ParseError(
                    f"this value is too large to work with (the limit is 10^{MAX_DIGITS})",
                    position,
                    self._text,
                )
            # After the size check, so SymPy never weighs up an astronomically large value.
            # i, (−1)^(1/3), asin(2), acos(3): SymPy keeps them, but they are not real numbers.
            if node.is_number and node.is_extended_real is False:
                raise ParseError(
                    "this is not a real number (complex numbers are out of scope)",
                    position,
                    self._text,
                )
            stack.extend(node.args)
        return expr

    def _size(self, expr: sympy.Expr) -> float:
        """An estimate of log10|value| of a constant expression, without computing the value.

        Printing and numeric evaluation compute constants such as 2^(10^9^π) digit by digit, so
        they must be refused like big integers. Only powers, exponentials and products grow fast.
        """
        if expr in self._sizes:
            return self._sizes[expr]
        if expr.is_Rational:
            size = math.log10(max(abs(expr.p), 1)) - math.log10(expr.q)
        elif expr.is_NumberSymbol:
            size = math.log10(abs(float(expr)))
        elif expr.is_Pow:
            size = self._size(expr.base) * self._value(expr.exp)
        elif isinstance(expr, sympy.exp | sympy.sinh | sympy.cosh):
            size = abs(self._value(expr.args[0])) * math.log10(math.e)
        elif expr.is_Mul:
            size = sum(self._size(factor) for factor in expr.args)
        elif expr.is_Add or isinstance(expr, sympy.Abs):
            size = max(self._size(term) for term in expr.args) + math.log10(len(expr.args))
        else:
            # Functions that are bounded or grow slowly: sin, atan, log, σ …
            size = 0.0
        self._sizes[expr] = size
        return size

    def _value(self, expr: sympy.Expr) -> float:
        """The value of a constant exponent as a float, infinite when it is too large for one."""
        if expr.is_Rational:
            if self._size(expr) < 300:
                return expr.p / expr.q
            # Not copysign(inf, p): a numerator such as 10^400 is too large to become a float.
            return math.inf if expr.p > 0 else -math.inf
        if self._size(expr) > 300:
            return math.inf
        try:
            # Safe to evaluate: every power inside is already known to be of modest size.
            return abs(complex(expr.evalf(15)))
        except (TypeError, ValueError, OverflowError):
            return math.inf

    def _check_exponent(self, exponent: sympy.Rational, position: int) -> None:
        if abs(exponent.p) > MAX_EXPONENT or exponent.q > MAX_EXPONENT:
            raise ParseError(
                f"this exponent is too large (the limit is {MAX_EXPONENT:,} "
                "for the top and bottom of a numeric exponent)",
                position,
                self._text,
            )


def _growth(base: sympy.Expr) -> float:
    """How many digits SymPy's numbers can gain per unit of an exponent applied to ``base``.

    A numeric power distributes over a product and multiplies into an inner power:
    (2·3^(1/2)·x)^n = 2^n·3^(n/2)·x^n. Sums and functions are left alone, so only numbers
    reached through products and powers count.
    """
    if base.is_Rational:
        return math.log10(max(abs(base.p), base.q))
    if base.is_Mul:
        return sum(_growth(factor) for factor in base.args)
    if base.is_Pow and base.exp.is_Rational:
        return _growth(base.base) * abs(base.exp.p) / base.exp.q
    return 0.0


def _is_power_of_nonpositive(node: sympy.Basic) -> bool:
    """(−2)^x or 0^x: real only at some exponents, so its derivative is complex or undefined."""
    return (
        node.is_Pow
        and node.base.is_number
        and (node.base.is_negative or node.base.is_zero)
        and not node.exp.is_number
    )
