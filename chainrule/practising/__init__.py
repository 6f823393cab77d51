"""Practice: generated problems on a topic at its levels, asked part by part and judged.

    >>> [p.text for p in practice(level=4, seed=1, count=2)]
    ['cos(sqrt(1-x^2))', 'sin((x^2+4)^3)']

``generate`` makes the problems of the rules (each one read back by the safe parser, verified,
real on an interval), ``topics`` those of the other topics (``higher``, ``tangent``,
``implicit``), ``problems`` says which parts each one asks for, ``judging`` judges an answer,
and ``session.run`` asks them through a dialogue and keeps the score. The package is not
called ``practice``, so that ``chainrule.practice`` stays the function whichever module was
imported first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chainrule.practising.problems import Part, Problem

if TYPE_CHECKING:
    from chainrule.practising.implicit import ImplicitProblem

__all__ = ["DEFAULT_COUNT", "Part", "Problem", "new_seed", "practice"]

#: Problems in a set unless asked otherwise.
DEFAULT_COUNT = 5


def practice(
    level: int = 1, seed: int | None = None, count: int = DEFAULT_COUNT, topic: str = "rules"
) -> list[Problem | ImplicitProblem]:
    """``count`` problems of ``topic`` at ``level``: the same ``seed`` gives the same problems
    on every platform; without one, a new seed is drawn. The topics (``topics.TOPICS``):
    "rules" (levels 1 to 5), "higher" (h′ then h″, of a function of those levels), "tangent"
    (h(a), h′(a) and the tangent line at a point) and "implicit" (dy/dx of a curve, levels 1
    to 3). Raises ``ChainruleError`` for a topic, level or count out of range."""
    from chainrule.practising.topics import generate

    return generate(topic, level, new_seed() if seed is None else seed, count)


def new_seed() -> int:
    """A seed short enough to type again."""
    import secrets

    return secrets.randbelow(10_000)
