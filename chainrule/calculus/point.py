"""The derivative at a point: h(a) and h′(a), exactly and as decimals, the tangent line
y = h(a) + h′(a)(x − a) and the normal line through the same point.

A point is refused, with the reason, where h is not a real number (ln of something ≤ 0, a
root of something negative, a division by zero) or where h′ does not exist (|x| at 0: the
slopes on the two sides differ, or the derivative itself is undefined there).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import sympy

from chainrule.display import Displayable
from chainrule.errors import ChainruleError, ParseError
from chainrule.functions import MPMATH_MODULES
from chainrule.steps import Explanation

#: The distance either side of a at which the slopes are compared for a kink, relative to |a|.
SIDE = 1e-6
#: How far apart the two sides' slopes may be, relative to their size, and still be one slope.
KINK = 1e-3


class PointError(ChainruleError):
    """A point that is not a point of the function's domain, or where it has no derivative."""


@dataclass(frozen=True, kw_only=True, repr=False)
class AtPoint(Displayable):
    """``explanation``'s function and derivative at x = ``point``, and the lines through it.

    ``tangent`` and ``normal`` are the right-hand sides of y = … in x; ``normal`` is None when
    the tangent is flat (the normal is then the vertical line x = a)."""

    explanation: Explanation
    point: sympy.Expr
    value: sympy.Expr
    slope: sympy.Expr
    tangent: sympy.Expr
    normal: sympy.Expr | None

    @property
    def variable(self) -> sympy.Symbol:
        return self.explanation.variable

    @property
    def order(self) -> tuple:
        return self.explanation.order

    def document(self):
        from chainrule.views.point import point_view

        return point_view(self)

    def json_data(self) -> dict:
        from chainrule.formats.json_calculus import at_point as data

        return data(self)

    def _summary(self) -> str:
        return f"at {self.variable} = {self.point}: slope {self.slope}"


#: The sizes a coordinate may have: what a float holds, with room for a derivative's powers.
SMALLEST, LARGEST = 1e-100, 1e100


def read_point(text: str, names: tuple[str, ...]) -> dict[str, sympy.Expr]:
    """``"x=pi/3, y=4"`` → {"x": π/3, "y": 4}: each value a real constant read by chainrule's
    own parser (pi/3, sqrt(2), -1.5, e^2 — never evaluated as code), each name one of ``names``.
    """
    from chainrule.parsing import parse

    found: dict[str, sympy.Expr] = {}
    start = 0
    for raw in text.split(","):
        where, start = start, start + len(raw) + 1
        item = raw.strip()
        if not item:
            continue
        name, sep, value = (part.strip() for part in item.partition("="))
        # Where the value starts in ``text``, for a caret under what is wrong with it.
        offset = where + len(raw) - len(raw.partition("=")[2].lstrip())
        if not sep or not value:
            raise PointError(f"--at: expected name=value, like x=pi/3, got {item!r}")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or name not in names:
            raise PointError(
                f"--at: {name!r} is not a variable of the formula; its variables are "
                f"{', '.join(names) or 'none'}"
            )
        if name in found:
            raise PointError(f"--at: {name} is given twice")
        try:
            number = parse(value)
        except ParseError as error:
            raise ParseError(f"--at: {error.message}", offset + error.position, text) from None
        if number.free_symbols:
            raise PointError(
                f"--at: {name}={value} must be a number, not a formula in "
                f"{', '.join(sorted(s.name for s in number.free_symbols))}"
            )
        decimal = complex(number.evalf(30))
        if decimal.imag or not math.isfinite(decimal.real):
            raise PointError(f"--at: {name}={value} is not a finite real number")
        size = abs(number.evalf(30))  # a SymPy float: 10⁻⁴⁰⁰ is not 0 here, as in a float
        if size != 0 and not SMALLEST <= size <= LARGEST:
            # Exact arithmetic at π/3·10⁻⁴⁰⁰ runs for minutes; a float could not hold it anyway.
            raise PointError(
                f"--at: {name}={value} is about {sympy.Float(size, 3)}: a point's coordinate "
                f"must lie between {SMALLEST:g} and {LARGEST:g} in size, or be 0"
            )
        found[name] = number
    if not found:
        raise PointError("--at: give a point, like x=pi/3")
    return found


def constant(value: object, name: str) -> sympy.Expr:
    """A point's coordinate from Python: a number, a SymPy constant, or text read by
    chainrule's parser (never by SymPy's, which would run it as code)."""
    if isinstance(value, str):
        return read_point(f"{name}={value}", (name,))[name]
    if isinstance(value, bool) or not isinstance(value, int | float | sympy.Expr):
        raise PointError(f"{name} must be a number, got {value!r}")
    number = value if isinstance(value, sympy.Expr) else sympy.Number(value)
    if number.free_symbols or not _is_real_number(number):
        raise PointError(f"{name} must be a finite real number, got {value!r}")
    return number


