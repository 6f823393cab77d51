"""Every benchmark in one run, printed as Markdown tables.

    python bench/run.py            # every table below (several minutes)
    python bench/run.py --quick    # fewer runs and sizes (well under a minute)

Start-up: whole ``chainrule`` processes, as a learner starts them, timed from outside beside a
bare ``python -c "import sympy"``, the least any command that uses SymPy can cost. The commands
run in turn, round after round (A B C A B C …), and each ratio is taken within a round and then
the median of those: a machine that speeds up or slows down during the run moves every command
of a round alike. Wall time is what the learner waits; CPU time (user + system of the child)
is what the process did, and is steadier on a busy machine.

Then, each also a script of its own:

- ``bench_corpus.py``: explain, and explain + render, over the textbook formulas of
  ``corpus.py``, beside ``sympy.diff``: medians over the corpus and of per-formula ratios;
- ``bench_explain.py``: explain beside ``sympy.diff``, fresh and cold, for a few formulas and
  for nested chains and sums up to size 100;
- ``bench_growth.py``: time and output size of explain and every rendering as nesting depth
  and number of terms grow to 500, beside the growth of the formula and its answer;
- ``bench_network.py``: backpropagation beside ``sympy.diff`` of the expanded cost.

Not a test: times depend on the machine, so nothing here asserts them.
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: wall time only
    resource = None

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

YARDSTICK = "python -c 'import sympy'"


def chainrule_command() -> list[str]:
    """The console script beside this Python, else ``python -m chainrule``."""
    script = shutil.which("chainrule", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "chainrule"]


def startup_commands() -> dict[str, list[str]]:
    cli = chainrule_command()
    return {
        YARDSTICK: [sys.executable, "-c", "import sympy"],
        "chainrule --help": [*cli, "--help"],
        'chainrule explain "log(2+cos(x))"': [*cli, "explain", "log(2+cos(x))"],
        # An option sends the same work through the typer app: what that layer costs.
        'chainrule explain "log(2+cos(x))" --wrt x': [*cli, "explain", "log(2+cos(x))", "-w", "x"],
    }


def run_once(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one whole process, its output thrown away."""
    before = _children_cpu()
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    return wall, _children_cpu() - before


def _children_cpu() -> float:
    if resource is None:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def startup(rounds: int) -> None:
    import chainrule

    # pip compiles a package's bytecode when it installs it; an editable install run with
    # PYTHONDONTWRITEBYTECODE=1 would compile every module on every start instead.
    compileall.compile_dir(Path(chainrule.__file__).parent, quiet=1)
    commands = startup_commands()
    print(f"## Start-up: whole processes, median of {rounds} rounds\n")
    print("chainrule's bytecode is compiled first, as pip does when it installs a package.\n")
    for command in commands.values():  # one warm-up each: the files are in the page cache
        run_once(command)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            times[name].append(run_once(command))
    base = times[YARDSTICK]
    print("| command | wall (ms) | ÷ import sympy | CPU (ms) | ÷ import sympy |")
    print("|---|---:|---:|---:|---:|")
    for name, runs in times.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        wall_ratio = statistics.median(w / b for (w, _), (b, _) in zip(runs, base, strict=True))
        cpu_ratio = statistics.median(c / b for (_, c), (_, b) in zip(runs, base, strict=True))
        print(
            f"| `{name}` | {wall * 1e3:.0f} | {wall_ratio:.2f}× "
            f"| {cpu * 1e3:.0f} | {cpu_ratio:.2f}× |",
            flush=True,
        )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and sizes")
    parser.add_argument("-n", "--rounds", type=int, help="start-up rounds (default 15; 5 quick)")
    args = parser.parse_args()
    startup(args.rounds or (5 if args.quick else 15))

    import bench_corpus
    import bench_explain
    import bench_growth
    import bench_network

    print("## Explaining a textbook's exercises, beside sympy.diff\n")
    bench_corpus.main(quick=args.quick)
    print("\n## Explaining, beside sympy.diff\n")
    bench_explain.main(quick=args.quick)
    print("\n## Growth with nesting depth and number of terms\n")
    bench_growth.main(quick=args.quick)
    print("\n## Backpropagation, beside sympy.diff of the expanded cost\n")
    bench_network.main((1, 5, 10) if args.quick else bench_network.DEPTHS)


if __name__ == "__main__":
    main()
