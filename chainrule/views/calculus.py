"""What the calculus views share: an explanation's own blocks set under a heading of theirs,
one level down, and the name the learner's function goes by."""

from __future__ import annotations

from dataclasses import replace

import sympy

from chainrule import steps as s
from chainrule.document import Heading
from chainrule.views.answer import answer_name


def nested(ex: s.Explanation) -> list:
    """The blocks of ``ex``'s own view without its title, each heading one level down, so that
    it reads as a section of a larger document."""
    from chainrule.views.explanation import document

    blocks = list(document(ex).blocks)[1:]
    return [replace(b, level=b.level + 1) if isinstance(b, Heading) else b for b in blocks]


def function_name(ex: s.Explanation) -> tuple[sympy.Symbol, bool]:
    """The function's letter (h unless the formula named it) and whether the book would write
    its derivatives in Leibniz form: dy/dx for y = …, f′(x) for f(x) = … and for h."""
    name = answer_name(ex)
    if name is None:
        return sympy.Symbol("h"), False
    return sympy.Symbol(name), isinstance(ex.name, sympy.Symbol)


def ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")
