"""What a plot is asked for besides the formula: the range along the axis (two numbers, as the
learner writes them: -6 6, -2pi 2pi, -pi/2 pi/2) and values for the formula's other symbols
(a=2, b=1/2), read by chainrule's own parser like any formula.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import sympy

from chainrule.errors import ChainruleError, VariableError

#: Two periods of sin and cos, and room around 0 for 1/x, ln x and √x. The CLI's --help mirrors
#: it as text, so that --help loads no SymPy; a test checks that the two agree.
DEFAULT_RANGE = ("-2pi", "2pi")

_EXAMPLE = "such as -6 6 or -2pi 2pi"


class RangeError(ChainruleError):
    """A range that is not two real numbers, the lower first."""


def bounds(span) -> tuple[sympy.Expr, sympy.Expr]:
    """The two ends of the range, exact (−2π stays −2π for the labels)."""
    if isinstance(span, str) or not hasattr(span, "__len__") or len(span) != 2:
        raise RangeError(f"the range needs two numbers, {_EXAMPLE}")
    low, high = (_number(end, f"the range needs two numbers, {_EXAMPLE}") for end in span)
    if not float(low) < float(high):
        raise RangeError(
            f"the range runs from the lower number to the higher: {label(low)} to {label(high)}"
            " is empty (write the lower first)"
        )
    if not math.isfinite(float(high) - float(low)):
        raise RangeError("the range is too wide to draw")
    return low, high


def values(at, constants: tuple[sympy.Symbol, ...], variable: sympy.Symbol) -> dict:
    """A number for each of ``constants`` from ``at`` ("a=2,b=1/2", or a dict): a curve is a
    formula in one variable."""
    given = _pairs(at)
    by_name = {c.name: c for c in constants}
    out: dict[sympy.Symbol, sympy.Expr] = {}
    for name, value in given:
        symbol = _name(name)
        if symbol == variable.name:
            raise VariableError(
                f"{symbol} is the variable along the axis: give values only to the formula's "
                "other symbols"
            )
        if symbol not in by_name:
            held = ", ".join(by_name) or "none"
            raise VariableError(f"the formula has no {symbol} (its other symbols: {held})")
        out[by_name[symbol]] = _number(value, f"{symbol} needs a number")
    missing = [c.name for c in constants if c not in out]
    if missing:
        example = ",".join(f"{name}=2" for name in missing)
        raise VariableError(
            f"a plot is of a formula in one variable, {variable}: give {', '.join(missing)} "
            f"a value (--at {example} on the command line, at={{{missing[0]!r}: 2}} in Python)"
        )
    return out


def point_of(at, variable: sympy.Symbol) -> tuple[object, object]:
    """``at`` without the variable's own value, and that value (None when not given): x=1 in
    ``--at`` is the point of the tangent line, the rest are the other symbols' numbers."""
    pairs = _pairs(at)
    point = [value for name, value in pairs if _name(name) == variable.name]
    rest = {name: value for name, value in pairs if _name(name) != variable.name}
    return (rest or None), (point[-1] if point else None)


def _pairs(at) -> list[tuple[str, object]]:
    if at is None:
        return []
    if isinstance(at, Mapping):
        return [(str(getattr(k, "name", k)), v) for k, v in at.items()]
    if not isinstance(at, str):
        raise TypeError(f"at must be a dict or text such as 'a=2,b=3', not {type(at).__name__}")
    pairs = []
    for item in filter(None, (part.strip() for part in at.split(","))):
        name, sign, value = item.partition("=")
        if not sign or not name.strip() or not value.strip():
            raise VariableError(f"{item!r} is not name=number (write such as a=2,b=1/2)")
        pairs.append((name.strip(), value.strip()))
    return pairs


def _name(text: str) -> str:
    """The name the parser gives the symbol written ``text``: θ is theta, a_1 is a1."""
    from chainrule.parsing import parse

    try:
        symbol = parse(text)
    except ChainruleError:
        symbol = None
    if not isinstance(symbol, sympy.Symbol):
        raise VariableError(f"{text!r} is not a name")
    return symbol.name


def _number(value, why: str) -> sympy.Expr:
    """``value`` (a number, or text such as "-2pi" or "1/2") as an exact real number."""
    if isinstance(value, bool):
        raise RangeError(f"{why}: {value!r} is not a number")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise RangeError(f"{why}: {value!r} is not a finite number")
        return sympy.Integer(value) if isinstance(value, int) else sympy.Float(value)
    if isinstance(value, sympy.Expr):
        number = value
    elif isinstance(value, str):
        from chainrule.parsing import parse

        try:
            number = parse(value)
        except ChainruleError:
            # One line: the caret of a formula would point into a number the learner sees whole.
            raise RangeError(f"{why}: {value!r} is not a number") from None
    else:
        raise TypeError(f"expected a number or its text, not {type(value).__name__}")
    if number.free_symbols:
        raise RangeError(f"{why}: {value!r} is not a number")
    try:
        real = float(number.evalf())
    except (TypeError, ValueError, OverflowError):
        raise RangeError(f"{why}: {value!r} is not a real number") from None
    if not math.isfinite(real):
        raise RangeError(f"{why}: {value!r} is too large")
    return number


def label(number: sympy.Expr) -> str:
    """A number as the learner reads it: −2π, π/2, −1.25, 6."""
    if number.is_Rational or number.is_Float:
        return f"{float(number):g}".replace("-", "−")
    from chainrule.formats.notation import unicode

    return unicode(number)
