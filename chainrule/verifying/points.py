"""Numbers for the verifier: expressions evaluated at shared random real points.

Every subexpression's value is remembered per point, so checking all the steps of a deep tree
evaluates each distinct subexpression once per point. Undefined functions f, g, … and their
derivatives are evaluated as fixed concrete functions (``chainrule.verifying.standins``).

Values are machine complex numbers, which overflow past 1e308: (x + 9)¹²⁰ is beyond that
range's safe part at every point. ``PrecisePoints`` evaluates the same points with mpmath,
whose exponents are unbounded, for the comparisons that machine numbers cannot settle; it gives
up (nan) past 10^4900 rather than allocate the digits of e^(e^(e^…)).
"""

from __future__ import annotations

import cmath
import math
import random
from collections.abc import Callable

import mpmath
import sympy
from sympy.core.function import AppliedUndef

from chainrule.functions import heaviside, relu, sigmoid
from chainrule.verifying.standins import StandIns

#: Candidate points tried per comparison. The last EXTRA candidates are all beyond 1 and
#: positive: they are reached only when the first ones found too few real values (asec(√y) is
#: real only for y > 1).
CANDIDATES = 24
EXTRA = 8
#: When the candidates find too few real points: WIDE further points, GRID of them one in each
#: strip of [−3, 3] (the domain of a composition of inverse functions may be that short), then
#: PROBES points near each real point found — a function real on a short interval only
#: (arccsc(arccsc x), for 1 ≤ |x| ≤ 1.19) is real near where it is real.
WIDE = 160
GRID = 120
PROBES = 8
FIRST_NEAR = CANDIDATES + WIDE
#: Binary exponent past which ``PrecisePoints`` gives up on a value (about 10^4900).
MAX_BITS = 1 << 14


def _wide(rng: random.Random) -> list[float]:
    """The WIDE points of one variable: one in each of GRID equal strips of [−3, 3], in a
    random order (so that two variables' points are paired at random), so that no interval of
    the real domain wider than two strips is missed; then magnitudes up to 300 and down to
    0.001, both signs."""
    strips = list(range(GRID))
    rng.shuffle(strips)
    width = 6 / GRID
    values = [-3 + (k + rng.random()) * width for k in strips]
    values += [
        rng.choice((-1, 1)) * 10 ** rng.uniform(*((0.5, 2.5) if k % 2 else (-3, -1)))
        for k in range(WIDE - GRID)
    ]
    return values


def near(i: int) -> range:
    """The points near point i (a candidate or a wide point)."""
    return range(FIRST_NEAR + i * PROBES, FIRST_NEAR + (i + 1) * PROBES)


def finite(v: complex) -> bool:
    """Neither infinite nor nan (a machine number or mpmath's)."""
    if type(v) is complex:  # most values: mpmath's test costs ten times more
        return cmath.isfinite(v)
    return bool(mpmath.isfinite(v))


def _undefined(expr: sympy.Basic) -> bool:
    return isinstance(expr, AppliedUndef | sympy.Derivative | sympy.Subs)


