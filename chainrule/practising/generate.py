"""Practice problems by level, from a seed: the same seed gives the same problems everywhere.

Each problem is made as text in the learner's notation ("ln(cos(x^2+1))"), then read back by
the safe parser and explained, and kept only if it passes every test a teacher would make:

- SymPy does not rewrite it as it reads (x^2/x, e^(ln u), (x^2)^3 are thrown away);
- every step is verified against ``sympy.diff`` and no step lacks a rule;
- the derivative is not a constant;
- the rule at its top is the level's (``_SHAPES``);
- no chain is a power of a power of x (√(x⁴) and (x³)² are one power, for x > 0);
- it and its derivative are real and finite at points across one of ``INTERVALS``.

Levels: 1, one table entry (sin x, eˣ, x⁵, ln x); 2, a sum, product or quotient of two;
3, a product with a two-link chain (x²·sin(3x + 1)); 4, a chain of three links
(ln(cos(x² + 1))); 5, a quotient with a chain, or a variable power f^g (sin x/(1 + x²)³, xˣ,
√(1 + e^(2x))/x). Only ``random.Random(seed)`` draws, from tuples, so nothing depends on the
platform or on the order of a set.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import TypeVar

import sympy

from chainrule import steps as s
from chainrule.errors import ChainruleError
from chainrule.practising.problems import Problem, parts_of

LEVELS = range(1, 6)
#: Problems in one set, at most (a level's supply of distinct problems is larger).
MAX_COUNT = 20
#: Candidates drawn per problem before giving up (rejections are rare; this is a guard).
MAX_DRAWS = 400
#: Where a problem must be real: the first of these that works is the problem's interval.
INTERVALS = (
    (sympy.Rational(1, 2), sympy.Integer(2)),
    (sympy.Rational(1, 10), sympy.Rational(7, 10)),
)
#: Points per interval at which the function and its derivative must be real and finite.
POINTS = 17

Draw = Callable[[random.Random], str]
T = TypeVar("T")
#: Makes a problem from what was drawn (the generator at hand for any further draws), or None.
Make = Callable[[T, random.Random], object]


def generate(level: int, seed: int, count: int) -> list[Problem]:
    """``count`` different problems of ``level`` (1 to 5), drawn from ``random.Random(seed)``.

    A longer set starts with the problems of a shorter one with the same seed.
    """
    if level not in LEVELS:
        raise ChainruleError(f"level {level} does not exist: choose 1 to {LEVELS[-1]}")
    return collect(seed, count, _LEVELS[level], lambda text, _: accepted(text, level))


def collect(seed: int, count: int, draw: Callable[[random.Random], T], make: Make) -> list:
    """``count`` problems made by ``make`` from what ``draw`` draws, each drawn thing tried
    once: both draw from the one ``random.Random(seed)``, so the seed fixes the set."""
    if not 1 <= count <= MAX_COUNT:
        raise ChainruleError(f"{count} problems: choose 1 to {MAX_COUNT}")
    rng = random.Random(seed)
    problems: list = []
    tried: set = set()
    draws = 0
    while len(problems) < count:
        draws += 1
        if draws > MAX_DRAWS * count:  # pragma: no cover - the supplies are far larger
            raise RuntimeError("no more problems to draw")
        drawn = draw(rng)
        if drawn in tried:
            continue
        tried.add(drawn)
        problem = make(drawn, rng)
        if problem is not None:
            problems.append(problem)
    return problems


def accepted(text: str, level: int) -> Problem | None:
    """The problem ``text`` makes at ``level``, or None if a test in the module's list fails."""
    from chainrule.explaining import explain
    from chainrule.parsing import read

    try:
        _, _, rewritten = read(text)
        if rewritten:
            return None
        ex = explain(text)
    except ChainruleError:
        return None
    if not ex.verification.ok or any(isinstance(step, s.NoRuleStep) for step in ex.steps()):
        return None
    if not ex.derivative.has(ex.variable) or not _SHAPES[level](ex.root):
        return None
    if any(_power_of_power(step) for step in ex.steps()):
        return None
    interval = next((i for i in INTERVALS if real_on(ex, i)), None)
    if interval is None:
        return None
    return Problem(text, level, ex, parts_of(ex, text), interval)


