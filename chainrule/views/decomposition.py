"""Chain decompositions: each chain in a step tree as h = f∘g (or f∘g∘k …), link by link.

A chain whose inner function is itself a chain is one block, so ln(sin(x²)) reads
f(u) = ln(u), u = g(v) = sin(v), v = k(x) = x². What each part is comes straight from the
``ChainStep``s; the function letters are SymPy functions, so every notation prints them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import count

import sympy
from sympy.core.function import AppliedUndef

from chainrule import steps as s
from chainrule.document import Compose, Decomposition, DerivativeOf, Equals, InOrder, Link
from chainrule.views import wording
from chainrule.views.letters import Letters

_FUNCTION_LETTERS = "fgkpqrst"


def decompose(
    root: s.Step, partial: bool, named: Letters | None = None, name: str | None = None
) -> tuple[Decomposition, ...]:
    """One block per chain; a chain whose inner function is itself a chain is one block.
    ``name`` is the learner's own name for the whole function (f in f(x) = …), if any.

    With a long chain's letters (``named``), only the first chain's block, its inner function
    in letters: every other link is named in its own line and listed with the answer, and a
    block for each would write the chain out again (a chain alternating with sums would have
    one every other link)."""
    used = {f.func.__name__ for f in root.expression.atoms(AppliedUndef)} | {name}
    letters = [c for c in _FUNCTION_LETTERS if c not in used]
    whole = name or next((c for c in "hHF" if c not in used), "h")
    # One pool for the whole output: two different functions never share a name, so a
    # second chain is k∘p, not f∘g again; past the letters, f₁, f₂, … count on.
    numbered = (f"f_{i}" for i in count(1))
    blocks, seen = [], set()
    for step in root.walk():
        if not isinstance(step, s.ChainStep) or id(step) in seen:
            continue
        links = [step]
        while isinstance(links[-1].inner_step, s.ChainStep):
            links.append(links[-1].inner_step)
        seen.update(id(link) for link in links)
        # Only the whole expression is called h; a chain inside it is named by what it is.
        names = _names(links, letters, numbered)
        blocks.append(_chain(links, names, whole if step is root else None, partial, named))
        if named:
            break
    return tuple(blocks)


def _chain(
    links: list[s.ChainStep],
    names: list[str],
    whole: str | None,
    partial: bool,
    named: Letters | None = None,
) -> Decomposition:
    x = links[0].variable
    f = [_function(name) for name in names]
    rows = []
    for i, link in enumerate(links):
        definition: tuple = _distinct(f[i](link.u), link.outer)
        if i:
            definition = (links[i - 1].u, *definition)
        derivative = _distinct(_d(f[i], link.u), link.outer_derivative)
        rows.append(Link("outer" if i == 0 else "middle", definition, derivative))
    last = links[-1]
    inner, inner_derivative = last.inner, last.inner_derivative
    if named:
        inner, inner_derivative = named.definition(inner), named.short(inner_derivative)
    rows.append(
        Link(
            "inner",
            (last.u, *_distinct(f[-1](x), inner)),
            _distinct(_d(f[-1], x), inner_derivative),
        )
    )
    nested = x
    for fn in reversed(f):
        nested = fn(nested)
    expr = links[0].expression
    composition: tuple = (expr, nested)
    if whole:
        composition = (_function(whole)(x), *composition)
    args = [link.u for link in links] + [x]
    if len(links) == 1:
        # One link: the textbook form f′(g(x))·g′(x); longer chains name each placeholder.
        args[0] = f[1](x)
    factors = InOrder(tuple(_d(fn, arg) for fn, arg in zip(f, args, strict=True)))
    lhs = _d(_function(whole), x) if whole else DerivativeOf(expr, x, partial)
    composed = Compose(tuple(names))
    title = wording.decomposition(Equals((sympy.Symbol(whole), composed)) if whole else composed)
    return Decomposition(title, composition, tuple(rows), (lhs, factors))


def _names(links: list[s.ChainStep], letters: list[str], numbered: Iterator[str]) -> list[str]:
    """A letter per function of the chain: the learner's own where a link is one (f(g(x)) is
    f∘g), else the next free letter, taken from ``letters``; a chain longer than the letters
    left gets f₁, f₂, …"""
    x, functions = links[0].variable, len(links) + 1
    own: list[str | None] = [
        link.outer.func.__name__ if _applied(link.outer, link.u) else None for link in links
    ]
    inner = links[-1].inner
    own.append(inner.func.__name__ if _applied(inner, x) else None)
    free = [c for c in letters if c not in own]
    if functions - sum(1 for name in own if name) > len(free):
        return [next(numbered) for _ in range(functions)]
    spare = iter(free)
    names = [name or next(spare) for name in own]
    letters[:] = [c for c in letters if c not in names]
    return names


def _applied(expr, arg) -> bool:
    """Whether expr is an undefined function of exactly arg: the learner's f(u)."""
    return isinstance(expr, AppliedUndef) and expr.args == (arg,)


def _distinct(*sides) -> tuple:
    """The sides of a row without one repeated: f(u), not f(u) = f(u); f′(u) written as "f′ at
    u" (a Subs) is the same as SymPy's d f(u)/du."""
    out: list = []
    seen: list = []
    for side in sides:
        same = side.doit() if isinstance(side, sympy.Subs) else side
        if same not in seen:
            out.append(side)
            seen.append(same)
    return tuple(out)


@lru_cache(maxsize=256)
def _function(name: str) -> sympy.FunctionClass:
    """The undefined function ``name``: SymPy makes a new class for each call, at some cost,
    and every one of the same name is equal, so one is kept per name."""
    return sympy.Function(name)


def _d(fn, arg):
    """fn′(arg) for an undefined function, printed f′(arg) everywhere: d fn(a)/da at a symbol or
    a function of x (SymPy builds that derivative four times quicker than a substitution, and
    compares it without one), else SymPy's f′ at a point."""
    if isinstance(arg, sympy.Symbol | AppliedUndef):
        return _derivative(fn, arg)
    u = sympy.Dummy("u")
    return sympy.Subs(sympy.Derivative(fn(u), u), u, arg)


@lru_cache(maxsize=1024)
def _derivative(fn, arg):
    """d fn(arg)/d arg, built once: a block names each link's derivative twice (in its row and
    in the product), and SymPy's Derivative checks its arguments each time it is built."""
    return sympy.Derivative(fn(arg), arg)
