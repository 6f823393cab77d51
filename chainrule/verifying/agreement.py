"""Whether two derivatives of one expression agree at the verifier's points.

A comparison has three outcomes (``Outcome``): the two agree; they disagree at a point where
the expression is real (a bug); or the points cannot decide — the expression is real at too few
of them (arcsec(arcoth x) only for 1 < |x| < 1.31), or the values there are too large.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable

from chainrule.verifying.points import CANDIDATES, FIRST_NEAR, finite, near

#: Agreeing real points that settle a comparison.
ENOUGH = 3
#: Relative tolerance of a numeric agreement; values beyond LARGE are too near overflow to judge.
TOLERANCE = 1e-7
LARGE = 1e100


class Outcome(enum.Enum):
    """What the points say about two derivatives of one expression."""

    AGREE = "agree"
    DISAGREE = "disagree"
    #: Too few points where every part of the expression is real (and finite).
    NOT_REAL = "not_real"
    #: The values at the real points overflow, or are too large to compare.
    TOO_LARGE = "too_large"

    @property
    def decided(self) -> bool:
        return self in (Outcome.AGREE, Outcome.DISAGREE)


#: What a comparison is given at point i: whether the expression is real there (throughout,
#: every part of it: ``Points.real``), our derivative and the reference.
At = Callable[[int], tuple[bool | None, complex, complex]]


def agree_at_points(at: At, large: float = LARGE) -> Outcome:
    """Agreement at the candidate points, then, if the real ones were too few, at the wide
    points and near the real ones found.

    ``at(i)`` says whether the expression is real at point i (None: a part of it is not finite
    there) with the two derivatives. A disagreement where the expression is real fails at once.
    Off the real domain the branch conventions of √ and the inverse functions may differ, so a
    complex point never fails a comparison; complex agreements count only when there are too
    few real points. Values beyond ``large``, or not finite, are not judged.
    """
    real: list[int] = []
    complex_agreements, complex_disagreements, too_large, not_real = 0, 0, 0, 0

    def judge(points: Iterable[int]) -> Outcome | None:
        nonlocal complex_agreements, complex_disagreements, too_large, not_real
        for i in points:
            is_real, a, b = at(i)
            if is_real is None or not (finite(a) and finite(b)) or max(abs(a), abs(b)) > large:
                too_large += 1
                continue
            close = abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))
            if is_real:
                if not close:
                    return Outcome.DISAGREE
                real.append(i)
                if len(real) >= ENOUGH:
                    return Outcome.AGREE
                continue
            not_real += 1
            if close:
                complex_agreements += 1
            else:
                complex_disagreements += 1
        return None

    verdict = judge(range(CANDIDATES))
    if verdict is None and too_large == CANDIDATES and large < math.inf:
        # Not one candidate had a machine value to judge ((x + 1)·…·(x + 200) is past 1e300 at
        # all of them): the wide points would not either, and the caller tries again with
        # mpmath's unbounded exponents.
        return Outcome.TOO_LARGE
    if verdict is None and len(real) < 2:
        verdict = judge(range(CANDIDATES, FIRST_NEAR))
        for i in list(real):
            if verdict is None:
                verdict = judge(near(i))
    if verdict is not None:
        return verdict
    if len(real) >= 2:
        return Outcome.AGREE
    if not complex_disagreements and len(real) + complex_agreements >= 2:
        return Outcome.AGREE
    return Outcome.TOO_LARGE if too_large > not_real else Outcome.NOT_REAL
