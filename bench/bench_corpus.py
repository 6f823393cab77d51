"""How long ``explain`` takes over a textbook's worth of formulas, alone and with rendering,
next to plain ``sympy.diff``.

    python bench/bench_corpus.py [--quick] [-n REPEAT]

The formulas are ``corpus.FORMULAS``, typed as a learner types them. Each is explained once
from its text (which checks that it still explains and verifies; one that does not is listed
and left out), and that expression is what is timed. Per formula, the best of several runs:

- ``sympy.diff`` of the expression;
- ``explain`` (derive, simplify and verify every step);
- ``explain`` then ``render(…, "text")``, what ``chainrule explain`` prints;
- ``explain`` then the text, Markdown, LaTeX and HTML renderings of that one explanation.

The last three are the stages of one run, timed stage by stage. Every run of every formula
gets an expression the process has not seen (x renamed to a new real symbol), in a process
that has already explained and rendered the whole corpus once, so SymPy's cache holds nothing
of it. Printed as a Markdown table: per measure the median over the corpus, its 90th
percentile and the slowest formula; and the median and 90th percentile of the per-formula
ratios to ``sympy.diff``, both taken in the same run. Not a test: times depend on the machine,
so nothing here asserts them.
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

OTHER_FORMATS = ("markdown", "latex", "html")
MEASURES = (
    "`sympy.diff`",
    "explain",
    "explain + text",
    "explain + text, Markdown, LaTeX, HTML",
)

_names = itertools.count()


def fresh(expr: sympy.Expr, x: sympy.Symbol) -> tuple[sympy.Expr, sympy.Symbol]:
    """``expr`` in a variable no earlier run has used, so that no cached result helps."""
    new = sympy.Symbol(f"{x.name}_{next(_names)}", real=True)
    return expr.xreplace({x: new}), new


def one_run(expr: sympy.Expr, x: sympy.Symbol) -> tuple[float, float, float, float]:
    """Seconds of each measure, for one fresh copy of ``expr`` each."""
    e, v = fresh(expr, x)
    start = time.perf_counter()
    sympy.diff(e, v)
    t_diff = time.perf_counter() - start

    e, v = fresh(expr, x)
    start = time.perf_counter()
    ex = explain(e, wrt=v)
    t_explain = time.perf_counter() - start
    render(ex, "text")
    t_text = time.perf_counter() - start
    for format in OTHER_FORMATS:
        render(ex, format)
    t_all = time.perf_counter() - start
    return t_diff, t_explain, t_text, t_all


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
        for format in ("text", *OTHER_FORMATS):
            render(ex, format)


def percentile_90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def main(quick: bool = False, repeat: int | None = None) -> None:
    repeat = repeat or (2 if quick else 7)
    corpus, dropped = checked_corpus()
    warm_up(corpus)
    best: dict[str, list[float]] = {}
    for text, (expr, x) in corpus.items():
        runs = [one_run(expr, x) for _ in range(repeat)]
        best[text] = [min(column) for column in zip(*runs, strict=True)]

    print(
        f"{len(corpus)} formulas (`bench/corpus.py`), each timed as an expression the process "
        f"has not seen, best of {repeat} runs; times in ms. Ratios are per formula, "
        "÷ its own `sympy.diff`, then the median or 90th percentile of those.\n"
    )
    if dropped:
        print(f"Left out, as they no longer explain and verify: {'; '.join(dropped)}.\n")
    print(
        "| measure | median | 90th percentile | slowest | slowest formula "
        "| median ÷ diff | 90th percentile ÷ diff |"
    )
    print("|---|---:|---:|---:|---|---:|---:|")
    for i, measure in enumerate(MEASURES):
        times = {text: figures[i] for text, figures in best.items()}
        ratios = [figures[i] / figures[0] for figures in best.values()]
        slowest = max(times, key=times.__getitem__)
        against_diff = (
            f"{statistics.median(ratios):.1f}× | {percentile_90(ratios):.1f}×" if i else "— | —"
        )
        print(
            f"| {measure} | {statistics.median(times.values()) * 1e3:.1f} "
            f"| {percentile_90(list(times.values())) * 1e3:.1f} "
            f"| {times[slowest] * 1e3:.1f} | `{slowest}` "
            f"| {against_diff} |",
            flush=True,
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs of each formula")
    parser.add_argument("-n", "--repeat", type=int, help="runs of each formula (7; quick 2)")
    args = parser.parse_args()
    main(quick=args.quick, repeat=args.repeat)
