"""The links of a long chain by their letters: u = sin(v), v = ln(w), …

Written out, a chain n links deep repeats its inner functions on every line: the line for link
k holds a product of k factors, each a nest k deep, so the whole output grows like n³ while the
formula and its answer grow like n². Past a budget, each line names a link by the letter the
decomposition gave it, ``d/dx sin(v) = cos(v)·v′``, and the answer is given in the letters with
the substitutions listed once, so the output grows with the formula.

A sum or a constant multiple built on links is written from its parts' results in letters too
(u′ = d/dx (2 + sin(v)) = cos(v)·v′ + 0), so a chain that alternates with sums, ln(2 + sin(ln(2
+ …))), also grows with the formula. Letters shorten chains only. Steps that would still print
more than ``LONGEST`` nodes (the product rule on a hundred factors, a tower x^x^…^x) are refused
here, by ``refuse_too_long``, before any view spends time writing them out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass, replace

import sympy

from chainrule import steps as s
from chainrule.errors import ChainruleError
from chainrule.tidying.measure import size

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

    def order(self, typed: Mapping[frozenset, tuple]) -> tuple[tuple[frozenset, tuple], ...]:
        """The order each definition's sum or product is written in, for the document's typed
        order: the order typed (2 + sin(v) for a typed 2 + sin(…)), else the learner's
        natural one (``natural``). SymPy's own would write sin(v) + 2."""
        found = []
        for inner in self.names:
            if not isinstance(inner, (sympy.Add, sympy.Mul)):
                continue
            definition = self.definition(inner)
            if type(definition) is not type(inner) or len(definition.args) != len(inner.args):
                continue  # the letters merged two parts: SymPy's order is all there is
            parts = typed.get(frozenset(inner.args))
            shown = tuple(self.short(a) for a in parts) if parts else natural(definition)
            if shown is not None and frozenset(shown) == frozenset(definition.args):
                found.append((frozenset(definition.args), shown))
        return tuple(found)

    @staticmethod
    def builds_on_links(step: s.Step) -> bool:
        """Whether, in letters, a step's result is written from its parts' results: a sum or
        a constant multiple with a link among its parts (or built on one), whose result is
        then cos(v)·v′ + 0, not the chain's product written out again."""
        if not isinstance(step, (s.SumStep, s.ConstantMultipleStep)):
            return False
        return any(
            isinstance(sub, s.ChainStep) or Letters.builds_on_links(sub) for sub in step.substeps
        )

    def printed(self, step: s.Step, most: int) -> int:
        """About how many nodes the line of a step other than a link prints in letters (counted
        up to ``most``): its expression in letters (one level deep for a link's inner function),
        and its result, a few nodes per part when it builds on links."""
        expression = step.expression
        shown = self.definition(expression) if expression in self.names else self.short(expression)
        n = size(shown, most)
        if self.builds_on_links(step):
            return n + 8 * len(step.substeps)
        return n + size(self.short(step.derivative), most)

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
        if letters is None:
            room -= size(step.expression, room) + size(step.derivative, room)
        elif not isinstance(step, s.ChainStep):  # d/dx sin(v) = cos(v)·v′: a few nodes
            room -= letters.printed(step, room)
        if room < 0:
            raise TooLong(
                f"the steps of this derivative are too long to show (more than {LONGEST:,} symbols"
                " and signs): explain its parts one by one, or have the steps as data with"
                " --format json"
            )


def natural(definition: sympy.Expr) -> tuple | None:
    """The order a learner writes a sum the formula gives no typed order for (it was built in
    Python): a number first when every other term is a function's value, 2 + sin(v) as the
    course writes ln(2 + cos x); a polynomial keeps SymPy's falling powers, x² + 1. None where
    SymPy's order stands (products: the number leads there already)."""
    if not isinstance(definition, sympy.Add):
        return None
    numbers = [t for t in definition.args if t.is_number]
    rest = [t for t in definition.as_ordered_terms() if not t.is_number]
    if not numbers or any(t.is_polynomial() for t in rest):
        return None
    return (*numbers, *rest)
