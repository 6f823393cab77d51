"""Room on Python's stack for deep expressions: SymPy, our rules and its printers recurse once
per level of nesting, and a deep chain outgrows Python's default limit of 1,000 frames.

Two things must grow together. The recursion limit is one number for the whole process, so
several threads share it: each asks for what it needs, and the limit stays at the largest
request until the last one is done (a deep explain never lowers it under a thread still at
work). The C stack is per thread: past ``BIG`` levels the work runs on a thread of its own with
a stack large enough for the frames it may take, so a deep formula raises a clean error or
finishes, and never overflows the interpreter's stack. Whatever still runs out of room (a
RecursionError from anywhere in the work) is refused as ``TooDeep``, a user error.
"""

from __future__ import annotations

import contextvars
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from chainrule.errors import TooDeep

#: Frames one level of nesting may take: SymPy's printers and replace use about 17, twice that
#: leaves room.
FRAMES_PER_LEVEL = 40
#: Past this many levels the work gets a thread with a stack of its own.
BIG = 60
#: Bytes of C stack per level on that thread: a Python frame that recurses through C (SymPy's
#: hashing, comparing, printing) takes a few kilobytes.
BYTES_PER_LEVEL = 256 * 1024
_MAX_STACK = 1 << 30

T = TypeVar("T")

_lock = threading.Lock()
_requests: list[int] = []
_base = sys.getrecursionlimit()


@contextmanager
def stack_room(levels: int) -> Iterator[None]:
    """The recursion limit raised for work nested ``levels`` deep, while it runs. Safe from
    several threads: the limit is the largest of the requests still running."""
    global _base
    need = 1000 + FRAMES_PER_LEVEL * levels
    with _lock:
        if not _requests:
            _base = sys.getrecursionlimit()
        _requests.append(need)
        sys.setrecursionlimit(max([_base, *_requests]))
    try:
        yield
    except RecursionError:
        # SymPy recursed past even the room made here (its evalf, sorting and printers
        # recurse in ways depth alone does not measure): a refusal, not a crash.
        raise TooDeep() from None
    finally:
        with _lock:
            _requests.remove(need)
            sys.setrecursionlimit(max([_base, *_requests]))


def deep(levels: int, work: Callable[[], T]) -> T:
    """``work()`` with room for ``levels`` of nesting: on this thread when shallow, else on a
    thread with a stack that fits (the caller waits; its context variables go along)."""
    if levels <= BIG:
        with stack_room(levels):
            return work()
    context = contextvars.copy_context()
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            with stack_room(levels):
                outcome["value"] = context.run(work)
        except BaseException as error:  # handed to the caller, who raises it
            outcome["error"] = error

    size = min(_MAX_STACK, max(32 << 20, BYTES_PER_LEVEL * levels))
    with _lock:  # stack_size is one setting for the threads started after it
        old = threading.stack_size(size)
        try:
            thread = threading.Thread(target=run, name="chainrule-deep", daemon=True)
            thread.start()
        finally:
            threading.stack_size(old)
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
