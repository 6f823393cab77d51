"""explain from several threads at once (issue 11, point 4): a deep chain beside small ones
never raises RecursionError in either, and the recursion limit comes back as it was."""

from __future__ import annotations

import sys
import threading

import sympy

from chainrule import explain
from chainrule.formats import render

x = sympy.Symbol("x", real=True)


def _nest(depth: int) -> sympy.Expr:
    e = x
    for i in range(depth):
        e = (sympy.sin if i % 2 == 0 else sympy.log)(e)
    return e


def test_a_deep_explain_beside_small_ones_in_threads():
    deep = _nest(250)
    before = sys.getrecursionlimit()
    errors: list[BaseException] = []
    results: list = []

    def run(work) -> None:
        try:
            results.append(work())
        except BaseException as error:  # collected and reported below
            errors.append(error)

    def small() -> bool:
        return all(
            explain(f).verification.ok for f in ("log(2+cos(x))", "x^2 sin(x)", "tan(x^3)") * 3
        )

    def big() -> bool:
        e = explain(deep)
        return e.verification.ok and len(render(e, "text")) > 0

    threads = [threading.Thread(target=run, args=(w,)) for w in (big, small, small, small)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert results == [True] * 4
    assert sys.getrecursionlimit() == before
