"""The tree of steps: plain, frozen data that the rules build and the renderers lay out.

A step says "d/d(variable) of expression = derivative", names the rule that justifies it (the
class, and its ``rule`` word from a fixed vocabulary), and holds the substeps it used, in the
order a teacher would write them. Steps hold SymPy expressions, never strings; they never print,
simplify or differentiate anything after they are built. Other code walks them (``walk``),
compares them (``==``: two different rules never compare equal, because the class is part of
equality) and shows them (``chainrule.views`` and ``chainrule.formats``).

Table rules (power, exponential, logarithm, trig, …) apply to a function of the variable itself,
f(u) with u the variable. Anything nested goes through a ``ChainStep``, whose first substep is
the table lookup for the outer function in its placeholder u and whose second derives the inner
function. So the step for the outer function *is* the table entry: "d/du ln u = 1/u".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

import sympy

from chainrule.display import Displayable, formula

#: The rule vocabulary, in the order the README documents it. Every Step subclass has one.
RULES = (
    "constant",
    "variable",
    "constant_multiple",
    "sum",
    "power",
    "product",
    "quotient",
    "exponential",
    "logarithm",
    "trig",
    "inverse_trig",
    "hyperbolic",
    "abs",
    "sign",
    "sigmoid",
    "relu",
    "general_power",
    "chain",
    "unknown_function",
    "no_rule",
)


@dataclass(frozen=True, kw_only=True, repr=False)
class Step(Displayable):
    """d/d(variable) expression = derivative, justified by ``substeps``.

    ``derivative`` is the result as this rule produces it from its substeps (not simplified
    beyond SymPy's automatic arithmetic), so every line a learner sees follows from the last.
    """

    rule: ClassVar[str] = ""

    expression: sympy.Expr
    variable: sympy.Symbol
    derivative: sympy.Expr
    substeps: tuple[Step, ...] = ()

    def walk(self) -> Iterator[Step]:
        """This step, then every step below it, depth first, in the order they are shown."""
        yield self
        for sub in self.substeps:
            yield from sub.walk()

    def _summary(self) -> str:
        return f"{self.rule}: d/d{self.variable} {formula(self.expression)}"


# -- the simplest rules ---------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, repr=False)
class ConstantStep(Step):
    """d/dx c = 0 for anything c that does not depend on x (other symbols included)."""

    rule: ClassVar[str] = "constant"


@dataclass(frozen=True, kw_only=True, repr=False)
class VariableStep(Step):
    """d/dx x = 1."""

    rule: ClassVar[str] = "variable"


@dataclass(frozen=True, kw_only=True, repr=False)
class ConstantMultipleStep(Step):
    """d/dx c·u = c·du/dx. One substep: the derivative of ``factor``."""

    rule: ClassVar[str] = "constant_multiple"
    constant: sympy.Expr
    factor: sympy.Expr


@dataclass(frozen=True, kw_only=True, repr=False)
class SumStep(Step):
    """d/dx (u + v + …) = du/dx + dv/dx + …  One substep per term, in ``terms`` order."""

    rule: ClassVar[str] = "sum"
    terms: tuple[sympy.Expr, ...]


@dataclass(frozen=True, kw_only=True, repr=False)
class ProductStep(Step):
    """d/dx (u·v·w) = u′·v·w + u·v′·w + u·v·w′.  One substep per factor, in ``factors`` order."""

    rule: ClassVar[str] = "product"
    factors: tuple[sympy.Expr, ...]


@dataclass(frozen=True, kw_only=True, repr=False)
class QuotientStep(Step):
    """d/dx (u/v) = (u′·v − u·v′)/v².  Substeps: numerator, then denominator."""

    rule: ClassVar[str] = "quotient"
    numerator: sympy.Expr
    denominator: sympy.Expr


# -- derivative-table lookups: f(u) with u the variable itself -------------------------------


@dataclass(frozen=True, kw_only=True, repr=False)
class TableStep(Step):
    """A derivative taken straight from the table, e.g. d/du ln u = 1/u. No substeps."""


@dataclass(frozen=True, kw_only=True, repr=False)
class PowerStep(TableStep):
    """d/du uⁿ = n·uⁿ⁻¹ for a constant n (roots and negative or fractional powers too)."""

    rule: ClassVar[str] = "power"
    exponent: sympy.Expr


@dataclass(frozen=True, kw_only=True, repr=False)
class ExponentialStep(TableStep):
    """d/du eᵘ = eᵘ, and d/du aᵘ = aᵘ·ln a for a constant base a."""

    rule: ClassVar[str] = "exponential"
    base: sympy.Expr


@dataclass(frozen=True, kw_only=True, repr=False)
class LogarithmStep(TableStep):
    """d/du ln u = 1/u, and d/du log_b u = 1/(u·ln b)."""

    rule: ClassVar[str] = "logarithm"
    base: sympy.Expr


@dataclass(frozen=True, kw_only=True, repr=False)
class TrigStep(TableStep):
    """sin, cos, tan, cot, sec, csc: e.g. d/du sin u = cos u."""

    rule: ClassVar[str] = "trig"


@dataclass(frozen=True, kw_only=True, repr=False)
class InverseTrigStep(TableStep):
    """asin, acos, atan, acot, asec, acsc: e.g. d/du atan u = 1/(1 + u²)."""

    rule: ClassVar[str] = "inverse_trig"


@dataclass(frozen=True, kw_only=True, repr=False)
class HyperbolicStep(TableStep):
    """sinh, cosh, tanh, … and their inverses: e.g. d/du tanh u = 1 − tanh²u."""

    rule: ClassVar[str] = "hyperbolic"


@dataclass(frozen=True, kw_only=True, repr=False)
class AbsStep(TableStep):
    """d/du |u| = u/|u| (for u ≠ 0)."""

    rule: ClassVar[str] = "abs"


@dataclass(frozen=True, kw_only=True, repr=False)
class SignStep(TableStep):
    """d/du sign(u) = 0 (for u ≠ 0: sign jumps at 0 and is flat everywhere else)."""

    rule: ClassVar[str] = "sign"


@dataclass(frozen=True, kw_only=True, repr=False)
class SigmoidStep(TableStep):
    """d/du σ(u) = σ(u)·(1 − σ(u))."""

    rule: ClassVar[str] = "sigmoid"


@dataclass(frozen=True, kw_only=True, repr=False)
class ReluStep(TableStep):
    """d/du ReLU(u) = H(u): 1 for u > 0, 0 for u < 0, and taken as 0 at the kink u = 0."""

    rule: ClassVar[str] = "relu"


@dataclass(frozen=True, kw_only=True, repr=False)
class UnknownFunctionStep(TableStep):
    """d/du f(u) = f′(u) for a function the learner left undefined."""

    rule: ClassVar[str] = "unknown_function"


# -- rules that combine others -----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, repr=False)
class ChainStep(Step):
    """d/dx f(g(x)) = f′(g(x))·g′(x).

    ``outer`` is f written in the placeholder ``u`` (a readable letter not used elsewhere in the
    expression), ``inner`` is g(x). ``outer_derivative`` is f′(u), still in u; ``inner_derivative``
    is g′(x). ``derivative`` is the recombination f′(g(x))·g′(x), with g substituted back for u;
    ``written_at`` is f′(g(x)) as the line that puts g back writes it, g put for u and nothing
    else done (1/√(1 − (x²)²), not 1/√(1 − x⁴)), or "f′ at g" for an undefined f.
    Substeps in the course's order: the step for g(x), then the step for f(u) with respect to u.
    """

    rule: ClassVar[str] = "chain"
    outer: sympy.Expr
    u: sympy.Symbol
    inner: sympy.Expr
    outer_derivative: sympy.Expr
    inner_derivative: sympy.Expr
    written_at: sympy.Expr

    @property
    def inner_step(self) -> Step:
        return self.substeps[0]

    @property
    def outer_step(self) -> Step:
        return self.substeps[1]


@dataclass(frozen=True, kw_only=True, repr=False)
class GeneralPowerStep(Step):
    """d/dx f^g by logarithmic differentiation: y = f^g, ln y = g·ln f, so y′ = f^g·(g·ln f)′.

    One substep: the derivative of ``log_form`` = g·ln f.
    """

    rule: ClassVar[str] = "general_power"
    base: sympy.Expr
    exponent: sympy.Expr
    log_form: sympy.Expr


@dataclass(frozen=True, kw_only=True, repr=False)
class NoRuleStep(Step):
    """No rule of ours covers this expression yet: the derivative shown is SymPy's, unexplained."""

    rule: ClassVar[str] = "no_rule"


# -- the whole answer ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Tidy:
    """One move of the tidy-up after the last rule: ``before`` = ``after``, by ``move`` (one
    of ``chainrule.tidying.moves.MOVES``: "numerator", "cancel", "apart", …). Checked like
    every step: the two must agree (``Verification``)."""

    move: str
    before: sympy.Expr
    after: sympy.Expr


@dataclass(frozen=True, kw_only=True)
class Unchecked:
    """A step the verifier could not decide: ``reason`` is "not_real" when its expression is
    real at too few of the points tried (arcsec(arcoth x) only for 1 < |x| < 1.31), or
    "too_large" when the values there are too large to compare."""

    expression: sympy.Expr
    reason: str


@dataclass(frozen=True, kw_only=True)
class Verification:
    """How the derivatives in a tree were checked against ``sympy.diff``.

    ``method`` is "symbolic" when every step's difference from SymPy simplified to zero, or
    "numeric" when some step needed checking at random points instead. ``failures`` names the
    steps that disagreed with SymPy where their expression is real (a bug in chainrule);
    ``unchecked`` the steps the points could not decide. ``ok`` is True only when every step
    was checked and agreed.
    """

    ok: bool
    method: str
    steps_checked: int
    failures: tuple[sympy.Expr, ...] = ()
    unchecked: tuple[Unchecked, ...] = ()

    @property
    def decided(self) -> bool:
        """Whether every step could be checked (agreeing or not)."""
        return not self.unchecked

    @property
    def status(self) -> str:
        """The verdict: "ok", "failed" (a step disagreed: a bug) or "undecided" (none
        disagreed, some could not be checked)."""
        if self.failures:
            return "failed"
        return "ok" if self.decided else "undecided"


@dataclass(frozen=True, kw_only=True, repr=False)
class Explanation(Displayable):
    """The derivative of one expression with every step that produced it.

    ``root.derivative`` is the product of the chain factors as derived; ``derivative`` is the
    same tidied to a textbook form by the moves in ``tidying`` (none when it is final as
    derived), or left as derived if it was too large to try (``simplified`` is False then).
    ``constants`` are the other symbols, held constant.
    """

    input: str | None
    expression: sympy.Expr
    variable: sympy.Symbol
    constants: tuple[sympy.Symbol, ...]
    root: Step
    derivative: sympy.Expr
    simplified: bool
    verification: Verification
    #: The order each sum and product was typed in (``chainrule.ordering``), for printing.
    order: tuple = ()
    #: What SymPy rewrote as it read the formula, before any rule: (text as typed, result),
    #: such as ("x^2/x", x), so that the explanation can say what it derives.
    rewritten: tuple[tuple[str, sympy.Expr], ...] = ()
    #: The function's name as the formula gave it: y for "y = …" (dy/dx), f(x) for
    #: "f(x) = …" (f′(x)); None when it gave none.
    name: sympy.Expr | None = None
    #: Whether the formula wrote the natural logarithm as log: the course's log is ln.
    log_is_ln: bool = False
    #: The tidy-up after the last rule, move by move, from ``derived`` to ``derivative``.
    tidying: tuple[Tidy, ...] = ()
    #: The answer's other usual form (sin x/cos²x beside sec x·tan x), if it has one.
    other_form: sympy.Expr | None = None
    #: The expression the rules derive when it is not ``expression`` itself: ln(x²·sin x) is
    #: first written 2ln x + ln(sin x) by the log rules, as a book does.
    log_rules: sympy.Expr | None = None

    @property
    def derived(self) -> sympy.Expr:
        """The derivative exactly as the steps produced it, before the final simplification."""
        return self.root.derivative

    def steps(self) -> Iterator[Step]:
        return self.root.walk()

    def _summary(self) -> str:
        return f"d/d{self.variable} {formula(self.expression)} = {formula(self.derivative)}"
