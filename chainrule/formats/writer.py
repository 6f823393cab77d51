"""What every format shares: dispatch on the block's class, and words with inline math.

``Writer.write`` finds ``_print_<ClassName>`` along the block's MRO, as SymPy's printers do; a
block no format method knows falls back to ``_print_unknown``, which still shows its words, so
a new kind of block never crashes an old format.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import Any


class Writer:
    """Lays out blocks by calling ``_print_<ClassName>`` for the most specific class."""

    def write(self, block: Any) -> Any:
        for cls in type(block).__mro__:
            method = getattr(self, f"_print_{cls.__name__}", None)
            if method is not None:
                return method(block)
        return self._print_unknown(block)

    def _print_unknown(self, block: Any) -> Any:
        raise TypeError(f"{type(self).__name__} cannot lay out a {type(block).__name__}")


def words_of(block: Any) -> tuple:
    """Every words-and-math part a block holds, for a format's fallback."""
    if not is_dataclass(block):
        return (block,)
    parts: list = []
    for field in fields(block):
        value = getattr(block, field.name)
        if isinstance(value, tuple):
            parts += [p for p in value if not isinstance(p, tuple)]
    return tuple(parts)


def grouped(blocks, kind: type) -> Iterator[Any]:
    """The blocks in order, each run of consecutive ``kind`` blocks gathered into one list:
    equations in a row share one alignment on a page."""
    run: list = []
    for block in blocks:
        if isinstance(block, kind):
            run.append(block)
            continue
        if run:
            yield run
            run = []
        yield block
    if run:
        yield run
