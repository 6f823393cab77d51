"""Room on Python's stack for deep expressions: SymPy, our rules and its printers recurse once
per level of nesting, and a deep chain outgrows Python's default limit of 1,000 frames."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: Frames one level of nesting may take: SymPy's printers and replace use about 17, twice that
#: leaves room.
FRAMES_PER_LEVEL = 40


@contextmanager
def stack_room(levels: int) -> Iterator[None]:
    """Raise the recursion limit for work on something nested ``levels`` deep, then restore it.

    The limit is process-wide: this is not safe to use from several threads at once.
    """
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 1000 + FRAMES_PER_LEVEL * levels))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)
