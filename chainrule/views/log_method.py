"""The view of logarithmic differentiation: ln of both sides, the log rules, the sum
differentiated term by term, and y′ = y·(ln y)′."""

from __future__ import annotations

import sympy

from chainrule.calculus.log_method import LogMethod
from chainrule.document import (
    Box,
    DerivativeOf,
    Document,
    Equals,
    Equation,
    Frac,
    Heading,
    InOrder,
    Para,
    Prime,
    Verdict,
)
from chainrule.views.calculus import nested


def log_method_view(m: LogMethod) -> Document:
    x, y = m.variable, sympy.Symbol("y")
    a, b, n = sympy.symbols("a b n", positive=True)
    u = sympy.Symbol("u")
    ln_y = sympy.log(y)
    blocks: list = [
        Heading(("The derivative of ", m.expression, " by logarithmic differentiation"), level=1)
    ]
    blocks.append(
        Para(
            (
                "A product or quotient of many factors is easier to differentiate as a sum. "
                "Take ln of both sides, split the right side by the log rules, differentiate "
                "the sum term by term, then multiply back by y. (The factors are taken "
                "positive; with absolute values the answer is the same, since ",
                Equals(
                    (DerivativeOf(sympy.log(sympy.Abs(sympy.Symbol("u"))), x), Frac(Prime(u), u))
                ),
                ".)",
            )
        )
    )
    blocks.append(Heading(("1. Take ln of both sides",)))
    blocks.append(Equation((y, m.expression)))
    blocks.append(Equation((ln_y, sympy.log(m.expression, evaluate=False))))
    blocks.append(Heading(("2. The log rules",)))
    blocks.append(
        Para(
            (
                Equals((sympy.log(a * b), sympy.log(a) + sympy.log(b))),
                ", ",
                Equals((sympy.log(a / b), sympy.log(a) - sympy.log(b))),
                " and ",
                Equals((sympy.log(a**n), n * sympy.log(a))),
                " turn the product into a sum, one term per factor:",
            )
        )
    )
    blocks.append(Equation((ln_y, m.logs)))
    blocks.append(Heading(("3. Differentiate both sides",)))
    blocks.append(
        Para(
            (
                "On the left, ln y with y a function of x is a chain: ",
                Equals((DerivativeOf(ln_y, x), Frac(Prime(y), y))),
                ". On the right, term by term:",
            )
        )
    )
    blocks += nested(m.explanation)
    blocks.append(Equation((Frac(Prime(y), y), m.explanation.derivative)))
    blocks.append(Heading(("4. Multiply back by y",)))
    blocks.append(
        Equation(
            (
                Prime(y),
                InOrder((y, m.explanation.derivative), strict=True),
                InOrder((m.expression, m.explanation.derivative), strict=True),
            )
        )
    )
    verdict = Verdict(
        "ok" if m.verified else "failed",
        ("equal to sympy.diff of the function, checked",)
        if m.verified
        else ("disagrees with sympy.diff: a bug in chainrule",),
    )
    rows = (
        Equation((Prime(y), InOrder((m.expression, m.explanation.derivative), strict=True))),
        Equation((Prime(y), m.derivative), label=("Multiplied out:",)),
        verdict,
    )
    blocks.append(Box(("Answer",), rows, status=verdict.status))
    title = f"chainrule: logarithmic differentiation of {m.text or m.expression}"
    return Document(tuple(blocks), title=title, order=m.order)
