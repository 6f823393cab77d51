"""Every step's derivative checked against ``sympy.diff``, at a cost that grows linearly.

A step is checked *locally*: its parts (terms, factors, the inner function of a chain) are
replaced by opaque functions F₀(x), F₁(x), …, SymPy differentiates that small template, and the
parts and their derivatives — already checked themselves — are put back. By induction the whole
tree agrees with ``sympy.diff``, without SymPy differentiating a deep subtree over and over.
Steps with no parts (table entries, constants) are differentiated by SymPy directly.

Two answers agree *symbolically* when their difference is 0 after SymPy's automatic arithmetic,
else *numerically* at random real points where the expression is real and both are finite.
"""

from __future__ import annotations

import cmath
import math
import random
from collections.abc import Callable
from functools import cache, lru_cache

import sympy
from sympy.core.function import AppliedUndef

from chainrule.functions import sigmoid
from chainrule.simplifying import size
from chainrule.steps import (
    ChainStep,
    ConstantMultipleStep,
    ProductStep,
    QuotientStep,
    Step,
    SumStep,
    Verification,
)

#: Candidate points tried per comparison, and agreeing real points that settle it.
CANDIDATES = 12
ENOUGH = 3
#: Relative tolerance of a numeric agreement; values beyond LARGE are too near overflow to judge.
TOLERANCE = 1e-7
LARGE = 1e100
#: Derivatives up to this many nodes are compared symbolically with SymPy's, in full.
SYMBOLIC_NODES = 400
#: Expressions up to this many nodes are checked in one variable t, their sympy.diff remembered.
SMALL = 40
#: The one variable templates and small steps are checked in (d/du sin u is d/dt sin t).
_T = sympy.Symbol("_t")


def verify(root: Step, final: sympy.Expr | None = None) -> Verification:
    """Check every step of ``root`` against ``sympy.diff``, and ``final`` against the root's."""
    checker = Checker()
    failures: list[sympy.Expr] = []
    seen: set[tuple[type, sympy.Expr, sympy.Symbol]] = set()
    checked = 0
    for step in root.walk():
        key = (type(step), step.expression, step.variable)
        if key in seen:
            continue
        seen.add(key)
        checked += 1
        if not checker.step_agrees(step):
            failures.append(step.expression)
    if final is not None and not checker.agree(final, root.derivative, root.expression):
        failures.append(root.expression)
    return Verification(
        ok=not failures,
        method="numeric" if checker.used_numbers else "symbolic",
        steps_checked=checked,
        failures=tuple(failures),
    )


# -- what sympy.diff says a step's derivative is -----------------------------------------------


def _numerically(at: Callable[[int], tuple[complex, complex, complex]]) -> bool:
    """Agreement at candidate points; ``at(i)`` is (expression, ours, reference) at point i.

    A disagreement where the expression is real fails at once. Off the real domain, branch
    conventions of √ and the inverse functions may differ, so complex points only count when
    there are too few real ones.
    """
    real, complex_agreements, complex_disagreements = 0, 0, 0
    for i in range(CANDIDATES):
        e, a, b = at(i)
        if not all(cmath.isfinite(v) for v in (e, a, b)) or max(abs(a), abs(b)) > LARGE:
            continue
        close = abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))
        if abs(e.imag) <= 1e-12 * max(1.0, abs(e)):
            if not close:
                return False
            real += 1
            if real >= ENOUGH:
                return True
        elif close:
            complex_agreements += 1
        else:
            complex_disagreements += 1
    if real >= 2:
        return True
    return complex_disagreements == 0 and real + complex_agreements >= 2


@cache
def _opaque(i: int, real: bool = False) -> type:
    # Real-valued for |F|, so that SymPy writes d|F|/dx as sign(F)·F′, not with re() and im().
    return sympy.Function(f"_F{i}", real=True) if real else sympy.Function(f"_F{i}")


Template = tuple[sympy.Expr, list[Step], list[sympy.Expr]]


