"""The worker pool and the per-client limit: a computation past its limit is stopped (by its
own budget, or by killing its worker, which is then replaced) while the others go on."""

import asyncio
import time

import pytest

pytest.importorskip("starlette")

from chainrule.web.guard import Clients, TooMany  # noqa: E402
from chainrule.web.pool import GRACE, SLOW, Busy, GaveUp, Pool  # noqa: E402


def _run(coroutine_function):
    async def main():
        pool = Pool(2, limit=SLOW + 0.5, wait=0.5)
        await pool.start()
        try:
            await coroutine_function(pool)
        finally:
            await pool.close()

    asyncio.run(main())


def test_a_worker_stuck_past_its_limit_is_killed_and_replaced_while_the_other_serves():
    async def work(pool):
        before = pool.pids
        start = time.monotonic()
        stuck = asyncio.create_task(pool.run("sleep", seconds=30, stuck=True))
        await asyncio.sleep(0.1)
        fast = await pool.run("explain", f="sin(x)")
        assert "html" in fast and time.monotonic() - start < 1.0
        with pytest.raises(GaveUp) as gave_up:
            await stuck
        assert gave_up.value.seconds == pool.limit
        assert time.monotonic() - start < pool.limit + GRACE + 1.0
        assert pool.replaced == 1 and pool.pids != before and len(pool.pids) == 2
        assert "html" in await pool.run("explain", f="cos(x)")

    _run(work)


def test_python_work_past_the_limit_is_stopped_by_the_budget_before_the_kill():
    async def work(pool):
        start = time.monotonic()
        with pytest.raises(GaveUp):
            await pool.run("sleep", seconds=30)
        assert time.monotonic() - start < pool.limit + GRACE * 0.8

    _run(work)


def test_a_quick_computation_keeps_its_worker_and_a_slow_one_gives_way():
    async def work(pool):
        before = pool.pids
        await pool.run("sleep", seconds=0.1)
        assert pool.pids == before
        # Past SLOW the worker is reniced, so it is replaced once it answers.
        assert await pool.run("sleep", seconds=SLOW + 0.2) == {"slept": SLOW + 0.2}
        assert pool.replaced == 1 and pool.pids != before

    _run(work)


def test_a_request_that_finds_every_worker_busy_is_told_so():
    async def work(pool):
        slow = [asyncio.create_task(pool.run("sleep", seconds=0.9)) for _ in range(2)]
        await asyncio.sleep(0.1)
        with pytest.raises(Busy):
            await pool.run("explain", f="sin(x)")
        for task in slow:
            assert (await task) == {"slept": 0.9}

    _run(work)


def test_a_client_gets_a_few_computations_at_once_and_a_few_in_line():
    async def main():
        clients = Clients(at_once=2, waiting=1)
        running = 0
        most = 0
        release = asyncio.Event()

        async def request():
            nonlocal running, most
            async with clients.slot("10.0.0.1"):
                running += 1
                most = max(most, running)
                await release.wait()
                running -= 1

        tasks = [asyncio.create_task(request()) for _ in range(3)]
        await asyncio.sleep(0.05)
        with pytest.raises(TooMany):
            async with clients.slot("10.0.0.1"):
                pass
        async with clients.slot("10.0.0.2"):  # another client is not held up
            pass
        release.set()
        await asyncio.gather(*tasks)
        assert most == 2
        assert clients._by == {}  # forgotten once it has nothing in hand

    asyncio.run(main())


def test_the_page_says_it_gave_up_after_the_limit():
    from starlette.testclient import TestClient

    from chainrule.web.app import create_app

    # Lesson 9 trains three networks as its script runs: longer than a tenth of a second.
    with TestClient(create_app(workers=2, limit=0.1)) as client:
        r = client.get("/lessons/9")
        assert r.status_code == 503
        assert "Gave up after 0.1 s" in r.text
        assert client.get("/api/explain", params={"f": "sin(x)"}).status_code == 200


def test_a_bug_in_a_computation_is_said_and_the_worker_goes_on():
    from chainrule.web.pool import Failed

    async def work(pool):
        before = pool.pids
        with pytest.raises(Failed, match="KeyError"):
            await pool.run("no such job")
        assert pool.pids == before
        assert "html" in await pool.run("explain", f="sin(x)")

    _run(work)
