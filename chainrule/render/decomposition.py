"""Chain decompositions: each chain in a step tree as h = f∘g (or f∘g∘k …), link by link.

A chain whose inner function is itself a chain is one block, so ln(sin(x²)) reads
f(u) = ln(u), u = g(v) = sin(v), v = k(x) = x². Only the math is formatted here (by a ``Math``
style); what each part is comes straight from the ``ChainStep``s.
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy.core.function import AppliedUndef

from chainrule import steps as s
from chainrule.render import wording
from chainrule.render.mathstyle import Math

_FUNCTION_LETTERS = "fgkpqrst"


@dataclass(frozen=True)
class Link:
    """One row of a chain decomposition: outer, middle or inner function and its derivative."""

    role: str
    definition: str
    derivative: str


@dataclass(frozen=True)
class Chain:
    """A chain h = f∘g (or f∘g∘k …): every link, and how the derivatives multiply."""

    title: str  # Decomposition: h = f∘g
    composition: str  # h(x) = ln(cos(x) + 2) = f(g(x))
    links: tuple[Link, ...]
    product: str  # h′(x) = f′(u)·g′(x)


def decompose(root: s.Step, math: Math, partial: bool) -> tuple[Chain, ...]:
    """One block per chain; a chain whose inner function is itself a chain is one block."""
    used = {f.func.__name__ for f in root.expression.atoms(AppliedUndef)}
    letters = [c for c in _FUNCTION_LETTERS if c not in used]
    whole = next((c for c in "hHF" if c not in used), "h")
    blocks, seen = [], set()
    for step in root.walk():
        if not isinstance(step, s.ChainStep) or id(step) in seen:
            continue
        links = [step]
        while isinstance(links[-1].inner_step, s.ChainStep):
            links.append(links[-1].inner_step)
        seen.update(id(link) for link in links)
        # Only the whole expression is called h; a chain inside it is named by what it is.
        blocks.append(_chain(links, letters, whole if step is root else None, math, partial))
    return tuple(blocks)


def _chain(
    links: list[s.ChainStep], letters: list[str], whole: str | None, math: Math, partial: bool
) -> Chain:
    m, p, x = math, math.prime, links[0].variable
    count = len(links) + 1
    # A long chain runs out of letters: then f₁, f₂, … as far as it goes.
    names = (
        letters[:count]
        if count <= len(letters)
        else [m.indexed("f", i) for i in range(1, count + 1)]
    )
    var = m.expr(x)
    rows = []
    for i, link in enumerate(links):
        u = m.expr(link.u)
        definition = f"{m.call(names[i], u)} = {m.expr(link.outer)}"
        if i:
            definition = f"{m.expr(links[i - 1].u)} = {definition}"
        derivative = f"{m.call(names[i] + p, u)} = {m.expr(link.outer_derivative)}"
        rows.append(Link("outer" if i == 0 else "middle", definition, derivative))
    last = links[-1]
    rows.append(
        Link(
            "inner",
            f"{m.expr(last.u)} = {m.call(names[-1], var)} = {m.expr(last.inner)}",
            f"{m.call(names[-1] + p, var)} = {m.expr(last.inner_derivative)}",
        )
    )
    nested = var
    for name in reversed(names):
        nested = m.call(name, nested)
    expr = links[0].expression
    composition = f"{m.expr(expr)} = {nested}"
    if whole:
        composition = f"{m.call(whole, var)} = {composition}"
    args = [m.expr(link.u) for link in links] + [var]
    if len(links) == 1:
        # One link: the textbook form f′(g(x))·g′(x); longer chains name each placeholder.
        args[0] = m.call(names[1], var)
    factors = [m.call(name + p, arg) for name, arg in zip(names, args, strict=True)]
    lhs = m.call(whole + p, var) if whole else m.derivative_of(expr, x, partial)
    product = f"{lhs} = {m.product(factors)}"
    composed = m.compose.join(names)
    title = wording.decomposition(m.inline(f"{whole} = {composed}" if whole else composed))
    return Chain(title, composition, tuple(rows), product)
