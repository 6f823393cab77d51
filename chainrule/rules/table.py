"""The derivative table: f(u) → f′(u) for each elementary function f, in textbook form.

Every entry is a function of the placeholder u itself (nesting is the chain rule's business),
and returns the step that names the entry, e.g. ``LogarithmStep`` for d/du ln u = 1/u.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy
from sympy import (
    Abs,
    acos,
    acosh,
    acot,
    acoth,
    acsc,
    acsch,
    asec,
    asech,
    asin,
    asinh,
    atan,
    atanh,
    cos,
    cosh,
    cot,
    coth,
    csc,
    csch,
    exp,
    log,
    sec,
    sech,
    sin,
    sinh,
    sqrt,
    tan,
    tanh,
)

from chainrule.functions import heaviside, relu, sigmoid
from chainrule.steps import (
    AbsStep,
    ExponentialStep,
    HyperbolicStep,
    InverseTrigStep,
    LogarithmStep,
    PowerStep,
    ReluStep,
    SigmoidStep,
    SignStep,
    TableStep,
    TrigStep,
    UnknownFunctionStep,
)

Derivative = Callable[[sympy.Symbol], sympy.Expr]

#: f → (the step class naming the entry, u ↦ f′(u)). Forms are the ones on a textbook's table:
#: sec²u rather than 1 + tan²u, and for tanh the form backpropagation uses, 1 − tanh²u.
ENTRIES: dict[type, tuple[type[TableStep], Derivative]] = {
    sin: (TrigStep, lambda u: cos(u)),
    cos: (TrigStep, lambda u: -sin(u)),
    tan: (TrigStep, lambda u: sec(u) ** 2),
    cot: (TrigStep, lambda u: -(csc(u) ** 2)),
    sec: (TrigStep, lambda u: sec(u) * tan(u)),
    csc: (TrigStep, lambda u: -csc(u) * cot(u)),
    asin: (InverseTrigStep, lambda u: 1 / sqrt(1 - u**2)),
    acos: (InverseTrigStep, lambda u: -1 / sqrt(1 - u**2)),
    atan: (InverseTrigStep, lambda u: 1 / (1 + u**2)),
    acot: (InverseTrigStep, lambda u: -1 / (1 + u**2)),
    # |u|·√(u² − 1): the real-domain form (|u| ≥ 1) that textbooks print.
    asec: (InverseTrigStep, lambda u: 1 / (Abs(u) * sqrt(u**2 - 1))),
    acsc: (InverseTrigStep, lambda u: -1 / (Abs(u) * sqrt(u**2 - 1))),
    sinh: (HyperbolicStep, lambda u: cosh(u)),
    cosh: (HyperbolicStep, lambda u: sinh(u)),
    tanh: (HyperbolicStep, lambda u: 1 - tanh(u) ** 2),
    coth: (HyperbolicStep, lambda u: 1 - coth(u) ** 2),
    sech: (HyperbolicStep, lambda u: -sech(u) * tanh(u)),
    csch: (HyperbolicStep, lambda u: -csch(u) * coth(u)),
    asinh: (HyperbolicStep, lambda u: 1 / sqrt(u**2 + 1)),
    # √(u − 1)·√(u + 1), which is √(u² − 1) where acosh is real (u > 1); for u < −1 only the
    # split form is the derivative of SymPy's (complex) acosh, so checks off the domain agree.
    acosh: (HyperbolicStep, lambda u: 1 / (sqrt(u - 1) * sqrt(u + 1))),
    atanh: (HyperbolicStep, lambda u: 1 / (1 - u**2)),
    acoth: (HyperbolicStep, lambda u: 1 / (1 - u**2)),
    asech: (HyperbolicStep, lambda u: -1 / (u * sqrt(1 - u**2))),
    acsch: (HyperbolicStep, lambda u: -1 / (Abs(u) * sqrt(1 + u**2))),
    Abs: (AbsStep, lambda u: u / Abs(u)),
    sympy.sign: (SignStep, lambda u: sympy.S.Zero),
    sigmoid: (SigmoidStep, lambda u: sigmoid(u) * (1 - sigmoid(u))),
    # The kink at 0 is taken as ReLU′(0) = H(0) = 0, as PyTorch does.
    relu: (ReluStep, lambda u: heaviside(u)),
}


def elementary(f: type, u: sympy.Symbol) -> TableStep:
    """d/du f(u) for f in ``ENTRIES``: sin, cos, …, their inverses, hyperbolics, |u|, σ, ReLU."""
    step_class, derivative = ENTRIES[f]
    return step_class(expression=f(u), variable=u, derivative=derivative(u))


def power(u: sympy.Symbol, n: sympy.Expr) -> PowerStep:
    """d/du uⁿ = n·uⁿ⁻¹ for a constant n."""
    return PowerStep(expression=u**n, variable=u, derivative=n * u ** (n - 1), exponent=n)


def exponential(u: sympy.Symbol, base: sympy.Expr = sympy.E) -> ExponentialStep:
    """d/du eᵘ = eᵘ, and d/du aᵘ = aᵘ·ln a for a constant base a."""
    if base == sympy.E:
        return ExponentialStep(expression=exp(u), variable=u, derivative=exp(u), base=base)
    return ExponentialStep(
        expression=base**u, variable=u, derivative=base**u * log(base), base=base
    )


def logarithm(u: sympy.Symbol, base: sympy.Expr = sympy.E) -> LogarithmStep:
    """d/du ln u = 1/u, and d/du log_b u = 1/(u·ln b) for a constant base b."""
    if base == sympy.E:
        return LogarithmStep(expression=log(u), variable=u, derivative=1 / u, base=base)
    return LogarithmStep(
        expression=log(u) / log(base), variable=u, derivative=1 / (u * log(base)), base=base
    )


def unknown(f: type, u: sympy.Symbol) -> UnknownFunctionStep:
    """d/du f(u) = f′(u) for a function f the learner left undefined."""
    return UnknownFunctionStep(expression=f(u), variable=u, derivative=sympy.Derivative(f(u), u))
