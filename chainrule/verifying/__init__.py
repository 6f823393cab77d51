"""Every step's derivative checked against ``sympy.diff``, at a cost that grows linearly.

A step is checked *locally*: its parts (terms, factors, the inner function of a chain) are
replaced by opaque functions F₀(t), F₁(t), …, SymPy differentiates that small template, and the
parts and their derivatives — already checked themselves — are put back. By induction the whole
tree agrees with ``sympy.diff``, without SymPy differentiating a deep subtree over and over.
Steps with no parts (table entries, constants) are differentiated by SymPy directly. Templates
and small steps are written in one variable t, so each shape (ln F(t), d/dt sin t) costs one
sympy.diff per process, however many steps and explanations share it.

Two answers agree *symbolically* when their difference is 0 after SymPy's automatic arithmetic,
else *numerically* at random real points where the expression is real and both are finite.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import cache, lru_cache

import sympy
from sympy.core.function import AppliedUndef

from chainrule.steps import (
    ChainStep,
    ConstantMultipleStep,
    GeneralPowerStep,
    ProductStep,
    QuotientStep,
    Step,
    SumStep,
    Tidy,
    Unchecked,
    Verification,
)
from chainrule.tidying.measure import size
from chainrule.verifying.agreement import Outcome, agree_at_points
from chainrule.verifying.points import Points, PrecisePoints, derivatives_as_subs

#: Derivatives up to this many nodes are compared symbolically with SymPy's, in full.
SYMBOLIC_NODES = 400
#: Expressions up to this many nodes are checked in one variable t, their sympy.diff remembered.
SMALL = 40
#: The one variable templates and small steps are checked in (d/du sin u is d/dt sin t).
_T = sympy.Symbol("_t")


def verify(
    root: Step,
    final: sympy.Expr | None = None,
    tidying: Sequence[Tidy] = (),
    of: sympy.Expr | None = None,
    also: sympy.Expr | None = None,
) -> Verification:
    """Check every step of ``root`` against ``sympy.diff``, ``final`` against the root's,
    and each move of the tidy-up after it (its two sides must agree). ``of`` is the
    expression as typed when the root derives another form of it (the log rules' sum of
    logs): the root's derivative must then be ``sympy.diff`` of that. ``also`` is the
    answer's other usual form, which must agree with the answer too.

    A step the points cannot decide (too few real points, values too large) is listed as
    unchecked, not failed: only a disagreement where the expression is real is a failure.
    """
    checker = Checker()
    failures: list[sympy.Expr] = []
    unchecked: list[Unchecked] = []
    seen: set[tuple[type, sympy.Expr, sympy.Symbol]] = set()
    checked = 0

    def record(outcome: Outcome, expr: sympy.Expr) -> None:
        if outcome is Outcome.DISAGREE:
            failures.append(expr)
        elif outcome is not Outcome.AGREE and all(u.expression != expr for u in unchecked):
            # The root and the final answer are one expression: listed once.
            unchecked.append(Unchecked(expression=expr, reason=outcome.value))

    for step in root.walk():
        key = (type(step), step.expression, step.variable)
        if key in seen:
            continue
        seen.add(key)
        checked += 1
        record(checker.check_step(step), step.expression)
    if final is not None:
        record(checker.compare(final, root.derivative, root.expression), root.expression)
    if of is not None:
        checked += 1
        x = root.variable
        record(checker.compare(root.derivative, _real_diff(of, x), of), of)
    for move in tidying:
        checked += 1
        record(checker.compare(move.after, move.before, root.expression), root.expression)
    if also is not None:
        answer = tidying[-1].after if tidying else root.derivative
        record(checker.compare(also, answer, root.expression), root.expression)
    return Verification(
        ok=not failures and not unchecked,
        method="numeric" if checker.used_numbers else "symbolic",
        steps_checked=checked,
        failures=tuple(failures),
        unchecked=tuple(unchecked),
    )


# -- what sympy.diff says a step's derivative is -----------------------------------------------


@cache
def _opaque(i: int, real: bool = False) -> type:
    # Real-valued for |F|, so that SymPy writes d|F|/dx as sign(F)·F′, not with re() and im().
    return sympy.Function(f"_F{i}", real=True) if real else sympy.Function(f"_F{i}")


Template = tuple[sympy.Expr, list[Step], list[sympy.Expr]]


def _template(step: Step) -> Template | None:
    """The step's expression with its parts made opaque F₀(t), F₁(t), …: (template, the
    parts' steps, the opaque F(t) standing for each part).

    In t rather than the step's own variable, so that one sympy.diff serves every template
    of the same shape (``_diff_t`` remembers them); the templates themselves are remembered
    too, by shape, so that building one does not depend on what SymPy's cache still holds.
    """
    if isinstance(step, ChainStep):
        real = step.outer.has(sympy.Abs, sympy.sign)
        return _chain_template(step.outer, step.u, real), [step.inner_step], [_f(0, real)]
    if isinstance(step, GeneralPowerStep):
        if size(step.derivative, SYMBOLIC_NODES) <= SYMBOLIC_NODES:
            return None  # sympy.diff of f^g itself, compared in full
        # f^g = e^(g·ln f), and g·ln f is the one substep: a tower x^x^…^x is then not
        # differentiated whole again at every level (which cost its depth cubed).
        return _exp_template(), list(step.substeps), [_f(0)]
    parts = list(step.substeps)
    fs = [_f(i) for i in range(len(parts))]
    if isinstance(step, SumStep):
        return _combined(sympy.Add, len(parts)), parts, fs
    if isinstance(step, ProductStep):
        return _combined(sympy.Mul, len(parts)), parts, fs
    if isinstance(step, QuotientStep):
        return _quotient_template(), parts, fs
    if isinstance(step, ConstantMultipleStep):
        return step.constant * fs[0], parts, fs
    return None


@cache
def _f(i: int, real: bool = False) -> sympy.Expr:
    """The opaque Fᵢ(t)."""
    return _opaque(i, real)(_T)


@lru_cache(maxsize=4096)
def _chain_template(outer: sympy.Expr, u: sympy.Symbol, real: bool) -> sympy.Expr:
    return outer.xreplace({u: _f(0, real)})


@cache
def _exp_template() -> sympy.Expr:
    return sympy.exp(_f(0))


@cache
def _quotient_template() -> sympy.Expr:
    return _f(0) / _f(1)


@lru_cache(maxsize=256)
def _combined(kind: type[sympy.Add] | type[sympy.Mul], n: int) -> sympy.Expr:
    """F₀(t) + … + Fₙ₋₁(t), or their product."""
    return kind(*(_f(i) for i in range(n)))


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
        return derivatives_as_subs(derivative).xreplace(back)


@lru_cache(maxsize=4096)
def _diff_t(expr: sympy.Expr) -> sympy.Expr:
    """sympy.diff with respect to t, remembered across explanations (templates recur)."""
    return _real_diff(expr, _T)


def _real_diff(expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """sympy.diff, with symbols taken as real where |u| or sign u is involved (d|u|/du =
    sign u), away from the jumps: sign's derivative is 0 where the table says it holds
    (u ≠ 0), so SymPy's 2δ(u), zero there too, is read as 0."""
    if not expr.has(sympy.Abs, sympy.sign):
        return sympy.diff(expr, x)
    real = {s: sympy.Symbol(s.name, real=True) for s in expr.free_symbols}
    back = {r: s for s, r in real.items()}
    derivative = sympy.diff(expr.xreplace(real), real.get(x, x)).xreplace(back)
    # sign u of a u SymPy does not know to be real (sign(asin x)) it leaves as d/dx sign u:
    # on the reals that is 0 too, away from u = 0.
    return derivative.replace(sympy.DiracDelta, lambda *_: sympy.S.Zero).replace(
        lambda e: isinstance(e, sympy.Derivative) and isinstance(e.expr, sympy.sign),
        lambda _: sympy.S.Zero,
    )


