"""The links of a long chain by their letters: u = sin(v), v = ln(w), …

Written out, a chain n links deep repeats its inner functions on every line: the line for link
k holds a product of k factors, each a nest k deep, so the whole output grows like n³ while the
formula and its answer grow like n². Past a budget, each line names a link by the letter the
decomposition gave it, ``d/dx sin(v) = cos(v)·v′``, and the answer is given in the letters with
the substitutions listed once, so the output grows with the formula.

Letters shorten chains only. Steps that would still print more than ``LONGEST`` nodes (the
product rule on a hundred factors, a tower x^x^…^x) are refused here, by ``refuse_too_long``,
before any view spends time writing them out.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace

import sympy

from chainrule import steps as s
from chainrule.errors import ChainruleError
from chainrule.simplifying import size

#: Letters are used when the steps written out would print more expression nodes than this …
LETTERS_PAST = 300
#: … and the chain has at least this many links.
MIN_LINKS = 3
#: Steps that would print more expression nodes than this, even in letters, are not shown.
#: Past it every format takes seconds more per step, and what it prints grows faster than the
#: answer: a product of n factors (the product rule's n terms of n − 1 factors) is refused past
#: about 115 factors, a tower x^x^…^x (each line holds the one below it) past about 28 levels.
LONGEST = 80_000


class TooLong(ChainruleError):
    """Steps too long to show: what they would print grows faster than any page."""


class Letters:
    """Each chain's inner function and the letter it was given, outermost first."""

    def __init__(self, root: s.Step) -> None:
        self.names: dict[sympy.Expr, sympy.Symbol] = {}
        stack = [root]
        while stack:  # not step.walk(): a generator per level would recurse n deep
            step = stack.pop()
            if isinstance(step, s.ChainStep):
                self.names.setdefault(step.inner, step.u)
            stack += reversed(step.substeps)

    def short(self, term):
        """``term`` with every named inner function replaced by its letter."""
        if isinstance(term, sympy.Basic):
            return term.xreplace(self.names)
        if isinstance(term, tuple):
            return tuple(self.short(t) for t in term)
        if is_dataclass(term) and not isinstance(term, type):
            return replace(
                term, **{f.name: self.short(getattr(term, f.name)) for f in fields(term)}
            )
        return term

    def definition(self, inner: sympy.Expr) -> sympy.Expr:
        """``inner`` one level deep: ln(v) for u = ln(sin(…)), not u itself."""
        return inner.func(*(self.short(arg) for arg in inner.args)) if inner.args else inner

    def letter(self, expr: sympy.Expr) -> sympy.Symbol | None:
        return self.names.get(expr)

    def substitutions(self) -> list[tuple[sympy.Symbol, sympy.Expr]]:
        """(letter, its definition) for every link, outermost first."""
        return [(u, self.definition(inner)) for inner, u in self.names.items()]


def letters_for(ex: s.Explanation) -> Letters | None:
    """The letters, when the explanation is past the budget; else None (write it all out)."""
    letters = Letters(ex.root)
    if len(letters.names) < MIN_LINKS:
        return None
    room, stack = LETTERS_PAST, [ex.root]
    while stack:  # what the lines would print, counted only up to the budget
        step = stack.pop()
        room -= size(step.expression, room) + size(step.derivative, room)
        if room < 0:
            return letters
        stack += step.substeps
    return None


def refuse_too_long(root: s.Step, letters: Letters | None) -> None:
    """Raise ``TooLong`` when the lines of ``root`` would print more than ``LONGEST`` nodes.

    Each line prints its step's expression and derivative, and about as much again between
    them (the rule applied to the parts). In letters a link's line holds its letters only.
    """
    room, stack = LONGEST // 2, [root]
    while stack:
        step = stack.pop()
        stack += step.substeps
        if letters and isinstance(step, s.ChainStep):
            continue  # d/dx sin(v) = cos(v)·v′: a few nodes
        room -= size(step.expression, room) + size(step.derivative, room)
        if room < 0:
            raise TooLong(
                f"the steps of this derivative are too long to show (more than {LONGEST:,} symbols"
                " and signs): explain its parts one by one, or have the steps as data with"
                " --format json"
            )
