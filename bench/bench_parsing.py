"""How long parsing takes on formulas that SymPy once found slow to build, and explaining them.

    python bench/bench_parsing.py [--timeout SECONDS]

Prints a Markdown table. Each formula is parsed, then explained (derive, simplify and verify;
no rendering), in a fresh Python process of its own, so that one formula's cache does not help
the next and a formula that never finishes can be stopped at the timeout (60 s by default).
A family of nested formulas stops growing at its first timeout. Not a test: times depend on
the machine, so nothing here asserts them.

tanh, sech and csch nested n deep, and 0·sinh(x^10000), took seconds to minutes while the
parser built on symbols SymPy had to treat as complex (it then asks whether each node is real,
zero or finite by splitting x into re x + i·im x); on real symbols they take milliseconds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

DEPTHS = (2, 4, 6, 8, 10, 20, 40)

SINGLE = ("sinh(x^10000)", "0 sinh(x^10000)", "0*tanh(tanh(tanh(x^1000)))", "exp(10^400)")

# Run in a child process: the time of parse(), then of explain() on the parsed expression.
_CHILD = """
import json, sys, time
from chainrule.errors import ChainruleError
from chainrule.explaining import explain
from chainrule.parsing import parse

text = sys.argv[1]
figures = {}
start = time.perf_counter()
try:
    expr = parse(text)
except ChainruleError as error:
    figures["parse"] = time.perf_counter() - start
    figures["refused"] = error.message if hasattr(error, "message") else str(error)
    print(json.dumps(figures))
    sys.exit(0)
figures["parse"] = time.perf_counter() - start
print(json.dumps(figures), flush=True)
start = time.perf_counter()
explain(expr)
figures["explain"] = time.perf_counter() - start
print(json.dumps(figures), flush=True)
"""


def nested(name: str, n: int) -> str:
    return f"{name}(" * n + "x" + ")" * n


def measure(text: str, timeout: float) -> dict:
    """parse and explain seconds for ``text``, as far as they got within ``timeout``; what
    went wrong if the child failed."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, text], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as stopped:
        output = stopped.stdout or ""
        if isinstance(output, bytes):
            output = output.decode()
        lines = output.strip().splitlines()
        return json.loads(lines[-1]) if lines else {}
    lines = done.stdout.strip().splitlines()
    figures = json.loads(lines[-1]) if lines else {}
    if done.returncode != 0:
        errors = done.stderr.strip().splitlines()
        figures["crashed"] = errors[-1] if errors else f"exit status {done.returncode}"
    return figures


def seconds(figures: dict, key: str, timeout: float) -> str:
    if key in figures:
        return f"{figures[key]:.3f}"
    if "crashed" in figures:
        return "crashed: " + figures["crashed"] if key == "parse" or "parse" in figures else "–"
    if key == "explain" and "refused" in figures:
        return "refused: " + figures["refused"]
    return f"> {timeout:g}"


def row(label: str, text: str, timeout: float) -> bool:
    """Print one row; False if the formula hit the timeout."""
    figures = measure(text, timeout)
    print(
        f"| {label} | {seconds(figures, 'parse', timeout)} "
        f"| {seconds(figures, 'explain', timeout)} |",
        flush=True,
    )
    return "explain" in figures or "refused" in figures or "crashed" in figures


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--timeout", type=float, default=60.0)
    timeout = options.parse_args().timeout
    print(f"Python {sys.version.split()[0]}; each formula in a fresh process\n")
    print("| formula | parse (s) | explain (s) |")
    print("|---|---:|---:|")
    for name in ("tanh", "sech", "csch"):
        for n in DEPTHS:
            if not row(f"{name} nested {n} deep", nested(name, n), timeout):
                break
    for text in SINGLE:
        row(text, text, timeout)


if __name__ == "__main__":
    main()