# -- comparing two answers -----------------------------------------------------------------------


class Checker:
    """Compares derivatives, symbolically when it is cheap, else at shared random points.

    The points (``chainrule.verifying.points``) are shared by all the steps of one tree.
    """

    def __init__(self) -> None:
        self.used_numbers = False
        self.points = Points()
        self._precise: PrecisePoints | None = None

    def _agree_at_points(self, at: Callable[[Points, int], tuple]) -> Outcome:
        """``agree_at_points`` with machine numbers, and where they overflow (the values of
        (x + 9)¹²⁰ at every point), again with mpmath's wider exponents."""
        outcome = agree_at_points(lambda i: at(self.points, i))
        if outcome is Outcome.TOO_LARGE:
            if self._precise is None:
                self._precise = PrecisePoints()
            precise = self._precise
            outcome = agree_at_points(lambda i: at(precise, i), large=math.inf)
        return outcome

    def check_step(self, step: Step) -> Outcome:
        """Whether the step's derivative is ``sympy.diff`` of its expression (parts as given)."""
        x = step.variable
        shape = _template(step)
        if shape is None:
            if size(step.expression, SMALL) <= SMALL and not step.expression.has(_T):
                # d/du sin u is d/dt sin t: one sympy.diff for each small expression in t.
                rename = {x: _T}
                renamed = step.expression.xreplace(rename)
                return self.compare(step.derivative.xreplace(rename), _diff_t(renamed), renamed)
            return self.compare(step.derivative, _real_diff(step.expression, x), step.expression)
        template, parts, fs = shape
        back = {f: part.expression for f, part in zip(fs, parts, strict=True)}
        rebuilt = template.xreplace(back)
        if rebuilt != step.expression:
            made_up = self.compare(rebuilt, step.expression, rebuilt)
            if made_up is not Outcome.AGREE:
                return made_up  # the parts do not make up the expression, or cannot be told to
        derivative = _diff_t(template)
        if size(step.derivative, SYMBOLIC_NODES) <= SYMBOLIC_NODES or step.expression.has(
            AppliedUndef
        ):
            return self.compare(
                step.derivative, _put_back(derivative, parts, fs, _T), step.expression
            )
        # A long derivative: compare at points without building SymPy's answer in full, the
        # parts' values standing in for F and F′.
        self.used_numbers = True

        def at(points: Points, i: int) -> tuple[bool | None, complex, complex]:
            given: dict[sympy.Basic, complex] = {}
            for f, part in zip(fs, parts, strict=True):
                given[f] = points.value(part.expression, i)
                given[sympy.Derivative(f, _T)] = points.value(part.derivative, i)
            return (
                points.real(step.expression, i),
                points.value(step.derivative, i),
                points.value_given(derivative, i, given),
            )

        outcome = self._agree_at_points(at)
        if not outcome.decided and _same(step.derivative, _put_back(derivative, parts, fs, _T)):
            # No point could decide (e^(e^(e^…)) nested 27 deep is too large at all of them):
            # SymPy's answer, built in full after all, is ours term for term.
            return Outcome.AGREE
        return outcome

    def compare(self, ours: sympy.Expr, ref: sympy.Expr, expr: sympy.Expr) -> Outcome:
        """Whether ``ours`` and ``ref`` are the same derivative of ``expr``, or whether the
        points cannot tell."""
        if _same(ours, ref):
            return Outcome.AGREE
        self.used_numbers = True
        return self._agree_at_points(
            lambda points, i: (points.real(expr, i), points.value(ours, i), points.value(ref, i))
        )

    def agree(self, ours: sympy.Expr, ref: sympy.Expr, expr: sympy.Expr) -> bool:
        """Whether ``ours`` and ``ref`` are, as far as the points can tell, the same derivative
        of ``expr`` (False too when they cannot tell)."""
        return self.compare(ours, ref, expr) is Outcome.AGREE


def _same(ours: sympy.Expr, ref: sympy.Expr) -> bool:
    """Equal after SymPy's automatic arithmetic alone."""
    return ours == ref or (ours - ref) == 0
