"""How ``explain`` and its renderings grow with the formula: nesting depth and number of terms
at sizes 1, 10, 100 and 500, in time and in what they print, beside the growth of the formula
and of its answer.

    python bench/bench_growth.py [--quick]    # quick: sizes 1, 10 and 100

Four families, each built in SymPy on a real x: a chain alternating sin and ln n links deep,
a sum of n terms x^k·sin(kx), a product of n factors (x + k), and a tower x^x^…^x n high. Per
size: seconds to explain (derive, simplify and verify every step), seconds to render that
explanation as text, Markdown, LaTeX and HTML, characters of the text rendering, and nodes of
the formula and of its answer (``chainrule.tidying.measure.size``); "×" is the growth against the
size before (sizes grow ×10, ×10, ×5).

Each cell runs in a fork of a process that has already explained and rendered small members
of every family (in another variable, so nothing of x is cached), with Python's default
recursion limit, as a learner's program has; a cell that finishes within a second is run
three times and the best kept. A cell that runs past ``TIMEOUT`` is stopped, and once a cell
takes more than ``SLOW`` seconds the family's bigger sizes are skipped. What chainrule refuses
by design (nesting past 400 levels, steps too long to show) is printed as refused, with its
message shortened. Not a test: times depend on the machine, so nothing here asserts them.
"""

from __future__ import annotations

import argparse
import gc
import math
import multiprocessing
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sympy

from chainrule.errors import ChainruleError
from chainrule.explaining import explain
from chainrule.formats import render
from chainrule.tidying.measure import size

SIZES = (1, 10, 100, 500)
QUICK_SIZES = (1, 10, 100)
FORMATS = ("text", "markdown", "latex", "html")
FORMAT_NAMES = {"text": "text", "markdown": "Markdown", "latex": "LaTeX", "html": "HTML"}
#: Seconds a cell may run before it is stopped.
TIMEOUT = 150.0
#: Once a cell takes longer than this, in seconds, the family's bigger sizes are skipped.
SLOW = 30.0
#: Cells quicker than this, in seconds, are run again: one run of a few ms is mostly noise.
QUICK_CELL = 1.0
REPEAT = 3
#: CPython's own default: the limit a learner's program runs with.
DEFAULT_RECURSION_LIMIT = 1000
ALL_NODES = 10**9

Family = Callable[[int, sympy.Symbol], sympy.Expr]


def sin_ln_chain(n: int, x: sympy.Symbol) -> sympy.Expr:
    e = x
    for i in range(n):
        e = sympy.sin(e) if i % 2 == 0 else sympy.log(e)
    return e


def sum_of_terms(n: int, x: sympy.Symbol) -> sympy.Expr:
    return sympy.Add(*(x**k * sympy.sin(k * x) for k in range(1, n + 1)))


def product_of_factors(n: int, x: sympy.Symbol) -> sympy.Expr:
    return sympy.Mul(*(x + k for k in range(1, n + 1)))


def tower(n: int, x: sympy.Symbol) -> sympy.Expr:
    e = x
    for _ in range(n - 1):
        e = x**e
    return e


#: Each family's row name at size n, and how to build it.
FAMILIES: dict[str, tuple[Callable[[int], str], Family]] = {
    "chain": (lambda n: f"sin/ln chain, depth {n}", sin_ln_chain),
    "sum": (lambda n: f"sum of {n} term{'s' * (n > 1)} x^k·sin(kx)", sum_of_terms),
    "product": (lambda n: f"product of {n} factor{'s' * (n > 1)} (x + k)", product_of_factors),
    "tower": (lambda n: f"tower x^x^…^x, height {n}", tower),
}


@contextmanager
def recursion_limit(limit: int) -> Iterator[None]:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(limit)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def shortened(error: BaseException) -> str:
    """The gist of an error's message: its first clause, without the advice after it."""
    text = str(error).splitlines()[0] if str(error) else ""
    text = text.split(": ")[0]
    for long, short in (
        (r"^the expression is ", ""),
        (r" is supported$", ""),
        (r"^the steps of this derivative are ", "steps "),
        (r" symbols and signs\)", " symbols)"),
    ):
        text = re.sub(long, short, text)
    text = text if len(text) <= 70 else text[:69] + "…"
    if isinstance(error, ChainruleError):
        return f"refused: {text}"
    return f"error: {type(error).__name__}: {text}" if text else f"error: {type(error).__name__}"


def measure(make: Family, n: int) -> dict[str, object]:
    """One cell: seconds, or why there are none, and sizes."""
    x = sympy.Symbol("x", real=True)
    # SymPy evaluates each node as it is built, asking about the nodes below it: building
    # 500 levels needs more room than Python's default gives.
    with recursion_limit(20_000):
        expr = make(n, x)
    cell: dict[str, object] = {"formula": size(expr, ALL_NODES)}
    with recursion_limit(DEFAULT_RECURSION_LIMIT):
        try:
            start = time.perf_counter()
            ex = explain(expr)
            cell["explain"] = time.perf_counter() - start
        except Exception as error:  # shown in its row, whatever it is
            cell["explain"] = shortened(error)
            return cell
        cell["answer"] = size(ex.derivative, ALL_NODES)
        for format in FORMATS:
            try:
                start = time.perf_counter()
                out = render(ex, format)
                cell[format] = time.perf_counter() - start
            except Exception as error:
                cell[format] = shortened(error)
                continue
            if format == "text":
                cell["chars"] = len(out)
    return cell


