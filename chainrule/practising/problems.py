"""A practice problem and the parts a learner is asked for, read off its explanation's steps.

What is asked depends on the rule at the top of the problem (the decision the README documents):

- a chain, h = f∘g: f (in the placeholder u), g(x), g′(x), f′(u), then h′(x);
- a product, quotient or sum with a chain inside it: the same four parts for that chain (the
  first one the explanation derives), then h′(x);
- a sum, product or quotient of table functions, h = P·Q (P + Q, P/Q, in the product rule's
  letters, never a chain's u): P′(x) and Q′(x), P and Q being given, then h′(x) (the parts'
  keys stay ``u_prime`` and ``v_prime``, and the given ones ``u`` and ``v``, as in the JSON);
- a variable base and exponent, h = f^g: ln h = g·ln f, its derivative (ln h)′, then h′(x);
- one entry of the derivative table: h′(x) alone.

The answers are the explanation's own, so every one agrees with ``sympy.diff``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import sympy

from chainrule import steps as s
from chainrule.display import Displayable, formula


@dataclass(frozen=True)
class Part:
    """One answer asked for: ``key`` names it (``f``, ``g``, ``g_prime``, ``f_prime``,
    ``u_prime``, ``v_prime``, ``ln_h``, ``ln_h_prime``, ``derivative``; the topics' ``second``,
    ``value``, ``slope``, ``tangent``, ``dy_dx``, ``dy_dx_at``), ``answer`` is the
    right one, written in ``variable``. A derivative part holds the function it derives in
    ``of`` (judged by ``chainrule.check``); an expression part has ``of`` None (judged as
    equal functions). ``step`` is the step whose lines are its worked steps.

    The other topics (``chainrule.practising.topics``) ask more of a part: a derivative of
    ``order`` 2 (h″), one at the point ``at`` ("x=1/2", as ``check`` takes it: h′(a), the
    tangent line), or a number there (h(a), dy/dx at a point of a curve; ``of`` None), whose
    ``slips`` are the values the usual mistakes give, each (mistake id, value)."""

    key: str
    answer: sympy.Expr
    variable: sympy.Symbol
    step: s.Step
    of: sympy.Expr | str | None = None
    order: int = 1
    at: str | None = None
    slips: tuple[tuple[str, sympy.Expr], ...] = ()

    @property
    def is_derivative(self) -> bool:
        return self.of is not None

    @property
    def is_number(self) -> bool:
        """A value at a point: judged as a number, exact or to the decimals typed."""
        return self.of is None and self.at is not None


@dataclass(frozen=True, repr=False)
class Problem(Displayable):
    """A generated problem: the ``text`` shown (in the learner's notation, read back by the
    safe parser), its ``level``, its verified ``explanation``, the ``parts`` asked in order
    (the last is the derivative) and an ``interval`` of x where it is real."""

    text: str
    level: int
    explanation: s.Explanation
    parts: tuple[Part, ...]
    interval: tuple[sympy.Rational, sympy.Rational]

    #: What the problem practises: the rules (``generate``), or a topic of ``topics``.
    topic: ClassVar[str] = "rules"

    @property
    def order(self) -> tuple:
        """The typed order of its sums and products, which every document of it keeps."""
        return self.explanation.order

    @property
    def expression(self) -> sympy.Expr:
        return self.explanation.expression

    @property
    def derivative(self) -> sympy.Expr:
        return self.explanation.derivative

    @property
    def variable(self) -> sympy.Symbol:
        return self.explanation.variable

    @property
    def chain(self) -> s.ChainStep | None:
        """The chain whose f and g are asked for, if any."""
        part = next((p for p in self.parts if p.key == "f"), None)
        return part.step if part is not None else None

    def part(self, key: str) -> Part | None:
        return next((p for p in self.parts if p.key == key), None)

    def document(self):
        """The problem as an exercise, its answers as the key (``chainrule.practising.view``)."""
        from chainrule.practising.view import exercise

        return exercise(self)

    def as_data(self) -> dict:
        """The problem as JSON data (``data``)."""
        return data(self)

    def _summary(self) -> str:
        return f"level {self.level}: {formula(self.expression)}"


def parts_of(ex: s.Explanation, text: str) -> tuple[Part, ...]:
    """The parts to ask for ``ex``, in the order asked (see the module's docstring)."""
    root, x = ex.root, ex.variable
    final = Part("derivative", ex.derivative, x, root, of=text)
    chain = next((step for step in root.walk() if isinstance(step, s.ChainStep)), None)
    if isinstance(root, s.GeneralPowerStep):
        (log_step,) = root.substeps
        return (
            Part("ln_h", root.log_form, x, root),
            Part("ln_h_prime", log_step.derivative, x, log_step, of=root.log_form),
            final,
        )
    if chain is not None:
        return (*_chain_parts(chain), final)
    if isinstance(root, s.SumStep | s.ProductStep | s.QuotientStep) and len(root.substeps) == 2:
        u, v = root.substeps
        return (
            Part("u_prime", u.derivative, x, u, of=u.expression),
            Part("v_prime", v.derivative, x, v, of=v.expression),
            final,
        )
    return (final,)


def _chain_parts(chain: s.ChainStep) -> tuple[Part, ...]:
    # The course's order: split h = f∘g, then g′ (the inner step comes first in the
    # explanation too), then f′ from the table.
    x, u = chain.variable, chain.u
    return (
        Part("f", chain.outer, u, chain),
        Part("g", chain.inner, x, chain),
        Part("g_prime", chain.inner_derivative, x, chain.inner_step, of=chain.inner),
        Part("f_prime", chain.outer_derivative, u, chain.outer_step, of=chain.outer),
    )


def given(problem: Problem) -> dict[str, sympy.Expr]:
    """What the problem tells the learner before asking: the chain (when it is not the whole
    function), or the two parts (P and Q, keyed u and v) of a sum, product or quotient."""
    root, chain = problem.explanation.root, problem.chain
    if chain is not None:
        return {} if chain is root else {"chain": chain.expression}
    if problem.part("u_prime") is not None:
        u, v = root.substeps
        return {"u": u.expression, "v": v.expression}
    return {}


def data(problem: Problem) -> dict:
    """The problem as JSON data: expressions as SymPy's str, like the rest of the JSON."""
    from chainrule.formats.notation import code

    parts = {key: code(value) for key, value in given(problem).items()}
    parts.update({p.key: code(p.answer) for p in problem.parts if p.key != "derivative"})
    out = {
        "text": problem.text,
        "function": code(problem.expression),
        "derivative": code(problem.derivative),
        "level": problem.level,
        "parts": parts,
        "asks": [p.key for p in problem.parts],
    }
    if problem.chain is not None:
        out["placeholder"] = code(problem.chain.u)
    return out
