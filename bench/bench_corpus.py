"""How long ``explain`` takes over a textbook's worth of formulas, alone and with each format's
rendering, next to plain ``sympy.diff``.

    python bench/bench_corpus.py [--quick] [-n REPEAT]

The formulas are ``corpus.FORMULAS``, typed as a learner types them. Each is explained once
from its text (which checks that it still explains and verifies; one that does not is listed
and left out), and that expression is what is timed. Per formula, the best of several runs:

- ``sympy.diff`` of the expression;
- ``explain`` (derive, simplify and verify every step);
- for each format (text, what ``chainrule explain`` prints; rich, the terminal's; LaTeX,
  Markdown, HTML and JSON), ``explain`` then ``render(…, format)``: what one
  ``chainrule explain --format …`` does once it has read the formula.

Every run of every measure gets an expression the process has not seen (x renamed to a new
real symbol), in a process that has already explained and rendered the whole corpus once, so
SymPy's cache holds nothing of it and no format profits from what another printed. Printed as
a Markdown table: per measure the median over the corpus, its 90th percentile and the slowest
formula; and the median and 90th percentile of the per-formula ratios to ``sympy.diff``, all
taken in the same run, with the median ratio of the rendering alone. Not a test: times depend
on the machine, so nothing here asserts them.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time

import sympy
from corpus import FORMULAS

from chainrule.errors import ChainruleError
from chainrule.explaining import explain
from chainrule.formats import render

FORMATS = ("text", "rich", "latex", "markdown", "html", "json")
MEASURES = ("`sympy.diff`", "explain", *(f"explain + {format}" for format in FORMATS))

_names = itertools.count()


def fresh(expr: sympy.Expr, x: sympy.Symbol) -> tuple[sympy.Expr, sympy.Symbol]:
    """``expr`` in a variable no earlier run has used, so that no cached result helps."""
    new = sympy.Symbol(f"{x.name}_{next(_names)}", real=True)
    return expr.xreplace({x: new}), new


def one_run(expr: sympy.Expr, x: sympy.Symbol) -> tuple[float, list[tuple[float, float]]]:
    """Seconds of ``sympy.diff``, then (explain, render) per format, each of a fresh copy."""
    e, v = fresh(expr, x)
    start = time.perf_counter()
    sympy.diff(e, v)
    t_diff = time.perf_counter() - start
    stages = []
    for format in FORMATS:
        e, v = fresh(expr, x)
        start = time.perf_counter()
        ex = explain(e, wrt=v)
        explained = time.perf_counter()
        render(ex, format)
        stages.append((explained - start, time.perf_counter() - explained))
    return t_diff, stages


def best_of(runs: list[tuple[float, list[tuple[float, float]]]]) -> list[float]:
    """Per measure the fastest run: diff, explain (the first format's, so that every measure
    is the best of as many runs), then explain + render per format (the explain and the render
    of one run, not two best halves), then the render alone per format."""
    out = [min(t_diff for t_diff, _ in runs), min(stages[0][0] for _, stages in runs)]
    out += [min(sum(stages[i]) for _, stages in runs) for i in range(len(FORMATS))]
    out += [min(stages[i][1] for _, stages in runs) for i in range(len(FORMATS))]
    return out


def checked_corpus() -> tuple[dict[str, tuple[sympy.Expr, sympy.Symbol]], list[str]]:
    """Each formula that explains and verifies, as (expression, variable); and the others."""
    kept, dropped = {}, []
    for text in FORMULAS:
        try:
            ex = explain(text)
        except ChainruleError as error:
            dropped.append(f"{text} ({str(error).splitlines()[-1]})")
            continue
        if not ex.verification.ok:
            dropped.append(f"{text} (not verified)")
            continue
        kept[text] = (ex.expression, ex.variable)
    return kept, dropped


def warm_up(corpus: dict[str, tuple[sympy.Expr, sympy.Symbol]]) -> None:
    """Every formula explained and rendered once: each format's modules are imported and each
    code path has run before anything is timed."""
    for expr, x in corpus.values():
        ex = explain(expr, wrt=x)
        for format in FORMATS:
            render(ex, format)


def percentile_90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def main(quick: bool = False, repeat: int | None = None) -> None:
    repeat = repeat or (2 if quick else 7)
    corpus, dropped = checked_corpus()
    warm_up(corpus)
    best: dict[str, list[float]] = {}
    for text, (expr, x) in corpus.items():
        best[text] = best_of([one_run(expr, x) for _ in range(repeat)])

    print(
        f"{len(corpus)} formulas (`bench/corpus.py`), each timed as an expression the process "
        f"has not seen, best of {repeat} runs; times in ms. Ratios are per formula, "
        "÷ its own `sympy.diff`, then the median or 90th percentile of those; the last column "
        "is the format's rendering alone.\n"
    )
    if dropped:
        print(f"Left out, as they no longer explain and verify: {'; '.join(dropped)}.\n")
    print(
        "| measure | median | 90th percentile | slowest | slowest formula "
        "| median ÷ diff | 90th percentile ÷ diff | render alone, median ÷ diff |"
    )
    print("|---|---:|---:|---:|---|---:|---:|---:|")
    for i, measure in enumerate(MEASURES):
        times = {text: figures[i] for text, figures in best.items()}
        ratios = [figures[i] / figures[0] for figures in best.values()]
        slowest = max(times, key=times.__getitem__)
        against_diff = (
            f"{statistics.median(ratios):.1f}× | {percentile_90(ratios):.1f}×" if i else "— | —"
        )
        alone = "—"
        if i >= 2:
            rendered = [f[i + len(FORMATS)] / f[0] for f in best.values()]
            alone = f"{statistics.median(rendered):.2f}×"
        print(
            f"| {measure} | {statistics.median(times.values()) * 1e3:.1f} "
            f"| {percentile_90(list(times.values())) * 1e3:.1f} "
            f"| {times[slowest] * 1e3:.1f} | `{slowest}` "
            f"| {against_diff} | {alone} |",
            flush=True,
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs of each formula")
    parser.add_argument("-n", "--repeat", type=int, help="runs of each formula (7; quick 2)")
    args = parser.parse_args()
    main(quick=args.quick, repeat=args.repeat)
