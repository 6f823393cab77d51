"""Unicode or plain ASCII, for the terminal layout: on a console that cannot show Unicode the
layout is made of ASCII spellings from the start (σ as sigma, ∂ as d, ✓ as [ok]), so lines are
broken and boxes drawn at the width the console really shows, not ragged after the fact.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from chainrule.encoding import spell
from chainrule.formats.notation import unicode, unicode_pieces

_ASCII: ContextVar[bool] = ContextVar("chainrule_ascii_spelling", default=False)


@contextmanager
def ascii_spelling(on: bool) -> Iterator[None]:
    """While this holds (and ``on``), ``math``, ``pieces`` and ``plain`` spell in ASCII."""
    token = _ASCII.set(on)
    try:
        yield
    finally:
        _ASCII.reset(token)


def plain(text: str) -> str:
    """Words (or a drawing character) as the console can show them."""
    return spell(text) if _ASCII.get() else text


def math(term) -> str:
    """One line of math, as ``notation.unicode`` writes it or spelled in ASCII."""
    return plain(unicode(term))


def pieces(term) -> list[tuple[str, str]]:
    """``notation.unicode_pieces`` with the operators and texts spelled alike."""
    return [(plain(op), plain(text)) for op, text in unicode_pieces(term)]
