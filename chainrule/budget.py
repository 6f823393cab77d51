"""A time budget for computing: past it the work stops with a clear error instead of running on.

    >>> from chainrule.budget import within
    >>> with within(10):
    ...     h = chainrule.explain("log(2+cos(x))")

On POSIX the main thread gets a SIGALRM timer whose handler raises inside the work, wherever
Python is running it (SymPy included). Elsewhere (Windows) a watchdog thread interrupts the main
thread the way Ctrl-C does. Work on any other thread cannot be interrupted from outside, so there
the budget is not enforced. Neither way can stop one long operation inside C (a single huge
big-integer power): the work stops as soon as that operation returns. The parser refuses such
numbers before they are built (``chainrule.parsing.limits``).

Time spent ``waiting()`` for a learner to type is not computing: when the wait is over, every
running budget starts again in full, so an interactive command gets the budget per computation.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from chainrule.errors import ChainruleError

#: Once rung, the alarm rings again this often (seconds) until the budget's ``within`` hears
#: it, in case code on the way out caught the first ring and carried on.
_AGAIN = 1.0

#: The longest budget the clocks hold, in seconds (292 years where the timer counts
#: nanoseconds in 64 bits; a watchdog's wait on Windows, 49 days). A longer one is no limit,
#: as ``inf`` is: it would outlast the work anyway.
LONGEST = threading.TIMEOUT_MAX


class OutOfTime(ChainruleError):
    """The work did not finish within its budget of ``seconds``."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"gave up after {seconds:g} s: the computation took longer than that")

    def __reduce__(self):
        return (type(self), (self.seconds,))


class _Rung(BaseException):
    """Raised inside the work when a budget runs out. A BaseException, as KeyboardInterrupt is,
    so that no ``except Exception`` (SymPy has many) swallows it on its way to ``within``."""

    def __init__(self, budget: _Budget) -> None:
        self.budget = budget
        super().__init__(budget.seconds)


@dataclass(eq=False)
class _Budget:
    seconds: float
    deadline: float


_MAIN = threading.main_thread()
#: The budgets running on the main thread, innermost last; the clock is set for the earliest.
_running: list[_Budget] = []
_watchdog: threading.Timer | None = None


@contextmanager
def within(seconds: float | None) -> Iterator[None]:
    """Run the body in at most ``seconds`` of wall-clock time, else raise ``OutOfTime``.

    None or 0 means no limit, and so does a budget longer than the clock holds (``LONGEST``,
    ``inf``). Budgets nest: the one that runs out first stops the work, and its own ``within``
    reports it.
    """
    if seconds is not None and not seconds >= 0:
        raise ValueError(f"a time budget is a number of seconds ≥ 0, not {seconds}")
    if not seconds or seconds > LONGEST or threading.current_thread() is not _MAIN:
        yield
        return
    budget = _Budget(seconds, time.monotonic() + seconds)
    previous = signal.signal(signal.SIGALRM, _ring) if _alarm() and not _running else None
    _running.append(budget)
    _set_clock()
    try:
        yield
    except _Rung as rung:
        if rung.budget is not budget:
            raise  # an outer budget ran out: its own `within` says so
        raise OutOfTime(seconds) from None
    except KeyboardInterrupt:
        # The watchdog's way in (where there is no SIGALRM) looks like Ctrl-C.
        if not _expired(budget):
            raise
        raise OutOfTime(seconds) from None
    finally:
        _running.remove(budget)
        _set_clock()
        if previous is not None:
            signal.signal(signal.SIGALRM, previous)


@contextmanager
def waiting() -> Iterator[None]:
    """Not counted: the time spent in the body, such as a learner typing an answer. Every
    running budget starts again in full afterwards."""
    if not _running or threading.current_thread() is not _MAIN:
        yield
        return
    _stop_clock()
    try:
        yield
    finally:
        now = time.monotonic()
        for budget in _running:
            budget.deadline = now + budget.seconds
        _set_clock()


def _alarm() -> bool:
    """Whether this platform has the POSIX interval timer (not Windows)."""
    return hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


def _expired(budget: _Budget) -> bool:
    return time.monotonic() >= budget.deadline


def _set_clock() -> None:
    """Set the clock for the earliest deadline of the running budgets, or stop it."""
    _stop_clock()
    if not _running:
        return
    delay = max(1e-3, min(b.deadline for b in _running) - time.monotonic())
    if _alarm():
        signal.setitimer(signal.ITIMER_REAL, delay, _AGAIN)
    else:
        global _watchdog
        _watchdog = threading.Timer(delay, _bark)
        _watchdog.daemon = True
        _watchdog.start()


def _stop_clock() -> None:
    global _watchdog
    if _alarm():
        signal.setitimer(signal.ITIMER_REAL, 0)
    elif _watchdog is not None:
        _watchdog.cancel()
        _watchdog = None


def _ring(signum, frame) -> None:
    """The SIGALRM handler: stop the work if a budget has run out (the earliest first)."""
    late = [b for b in _running if _expired(b)]
    if late:
        raise _Rung(min(late, key=lambda b: b.deadline))
    _set_clock()  # rung a little early: the two clocks differ by a hair


def _bark() -> None:
    """The watchdog's alarm, on its own thread: interrupt the main thread as Ctrl-C would."""
    import _thread

    if any(_expired(b) for b in _running):
        _thread.interrupt_main()
