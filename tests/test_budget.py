"""The time budget: work past it stops with OutOfTime wherever Python is running it, a wait for
the learner is not counted, and the process's alarm is left as it was found. Each test asserts
what happened (stopped or finished), never how long it took."""

from __future__ import annotations

import contextlib
import pickle
import signal
import threading
import time

import pytest
import sympy

from chainrule.budget import OutOfTime, waiting, within
from chainrule.errors import ChainruleError


def forever() -> None:
    while True:
        pass


def test_work_past_its_budget_stops_with_a_clear_error():
    with pytest.raises(OutOfTime) as stopped, within(0.2):
        forever()
    assert str(stopped.value).startswith("gave up after 0.2 s: ")
    assert isinstance(stopped.value, ChainruleError)  # a user error: exit 2, one line


@pytest.mark.parametrize("seconds", [None, 0])
def test_no_budget_means_no_limit(seconds):
    with within(seconds):
        time.sleep(0.05)


def test_work_within_its_budget_is_left_alone():
    with within(30):
        assert sympy.diff(sympy.sin(sympy.Symbol("x")) ** 2) != 0


def test_except_exception_in_the_work_cannot_swallow_it():
    # SymPy has many `except Exception:`; running out of time must get past every one.
    with pytest.raises(OutOfTime), within(0.2):
        while True:
            with contextlib.suppress(Exception):
                time.sleep(0.01)


def test_explaining_a_deep_formula_on_its_own_thread_is_stopped_too():
    # Past 60 levels the work runs on a thread with a large stack; the caller waits for it.
    from chainrule.explaining import explain

    x = sympy.Symbol("x")
    deep = x
    for _ in range(150):
        deep = sympy.sin(deep)
    with pytest.raises(OutOfTime), within(0.001):
        explain(deep)


def test_an_inner_budget_that_runs_out_is_its_own():
    with within(30):
        with pytest.raises(OutOfTime) as inner, within(0.1):
            forever()
        assert inner.value.seconds == 0.1
        time.sleep(0.2)  # the outer budget still runs, and has time left


def test_an_outer_budget_that_runs_out_is_reported_as_the_outer_one():
    with pytest.raises(OutOfTime) as stopped, within(0.2), within(30):
        forever()
    assert stopped.value.seconds == 0.2


def test_waiting_for_the_learner_is_not_counted():
    with within(0.5):
        for _ in range(3):
            with waiting():
                time.sleep(0.3)  # 0.9 s in all, none of it computing
            sympy.expand((sympy.Symbol("x") + 1) ** 3)


def test_after_a_wait_the_budget_starts_again_and_still_stops_work():
    with pytest.raises(OutOfTime), within(0.3):
        with waiting():
            time.sleep(0.4)
        forever()


def test_the_alarm_is_left_as_it_was():
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(OutOfTime), within(0.1):
        forever()
    with within(5):
        pass
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_without_a_posix_alarm_a_watchdog_stops_the_work(monkeypatch):
    # As on Windows: no SIGALRM, so a watchdog thread interrupts the main thread.
    import chainrule.budget as budget

    monkeypatch.setattr(budget, "_alarm", lambda: False)
    with pytest.raises(OutOfTime), within(0.2):
        forever()


def test_without_a_posix_alarm_ctrl_c_is_still_ctrl_c(monkeypatch):
    import chainrule.budget as budget

    monkeypatch.setattr(budget, "_alarm", lambda: False)
    with pytest.raises(KeyboardInterrupt), within(30):
        raise KeyboardInterrupt


def test_on_another_thread_the_budget_is_not_enforced():
    # Only the main thread can be interrupted from outside; elsewhere the work runs to its end.
    done = []

    def work():
        with within(0.01):
            time.sleep(0.1)
        done.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert done == [True]


def test_a_budget_is_a_number_of_seconds():
    with pytest.raises(ValueError), within(-1):
        pass


def test_out_of_time_survives_pickling():
    again = pickle.loads(pickle.dumps(OutOfTime(2.5)))
    assert isinstance(again, OutOfTime) and again.seconds == 2.5
    assert str(again) == str(OutOfTime(2.5))