def in_fork(make: Family, n: int, timeout: float) -> dict[str, object]:
    """``measure`` in a child forked from this process, stopped after ``timeout`` seconds."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            send.send(measure(make, n))
        except BaseException as error:
            send.send({"explain": shortened(error)})

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()  # the child's copy stays open: the pipe ends when the child does
    try:
        if receive.poll(timeout):
            return receive.recv()
        return {"explain": f"timed out after {timeout:.0f} s"}
    except EOFError:
        return {"explain": f"error: the process ended with code {process.exitcode}"}
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()


def run_cell(make: Family, n: int, timeout: float) -> dict[str, object]:
    """The cell's figures, the best of ``REPEAT`` runs when one run is quick."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return measure(make, n)  # no fork (Windows): one run in this process, no time limit
    best = in_fork(make, n, timeout)
    for _ in range(REPEAT - 1):
        if seconds_taken(best) >= QUICK_CELL:
            break
        again = in_fork(make, n, timeout)
        for key, value in again.items():
            if isinstance(value, float) and isinstance(best.get(key), float):
                best[key] = min(best[key], value)
    return best


def seconds_taken(cell: dict[str, object]) -> float:
    return sum(v for k, v in cell.items() if k in ("explain", *FORMATS) and isinstance(v, float))


def warm_up() -> None:
    """Small members of every family explained and rendered once, in a variable the cells do
    not use: the code is loaded and has run, and SymPy's cache holds nothing of x."""
    t = sympy.Symbol("t", real=True)
    for _, make in FAMILIES.values():
        ex = explain(make(3, t))
        for format in FORMATS:
            render(ex, format)
    # The children share this process's memory until they write to it; a collection in a
    # child would touch every object, and time spent copying pages would count as work.
    gc.freeze()


def significant(value: float) -> str:
    """Two significant figures, with no exponent: 0.00041, 0.022, 2.1, 39, 138."""
    if value <= 0:
        return f"{value:.1f}"
    return f"{value:.{max(0, 1 - math.floor(math.log10(value)))}f}"


def figure(key: str, cell: dict[str, object], before: dict[str, object] | None) -> str:
    value = cell.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    shown = significant(value) if isinstance(value, float) else f"{value:,}"
    earlier = before.get(key) if before else None
    if isinstance(earlier, int | float) and earlier > 0:
        shown += f" ×{significant(value / earlier)}"
    return shown


def row(name: str, cell: dict[str, object], before: dict[str, object] | None) -> str:
    figures = [figure(key, cell, before) for key in ("explain", *FORMATS)]
    # A refusal repeated in every format says nothing more after the first.
    for i in range(len(figures) - 1, 1, -1):
        if figures[i].startswith("refused") and figures[i] == figures[i - 1]:
            figures[i] = "refused"
    sizes = [figure(key, cell, before) for key in ("chars", "formula", "answer")]
    return f"| {name} | {' | '.join(figures + sizes)} |"


def main(quick: bool = False, timeout: float = TIMEOUT) -> None:
    warm_up()
    try:
        table(QUICK_SIZES if quick else SIZES, timeout)
    finally:
        gc.unfreeze()  # leave the process as it was for whatever runs next


def table(sizes: tuple[int, ...], timeout: float) -> None:
    print(
        "Seconds to explain, then to render that explanation; the text rendering's length in "
        "characters; nodes of the formula and of its answer. × is the growth against the "
        "size before.\n"
    )
    columns = [f"{FORMAT_NAMES[f]} (s)" for f in FORMATS]
    print(
        f"| formula | explain (s) | {' | '.join(columns)} "
        "| text output (chars) | formula (nodes) | answer (nodes) |"
    )
    print("|---|" + "---:|" * (1 + len(FORMATS) + 3))
    for named, make in FAMILIES.values():
        before: dict[str, object] | None = None
        too_slow = None
        for n in sizes:
            name = named(n)
            if too_slow:
                print(f"| {name} | skipped: {too_slow} |" + " |" * (len(FORMATS) + 3))
                continue
            cell = run_cell(make, n, timeout)
            print(row(name, cell, before), flush=True)
            taken = seconds_taken(cell)
            if str(cell.get("explain", "")).startswith("timed out"):
                too_slow = f"size {n} ran past {timeout:.0f} s"
            elif taken > SLOW:
                too_slow = f"size {n} took {taken:.0f} s"
            before = cell


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes 1, 10 and 100 only")
    parser.add_argument(
        "--timeout", type=float, default=TIMEOUT, help=f"seconds per cell ({TIMEOUT:.0f})"
    )
    args = parser.parse_args()
    main(quick=args.quick, timeout=args.timeout)