def _template(step: Step) -> Template | None:
    """The step's expression with its parts made opaque F₀(t), F₁(t), …: (template, the
    parts' steps, the opaque F(t) standing for each part).

    In t rather than the step's own variable, so that one sympy.diff serves every template
    of the same shape (``_diff_t`` remembers them).
    """
    x = _T
    if isinstance(step, ChainStep):
        f = _opaque(0, real=step.outer.has(sympy.Abs))(x)
        return step.outer.xreplace({step.u: f}), [step.inner_step], [f]
    parts = list(step.substeps)
    fs = [_opaque(i)(x) for i in range(len(parts))]
    if isinstance(step, SumStep):
        return sympy.Add(*fs), parts, fs
    if isinstance(step, ProductStep):
        return sympy.Mul(*fs), parts, fs
    if isinstance(step, QuotientStep):
        return fs[0] / fs[1], parts, fs
    if isinstance(step, ConstantMultipleStep):
        return step.constant * fs[0], parts, fs
    return None


def _put_back(
    derivative: sympy.Expr, parts: list[Step], fs: list[sympy.Expr], x: sympy.Symbol
) -> sympy.Expr:
    """A template's derivative with the parts, and their derivatives, put back for F and F′."""
    back: dict[sympy.Basic, sympy.Expr] = {}
    for f, part in zip(fs, parts, strict=True):
        # Top-down, so F′ is replaced as a whole before the F inside it.
        back[sympy.Derivative(f, x)] = part.derivative
        back[f] = part.expression
    try:
        return derivative.xreplace(back)
    except ValueError:
        # f′(F(x)) is written d f(F)/dF, which cannot stand with F replaced by, say, x² + 1.
        return _derivatives_as_subs(derivative).xreplace(back)


@lru_cache(maxsize=4096)
def _diff_t(expr: sympy.Expr) -> sympy.Expr:
    """sympy.diff with respect to t, remembered across explanations (templates recur)."""
    return _real_diff(expr, _T)