class Points:
    """Values of expressions at the candidate points, remembered per point.

    Points 0 … CANDIDATES − 1 are the candidates; then come the WIDE points, then the PROBES
    points ``near`` each of those, all made only when asked for.
    """

    def __init__(self) -> None:
        self._memo: dict[int, dict[sympy.Basic, complex]] = {}
        self._real: dict[int, dict[sympy.Basic, bool | None]] = {}
        self._values: dict[str, list[float]] = {}
        self._stand_ins = StandIns(precise=self._precise)

    def _point(self, name: str, i: int) -> float:
        if i >= FIRST_NEAR:
            parent, k = divmod(i - FIRST_NEAR, PROBES)
            rng = random.Random(f"chainrule:{name}:{parent}:{k}")
            # Within 0.1 % to 5 %: near enough to stay on a short real interval, far enough
            # for the two derivatives to be compared at a different value.
            return self._point(name, parent) * (1 + rng.choice((-1, 1)) * rng.uniform(1e-3, 0.05))
        values = self._values.get(name)
        if values is None:
            rng = random.Random(f"chainrule:{name}")
            # Mostly moderate magnitudes, both signs; some beyond 1 and some far out, so that
            # functions real only there (acosh(x − 5), asec) still get real points.
            ranges = ((0.1, 1.0), (0.1, 1.0), (1.05, 3.0), (3.0, 60.0))
            values = [
                rng.choice((-1, 1)) * rng.uniform(*ranges[k % len(ranges)])
                for k in range(CANDIDATES - EXTRA)
            ]
            values += [rng.uniform(*ranges[2 + k % 2]) for k in range(EXTRA)]
            values += _wide(rng)
            self._values[name] = values
        return values[i]

    def value(self, expr: sympy.Basic, i: int) -> complex:
        """``expr`` at point i, as a complex number (nan where undefined)."""
        memo = self._memo.setdefault(i, {})
        v = memo.get(expr)
        if v is None:
            try:
                v = self._compute(expr, i)
            except (ArithmeticError, ValueError, TypeError, AttributeError):
                v = complex(math.nan, math.nan)
            memo[expr] = v
        return v

    def real(self, expr: sympy.Basic, i: int) -> bool | None:
        """Whether ``expr`` is real at point i throughout: it and every part of it real (√x
        is not, at x < 0, even inside |√x|). None when some part has no finite value there."""
        memo = self._real.setdefault(i, {})
        known = memo.get(expr, ...)
        if known is not ...:
            return known
        v = self.value(expr, i)
        if not finite(v):
            verdict = None
        elif abs(v.imag) > 1e-12 * max(1.0, abs(v)):
            verdict = False
        else:
            verdict = True
            # f′ at a point is a number: its parts (d f(t)/dt, t) are not values at the point.
            parts = () if isinstance(expr, sympy.Derivative | sympy.Subs) else expr.args
            for arg in parts:
                part = self.real(arg, i)
                if part is not True:
                    verdict = part
                    if part is False:
                        break
        memo[expr] = verdict
        return verdict

    def _compute(self, expr: sympy.Basic, i: int) -> complex:
        if expr.is_Symbol:
            return self._number(self._point(expr.name, i))
        if not expr.args:  # a number, π, e, i
            return self._constant(expr)
        if isinstance(expr, AppliedUndef | sympy.Derivative | sympy.Subs):
            return self._bound(expr, i, {})
        return self._combine(expr, [self.value(arg, i) for arg in expr.args])

    # -- undefined functions, their derivatives, and f′ at a point ----------------------------

    def _bound(self, expr: sympy.Basic, i: int, env: dict[sympy.Basic, complex]) -> complex:
        """``expr`` at point i with the variables of enclosing ``Subs`` bound to ``env``:
        f(a) is f's stand-in at a, d f(t)/dt its derivative, "f′(t) at t = a" just that."""
        if expr in env:
            return env[expr]
        if not (env and expr.free_symbols & env.keys()) and not _undefined(expr):
            return self.value(expr, i)

        def at(e: sympy.Basic) -> complex:
            return self._bound(e, i, env)

        if isinstance(expr, sympy.Subs):
            inner = dict(env)
            inner.update({v: at(p) for v, p in zip(expr.variables, expr.point, strict=True)})
            return self._bound(expr.expr, i, inner)
        if isinstance(expr, AppliedUndef):
            return self._stand_ins.value(expr.func.__name__, [at(a) for a in expr.args])
        if isinstance(expr, sympy.Derivative):
            return self._derivative(expr, at)
        return self._combine(expr, [at(a) for a in expr.args])

    def _derivative(self, d: sympy.Derivative, at: Callable[[sympy.Basic], complex]) -> complex:
        """∂ⁿf/∂vⁿ for an undefined f with v one of its arguments (f′(g) as SymPy writes it
        when g is a symbol or another undefined function); nan for anything else."""
        f = d.expr
        if not isinstance(f, AppliedUndef) or len(d.variable_count) != 1:
            return complex(math.nan, math.nan)
        ((v, n),) = d.variable_count
        slots = [j for j, a in enumerate(f.args) if a == v]
        if len(slots) != 1 or any(a.has(v) for j, a in enumerate(f.args) if j != slots[0]):
            return complex(math.nan, math.nan)
        return self._stand_ins.derivative(
            f.func.__name__, [at(a) for a in f.args], slots[0], int(n)
        )

    # Machine numbers; ``PrecisePoints`` overrides these four.
    _precise = False
    _number = complex
    _constant = complex

    def _combine(self, expr: sympy.Basic, args: list[complex]) -> complex:
        return _combine(expr, args, _NUMERIC, complex)

    def value_given(self, expr: sympy.Basic, i: int, given: dict[sympy.Basic, complex]) -> complex:
        """``expr`` at point i, with the values of some subexpressions (F, F′) given."""
        if expr in given:
            return given[expr]
        if not expr.args:
            return self.value(expr, i)
        try:
            return self._combine(expr, [self.value_given(arg, i, given) for arg in expr.args])
        except (ArithmeticError, ValueError, TypeError, AttributeError):
            return complex(math.nan, math.nan)


class PrecisePoints(Points):
    """The same points, evaluated with mpmath at double precision but unbounded exponents."""

    _precise = True

    @staticmethod
    def _number(value: float) -> mpmath.mpc:
        return mpmath.mpc(value)

    @staticmethod
    def _constant(expr: sympy.Basic) -> mpmath.mpc:
        return mpmath.mpc(expr.evalf(17)._to_mpmath(53, allow_ints=False))

    def _combine(self, expr: sympy.Basic, args: list[mpmath.mpc]) -> mpmath.mpc:
        # Past MAX_BITS a value only grows: e^(e^(e^x)) would take more digits than memory.
        if not all(finite(a) and mpmath.mag(a) <= MAX_BITS for a in args):
            return mpmath.mpc(mpmath.nan, mpmath.nan)
        value = _combine(expr, args, _PRECISE, mpmath.mpc)
        return value if mpmath.mag(value) <= MAX_BITS else mpmath.mpc(mpmath.nan, mpmath.nan)


