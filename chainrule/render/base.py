"""What every renderer shares: dispatch on the step's class, and the story told about a tree.

``Visitor.visit`` finds ``_print_<ClassName>`` along the step's MRO, as SymPy's printers do, so a
new Step subclass falls back to its parent's method (and finally ``_print_Step``). ``Renderer``
turns an ``Explanation`` or a ``Step`` into a ``Story``: the numbered lines, the chain
decompositions and the answer, with math already formatted by a ``Math`` style. Formats differ
only in their ``Math`` style and in how they lay a ``Story`` out. Nothing here differentiates or
simplifies; the math shown is exactly what the step tree holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sympy
from sympy.core.function import AppliedUndef

from chainrule import recursion
from chainrule import steps as s
from chainrule.render import wording
from chainrule.render.decomposition import Chain, Link, decompose
from chainrule.render.mathstyle import Math
from chainrule.rules.combining import at

__all__ = ["Chain", "Line", "Link", "Math", "Renderer", "Story", "Visitor", "stack_room"]


@contextmanager
def stack_room(obj: s.Explanation | s.Step) -> Iterator[None]:
    """Room on the stack to print a deep tree: SymPy's printers recurse once per level.

    The explainer accepts expressions nested a few hundred deep and raises the limit while it
    works; printing them needs the same room afterwards.
    """
    root = obj.root if isinstance(obj, s.Explanation) else obj
    depth, frontier = 0, [root] if isinstance(root, s.Step) else []
    while frontier:  # breadth first, without recursion: this is what measures the depth
        depth += 1
        frontier = [sub for step in frontier for sub in step.substeps]
    with recursion.stack_room(depth):
        yield


class Visitor:
    """Calls ``_print_<ClassName>`` for the most specific class of the step that has one."""

    def visit(self, step: s.Step) -> Any:
        for cls in type(step).__mro__:
            method = getattr(self, f"_print_{cls.__name__}", None)
            if method is not None:
                return method(step)
        raise TypeError(f"cannot render {type(step).__name__}")  # not a Step at all


# -- the story ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One numbered step: its rule, what a teacher says, and the math: lhs = rhs₁ = rhs₂ …"""

    number: int
    rule: str
    title: str
    sentence: str
    math: tuple[str, ...]
    uses: tuple[int, ...] = ()


@dataclass(frozen=True)
class Story:
    """Everything a format lays out, in order. Explanation-only parts are None for a bare Step."""

    heading: str | None
    held: str | None
    chains: tuple[Chain, ...]
    lines: tuple[Line, ...]
    answer: str | None = None  # d/dx h as the lhs of the final lines
    derived: str | None = None
    simplified: str | None = None  # None when it reads the same as `derived`
    kept_as_derived: bool = False
    verification: str | None = None
    ok: bool = True