def at_point(
    explained: Explanation | str | sympy.Expr,
    at: str | Mapping | float | int | sympy.Expr,
    wrt: str | sympy.Symbol | None = None,
) -> AtPoint:
    """h(a), h′(a) and the tangent and normal lines at x = a, from an explanation (or a formula,
    explained first). ``at`` is ``"x=pi/3"``, a mapping ``{"x": a}``, or the number a itself."""
    from chainrule.explaining import explain

    ex = explained if isinstance(explained, Explanation) else explain(explained, wrt=wrt)
    x = ex.variable
    a = _the_point(at, x)
    h, dh = ex.expression, ex.derivative
    value = _exact(h.xreplace({x: a}))
    _refuse_outside(h, x, a, value)
    slope = _exact(dh.xreplace({x: a}))
    if not _is_real_number(slope):
        slope = _limit_of(dh, x, a)  # x·|x| at 0: h′ is 0/0 there as written, its limit 0
    _refuse_no_slope(dh, x, a, slope)
    tangent = value + slope * (x - a)
    normal = None if slope == 0 else value - (x - a) / slope
    return AtPoint(
        explanation=ex, point=a, value=value, slope=slope, tangent=tangent, normal=normal
    )


def _the_point(at, x: sympy.Symbol) -> sympy.Expr:
    if isinstance(at, str):
        return read_point(at, (x.name,))[x.name]
    if isinstance(at, Mapping):
        if set(map(str, at)) != {x.name}:
            raise PointError(f"the point must give {x.name} alone, got {', '.join(map(str, at))}")
        at = next(iter(at.values()))
    return constant(at, x.name)


def _exact(value: sympy.Expr) -> sympy.Expr:
    """A constant in its shortest usual form: −√3/(2 + 1/2) is −2√3/5."""
    if value.has(sympy.nan, sympy.zoo):
        return sympy.nan
    simpler = sympy.nsimplify(value) if value.is_Float else sympy.radsimp(sympy.simplify(value))
    return min((value, simpler), key=sympy.count_ops)


def _is_real_number(value: sympy.Expr) -> bool:
    if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        return False
    try:
        number = complex(value.evalf(30))
    except (TypeError, ValueError):
        return False
    return math.isfinite(number.real) and abs(number.imag) <= 1e-12 * max(1.0, abs(number.real))


def _refuse_outside(h: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, value: sympy.Expr) -> None:
    if _is_real_number(value):
        return
    raise PointError(f"{x} = {a} is outside the domain: {_why_undefined(h, x, a)}")


def _why_undefined(h: sympy.Expr, x: sympy.Symbol, a: sympy.Expr) -> str:
    """The innermost part of ``h`` that has no real value at x = a, and what it needs."""
    for node in sympy.postorder_traversal(h):
        if not isinstance(node, sympy.Expr) or not node.has(x):
            continue
        if isinstance(node, sympy.log):
            inner = node.args[0].xreplace({x: a})
            if _is_real_number(inner) and float(inner.evalf()) <= 0:
                return f"ln needs {node.args[0]} > 0, and at {x} = {a} it is {_short(inner)}"
        if node.is_Pow:
            base = node.base.xreplace({x: a})
            if _is_real_number(base):
                if node.exp.is_negative and base == 0:
                    return f"{node.base} is 0 there, and it divides"
                if not node.exp.is_integer and float(base.evalf()) < 0:
                    return f"the root needs {node.base} ≥ 0, and at {x} = {a} it is {_short(base)}"
        if not _is_real_number(node.xreplace({x: a})):
            return f"{node} has no real value there"
    return "the function has no real value there"


def _short(value: sympy.Expr) -> str:
    value = _exact(value)
    return str(value) if value.is_Rational else f"{value} ≈ {float(value.evalf()):.4g}"


def _limit_of(dh: sympy.Expr, x: sympy.Symbol, a: sympy.Expr) -> sympy.Expr:
    """h′(a) where the formula for h′ has no value at a but h′ has the same limit from both
    sides: h is defined at a, so by the mean value theorem that limit is its slope there.
    Otherwise nan, or a PointError that says what the two sides do."""
    try:
        left, right = (sympy.limit(dh, x, a, side) for side in ("-", "+"))
    except (NotImplementedError, ValueError, TypeError):
        return sympy.nan
    if left == right and _is_real_number(left):
        return _exact(left)
    if _is_real_number(left) and _is_real_number(right):
        raise PointError(
            f"the derivative does not exist at {x} = {a}: the slope is {left} just left of it "
            f"and {right} just right of it (a corner, as |x| has at 0)"
        )
    if right in (sympy.oo, -sympy.oo) or left in (sympy.oo, -sympy.oo):
        raise PointError(
            f"the derivative does not exist at {x} = {a}: the slope grows without bound there "
            "(the tangent is vertical)"
        )
    return sympy.nan


def _refuse_no_slope(dh: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, slope: sympy.Expr) -> None:
    if not _is_real_number(slope):
        raise PointError(
            f"the derivative does not exist at {x} = {a}: {dh} has no finite value there"
        )
    # A kink (|x| at 0): a finite value at a may still be no slope, when the two sides'
    # slopes disagree. SymPy writes d|x|/dx as sign(x), which is 0 at 0.
    step = SIDE * max(1.0, abs(float(a.evalf())))
    f = sympy.lambdify(x, dh, modules=MPMATH_MODULES)
    try:
        left, right = (complex(f(sympy.Float(a.evalf(30) + s, 30))) for s in (-step, step))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return
    size = max(1.0, abs(left), abs(right))
    if abs(left - right) > KINK * size:
        raise PointError(
            f"the derivative does not exist at {x} = {a}: the slope just left of it is "
            f"{left.real:.4g} and just right of it {right.real:.4g} (a corner, as |x| has at 0)"
        )