def _combine(
    expr: sympy.Basic,
    args: list[complex],
    functions: dict[type, Callable[..., complex]],
    number: Callable[[complex], complex],
) -> complex:
    """The value of ``expr`` from the values of its arguments (``number`` makes one)."""
    if expr.is_Add:
        return sum(args, number(0))
    if expr.is_Mul:
        product = number(1)
        for a in args:
            product *= a
        return product
    if expr.is_Pow:
        base, exponent = args
        if exponent.imag == 0 and exponent.real == int(exponent.real):
            return base ** int(exponent.real)
        return base**exponent
    f = functions.get(type(expr))
    if f is not None:
        return number(f(*args))
    # Anything else, through SymPy's own numerics.
    floats = [sympy.Float(a.real) + sympy.I * sympy.Float(a.imag) for a in args]
    value = expr.func(*floats).evalf()
    return number(value._to_mpmath(53, allow_ints=False)) if number is mpmath.mpc else number(value)


def derivatives_as_subs(expr: sympy.Expr) -> sympy.Expr:
    """Every derivative with respect to an expression (d f(g)/dg) written as a ``Subs``."""
    return expr.replace(
        lambda e: isinstance(e, sympy.Derivative) and not all(v.is_Symbol for v in e.variables),
        _as_subs,
    )


def _as_subs(derivative: sympy.Derivative) -> sympy.Expr:
    """d f(g)/dg as "f′(t) at t = g", which stays meaningful once f and g are concrete."""
    (v, n), *rest = derivative.variable_count
    t = sympy.Dummy("t")
    inner = sympy.Derivative(derivative.expr.xreplace({v: t}), (t, n), *rest)
    return sympy.Subs(inner, t, v)


def _sigmoid(u: complex) -> complex:
    return 1 / (1 + cmath.exp(-u))


_NUMERIC: dict[type, Callable[..., complex]] = {
    sympy.exp: cmath.exp,
    sympy.log: cmath.log,
    sympy.sin: cmath.sin,
    sympy.cos: cmath.cos,
    sympy.tan: cmath.tan,
    sympy.cot: lambda u: 1 / cmath.tan(u),
    sympy.sec: lambda u: 1 / cmath.cos(u),
    sympy.csc: lambda u: 1 / cmath.sin(u),
    sympy.asin: cmath.asin,
    sympy.acos: cmath.acos,
    sympy.atan: cmath.atan,
    sympy.sinh: cmath.sinh,
    sympy.cosh: cmath.cosh,
    sympy.tanh: cmath.tanh,
    sympy.coth: lambda u: 1 / cmath.tanh(u),
    sympy.sech: lambda u: 1 / cmath.cosh(u),
    sympy.csch: lambda u: 1 / cmath.sinh(u),
    sympy.asinh: cmath.asinh,
    sympy.acosh: cmath.acosh,
    sympy.atanh: cmath.atanh,
    sympy.Abs: abs,
    sympy.sign: lambda u: 0j if u == 0 else u / abs(u),
    sigmoid: _sigmoid,
    relu: lambda u: u if u.real > 0 else 0j,
    heaviside: lambda u: 1 + 0j if u.real > 0 else 0j,
}

#: The same functions in mpmath, for ``PrecisePoints``.
_PRECISE: dict[type, Callable[..., mpmath.mpc]] = {
    sympy.exp: mpmath.exp,
    sympy.log: mpmath.log,
    sympy.sin: mpmath.sin,
    sympy.cos: mpmath.cos,
    sympy.tan: mpmath.tan,
    sympy.cot: mpmath.cot,
    sympy.sec: mpmath.sec,
    sympy.csc: mpmath.csc,
    sympy.asin: mpmath.asin,
    sympy.acos: mpmath.acos,
    sympy.atan: mpmath.atan,
    sympy.sinh: mpmath.sinh,
    sympy.cosh: mpmath.cosh,
    sympy.tanh: mpmath.tanh,
    sympy.coth: mpmath.coth,
    sympy.sech: mpmath.sech,
    sympy.csch: mpmath.csch,
    sympy.asinh: mpmath.asinh,
    sympy.acosh: mpmath.acosh,
    sympy.atanh: mpmath.atanh,
    sympy.Abs: abs,
    sympy.sign: lambda u: mpmath.mpc(0) if u == 0 else u / abs(u),
    sigmoid: lambda u: 1 / (1 + mpmath.exp(-u)),
    relu: lambda u: u if u.real > 0 else mpmath.mpc(0),
    heaviside: lambda u: mpmath.mpc(1) if u.real > 0 else mpmath.mpc(0),
}