class Renderer(Visitor):
    """Builds the ``Story`` for an Explanation or a Step, math written in ``math`` style."""

    math: Math = Math()

    def __init__(self) -> None:
        self._partial = False
        self._numbers: dict[int, int] = {}
        self._lines: list[Line] = []

    # The one entry point formats call.
    def story(self, obj: s.Explanation | s.Step) -> Story:
        with stack_room(obj):
            return self._story(obj)

    def _story(self, obj: s.Explanation | s.Step) -> Story:
        if isinstance(obj, s.Explanation):
            return self._explanation(obj)
        if isinstance(obj, s.Step):
            self._partial = False
            return Story(None, None, decompose(obj, self.math, False), self._number(obj))
        raise TypeError(f"cannot render {type(obj).__name__}: expected an Explanation or a Step")

    def _explanation(self, ex: s.Explanation) -> Story:
        m = self.math
        self._partial = bool(ex.constants)
        heading = wording.heading(
            m.inline(m.expr(ex.expression)), m.inline(m.expr(ex.variable)), self._partial
        )
        held = None
        if ex.constants:
            names = ", ".join(m.expr(c) for c in ex.constants)
            held = wording.held_constant(m.inline(names), len(ex.constants))
        lines = self._number(ex.root)
        answer = m.derivative_of(ex.expression, ex.variable, self._partial)
        derived, final = m.expr(ex.derived), m.expr(ex.derivative)
        v = ex.verification
        if v.ok:
            check = wording.verified(v.method, v.steps_checked)
        else:
            failures = ", ".join(m.inline(m.expr(f)) for f in v.failures) or "some step"
            check = wording.not_verified(failures)
        return Story(
            heading=heading,
            held=held,
            chains=decompose(ex.root, self.math, self._partial),
            lines=lines,
            answer=answer,
            derived=derived,
            simplified=None if final == derived else final,
            kept_as_derived=not ex.simplified,
            verification=check,
            ok=v.ok,
        )

    # -- numbered lines: substeps first, so each line follows from lines above it ----------------

    def _number(self, root: s.Step) -> tuple[Line, ...]:
        self._numbers, self._lines = {}, []
        self._add(root)
        return tuple(self._lines)

    def _add(self, step: s.Step) -> None:
        for sub in step.substeps:
            self._add(sub)
        title, sentence, math = self.visit(step)
        number = len(self._lines) + 1
        uses = tuple(self._numbers[id(sub)] for sub in step.substeps)
        self._numbers[id(step)] = number
        self._lines.append(Line(number, step.rule, title, sentence, math, uses))

    def _lhs(self, step: s.Step) -> str:
        return self.math.derivative_of(step.expression, step.variable, self._partial)

    def _equation(self, step: s.Step, *middle: str) -> tuple[str, ...]:
        """lhs = middle … = derivative, dropping middles that read the same as the result."""
        result = self.math.expr(step.derivative)
        shown: list[str] = []
        for text in middle:
            if text != result and text not in shown:
                shown.append(text)
        return (self._lhs(step), *shown, result)

    def _print_Step(self, step: s.Step) -> tuple[str, str, tuple[str, ...]]:
        # Fallback for a kind of step this renderer does not know yet: still show its math.
        return wording.title(step.rule), "", self._equation(step)

    def _held(self, expr: sympy.Expr, variable: sympy.Symbol) -> str | None:
        """The other symbols in expr, which a partial derivative holds constant."""
        held = sorted(expr.free_symbols - {variable}, key=str)
        return self.math.inline(", ".join(self.math.expr(h) for h in held)) if held else None

    def _print_ConstantStep(self, step):
        m = self.math
        names = self._held(step.expression, step.variable)
        return (
            wording.title(step.rule),
            wording.constant(names, m.inline(m.expr(step.variable))),
            self._equation(step),
        )

    def _print_VariableStep(self, step):
        return wording.title(step.rule), wording.variable(), self._equation(step)

    def _print_ConstantMultipleStep(self, step):
        m = self.math
        inner = m.derivative_of(step.factor, step.variable, self._partial)
        (sub,) = step.substeps or (None,)
        middle = [m.product([m.factor(step.constant), inner])]
        if sub is not None:
            middle.append(
                m.product([m.factor(step.constant), m.factor(sub.derivative, strict=True)])
            )
        names = self._held(step.constant, step.variable)
        sentence = wording.constant_multiple(m.inline(m.expr(step.constant)), names)
        return wording.title(step.rule), sentence, self._equation(step, *middle)

    def _print_SumStep(self, step):
        m = self.math
        terms = [m.expr(sub.derivative) for sub in step.substeps]
        return wording.title(step.rule), wording.sum_rule(), self._equation(step, m.sum(terms))

    def _print_ProductStep(self, step):
        m = self.math
        factors, derivatives = step.factors, [sub.derivative for sub in step.substeps]
        terms = [
            m.product(
                [
                    m.factor(derivatives[i] if j == i else f, strict=True)
                    for j, f in enumerate(factors)
                ]
            )
            for i in range(len(derivatives))
        ]
        rule = m.inline(f"(uv){m.prime} = u{m.prime}v + uv{m.prime}")
        return wording.title(step.rule), wording.product(rule), self._equation(step, m.sum(terms))

    def _print_QuotientStep(self, step):
        m, p = self.math, self.math.prime
        num, den = step.numerator, step.denominator
        dnum, dden = (sub.derivative for sub in step.substeps)
        top = m.sum(
            [
                m.product([m.factor(dnum), m.factor(den)]),
                m.minus + m.product([m.factor(num), m.factor(dden)]),
            ]
        )
        simple = den.is_Atom or isinstance(den, sympy.Function)
        middle = m.quotient(top, m.square(m.expr(den) if simple else m.group(m.expr(den))))
        rule = m.inline(f"(u/v){p} = {m.quotient(f'u{p}v {m.minus} uv{p}', m.square('v'))}")
        return wording.title(step.rule), wording.quotient(rule), self._equation(step, middle)

    def _print_TableStep(self, step):
        return wording.title(step.rule), wording.table(), self._equation(step)

    def _print_PowerStep(self, step):
        m = self.math
        return (
            wording.title(step.rule),
            wording.power(m.inline(m.expr(step.exponent))),
            self._equation(step),
        )

    def _print_ExponentialStep(self, step):
        m = self.math
        # ln a written for the learner; log(a) is only printed, never evaluated further.
        base = None if step.base == sympy.E else m.inline(m.expr(sympy.log(step.base)))
        return wording.title(step.rule), wording.exponential(base), self._equation(step)

    def _print_UnknownFunctionStep(self, step):
        m = self.math
        funcs = step.expression.atoms(AppliedUndef)
        name = next(iter(funcs)).func.__name__ if funcs else "f"
        sentence = wording.unknown_function(m.inline(name), m.inline(name + m.prime))
        return wording.title(step.rule), sentence, self._equation(step)

    def _print_ChainStep(self, step):
        m = self.math
        # f′(g(x)): the outer derivative written at the inner function. An unevaluated
        # substitution only rewrites the placeholder; the math is what the step holds. The
        # rules' own ``at`` keeps f′ of an undefined f as "f′ at g" (d f(2x)/d(2x) is no
        # derivative SymPy can build).
        with sympy.evaluate(False):
            at_inner = at(step.outer_derivative, step.u, step.inner)
        middle = m.product(
            [m.factor(at_inner, strict=True), m.factor(step.inner_derivative, strict=True)]
        )
        outer = m.inline(m.expr(step.outer))
        inner = m.inline(f"{m.expr(step.u)} = {m.expr(step.inner)}")
        return wording.title(step.rule), wording.chain(outer, inner), self._equation(step, middle)

    def _print_GeneralPowerStep(self, step):
        m = self.math
        (sub,) = step.substeps or (None,)
        middle = []
        if sub is not None:
            middle.append(m.product([m.factor(step.expression), m.factor(sub.derivative)]))
        p = m.prime
        log_eq = m.inline(f"{m.ln}y = {m.expr(step.log_form)}")
        rule = m.inline(f"y{p} = y{m.times}({m.ln}y){p}")
        sentence = wording.general_power(log_eq, rule)
        return wording.title(step.rule), sentence, self._equation(step, *middle)

    def _print_NoRuleStep(self, step):
        unevaluated = isinstance(step.derivative, sympy.Derivative)
        return wording.title(step.rule), wording.no_rule(unevaluated), self._equation(step)
