"""Logarithmic differentiation, asked for: y = a product or quotient of many factors. Take ln
of both sides, split the right side by the log rules into a sum (ln(ab/c) = ln a + ln b − ln c,
ln aⁿ = n·ln a), differentiate that sum term by term, and multiply back by y: y′ = y·(ln y)′.

Every factor is taken positive, as a book does; with |y| and |factor| in the logarithms the
derivative comes out the same (d/dx ln|u| = u′/u), so the answer holds wherever y ≠ 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from chainrule.display import Displayable
from chainrule.errors import ChainruleError
from chainrule.steps import Explanation

#: Fewer factors than this gain nothing from logarithms: the product rule is shorter.
MIN_FACTORS = 2


class LogMethodError(ChainruleError):
    """A formula logarithmic differentiation does not suit, with the reason."""


@dataclass(frozen=True, kw_only=True, repr=False)
class LogMethod(Displayable):
    """y = ``expression``; ln y = ``logs`` (the log rules' sum, one term per factor); the sum
    differentiated (``explanation``); y′ = y·(ln y)′ = ``derivative``, checked (``verified``)."""

    text: str | None
    expression: sympy.Expr
    variable: sympy.Symbol
    factors: tuple[tuple[sympy.Expr, sympy.Expr], ...]
    logs: sympy.Expr
    explanation: Explanation
    product: sympy.Expr
    derivative: sympy.Expr
    verified: bool
    order: tuple = ()

    def document(self):
        from chainrule.views.log_method import log_method_view

        return log_method_view(self)

    def json_data(self) -> dict:
        from chainrule.formats.json_calculus import log_method

        return log_method(self)

    def _summary(self) -> str:
        return f"y′ = {self.derivative}"


def log_differentiate(
    expr_or_text: str | sympy.Expr,
    wrt: str | sympy.Symbol | None = None,
    *,
    timeout: float | None = None,
) -> LogMethod:
    """y′ of a product or quotient of factors by logarithmic differentiation, step by step."""
    from chainrule import ordering
    from chainrule.budget import within
    from chainrule.explaining import explain
    from chainrule.verifying import Checker
    from chainrule.verifying.agreement import Outcome

    with within(timeout):
        whole = explain(expr_or_text, wrt=wrt)  # reads, checks and picks the variable
        x, y = whole.variable, whole.expression
        order = dict(whole.order)
        with ordering.typed(order):
            factors = _factors(y, x)
            # One term per factor, in the order the factors were typed: ln x + ½ln(2x + 1) − x.
            terms = [n * _ln(base) for base, n in factors]
            logs = sympy.Add(*terms)
            ordering.record(order, logs, terms)
            explained = explain(logs, wrt=x)
        product = y * explained.derivative
        outcome = Checker().compare(product, whole.derivative, y)
    return LogMethod(
        text=whole.input,
        expression=y,
        variable=x,
        factors=factors,
        logs=logs,
        explanation=explained,
        product=product,
        derivative=whole.derivative,
        verified=outcome is Outcome.AGREE,
        order=tuple({**order, **dict(explained.order)}.items()),
    )


def _factors(y: sympy.Expr, x: sympy.Symbol) -> tuple[tuple[sympy.Expr, sympy.Expr], ...]:
    """(base, exponent) for each factor of ``y`` that holds x; a constant factor's logarithm
    is a constant, and a power with x in its exponent keeps it as a factor of ln."""
    from chainrule import ordering

    found = []
    for factor in ordering.factors(y):
        if not factor.has(x):
            continue
        base, n = factor.as_base_exp()
        if base is sympy.E or isinstance(factor, sympy.exp):
            found.append((factor, sympy.S.One))
        else:
            found.append((base, n))
    if len(found) < MIN_FACTORS:
        if any(n.has(x) for _, n in found):
            raise LogMethodError(
                "a power with the variable in its exponent (x^x, sin(x)^x) is differentiated "
                "by logarithms already: leave out --method log"
            )
        raise LogMethodError(
            "--method log is for a product or quotient of several factors in the variable, "
            "like x·√(2x + 1)/(e^x·sin³(x)); this has one, so the usual rules are shorter"
        )
    return tuple(found)


def _ln(base: sympy.Expr) -> sympy.Expr:
    """ln of one factor as the log rules write it: ln e^u = u."""
    if isinstance(base, sympy.exp):
        return base.args[0]
    return sympy.log(base)
