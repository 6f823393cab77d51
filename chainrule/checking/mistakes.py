"""The usual wrong paths, built from an explanation's own steps.

Each step offers the results a learner gets by taking it wrongly: the chain rule without g′,
the product rule as P′·Q′ or with a term left out, cos′ = +sin, 3ˣ′ = 3ˣ, xˣ by the power rule
or by the exponential rule, or the step copied out undifferentiated (at the root, the whole
function typed back). Put in the step's place, a wrong result is carried up the tree by each
parent's own rule (``rebuild``), giving the whole wrong answer that path leads to. A learner's
wrong line is then compared with these, so every rule and every depth of chain is covered by
the same few cases, not by a list of special formulas.

The ids are a documented contract (README, JSON ``mistake``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sympy

from chainrule import steps as s
from chainrule.rules.combining import at

#: Every id a diagnosis can give, in the README's order.
MISTAKES = (
    "forgot_inner_derivative",
    "chain_stopped_early",
    "outer_not_at_inner",
    "added_not_multiplied",
    "composition_as_product",
    "product_of_derivatives",
    "product_rule_term_missing",
    "quotient_rule_order",
    "quotient_denominator",
    "sign_error",
    "constant_factor",
    "power_not_lowered",
    "power_rule_on_exponential",
    "power_rule_on_variable_exponent",
    "exponential_rule_on_variable_base",
    "forgot_log_of_base",
    "function_typed_back",
    "part_not_differentiated",
    "algebra_slip",
    "unknown",
)

#: Wrong paths tried at most: a deep tree offers a few per step.
MAX_PATHS = 400


@dataclass(frozen=True)
class WrongPath:
    """Taking ``step`` wrongly (``mistake``) gives ``local`` there and ``answer`` overall;
    ``depth`` counts the steps above ``step`` (0 at the root)."""

    mistake: str
    step: s.Step
    local: sympy.Expr
    answer: sympy.Expr
    depth: int = 0


def wrong_paths(root: s.Step) -> Iterator[WrongPath]:
    """Each usual wrong path through ``root``, steps in the order they are shown."""
    parents, users = _parents(root), _users(root)
    order = _shown_order(root)
    rank = {id(step): i for i, step in enumerate(order)}
    made = 0
    for step in order:
        for mistake, local in _wrong_steps(step, parents.get(id(step))):
            if local == step.derivative:
                continue  # not wrong here: cos′(0)… or a sign error on 0
            made += 1
            if made > MAX_PATHS:
                return
            answer = _carried(root, step, local, users, rank)
            yield WrongPath(mistake, step, local, answer, _depth(step, parents))


def _wrong_steps(step: s.Step, parent: s.Step | None) -> Iterator[tuple[str, sympy.Expr]]:
    """The step's own wrong results, the mistakes of its rule first, the step copied out
    undifferentiated last: where both give one answer, the rule's mistake is the more telling
    name (3ˣ′ typed as 3ˣ is the ln 3 left out, and also 3ˣ typed back)."""
    if isinstance(step, s.ChainStep):
        yield from _wrong_chain(step, parent)
    elif isinstance(step, s.ProductStep):
        yield from _wrong_product(step)
    elif isinstance(step, s.QuotientStep):
        u, v = step.numerator, step.denominator
        du, dv = (sub.derivative for sub in step.substeps)
        yield "quotient_rule_order", (u * dv - du * v) / v**2
        yield "quotient_denominator", (du * v - u * dv) / v
    elif isinstance(step, s.GeneralPowerStep):
        yield from _wrong_general_power(step)
    elif isinstance(step, s.TableStep):
        if isinstance(step, s.PowerStep):
            n, u = step.exponent, step.variable
            yield "power_not_lowered", n * u**n
        if isinstance(step, s.ExponentialStep):
            u = step.variable
            yield "power_rule_on_exponential", u * step.base ** (u - 1)
            # (aᵘ)′ = aᵘ·ln a taken as (eᵘ)′ = eᵘ; for a = e the same, so no path.
            yield "forgot_log_of_base", step.base**u
        if isinstance(step, s.LogarithmStep):
            yield "forgot_log_of_base", 1 / step.variable  # (log_a u)′ = 1/(u·ln a) as 1/u
        yield "sign_error", -step.derivative
    yield ("function_typed_back" if parent is None else "part_not_differentiated"), step.expression


def _wrong_product(step: s.ProductStep) -> Iterator[tuple[str, sympy.Expr]]:
    """(PQ)′ as P′Q′, and the product rule's sum with one of its terms left out."""
    d = [sub.derivative for sub in step.substeps]
    yield "product_of_derivatives", sympy.Mul(*d)
    factors = step.factors
    terms = [sympy.Mul(d[i], *factors[:i], *factors[i + 1 :]) for i in range(len(factors))]
    for i in range(len(terms)):
        yield "product_rule_term_missing", sympy.Add(*terms[:i], *terms[i + 1 :])


