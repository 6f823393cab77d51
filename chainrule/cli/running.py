"""How a command runs its work: the garbage collector settled after start-up, a time budget
(--timeout), and running out of time told as one line, like any other user error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

#: Seconds a command may compute before it gives up (--timeout); 0 is no limit.
TIMEOUT = 10.0

#: Whether an internal error shows its traceback: --debug or CHAINRULE_DEBUG=1.
debug = False


@contextmanager
def computing(seconds: float) -> Iterator[None]:
    """The body is the command's work, begun once the library is loaded: it gets
    ``seconds`` (no limit if 0); past them the command stops with "gave up after … s", exit
    status 2. Waits for the learner inside are ``chainrule.budget.waiting()``: not counted,
    and each computation after one gets the whole budget again."""
    from chainrule.budget import OutOfTime, within
    from chainrule.cli.output import fail

    settled()
    try:
        with within(seconds):
            yield
    except OutOfTime as error:
        raise fail(
            ValueError(
                f"gave up after {error.seconds:g} s: still computing. Allow longer with"
                " --timeout SECONDS, or --timeout 0 for no limit."
            )
        ) from None


def computed(seconds: float, work: Callable[..., T], /, **arguments) -> T:
    """``work(**arguments)`` as the command's work, as ``computing`` runs it."""
    with computing(seconds):
        return work(**arguments)


def settled() -> None:
    """The collector back on, with what start-up imported frozen: those objects live as long
    as the process, so no collection needs to scan them again (a gen-2 pass over SymPy's
    objects took 8 to 35 ms here). Only where ``chainrule.cli.app.main`` switched the
    collector off, so a test process that calls a command is left as it was."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()
