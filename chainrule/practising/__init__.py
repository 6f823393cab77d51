"""Practice: generated problems at five levels, asked part by part and judged as functions.

    >>> [p.text for p in practice(level=4, seed=1, count=2)]
    ['cos(sqrt(1-x^2))', 'sin((x^2+4)^3)']

``generate`` makes the problems (``chainrule.practising.generate``: each one read back by the
safe parser, verified, real on an interval), ``problems`` says which parts each one asks for,
``judging`` judges an answer, and ``session.run`` asks them through a dialogue and keeps the
score. The package is not called ``practice``, so that ``chainrule.practice`` stays the function
whichever module was imported first.
"""

from __future__ import annotations

from chainrule.practising.problems import Part, Problem

__all__ = ["DEFAULT_COUNT", "Part", "Problem", "new_seed", "practice"]

#: Problems in a set unless asked otherwise.
DEFAULT_COUNT = 5


def practice(level: int = 1, seed: int | None = None, count: int = DEFAULT_COUNT) -> list[Problem]:
    """``count`` problems at ``level`` (1 to 5): the same ``seed`` gives the same problems on
    every platform; without one, a new seed is drawn. Raises ``ChainruleError`` for a level
    or count out of range."""
    from chainrule.practising.generate import generate

    return generate(level, new_seed() if seed is None else seed, count)


def new_seed() -> int:
    """A seed short enough to type again."""
    import secrets

    return secrets.randbelow(10_000)
