"""How long ``explain`` takes (without rendering), next to plain ``sympy.diff``.

    python bench/bench_explain.py [--quick]

Prints a Markdown table: textbook expressions, then families that grow (nesting depth,
number of terms) to show that the cost grows about linearly with size. Not a test: times
depend on the machine, so nothing here asserts them.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import sympy
from sympy import cos, exp, log, sin, sqrt, tan

from chainrule.explaining import explain
from chainrule.functions import sigmoid

x, y, w, b = sympy.symbols("x y w b")

TEXTBOOK = {
    "log(2+cos(x))": log(2 + cos(x)),
    "sin(x)/x": sin(x) / x,
    "x^2·exp(-x)": x**2 * exp(-x),
    "sqrt(1+tan(x)^2)": sqrt(1 + tan(x) ** 2),
    "σ(w·x+b) wrt w": sigmoid(w * x + b),
    "x^x": x**x,
}


def nested_sin(n: int) -> sympy.Expr:
    e = x
    for _ in range(n):
        e = sin(e)
    return e


def nested_mixed(n: int) -> sympy.Expr:
    # Cycles through table entries with different derivative forms (tan → sec², …).
    heads = (sin, exp, tan, lambda u: log(2 + u**2), cos)
    e = x
    for i in range(n):
        e = heads[i % len(heads)](e)
    return e


def long_sum(n: int) -> sympy.Expr:
    return sympy.Add(*(sin(k * x) * x**k for k in range(1, n + 1)))


def best_of(f: Callable[[int], object], repeat: int, cold: bool) -> float:
    """Seconds for one call of f(k), the best of ``repeat`` runs k = 0, 1, …

    Cold: SymPy's cache is cleared before each run. Fresh: each run gets an expression no
    earlier run has seen (a new variable name), in a process that has been working.
    """
    best = float("inf")
    for k in range(repeat):
        if cold:
            sympy.core.cache.clear_cache()
        start = time.perf_counter()
        f(k)
        best = min(best, time.perf_counter() - start)
    return best


def renamed(expr: sympy.Expr, wrt: sympy.Symbol, k: int) -> tuple[sympy.Expr, sympy.Symbol]:
    fresh = sympy.Symbol(f"{wrt.name}_{k}")
    return expr.xreplace({wrt: fresh}), fresh


def row(name: str, expr: sympy.Expr, wrt: sympy.Symbol, repeat: int) -> str:
    figures = []
    for cold in (False, True):
        if cold:
            cases = [(expr, wrt)] * repeat
        else:
            # Warm the process up once, then time expressions it has not seen.
            explain(expr, wrt=wrt)
            cases = [renamed(expr, wrt, k) for k in range(repeat)]
        t_explain = best_of(lambda k, c=cases: explain(c[k][0], wrt=c[k][1]), repeat, cold)
        t_diff = best_of(lambda k, c=cases: sympy.diff(*c[k]), repeat, cold)
        figures.append(f"{t_explain * 1e3:.1f} | {t_diff * 1e3:.1f} | {t_explain / t_diff:.1f}")
    return f"| {name} | {' | '.join(figures)} |"


def main(quick: bool = False) -> None:
    """The whole table; ``quick``: the textbook formulas and the two smallest sizes only."""
    sizes = (10, 25) if quick else (10, 25, 50, 100)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    print("Times in ms, best of several runs. Fresh: a new expression in a warm process;")
    print("cold: SymPy's cache cleared first.\n")
    print(
        "| expression | explain, fresh | sympy.diff, fresh | ratio "
        "| explain, cold | sympy.diff, cold | ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, expr in TEXTBOOK.items():
        print(row(name, expr, w if "wrt w" in name else x, repeat=7), flush=True)
    for family, make in (("sin nested", nested_sin), ("mixed nested", nested_mixed)):
        for n in sizes:
            print(row(f"{family}, depth {n}", make(n), x, repeat=3), flush=True)
    for n in sizes:
        print(row(f"sum of {n} terms x^k·sin(kx)", long_sum(n), x, repeat=3), flush=True)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
