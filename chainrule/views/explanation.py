"""The explanation as a document: the heading, each chain as h = f∘g, the numbered steps (each
following from lines above it) and the answer with its check.

``document(obj)`` takes an ``Explanation`` or a bare ``Step``. Each kind of step says its piece
through ``_line_<ClassName>``, found along the step's MRO as SymPy's printers find their
methods, so a new Step subclass falls back to its parent's (and finally to ``_line_Step``).
Nothing here differentiates or simplifies: the math is what the step tree holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import sympy
from sympy.core.function import AppliedUndef

from chainrule import steps as s
from chainrule.document import (
    Derivation,
    DerivativeOf,
    Document,
    Equals,
    Frac,
    Heading,
    InOrder,
    Later,
    Line,
    Neg,
    Para,
    Prime,
    Terms,
)
from chainrule.placeholders import names_in
from chainrule.views import wording
from chainrule.views.answer import answer, answer_name
from chainrule.views.decomposition import decompose
from chainrule.views.domains import domain
from chainrule.views.letters import Letters, letters_for, refuse_too_long
from chainrule.views.tidying import tidy_up

#: Letters a textbook uses for constants. Held beside x alone, they leave an ordinary
#: derivative, d/dx aˣ = aˣ·ln a; any other letter makes the formula one of several variables,
#: whose derivative in x alone is partial, ∂/∂x (x²y) = 2xy. (The network is always partial.)
CONSTANT_LETTERS = frozenset("abckmnABCK")


def is_partial(constants: tuple) -> bool:
    """Whether a derivative holding ``constants`` fixed is written ∂/∂x rather than d/dx."""
    return any(c.name not in CONSTANT_LETTERS for c in constants)


def document(obj: s.Explanation | s.Step) -> Document:
    """The whole explanation (or one step's derivation) as a document."""
    if isinstance(obj, s.Explanation):
        blocks, order = _explanation(obj)
        return Document(blocks, title=_title(obj), order=order)
    if isinstance(obj, s.Step):
        refuse_too_long(obj, None)
        blocks = (*decompose(obj, False), *_numbered(obj, False, None))
        return Document(blocks, title=f"chainrule: {obj.rule} step")
    raise TypeError(f"cannot explain {type(obj).__name__}: expected an Explanation or a Step")


def _title(ex: s.Explanation) -> Later:
    # Later: only a page shows it, and str() of a long formula costs a render.
    return Later(
        lambda: f"chainrule: d/d{ex.variable} {ex.input if ex.input is not None else ex.expression}"
    )


def derivation(
    root: s.Step, partial: bool = False, nested: bool = False, letters: Letters | None = None
) -> Derivation:
    """The numbered steps of a tree, substeps first, so each line follows from lines above;
    with ``letters``, each link named by its letter (``chainrule.views.letters``)."""
    return Derivation(_Lines(partial, letters).number(root), nested=nested)


def _numbered(root: s.Step, partial: bool, letters: Letters | None) -> list:
    """The derivation, after a sentence saying which trivial steps it writes in place."""
    lines = _Lines(partial, letters)
    derived = Derivation(lines.number(root))
    if not lines.folded:
        return [derived]
    return [Para(wording.folded(root.variable, frozenset(lines.folded))), derived]


def lines_for(ex: s.Explanation) -> tuple[Derivation, dict[int, tuple[Line, ...]]]:
    """The explanation's derivation, and the lines that show each step (by the step's id), so
    that another view can point at "line 5, the chain rule" as the explanation numbers it:
    a step's own lines; for a step derived before, the lines that derived it; for x′ = 1 or
    c′ = 0, the line of the rule that writes it in place."""
    letters = letters_for(ex)
    refuse_too_long(ex.root, letters)
    lines = _Lines(is_partial(ex.constants), letters)
    return Derivation(lines.number(ex.root)), lines.said


def _reordered(term, derivative) -> bool:
    """Whether a sum or a product kept in order has exactly the result's terms or factors,
    only in another order: 2x·sin x + x²·cos x against x²·cos x + 2x·sin x. (A product only
    when no fraction is formed: (1/u)·(−sin x) and −sin x/u read differently to a learner.)"""
    if isinstance(term, Terms) and len(term.items) > 1:
        # A term that is itself a sum (the product rule's, inside a sum) counts term by term.
        flat = [t for item in term.items for t in _terms(item)]
        mine = [_factors(item) for item in flat]
        theirs = [_factors(item) for item in sympy.Add.make_args(derivative)]
        return None not in mine and Counter(mine) == Counter(theirs)
    if isinstance(term, InOrder) and len(term.items) > 1 and not _has_fraction(derivative):
        return _factors(term) == _factors(derivative)
    return False


def _terms(item) -> tuple:
    if isinstance(item, Terms):
        return item.items
    return sympy.Add.make_args(item) if isinstance(item, sympy.Basic) else (item,)


def _factors(term) -> frozenset | None:
    """A product's factors with their multiplicities, whether SymPy's Mul or kept in order;
    None for a term that is neither (its factors are not known without printing it)."""
    items = term.items if isinstance(term, InOrder) else (term,)
    factors = [f for item in items for f in sympy.Mul.make_args(item)]
    if not all(isinstance(f, sympy.Basic) for f in factors):
        return None
    return frozenset(Counter(factors).items())


def _has_fraction(expr) -> bool:
    return any(f.is_Pow and f.exp.is_negative for f in sympy.Mul.make_args(expr))


def _explanation(ex: s.Explanation) -> tuple[tuple, tuple]:
    """The blocks, and the order their sums are written in (typed, and the letters')."""
    partial = is_partial(ex.constants)
    letters = letters_for(ex)
    refuse_too_long(ex.root, letters)
    named = ex.expression if ex.name is None else Equals((ex.name, ex.expression))
    blocks: list = [Heading(wording.heading(named, ex.variable, partial), level=1)]
    if ex.log_is_ln:
        blocks.append(Para(wording.natural_log()))
    if ex.rewritten:
        blocks.append(Para(wording.simplified_first(ex.rewritten)))
    if ex.log_rules is not None:
        blocks.append(Para(wording.log_rules_first(Equals((ex.expression, ex.log_rules)))))
    if ex.constants:
        blocks.append(Para(("(", *wording.held_constant(ex.constants, partial), ")")))
    if ex.variable not in ex.expression.free_symbols and ex.constants:
        blocks.append(Para(wording.absent_variable(ex.variable, ex.constants)))
    blocks += decompose(ex.root, partial, letters, name=answer_name(ex))
    blocks.append(Heading((wording.steps(),)))
    if letters:
        blocks.append(Para(wording.in_letters(len(letters.names) + 1)))
    numbered = _numbered(ex.root, partial, letters)
    blocks += numbered
    if not letters:  # in letters the answer box gives the final form alone
        blocks += tidy_up(ex, len(numbered[-1].lines))
    blocks.append(answer(ex, partial, letters))
    order = (*ex.order, *letters.order(dict(ex.order))) if letters else ex.order
    return tuple(blocks), order


#: The steps a book writes in place, not on a line of their own: x′ = 1 and c′ = 0.
_TRIVIAL = (s.VariableStep, s.ConstantStep)


class _Lines:
    """Numbers the steps of one tree and says each one, each thing once.

    A step derived before (the same rule on the same expression, as cot x in both halves of
    (1 − cot x)/(1 + cot x)) is not said again: the lines that use it cite its number ("from
    step 2"). x′ = 1 and c′ = 0 get no line of their own: the rule that uses them writes the
    1 or the 0 where it stands, as a book does (d/dx (2x) = 2·1 = 2, d/dx (2x + 1) = 2 + 0),
    and one sentence above the steps says so. Written out, they were the lines a teacher
    crosses out: "d/dx x = 1" once for every x. Only a formula that is x or a constant alone
    has its one line.
    """

    def __init__(self, partial: bool, letters: Letters | None = None) -> None:
        self.partial = partial
        self.letters = letters
        self._numbers: dict[int, int] = {}
        #: A step seen before (the same rule on the same expression) is cited, not said again.
        self._seen: dict[tuple, tuple[int, tuple[Line, ...]]] = {}
        self._lines: list[Line] = []
        #: The lines that show each step (two for a chain: multiply, put back), by id.
        self.said: dict[int, tuple[Line, ...]] = {}
        #: The rule words of the trivial steps written in place ("variable", "constant").
        self.folded: set[str] = set()

    def number(self, root: s.Step) -> tuple[Line, ...]:
        # Iterative post-order: a chain hundreds deep must not cost a Python frame per level.
        stack: list[tuple[s.Step, bool]] = [(root, False)]
        while stack:
            step, ready = stack.pop()
            if ready:
                self._add(step)
                continue
            if step is not root and isinstance(step, _TRIVIAL):
                self.folded.add(step.rule)  # the parent's line writes it (``_add``)
                continue
            key = (type(step), step.expression, step.variable)
            if key in self._seen:
                self._numbers[id(step)], lines = self._seen[key]
                self.said.setdefault(id(step), lines)
                continue
            stack.append((step, True))
            stack += [(sub, False) for sub in reversed(step.substeps)]
        return tuple(self._lines)

    def _add(self, step: s.Step) -> None:
        said = self._say(step)
        # A step may take two lines (the chain rule: multiply, then put u back): the first
        # builds on the substeps, each next one on the line before it.
        # Each earlier line once, though two substeps cite it (x·sin x·sin x); none for a
        # step written in place.
        uses = tuple(
            dict.fromkeys(
                self._numbers[id(sub)] for sub in step.substeps if id(sub) in self._numbers
            )
        )
        first = len(self._lines)
        for title, sentence, math, *rule in said if isinstance(said, list) else [said]:
            number = len(self._lines) + 1
            line = Line(number, (rule or [step.rule])[0], title, sentence, math, uses)
            self._lines.append(replace(line, sources=wording.uses(uses)))
            uses = (number,)
        self._numbers[id(step)] = len(self._lines)
        lines = tuple(self._lines[first:])
        self._seen.setdefault(
            (type(step), step.expression, step.variable), (len(self._lines), lines)
        )
        self.said[id(step)] = lines
        for sub in step.substeps:
            if id(sub) not in self._numbers:  # x′ = 1 or c′ = 0, written in this line
                self.said.setdefault(id(sub), lines[:1])

    def _say(self, step: s.Step):
        for cls in type(step).__mro__:
            method = getattr(self, f"_line_{cls.__name__}", None)
            if method is not None:
                said = method(step)
                condition = domain(step)
                if condition is None or isinstance(said, list):
                    return said
                title, sentence, math = said
                return title, (*sentence, "; for ", condition), math
        raise TypeError(f"cannot explain {type(step).__name__}")  # not a Step at all

    def _equation(self, step: s.Step, *middle) -> tuple:
        """lhs = middle … = derivative, leaving out a middle that is the result itself."""
        result = self._result(step)
        shown: list = []
        for term in middle:
            # A sum of one term is that term: "= −1 = −1" says nothing.
            same = term.items[0] if isinstance(term, Terms) and len(term.items) == 1 else term
            if same != result and term not in shown:
                shown.append(term)
        lhs = self._lhs(step)
        if result is not step.derivative:  # in letters, built on the parts' results
            return (*lhs, *self._short((*shown, result)))
        # "= a + b = b + a" only reorders: say it once. A sum keeps the order it was derived
        # in (the terms' own order); a product the result's, whose number leads (2f′(2x)).
        if shown and _reordered(shown[-1], step.derivative):
            if isinstance(shown[-1], Terms):
                return (*lhs, *self._short(tuple(shown)))
            return (*lhs, *self._short((*shown[:-1], step.derivative)))
        return (*lhs, *self._short((*shown, step.derivative)))

    def _result(self, step: s.Step):
        """What a step's line ends in. In letters a link's is f′(u)·u′, and a sum or a constant
        multiple built on links adds or scales its parts' results, never a chain written out."""
        if not self.letters:
            return step.derivative
        if isinstance(step, s.ChainStep):
            return InOrder((step.outer_derivative, Prime(step.u)), strict=True)
        if not self.letters.builds_on_links(step):
            return step.derivative
        if isinstance(step, s.ConstantMultipleStep):
            return InOrder((step.constant, self._result(step.substeps[0])), strict=True)
        terms = tuple(self._result(sub) for sub in step.substeps if sub.derivative != 0)
        return Terms(terms) if len(terms) > 1 else terms[0]

    def _lhs(self, step: s.Step) -> tuple:
        """d/dx of the step's expression; in letters, v′ = d/dx ln(w) for the link named v."""
        lhs = DerivativeOf(step.expression, step.variable, self.partial)
        if not self.letters:
            return (lhs,)
        letter = self.letters.letter(step.expression)
        expression = self.letters.definition(step.expression) if letter else step.expression
        lhs = replace(lhs, expression=self.letters.short(expression) if not letter else expression)
        return (Prime(letter), lhs) if letter else (lhs,)

    def _short(self, math: tuple) -> tuple:
        return self.letters.short(math) if self.letters else math

    def _held(self, expr: sympy.Expr, variable: sympy.Symbol) -> tuple:
        """The other symbols in expr, which a partial derivative holds constant."""
        return tuple(sorted(expr.free_symbols - {variable}, key=str))

    def _line_Step(self, step: s.Step):
        # A kind of step this view does not know yet: still show its math.
        return wording.title(step.rule), (), self._equation(step)

    def _line_ConstantStep(self, step):
        sentence = wording.constant(self._held(step.expression, step.variable), step.variable)
        return wording.title(step.rule), sentence, self._equation(step)

    def _line_VariableStep(self, step):
        return wording.title(step.rule), wording.variable(), self._equation(step)

    def _line_ConstantMultipleStep(self, step):
        c = step.constant

        def times(term, strict=False):
            # A teacher writes −(−csc²x), not (−1)·(−csc²x).
            return Neg(term) if c == -1 else InOrder((c, term), strict=strict)

        middle = [times(DerivativeOf(step.factor, step.variable, self.partial))]
        if step.substeps:
            middle.append(times(self._result(step.substeps[0]), strict=True))
        sentence = wording.constant_multiple(c, self._held(c, step.variable))
        return wording.title(step.rule), sentence, self._equation(step, *middle)

    def _line_SumStep(self, step):
        terms = Terms(tuple(self._result(sub) for sub in step.substeps))
        return wording.title(step.rule), wording.sum_rule(), self._equation(step, terms)

    def _line_ProductStep(self, step):
        factors, derivatives = step.factors, [sub.derivative for sub in step.substeps]
        terms = Terms(
            tuple(
                InOrder(
                    tuple(derivatives[i] if j == i else f for j, f in enumerate(factors)),
                    strict=True,
                )
                for i in range(len(derivatives))
            )
        )
        return wording.title(step.rule), wording.product(), self._equation(step, terms)

    def _line_QuotientStep(self, step):
        num, den = step.numerator, step.denominator
        dnum, dden = (sub.derivative for sub in step.substeps)
        top = Terms((InOrder((dnum, den)), Neg(InOrder((num, dden)))))
        middle = Frac(top, sympy.Pow(den, 2, evaluate=False))
        return wording.title(step.rule), wording.quotient(), self._equation(step, middle)

    def _line_TableStep(self, step):
        return wording.title(step.rule), wording.table(), self._equation(step)

    def _line_PowerStep(self, step):
        return wording.title(step.rule), wording.power(step.exponent), self._equation(step)

    def _line_ExponentialStep(self, step):
        # ln a written for the learner; log(a) is only printed, never evaluated further.
        base = None if step.base == sympy.E else sympy.log(step.base, evaluate=False)
        return wording.title(step.rule), wording.exponential(base), self._equation(step)

    def _line_UnknownFunctionStep(self, step):
        funcs = step.expression.atoms(AppliedUndef)
        name = next(iter(funcs)).func.__name__ if funcs else "f"
        sentence = wording.unknown_function(sympy.Symbol(name), Prime(sympy.Symbol(name)))
        return wording.title(step.rule), sentence, self._equation(step)

    def _line_ChainStep(self, step):
        put_back = Equals((step.u, step.inner))
        if self.letters:
            # u′ is a line above; the letters stay, and the answer lists what they stand for.
            put_back = Equals((step.u, self.letters.definition(step.inner)))
            in_u = InOrder((step.outer_derivative, Prime(step.u)), strict=True)
            return (
                wording.title(step.rule),
                wording.chain(step.outer, put_back),
                (
                    *self._lhs(step),
                    in_u,
                ),
            )
        sentence = wording.chain(step.outer, put_back)
        in_u = InOrder((step.outer_derivative, step.inner_derivative), strict=True)
        if not step.outer_derivative.has(step.u):  # nothing to put back: f′ is a constant
            return wording.title(step.rule), sentence, self._equation(step, in_u)
        lhs = DerivativeOf(step.expression, step.variable, self.partial)
        in_x = InOrder((step.written_at, step.inner_derivative), strict=True)
        return [
            (wording.title(step.rule), sentence, (lhs, in_u)),
            (
                wording.title("substitute"),
                wording.substitute(put_back),
                self._equation(step, in_x),
                "substitute",
            ),
        ]

    def _line_GeneralPowerStep(self, step):
        middle = []
        if step.substeps:
            middle.append(InOrder((step.expression, step.substeps[0].derivative)))
        # y names f^g in "ln y = g·ln f": another letter when the formula has its own y.
        taken = names_in(step.expression)  # by name: the formula's own y is a real Symbol
        y = sympy.Symbol(next(name for name in "ywzvpqY" if name not in taken))
        log_y = sympy.log(y, evaluate=False)
        log_eq = Equals((log_y, step.log_form))
        rule = Equals((Prime(y), InOrder((y, Prime(log_y)))))
        sentence = wording.general_power(log_eq, rule)
        return wording.title(step.rule), sentence, self._equation(step, *middle)

    def _line_NoRuleStep(self, step):
        unevaluated = isinstance(step.derivative, sympy.Derivative)
        gamma = isinstance(step.expression, sympy.gamma)
        return wording.title(step.rule), wording.no_rule(unevaluated, gamma), self._equation(step)
