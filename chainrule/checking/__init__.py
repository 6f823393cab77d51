"""``check``: read a learner's derivative, line by line, and say where and how it went wrong.

The answer is compared with the explained derivative as functions, not as strings: first by
SymPy's automatic arithmetic, then at random real points where the function is defined (the
verifier's own points, ``chainrule.verifying``). A chain of equalities, as written on paper,
is checked link by link; the first wrong link is compared with the usual wrong paths
(``chainrule.checking.mistakes``) to name the mistake; a wrong link right after a right one
that no wrong path writes as it stands is an algebra slip between the two.

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
    right) and ``path`` the wrong path that explains it (None when no known path does). For an
    algebra slip, ``apart`` is a point where the two lines differ: (x, line k−1, line k) there,
    rounded to 4 digits, or None when no simple point shows it. A link
    the verifier's points cannot judge (a function real only on a tiny set) is neither right
    nor wrong: ``status`` is then "undecided".
    """

    explanation: Explanation
    answer: str
    links: tuple[LinkVerdict, ...]
    first_wrong: int | None
    mistake: str | None
    path: WrongPath | None
    apart: tuple[sympy.Expr, sympy.Expr, sympy.Expr] | None = None

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

    @property
    def order(self) -> tuple:
        """The typed order of the function and of every line of the working, for printing:
        each line echoed as the learner wrote it, x·3^(x − 1), where SymPy would write
        3^(x − 1)·x. The function's own order wins where both typed the same parts."""
        return (*(item for v in self.links for item in v.link.order), *self.explanation.order)

    def _summary(self) -> str:
        verdict = self.status
        if self.first_wrong is not None:
            verdict = f"link {self.first_wrong} wrong ({self.mistake})"
        return f"d/d{self.explanation.variable} {formula(self.explanation.expression)}: {verdict}"


def check(
    function: str | sympy.Expr,
    answer: str,
    wrt: str | sympy.Symbol | None = None,
    order: int = 1,
    at: str | None = None,
):
    """Whether ``answer`` (a derivative, or links joined by "=") is the derivative of
    ``function`` (its ``order``-th derivative, 1 to 5: the last one is then checked as the
    derivative of the one before it, as simplified); which link is the first wrong one, and
    which usual mistake gives it. With ``at`` ("x=pi/3") the answer is h′ there, a number, or
    the tangent line there written ``y = …`` (``chainrule.checking.point``); for an equation's
    curve, dy/dx judged on the curve (``chainrule.checking.implicit``).

    Raises ``ParseError`` for an unreadable function or answer (its caret in the answer) and
    ``VariableError`` for an answer in letters the function does not have.
    """
    from chainrule.explaining import explain
    from chainrule.verifying import Checker
    from chainrule.verifying.agreement import Outcome

    if isinstance(function, str):
        from chainrule.parsing.equations import read_equation

        if read_equation(function) is not None:  # a curve: its dy/dx, judged on the curve
            from chainrule.checking.implicit import check_implicit

            return check_implicit(function, answer, x=str(wrt or "x"))
    if at is not None:
        if order != 1:
            from chainrule.errors import ChainruleError

            raise ChainruleError("--at checks the first derivative there: leave out --order")
        from chainrule.checking.point import check_at_point

        return check_at_point(function, answer, at, wrt)

    if order == 1:
        ex = explain(function, wrt=wrt)
    else:
        from chainrule.calculus import derivatives

        ex = derivatives(function, order, wrt).explanations[-1]
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
    mistake, path, apart = None, None, None
    if first is not None:
        wrong = verdicts[first - 1].link.expr.xreplace(letters)
        after_right = first > 1 and verdicts[first - 2].right is True
        mistake, path = _diagnose(checker, wrong, ex, after_right)
        if mistake == "algebra_slip":
            apart = _apart(verdicts[first - 2].link.expr.xreplace(letters), wrong, ex)
    return Check(ex, answer, tuple(verdicts), first, mistake, path, apart)


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


def _diagnose(
    checker, wrong: sympy.Expr, ex: Explanation, after_right: bool = False
) -> tuple[str, WrongPath | None]:
    """The usual mistake whose path gives ``wrong``; else, right after a right line, an algebra
    slip; else a constant factor or a sign; else "unknown".

    A path that gives the line as written is preferred to one that only equals it: x·x^(x−1)
    is the power rule on xˣ, xˣ itself the function typed back, though the two are equal. Of
    those, the one nearest the top of the tree is the plainest reading of the line. After a
    right line, only a path giving the line as written names it (the rule taken wrongly, as
    in 1/(2 + cos x) after the right chain rule): a line merely equal to one is a slip in the
    algebra, the calculus being done (a minus lost there is not cos′ taken as +sin).
    """
    paths = list(wrong_paths(ex.root))
    exact = [p for p in paths if p.answer == wrong]
    if exact:
        found = min(exact, key=lambda p: p.depth)
        return found.mistake, found
    if after_right:
        return "algebra_slip", None
    for path in paths:
        if checker.agree(wrong, path.answer, ex.expression):
            return path.mistake, path
    ratio = _constant_ratio(wrong, ex)
    if ratio is not None:
        return ("sign_error" if ratio == -1 else "constant_factor"), None
    return "unknown", None


#: Where a learner would put a number in to compare two lines: small and simple first.
_SIMPLE_POINTS = (1, 2, 3, sympy.Rational(1, 2), -1, -2, 5, sympy.Rational(1, 3))


def _apart(before: sympy.Expr, after: sympy.Expr, ex: Explanation):
    """The first simple x where ``before`` and ``after`` are real and differ in their first 4
    digits (the function defined there), with both values; None if there is none."""
    x = ex.variable
    if (before.free_symbols | after.free_symbols | ex.expression.free_symbols) - {x}:
        return None  # other letters: no single number to put in
    for point in _SIMPLE_POINTS:
        values = [_shown_value(e.xreplace({x: point})) for e in (ex.expression, before, after)]
        if any(v is None for v in values):
            continue
        _, a, b = values
        if abs(float(a) - float(b)) > 1e-3 * max(1.0, abs(float(a)), abs(float(b))):
            return (sympy.Rational(point), a, b)
    return None


def _shown_value(value: sympy.Expr) -> sympy.Expr | None:
    """``value`` as a learner would read it off a calculator: exact when rational, else to 4
    digits; None when it is not a finite real number."""
    if value.is_Rational:
        return value
    try:
        z = complex(value.evalf(15))
    except (TypeError, ValueError, ArithmeticError):
        return None
    if not _finite(z) or abs(z.imag) > 1e-12 * max(1.0, abs(z.real)):
        return None
    return sympy.Float(z.real, 4)


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
        if not all(map(_finite, (d, w, e))) or abs(e.imag) > 1e-12:
            continue
        try:
            if abs(d) >= 1e-9:
                ratios.append(w / d)
        except OverflowError:  # finite parts, too large a modulus: x/e^(x³) far out
            continue
    if len(ratios) < 3:
        return None
    first = ratios[0]
    try:
        if any(abs(r - first) > 1e-7 * max(1.0, abs(first)) for r in ratios):
            return None
    except OverflowError:
        return None
    if abs(first) < 1e-12:
        return None
    if abs(first.imag) > 1e-9:
        return None
    c = sympy.nsimplify(first.real, rational=True, tolerance=1e-9)
    return None if c == 1 else c


def _finite(z: complex) -> bool:
    import math

    return math.isfinite(z.real) and math.isfinite(z.imag)
