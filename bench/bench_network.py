"""How long every gradient of an L-layer chain takes by backpropagation, next to differentiating
the fully expanded J once per parameter with ``sympy.diff``.

    python bench/bench_network.py            # L = 1, 5, 10, 20, 50
    python bench/bench_network.py 1 5 10     # chosen depths

Prints a Markdown table. Backpropagation derives each local link once with the explainer and
multiplies δs backwards, so its work grows about linearly with L; sympy.diff of the expanded J
redoes the whole chain for every parameter, and each chain is longer, so its work grows about
with the square of L (more, since each expanded formula is itself O(L) deep). Not a test: times
depend on the machine, so nothing here asserts them.

sympy.diff recurses once per level of nesting, and the expanded J of a 50-layer chain is deeper
than Python's default recursion limit allows; the limit is raised here for the comparison.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import sympy
from sympy.core.cache import clear_cache

from chainrule.network import Network, backprop

DEPTHS = (1, 5, 10, 20, 50)


def seconds(f: Callable[[], object], repeat: int) -> float:
    """Best of ``repeat`` cold runs (SymPy's cache cleared before each)."""
    best = float("inf")
    for _ in range(repeat):
        clear_cache()
        start = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - start)
    return best


def by_backprop(network: Network) -> None:
    backprop(network, verify=False)


def by_sympy_diff(network: Network) -> None:
    cost = network.expanded_cost
    for p in network.params:
        sympy.diff(cost, p)


def main(depths: tuple[int, ...]) -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    print(
        "| L | parameters | backprop (s) | sympy.diff of expanded J (s) | ratio "
        "| link products: chain by chain | with δ reuse |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for layers in depths:
        network = Network(layers=layers)
        repeat = 3 if layers <= 10 else 1
        ours = seconds(lambda n=network: by_backprop(n), repeat)
        theirs = seconds(lambda n=network: by_sympy_diff(n), repeat)
        chain, reuse = backprop(network, verify=False).multiplications
        print(
            f"| {layers} | {len(network.params)} | {ours:.3f} | {theirs:.3f} "
            f"| {theirs / ours:.1f}× | {chain} | {reuse} |",
            flush=True,
        )


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or DEPTHS)
