"""Higher derivatives: h′ explained, then h′ as it was simplified explained again, up to h⁽ⁿ⁾.

Each derivative is differentiated in the form the one before it ended in (the book's form),
so every step of h″ follows from a line the learner has just read. A derivative that is 0
ends the list: every one after it is 0 too.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from chainrule.display import Displayable
from chainrule.errors import ChainruleError
from chainrule.steps import Explanation

#: As derivative-calculator.net and the books' exercises go: past the fifth, the formulas of
#: most functions grow faster than a page.
MAX_ORDER = 5


class OrderError(ChainruleError):
    """An order of derivative that chainrule does not explain."""


@dataclass(frozen=True, kw_only=True, repr=False)
class Higher(Displayable):
    """The derivatives of one function up to the ``highest``-th: ``explanations[k − 1]``
    explains the k-th, as the derivative of the (k − 1)-th's simplified form. Fewer when a
    derivative came out 0 (``ended_early``). ``order`` is the typed order of every sum and
    product, as an explanation's is."""

    highest: int
    explanations: tuple[Explanation, ...]

    @property
    def first(self) -> Explanation:
        return self.explanations[0]

    @property
    def expression(self) -> sympy.Expr:
        return self.first.expression

    @property
    def variable(self) -> sympy.Symbol:
        return self.first.variable

    @property
    def derivatives(self) -> tuple[sympy.Expr, ...]:
        """h′, h″, …, each simplified."""
        return tuple(ex.derivative for ex in self.explanations)

    @property
    def ended_early(self) -> bool:
        return len(self.explanations) < self.highest

    @property
    def verified(self) -> bool:
        return all(ex.verification.ok for ex in self.explanations)

    @property
    def order(self) -> tuple:
        """The typed order of every sum and product the explanations print."""
        merged: dict = {}
        for ex in self.explanations:
            merged.update(ex.order)
        return tuple(merged.items())

    def document(self):
        from chainrule.views.higher import higher_view

        return higher_view(self)

    def json_data(self) -> dict:
        from chainrule.formats.json_calculus import higher

        return higher(self)

    def _summary(self) -> str:
        return f"{len(self.explanations)} derivatives of {self.expression}"


def check_order(order: object) -> int:
    """``order`` as a whole number from 1 to ``MAX_ORDER``, or an OrderError saying why not."""
    if isinstance(order, bool) or not isinstance(order, int):
        raise OrderError(f"the order of the derivative must be a whole number, got {order!r}")
    if not 1 <= order <= MAX_ORDER:
        raise OrderError(
            f"the order of the derivative must be from 1 to {MAX_ORDER}, got {order}"
            " (past the fifth, the formulas outgrow a page)"
        )
    return order


def derivatives(
    expr_or_text: str | sympy.Expr,
    order: int = 2,
    wrt: str | sympy.Symbol | None = None,
    *,
    timeout: float | None = None,
) -> Higher:
    """h′ up to h⁽ⁿ⁾ (``order`` = n, 1 to 5), each explained step by step and verified.

    ``timeout`` bounds the whole list, as ``explain``'s bounds one derivative.
    """
    from chainrule.budget import within
    from chainrule.explaining import explain, explain_again

    n = check_order(order)
    with within(timeout):
        found = [explain(expr_or_text, wrt=wrt)]
        while len(found) < n and found[-1].derivative != 0:
            found.append(explain_again(found[-1]))
    return Higher(highest=n, explanations=tuple(found))