def real_on(ex: s.Explanation, interval: tuple[sympy.Rational, sympy.Rational]) -> bool:
    """Whether the function and its derivative are real and finite at points across
    ``interval``, and no denominator changes sign between them (a pole in between)."""
    a, b = interval
    x = ex.variable
    points = [{x: a + (b - a) * sympy.Rational(k, POINTS - 1)} for k in range(POINTS)]
    exprs = (ex.expression, ex.derivative)
    guards = dict.fromkeys(g for e in exprs for g in _denominators(e))
    for expr in (*exprs, *guards):
        values = [_value(expr, at) for at in points]
        if not all(math.isfinite(v) for v in values):
            return False
        if expr not in exprs and len({math.copysign(1, v) for v in values}) > 1:
            return False
    return True


def _value(expr: sympy.Expr, at: dict) -> float:
    """The real value of ``expr`` at a point, or nan where it is not real and finite."""
    try:
        z = complex(expr.evalf(15, subs=at))
    except (TypeError, ValueError, ArithmeticError):
        return math.nan
    if not math.isfinite(z.real) or abs(z.imag) > 1e-12 * max(1.0, abs(z)):
        return math.nan
    return z.real


def _denominators(expr: sympy.Expr) -> list[sympy.Expr]:
    """What must not pass through 0: each base of a negative power, and the cos of a tan."""
    out = []
    for node in sympy.preorder_traversal(expr):
        if node.is_Pow and node.exp.is_negative:
            out.append(node.base)
        elif isinstance(node, sympy.tan | sympy.sec):
            out.append(sympy.cos(node.args[0]))
        elif isinstance(node, sympy.cot | sympy.csc):
            out.append(sympy.sin(node.args[0]))
    return out


def _power_of_power(step: s.Step) -> bool:
    if not isinstance(step, s.ChainStep):
        return False
    inner = step.inner
    return step.outer.is_Pow and inner.is_Pow and inner.base == step.variable


# -- what each level's top looks like -------------------------------------------------------


def _chains(root: s.Step) -> list[s.ChainStep]:
    """The chains in a tree, a chain nested in another's inner function not counted apart."""
    inner = {id(c.inner_step) for c in root.walk() if isinstance(c, s.ChainStep)}
    return [c for c in root.walk() if isinstance(c, s.ChainStep) and id(c) not in inner]


def _links(chain: s.ChainStep) -> int:
    """Functions composed: ln(cos(x² + 1)) is three links, ln, cos and x² + 1."""
    n = 2
    while isinstance(chain.inner_step, s.ChainStep):
        chain, n = chain.inner_step, n + 1
    return n


def _table(root: s.Step) -> bool:
    return isinstance(root, s.TableStep)


def _combined(root: s.Step) -> bool:
    combined = isinstance(root, s.SumStep | s.ProductStep | s.QuotientStep)
    return combined and len(root.substeps) == 2 and not _chains(root)


def _product_with_chain(root: s.Step) -> bool:
    chains = _chains(root)
    two = len(chains) == 1 and _links(chains[0]) == 2
    return isinstance(root, s.ProductStep) and len(root.factors) == 2 and two


def _three_links(root: s.Step) -> bool:
    return isinstance(root, s.ChainStep) and _links(root) == 3


def _quotient_or_power(root: s.Step) -> bool:
    if isinstance(root, s.GeneralPowerStep):
        return True
    return isinstance(root, s.QuotientStep) and bool(_chains(root))


_SHAPES: dict[int, Callable[[s.Step], bool]] = {
    1: _table,
    2: _combined,
    3: _product_with_chain,
    4: _three_links,
    5: _quotient_or_power,
}


# -- drawing the text ------------------------------------------------------------------------

#: One table entry each, as a learner writes it.
_TABLE = ("sin(x)", "cos(x)", "tan(x)", "e^x", "ln(x)", "sqrt(x)", "atan(x)", "x^{n}",
          "{a}^x", "1/x^{n}")  # fmt: skip