def _wrong_general_power(step: s.GeneralPowerStep) -> Iterator[tuple[str, sympy.Expr]]:
    """f^g with x in g as well as in f, taken by the power rule as if g were a constant,
    g·f^(g−1)·f′, or by the exponential rule as if f were, f^g·ln f·g′ (each also without
    the chain's last factor)."""
    f, g = step.base, step.exponent
    power = g * f ** (g - 1)
    df = _derivative_in(step, f)
    if df is not None:
        yield "power_rule_on_variable_exponent", power * df
    yield "power_rule_on_variable_exponent", power
    exponential = step.expression * sympy.log(f)
    dg = _derivative_in(step, g)
    if dg is not None:
        yield "exponential_rule_on_variable_base", exponential * dg
    yield "exponential_rule_on_variable_base", exponential


def _derivative_in(step: s.Step, expr: sympy.Expr) -> sympy.Expr | None:
    """d/dx ``expr`` as a step below ``step`` derived it (x′ = 1 for the variable itself);
    None when no step derived it."""
    if expr == step.variable:
        return sympy.S.One
    for below in step.walk():
        if below.expression == expr and below.variable == step.variable:
            return below.derivative
    return None


def _wrong_chain(step: s.ChainStep, parent: s.Step | None) -> Iterator[tuple[str, sympy.Expr]]:
    f, u, g = step.outer, step.u, step.inner
    df, dg = step.outer_step.derivative, step.inner_step.derivative
    f_at_g = at(df, u, g)
    # Inside another chain's inner function, leaving g′ out stops the chain a link early.
    nested = isinstance(parent, s.ChainStep) and parent.inner_step is step
    yield ("chain_stopped_early" if nested else "forgot_inner_derivative"), f_at_g
    x = step.variable
    yield "outer_not_at_inner", at(df, u, x) * dg
    yield "outer_not_at_inner", at(df, u, x)  # sin(x²) read as sin x: cos x
    yield "outer_not_at_inner", at(df, u, dg) * dg
    yield "added_not_multiplied", f_at_g + dg
    yield "composition_as_product", at(df, u, x) * g + f.xreplace({u: x}) * dg


def rebuild(step: s.Step, derivatives: dict[int, sympy.Expr]) -> sympy.Expr:
    """``step``'s derivative by its own rule, from its substeps' derivatives as given in
    ``derivatives`` (by id; the step's own where absent)."""
    d = [derivatives.get(id(sub), sub.derivative) for sub in step.substeps]
    if isinstance(step, s.SumStep):
        return sympy.Add(*d)
    if isinstance(step, s.ProductStep):
        factors = step.factors
        return sympy.Add(
            *(sympy.Mul(d[i], *factors[:i], *factors[i + 1 :]) for i in range(len(factors)))
        )
    if isinstance(step, s.QuotientStep):
        u, v = step.numerator, step.denominator
        return (d[0] * v - u * d[1]) / v**2
    if isinstance(step, s.ChainStep):
        return at(d[1], step.u, step.inner) * d[0]
    if isinstance(step, s.ConstantMultipleStep):
        return step.constant * d[0]
    if isinstance(step, s.GeneralPowerStep):
        return step.expression * d[0]
    return step.derivative


def _carried(
    root: s.Step,
    step: s.Step,
    local: sympy.Expr,
    users: dict[int, tuple[s.Step, ...]],
    rank: dict[int, int],
) -> sympy.Expr:
    """The whole answer when ``step`` gives ``local``: every step above it rebuilt, substeps
    first. A step met twice (cot x in both halves of (1 − cot x)/(1 + cot x)) is derived once
    and cited wherever it comes back, so its wrong result is carried into every use."""
    derivatives = {id(step): local}
    above: dict[int, s.Step] = {}
    stack = [step]
    while stack:
        for user in users.get(id(stack.pop()), ()):
            if id(user) not in above:
                above[id(user)] = user
                stack.append(user)
    for user in sorted(above.values(), key=lambda u: rank[id(u)]):
        derivatives[id(user)] = rebuild(user, derivatives)
    return derivatives[id(root)]


def _depth(step: s.Step, parents: dict[int, s.Step]) -> int:
    depth = 0
    while id(step) in parents:
        step, depth = parents[id(step)], depth + 1
    return depth


def _parents(root: s.Step) -> dict[int, s.Step]:
    parents, stack = {}, [root]
    while stack:
        step = stack.pop()
        for sub in step.substeps:
            parents.setdefault(id(sub), step)
            stack.append(sub)
    return parents


def _users(root: s.Step) -> dict[int, tuple[s.Step, ...]]:
    """Every step that has ``sub`` as a substep, by the substep's id: more than one for a
    subtree met again."""
    users: dict[int, dict[int, s.Step]] = {}
    done, stack = set(), [root]
    while stack:
        step = stack.pop()
        if id(step) in done:
            continue
        done.add(id(step))
        for sub in step.substeps:
            users.setdefault(id(sub), {})[id(step)] = step
            stack.append(sub)
    return {key: tuple(found.values()) for key, found in users.items()}


def _shown_order(root: s.Step) -> list[s.Step]:
    """Substeps before their step, as the explanation numbers its lines; each step once."""
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        step, ready = stack.pop()
        if ready:
            if id(step) not in seen:
                seen.add(id(step))
                order.append(step)
            continue
        stack.append((step, True))
        stack += [(sub, False) for sub in reversed(step.substeps)]
    return order
