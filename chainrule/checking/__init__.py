"""``check``: read a learner's derivative, line by line, and say where and how it went wrong.

The answer is compared with the explained derivative as functions, not as strings: first by
SymPy's automatic arithmetic, then at random real points where the function is defined (the
verifier's own points, ``chainrule.verifying``). A chain of equalities, as written on paper,
is checked link by link; the first wrong link is compared with the usual wrong paths
(``chainrule.checking.mistakes``) to name the mistake.

    >>> check("log(2+cos(x))", "1/(2+cos(x))*(-sin(x)) = -sin(x)/(2+cos(x))").correct
    True
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from chainrule.checking.links import Link, read_links
from chainrule.checking.mistakes import MISTAKES, WrongPath, wrong_paths
from chainrule.display import Displayable, formula
from chainrule.steps import Explanation

__all__ = ["MISTAKES", "Check", "LinkVerdict", "check"]


@dataclass(frozen=True)
class LinkVerdict:
    """One link of the learner's working and whether it equals the derivative."""

    link: Link
    #: None when the points cannot tell (the function is real at too few of them).
    right: bool | None
    #: The link as written held the chain's letters (u = 2 + cos x), put back to compare.
    in_letters: bool = False
    #: Why the points could not tell, when ``right`` is None: "not_real" or "too_large".
    why_undecided: str | None = None


@dataclass(frozen=True, repr=False)
class Check(Displayable):
    """The verdict on a learner's derivative of ``explanation.expression``.

    ``links`` holds each link's verdict, ``first_wrong`` the 1-based number of the first wrong
    one (None when none is wrong), ``mistake`` its diagnosis (an id of ``MISTAKES``, None when
    right) and ``path`` the wrong path that explains it (None when no known path does). A link
    the verifier's points cannot judge (a function real only on a tiny set) is neither right
    nor wrong: ``status`` is then "undecided".
    """

    explanation: Explanation
    answer: str
    links: tuple[LinkVerdict, ...]
    first_wrong: int | None
    mistake: str | None
    path: WrongPath | None

    @property
    def correct(self) -> bool:
        return all(v.right for v in self.links)

    @property
    def status(self) -> str:
        """ "right", "wrong", or "undecided" (no link wrong, some the points could not judge)."""
        if self.first_wrong is not None:
            return "wrong"
        return "right" if self.correct else "undecided"

    @property
    def expected(self) -> sympy.Expr:
        return self.explanation.derivative

    def _summary(self) -> str:
        verdict = self.status
        if self.first_wrong is not None:
            verdict = f"link {self.first_wrong} wrong ({self.mistake})"
        return f"d/d{self.explanation.variable} {formula(self.explanation.expression)}: {verdict}"


def check(
    function: str | sympy.Expr,
    answer: str,
    wrt: str | sympy.Symbol | None = None,
) -> Check:
    """Whether ``answer`` (a derivative, or links joined by "=") is the derivative of
    ``function``; which link is the first wrong one, and which usual mistake gives it.

    Raises ``ParseError`` for an unreadable function or answer (its caret in the answer) and
    ``VariableError`` for an answer in letters the function does not have.
    """
    from chainrule.explaining import explain
    from chainrule.verifying import Checker
    from chainrule.verifying.agreement import Outcome

    ex = explain(function, wrt=wrt)
    letters = _letters(ex)
    symbols = ex.expression.free_symbols | {ex.variable} | set(letters)
    links = read_links(answer, symbols)
    _refuse_foreign_letters(links, ex, letters)
    checker = Checker()
    verdicts = []
    for link in links:
        value = link.expr.xreplace(letters) if letters else link.expr
        outcome = checker.compare(value, ex.derivative, ex.expression)
        verdicts.append(
            LinkVerdict(
                link,
                outcome is Outcome.AGREE if outcome.decided else None,
                in_letters=value is not link.expr,
                why_undecided=None if outcome.decided else outcome.value,
            )
        )
    first = next((i for i, v in enumerate(verdicts, 1) if v.right is False), None)
    mistake, path = None, None
    if first is not None:
        wrong = verdicts[first - 1].link.expr.xreplace(letters)
        mistake, path = _diagnose(checker, wrong, ex)
    return Check(ex, answer, tuple(verdicts), first, mistake, path)


def _letters(ex: Explanation) -> dict[sympy.Symbol, sympy.Expr]:
    """The chain's letters and what they stand for (u ↦ 2 + cos x), innermost put back too, so
    that a line written in the course's letters can be compared."""
    from chainrule.steps import ChainStep

    found = {}
    for step in ex.steps():
        if isinstance(step, ChainStep) and step.u not in ex.expression.free_symbols:
            found.setdefault(step.u, step.inner)
    return found


def _refuse_foreign_letters(links, ex: Explanation, letters: dict) -> None:
    from chainrule.errors import VariableError

    known = ex.expression.free_symbols | {ex.variable} | set(letters)
    for number, link in enumerate(links, 1):
        foreign = sorted(s.name for s in link.expr.free_symbols - known)
        if foreign:
            names = ", ".join(foreign)
            mine = ", ".join(sorted(s.name for s in ex.expression.free_symbols)) or "none"
            raise VariableError(
                f"line {number} uses {names}, which the function does not have (its variables:"
                f" {mine}): write the derivative in the function's own variables"
            )


def _diagnose(checker, wrong: sympy.Expr, ex: Explanation) -> tuple[str, WrongPath | None]:
    """The usual mistake whose path gives ``wrong``; else a constant factor or a sign; else
    "unknown"."""
    for path in wrong_paths(ex.root):
        if checker.agree(wrong, path.answer, ex.expression):
            return path.mistake, path
    ratio = _constant_ratio(wrong, ex)
    if ratio is not None:
        return ("sign_error" if ratio == -1 else "constant_factor"), None
    return "unknown", None


def _constant_ratio(wrong: sympy.Expr, ex: Explanation) -> sympy.Expr | None:
    """c when ``wrong`` = c·(the derivative) for a constant c ≠ 0, 1 (up to rounding)."""
    from chainrule.verifying.points import Points

    if ex.derivative == 0:
        return None
    points, ratios = Points(), []
    for i in range(12):
        d = points.value(ex.derivative, i)
        w = points.value(wrong, i)
        e = points.value(ex.expression, i)
        if abs(e.imag) > 1e-12 or abs(d) < 1e-9 or not all(map(_finite, (d, w))):
            continue
        ratios.append(w / d)
    if len(ratios) < 3:
        return None
    first = ratios[0]
    if any(abs(r - first) > 1e-7 * max(1.0, abs(first)) for r in ratios) or abs(first) < 1e-12:
        return None
    if abs(first.imag) > 1e-9:
        return None
    c = sympy.nsimplify(first.real, rational=True, tolerance=1e-9)
    return None if c == 1 else c


def _finite(z: complex) -> bool:
    import math

    return math.isfinite(z.real) and math.isfinite(z.imag)