#: The table less 1/xⁿ, which beside · or / would be a quotient of its own.
_TABLE_2 = _TABLE[:-1]
#: Outer functions of a chain, "@" standing for the inner function.
_OUTER = ("sin(@)", "cos(@)", "e^(@)", "ln(@)", "sqrt(@)", "(@)^{n}")
#: Links that undo each other, ln(e^u) = u and √(e^u) = e^(u/2): no chain worth the name,
#: though SymPy keeps them as typed (e^(ln u) and (√u)² it rewrites, and they are thrown away).
_UNDONE = (("ln(@)", "e^(@)"), ("sqrt(@)", "e^(@)"))
#: Inner functions of a chain: not x itself, so the chain is a real link.
_INNER = ("{a}x", "{a}x+{b}", "{a}x-{b}", "x^{n}", "x^2+{b}", "{b}-x^2")
#: Level 5's inner functions may hold a chain or a table function in a sum.
_INNER_5 = (*_INNER, "1+e^({a}x)", "{b}+cos(x)", "1+x^2", "x^2+{b}x")
#: Factors beside a chain, and the other side of a quotient.
_FACTOR = ("x", "x^{n}", "sin(x)", "cos(x)", "e^x", "ln(x)")
_SIDE_5 = (*_FACTOR, "1+x^2", "x+{b}")
#: A variable power's base and exponent.
_BASE = ("x", "(x^2+1)", "(1+x)", "(sin(x))", "(1+e^x)")
_EXPONENT = ("x", "(sin(x))", "(x^2)", "(1/x)", "(cos(x))", "({a}x)")


def _fill(rng: random.Random, template: str) -> str:
    """``template`` with its numbers drawn: n an exponent, a a coefficient, b a constant."""
    return template.format(n=rng.randint(2, 5), a=rng.randint(2, 5), b=rng.randint(1, 5))


def _one(rng: random.Random, choices: tuple[str, ...]) -> str:
    return _fill(rng, rng.choice(choices))


def _level_1(rng: random.Random) -> str:
    entry = rng.choice(_TABLE)
    # The table's powers run further than a chain's exponents.
    return entry.format(n=rng.randint(2, 9), a=rng.choice((2, 3, 5, 10)))


def _level_2(rng: random.Random) -> str:
    how = rng.choice(("+", "-", "*", "*", "/", "/"))
    u, v = _one(rng, _TABLE_2), _one(rng, _TABLE_2)
    if how in "+-":
        # A sum is quick to differentiate: a constant factor gives its terms some work.
        if rng.random() < 0.5 and u[0].isalpha():
            u = f"{rng.randint(2, 5)}{u}"
        return f"{u} {how} {v}"
    return f"{u}{how}{v}"


def _chain(rng: random.Random, inner: tuple[str, ...] = _INNER) -> str:
    return _one(rng, _OUTER).replace("@", _one(rng, inner))


def _level_3(rng: random.Random) -> str:
    factor, chain = _one(rng, _FACTOR), _chain(rng)
    pair = (factor, chain) if rng.random() < 0.5 else (chain, factor)
    return "*".join(pair)


def _level_4(rng: random.Random) -> str:
    outer, middle = rng.sample(_OUTER, 2)
    if (outer, middle) in _UNDONE:
        middle = _OUTER[0]
    return _fill(rng, outer).replace("@", _fill(rng, middle).replace("@", _one(rng, _INNER)))


def _level_5(rng: random.Random) -> str:
    if rng.random() < 1 / 3:
        return f"{_one(rng, _BASE)}^{_one(rng, _EXPONENT)}"
    chain, side = _chain(rng, _INNER_5), _one(rng, _SIDE_5)
    u, v = (chain, side) if rng.random() < 0.5 else (side, chain)
    return f"{_grouped(u)}/{_grouped(v)}"


def _grouped(text: str) -> str:
    """``text`` in brackets if it would not stay whole beside · or /: a sum, or 1/xⁿ."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and (ch in "+/" or (ch == "-" and i > 0)):
            return f"({text})"
    return text


_LEVELS: dict[int, Draw] = {1: _level_1, 2: _level_2, 3: _level_3, 4: _level_4, 5: _level_5}
