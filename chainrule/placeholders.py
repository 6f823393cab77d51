"""Readable placeholder letters for the chain rule: u, v, w, … never a SymPy ``Dummy``.

A teacher writes "let u = 2 + cos x"; nested links need further letters (v, w, …), each one
distinct within an explanation and none already used by the expression itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import count

import sympy
from sympy.core.function import AppliedUndef

#: The letters tried first, in the order a teacher reaches for them.
LETTERS = ("u", "v", "w", "s", "t", "p", "q", "r")


def names_in(expr: sympy.Basic) -> set[str]:
    """Every name a learner can see in ``expr``: its symbols and its undefined functions."""
    names = {symbol.name for symbol in expr.free_symbols if isinstance(symbol, sympy.Symbol)}
    names.update(type(call).__name__ for call in expr.atoms(AppliedUndef))
    return names


class Placeholders:
    """Hands out fresh placeholder symbols: u, v, w, s, t, p, q, r, then u_1, v_1, …

    ``taken`` are names that must not be reused (the expression's symbols and function names).
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(taken)
        self._names = self._candidates()

    @staticmethod
    def _candidates() -> Iterator[str]:
        yield from LETTERS
        for i in count(1):
            for letter in LETTERS:
                yield f"{letter}_{i}"

    def fresh(self) -> sympy.Symbol:
        """A symbol whose name is neither taken nor handed out before."""
        for name in self._names:
            if name not in self._taken:
                self._taken.add(name)
                return sympy.Symbol(name)
        raise RuntimeError("unreachable: the candidate names never run out")  # pragma: no cover
