"""A pool of worker processes with a hard time limit on every computation.

A SymPy computation cannot be interrupted from another thread, so each one runs in a process
of its own: a worker past its limit is killed and a fresh one takes its place, and the others
go on serving meanwhile. The workers fork from a server process that imported the library
once (``forkserver`` with ``chainrule.web.jobs`` preloaded), so a replacement is ready in
milliseconds, not the second a SymPy import takes.

Inside a worker the library's own budget (``chainrule.budget.within``) stops the work at the
limit when Python is running it; the kill, a moment later, is for work stuck inside C. Either
way the worker is replaced: work stopped halfway may have left the library's state halfway.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
from dataclasses import dataclass
from typing import Any

#: Seconds past the limit before a worker whose own budget did not stop it is killed.
GRACE = 0.5
#: Seconds after which a computation gives way: its worker is reniced, so the quick requests
#: of everyone else get the processor first, and is replaced once it answers (a process
#: cannot take back its priority).
SLOW = 1.0
#: How far a slow worker is reniced (0 normal, 19 the least).
NICE = 10


class GaveUp(Exception):
    """The computation passed its limit of ``seconds`` and was stopped."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"gave up after {seconds:g} s")


class Busy(Exception):
    """Every worker stayed busy for longer than a request may wait for one."""


class Failed(Exception):
    """The computation raised something that is not a user's error: a bug, said in one line."""


def _work(conn, limit: float) -> None:
    """A worker's life: read a job, run it within the limit, send back what it gave."""
    from chainrule.budget import OutOfTime, within
    from chainrule.web import jobs

    # Ctrl-C on the server reaches the whole process group; the server stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            name, arguments = conn.recv()
        except (EOFError, OSError):
            return
        try:
            with within(limit):
                reply = ("ok", jobs.run(name, arguments))
        except OutOfTime:
            reply = ("timeout", limit)
        except Exception as error:  # a bug: the server says so, and the worker goes on
            reply = ("failed", f"{type(error).__name__}: {error}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Any
    niced: bool = False


def _give_way(worker: _Worker) -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, worker.process.pid, NICE)
        worker.niced = True
    except (AttributeError, OSError):  # no priorities here (Windows): it runs on as it is
        pass


class Pool:
    """``workers`` processes, each computation limited to ``limit`` seconds; a request waits
    at most ``wait`` seconds for a free worker before it is told the server is busy."""

    def __init__(self, workers: int = 2, limit: float = 5.0, wait: float = 10.0) -> None:
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        self.size, self.limit, self.wait = workers, limit, wait
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["chainrule.web.jobs"])
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self.replaced = 0

    def _spawn(self) -> _Worker:
        mine, theirs = self._context.Pipe()
        process = self._context.Process(target=_work, args=(theirs, self.limit), daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(process, mine)
        self._all.add(worker)
        return worker

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            self._idle.put_nowait(await loop.run_in_executor(None, self._spawn))

    async def run(self, name: str, **arguments: Any) -> Any:
        """What job ``name`` returns for ``arguments``, computed in a worker. Raises
        ``GaveUp`` past the limit, ``Busy`` when no worker came free in time, ``Failed`` on
        a bug."""
        if self._idle is None:
            raise RuntimeError("the pool has not been started")
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.wait)
        except TimeoutError:
            raise Busy from None
        loop = asyncio.get_running_loop()
        answered: asyncio.Future = loop.create_future()
        fd = worker.conn.fileno()
        loop.add_reader(fd, lambda: answered.done() or answered.set_result(None))
        healthy = False
        try:
            worker.conn.send((name, arguments))
            start = loop.time()
            try:
                await asyncio.wait_for(asyncio.shield(answered), min(SLOW, self.limit + GRACE))
            except TimeoutError:
                _give_way(worker)
                left = self.limit + GRACE - (loop.time() - start)
                await asyncio.wait_for(asyncio.shield(answered), max(left, 0))
            kind, value = worker.conn.recv()
            # Work stopped halfway may leave the library's state halfway (a raised recursion
            # limit, a thread still computing deep in a chain): such a worker is replaced too.
            healthy = kind != "timeout" and not worker.niced
        except (TimeoutError, EOFError, OSError):
            kind, value = "timeout", self.limit
        finally:
            loop.remove_reader(fd)
            if healthy:
                self._idle.put_nowait(worker)
            else:
                # Killed even when it has just died by itself (out of memory): a fresh one
                # takes its place either way.
                self._idle.put_nowait(await loop.run_in_executor(None, self._renew, worker))
        if kind == "timeout":
            raise GaveUp(value)
        if kind == "failed":
            raise Failed(value)
        return value

    def _renew(self, worker: _Worker) -> _Worker:
        self._kill(worker)
        self.replaced += 1
        return self._spawn()

    def _kill(self, worker: _Worker) -> None:
        self._all.discard(worker)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    @property
    def pids(self) -> list[int]:
        """The workers' process ids (for a test to see one replaced)."""
        return sorted(w.process.pid for w in self._all)

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        for worker in list(self._all):
            await loop.run_in_executor(None, self._kill, worker)
        self._idle = None


def default_workers() -> int:
    """Two workers per core, and at least four: a slow computation holds one worker (and,
    reniced, little of its core) while the others go on serving everyone else."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(4, 2 * (cores or 1))