def _real_diff(expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """sympy.diff, with symbols taken as real where |u| is involved (d|u|/du = sign u)."""
    if not expr.has(sympy.Abs):
        return sympy.diff(expr, x)
    real = {s: sympy.Symbol(s.name, real=True) for s in expr.free_symbols}
    back = {r: s for s, r in real.items()}
    return sympy.diff(expr.xreplace(real), real.get(x, x)).xreplace(back)


# -- comparing two answers -----------------------------------------------------------------------


class Checker:
    """Compares derivatives, symbolically when it is cheap, else at shared random points.

    Numeric values of subexpressions are memoised per point, so checking a deep tree evaluates
    each distinct subexpression once per point.
    """

    def __init__(self) -> None:
        self.used_numbers = False
        self._memo: list[dict[sympy.Basic, complex]] = [{} for _ in range(CANDIDATES)]
        self._values: dict[str, list[float]] = {}
        self._concrete: dict[str, sympy.Lambda] = {}

    def step_agrees(self, step: Step) -> bool:
        """Whether the step's derivative is ``sympy.diff`` of its expression (parts as given)."""
        x = step.variable
        shape = _template(step)
        if shape is None:
            if size(step.expression, SMALL) <= SMALL and not step.expression.has(_T):
                # d/du sin u is d/dt sin t: one sympy.diff for each small expression in t.
                rename = {x: _T}
                return self.agree(
                    step.derivative.xreplace(rename),
                    _diff_t(step.expression.xreplace(rename)),
                    step.expression.xreplace(rename),
                )
            return self.agree(step.derivative, _real_diff(step.expression, x), step.expression)
        template, parts, fs = shape
        back = {f: part.expression for f, part in zip(fs, parts, strict=True)}
        rebuilt = template.xreplace(back)
        if rebuilt != step.expression and not self.agree(rebuilt, step.expression, rebuilt):
            return False  # the parts do not make up the expression
        derivative = _diff_t(template)
        if size(step.derivative, SYMBOLIC_NODES) <= SYMBOLIC_NODES or step.expression.has(
            AppliedUndef
        ):
            return self.agree(
                step.derivative, _put_back(derivative, parts, fs, _T), step.expression
            )
        # A long derivative: compare at points without building SymPy's answer in full, the
        # parts' values standing in for F and F′.
        self.used_numbers = True

        def at(i: int) -> tuple[complex, complex, complex]:
            given: dict[sympy.Basic, complex] = {}
            for f, part in zip(fs, parts, strict=True):
                given[f] = self.value(part.expression, i)
                given[sympy.Derivative(f, _T)] = self.value(part.derivative, i)
            return (
                self.value(step.expression, i),
                self.value(step.derivative, i),
                self._value_given(derivative, i, given),
            )

        return _numerically(at)

    def agree(self, ours: sympy.Expr, ref: sympy.Expr, expr: sympy.Expr) -> bool:
        """Whether ``ours`` and ``ref`` are the same derivative of ``expr``."""
        if ours == ref or (ours - ref) == 0:
            return True
        self.used_numbers = True
        if ours.has(AppliedUndef) or ref.has(AppliedUndef) or expr.has(AppliedUndef):
            ours, ref, expr = (self._concretise(e) for e in (ours, ref, expr))
        return _numerically(
            lambda i: (self.value(expr, i), self.value(ours, i), self.value(ref, i))
        )

    # -- numbers ----------------------------------------------------------------------------------

    def _point(self, name: str, i: int) -> float:
        values = self._values.get(name)
        if values is None:
            rng = random.Random(f"chainrule:{name}")
            # Mostly moderate magnitudes, both signs, a few beyond 1 (for acosh, asec, …).
            values = [
                rng.choice((-1, 1)) * rng.uniform(*((0.1, 1.0) if k % 3 else (1.05, 3.0)))
                for k in range(CANDIDATES)
            ]
            self._values[name] = values
        return values[i]

    def value(self, expr: sympy.Basic, i: int) -> complex:
        """``expr`` at candidate point i, as a complex number (nan where undefined)."""
        memo = self._memo[i]
        v = memo.get(expr)
        if v is None:
            try:
                v = self._compute(expr, i)
            except (ArithmeticError, ValueError, TypeError, AttributeError):
                v = complex(math.nan, math.nan)
            memo[expr] = v
        return v

    def _compute(self, expr: sympy.Basic, i: int) -> complex:
        if expr.is_Symbol:
            return complex(self._point(expr.name, i))
        if not expr.args:  # a number, π, e, i
            return complex(expr)
        return _combine(expr, [self.value(arg, i) for arg in expr.args])

    def _value_given(self, expr: sympy.Basic, i: int, given: dict[sympy.Basic, complex]) -> complex:
        """``expr`` at point i, with the values of some subexpressions (F, F′) given."""
        if expr in given:
            return given[expr]
        if not expr.args:
            return self.value(expr, i)
        try:
            return _combine(expr, [self._value_given(arg, i, given) for arg in expr.args])
        except (ArithmeticError, ValueError, TypeError, AttributeError):
            return complex(math.nan, math.nan)

    # -- undefined functions ----------------------------------------------------------------------

    def _concretise(self, expr: sympy.Expr) -> sympy.Expr:
        """Each undefined function replaced by a fixed concrete one, so it can be evaluated."""
        expr = _derivatives_as_subs(expr).replace(
            lambda e: isinstance(e, AppliedUndef),
            lambda e: self._concrete_function(type(e).__name__, len(e.args))(*e.args),
        )
        return expr.doit()

    def _concrete_function(self, name: str, nargs: int) -> sympy.Lambda:
        f = self._concrete.get(name)
        if f is None:
            k = len(self._concrete)
            ts = sympy.symbols(f"t0:{nargs}")
            body = sympy.Add(*(_CONCRETE[(k + j) % len(_CONCRETE)](t) for j, t in enumerate(ts)))
            f = self._concrete[name] = sympy.Lambda(ts, body * (1 + sympy.Rational(k, 7)))
        return f


def _combine(expr: sympy.Basic, args: list[complex]) -> complex:
    """The value of ``expr`` from the values of its arguments."""
    if expr.is_Add:
        return sum(args, 0j)
    if expr.is_Mul:
        product = 1 + 0j
        for a in args:
            product *= a
        return product
    if expr.is_Pow:
        base, exponent = args
        if exponent.imag == 0 and exponent.real == int(exponent.real):
            return base ** int(exponent.real)
        return base**exponent
    f = _NUMERIC.get(type(expr))
    if f is not None:
        return complex(f(*args))
    # Anything else, through SymPy's own numerics.
    floats = [sympy.Float(a.real) + sympy.I * sympy.Float(a.imag) for a in args]
    return complex(expr.func(*floats).evalf())


def _derivatives_as_subs(expr: sympy.Expr) -> sympy.Expr:
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


#: Stand-ins for undefined functions: smooth, real on the reals, and different from each other.
_CONCRETE: list[Callable[[sympy.Expr], sympy.Expr]] = [
    lambda t: sympy.sin(t) + t**2 / 3,
    lambda t: sympy.exp(t / 2) + sympy.cos(3 * t) / 4,
    lambda t: sympy.atan(t) + t**3 / 5,
    lambda t: sympy.cosh(t / 3) + sympy.sin(2 * t) / 2,
]


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
}
