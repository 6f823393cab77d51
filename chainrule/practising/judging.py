"""Is a learner's answer to one part right? Judged as functions, never as strings.

A derivative part (g′, f′, u′, (ln h)′, h′) is handed to ``chainrule.check``, so working joined
by "=" is read line by line and a wrong line gets the same diagnosis as ``chainrule check``. An
expression part (f, g, ln h) is compared the way check compares: SymPy's arithmetic first, then
values at random real points (``chainrule.verifying.Checker``). f is written in the placeholder u:
ln(u) and log u are right, ln(x) is the right function in the wrong letter, and is told so.

A part at a point goes to ``check`` with ``at`` (h′(a), the tangent line: written after the
prompt "y = ", it is judged as ``y = …``), a part of order 2 with ``order`` (h″), and dy/dx of a
curve with the equation. A number (h(a), the slope at a point of a curve) is judged exactly, or
to the decimals typed; one a usual mistake gives is named.

An answer that cannot be read costs no try: it comes back as an error to show, and the part is
asked again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from chainrule.checking import Check, check
from chainrule.checking.links import read_links
from chainrule.document import Equals
from chainrule.errors import ChainruleError, ParseError, VariableError
from chainrule.parsing import parse
from chainrule.practising.problems import Part, Problem
from chainrule.verifying import Checker

#: A name written before the answer, as on paper: "u = 3x + 1", "f(u) = ln u", "ln h = …".
_NAMED = re.compile(r"(\s*(ln\s*\(?\s*[hy]\s*\)?|[A-Za-z](\s*\(\s*[A-Za-z]\s*\))?)\s*=(?!=))+")
#: The question before a number, as on paper: "h(1/2) =", "h′(1) =", "y'(1) =", "dy/dx =".
_QUESTION = re.compile(r"\s*([A-Za-z]\w*\s*['′]*\s*\([^=()]*\)|d\w*\s*/\s*d\w+)\s*=(?!=)")
_DECIMALS = re.compile(r"\d*\.(\d+)")
#: A tangent line written whole, y = …, and what is put before one written after the prompt.
_LINE = re.compile(r"\s*y\s*=(?!=)")
_Y = "y = "


@dataclass(frozen=True)
class Judgement:
    """The verdict on one answer: ``right``; whether it ``counted`` as a try (an unreadable
    answer does not: ``error`` says why); a ``note`` on a near miss, in words and math; and
    for a derivative part, ``chainrule.check``'s verdict, with the mistake it names."""

    right: bool
    counted: bool = True
    note: tuple = ()
    check: Check | None = None
    error: ChainruleError | None = None
    #: For a number, the id of the usual mistake that gives it (a check names its own).
    mistake: str | None = None


def judge(problem: Problem, part: Part, text: str) -> Judgement:
    """The verdict on ``text`` as the answer to ``part`` of ``problem``."""
    try:
        if part.is_number:
            return _number(part, text)
        if part.is_derivative:
            return _derivative(problem, part, text)
        return _expression(problem, part, text)
    except ChainruleError as error:
        return Judgement(False, counted=False, error=error)


def _derivative(problem: Problem, part: Part, text: str) -> Judgement:
    x, v = problem.variable, part.variable
    if v != x:
        # f′ is asked in u: an answer in x is told apart before check refuses its letter.
        (*_, last) = read_links(text, (v, x))
        if x in last.expr.free_symbols:
            return Judgement(False, note=_in_x(problem, part, last.expr))
    # A function as typed is checked as the learner would check it; a part of it in its letter.
    wrt = None if isinstance(part.of, str) else v
    if part.key == "tangent" and not _LINE.match(text):
        try:
            c = check(part.of, _Y + text, at=part.at)
        except ParseError as error:  # the caret under the answer as typed
            raise ParseError(error.message, error.position - len(_Y), text) from None
    else:
        c = check(part.of, text, wrt=wrt, order=part.order, at=part.at)
    return Judgement(c.correct, check=c)


def _number(part: Part, text: str) -> Judgement:
    from chainrule.calculus.point import read_point

    names = tuple(item.partition("=")[0].strip() for item in part.at.split(","))
    point = read_point(part.at, names)
    question = _QUESTION.match(text)
    start = question.end() if question else 0
    try:
        links = read_links(text[start:], [sympy.Symbol(n) for n in names])
    except ParseError as error:
        raise ParseError(error.message, start + error.position, text) from None
    last = links[-1]
    foreign = sorted({s.name for link in links for s in link.expr.free_symbols} - set(names))
    if foreign:
        raise VariableError(f"the answer uses {', '.join(foreign)}: it is a number")
    # A formula in the point's letters is taken at the point.
    value = last.expr.xreplace({s: point[s.name] for s in last.expr.free_symbols})
    decimals = min((len(m.group(1)) for m in _DECIMALS.finditer(last.text)), default=None)
    if _equal(value, part.answer, decimals):
        return Judgement(True)
    mistake = next((m for m, slip in part.slips if _equal(value, slip, decimals)), None)
    return Judgement(False, mistake=mistake)


def _equal(value: sympy.Expr, expected: sympy.Expr, decimals: int | None) -> bool:
    """Equal numbers; to a decimal typed with d digits, within half a unit of the last."""
    try:
        z = complex(sympy.N(value - expected, 30))
        size = abs(complex(sympy.N(expected, 30)))
    except (TypeError, ValueError):
        return False  # no number: 1/0 typed, say
    if not abs(z.imag) <= 1e-12 * max(1.0, size):
        return False
    if decimals is not None:
        return abs(z.real) <= 0.5 * 10.0**-decimals * 1.001
    return abs(z.real) <= 1e-12 * max(1.0, size)


def _expression(problem: Problem, part: Part, text: str) -> Judgement:
    x, v = problem.variable, part.variable
    named = _NAMED.match(text)
    body = text[named.end() :] if named else text
    try:
        answer = parse(body, symbols=(v, x))
    except ParseError as error:
        at = len(text) - len(body)
        raise ParseError(error.message, at + error.position, text) from None
    foreign = sorted(s.name for s in answer.free_symbols - {v, x})
    if foreign:
        raise VariableError(f"the answer uses {', '.join(foreign)}: write it in {v}")
    if answer.free_symbols <= {v} and _same(answer, part.answer):
        return Judgement(True)
    return Judgement(False, note=_near_miss(problem, part, answer))


def _same(a: sympy.Expr, b: sympy.Expr) -> bool:
    return Checker().agree(a, b, b)


def _in_x(problem: Problem, part: Part, answer: sympy.Expr) -> tuple:
    """What an answer in x to a part asked in u is: the right one with x for u, or f′ with g
    already put back, which comes later."""
    x, u = problem.variable, part.variable
    if u not in answer.free_symbols and _same(answer.xreplace({x: u}), part.answer):
        return ("The right function, but in x: write it in the placeholder ", u, ".")
    chain = problem.chain
    if chain is not None and _same(answer, part.answer.xreplace({u: chain.inner})):
        return ("That is f′(g(x)), with g put back: here f′ is asked in ", u, " alone.")
    return ("This part is written in ", u, ", not x.")


def _near_miss(problem: Problem, part: Part, answer: sympy.Expr) -> tuple:
    """Why a wrong f, g or ln h is close: the right one in x, a split of h at another place,
    the whole function, or ln h still holding the power."""
    x, v = problem.variable, part.variable
    if part.key == "ln_h":
        if answer.has(problem.expression):
            return ("Take the power out of the logarithm: ln(f^g) = g·ln f.",)
        return ()
    chain = problem.chain
    if chain is None:
        return ()
    if part.key == "f":
        if x in answer.free_symbols:
            return _in_x(problem, part, answer)
        if _same(answer.xreplace({v: x}), chain.expression):
            return ("That is the whole function with x written as ", v, ": f is its outer part.")
        for inside in _inside(chain.inner):
            if _same(answer.xreplace({v: inside}), chain.expression):
                return (
                    "That f with ",
                    Equals((v, inside)),
                    " does make ",
                    chain.expression,
                    ", but f is the outer function alone: g takes everything inside it.",
                )
    if part.key == "g":
        if _same(answer, chain.expression):
            return ("That is the whole chain; g is what the outer function is applied to.",)
        if any(_same(answer, inside) for inside in _inside(chain.inner)):
            return ("That sits inside g: g is all of what the outer function is applied to.",)
    return ()


def _inside(inner: sympy.Expr) -> list[sympy.Expr]:
    """The pieces of g(x) that vary, g itself and x apart, outermost first."""
    pieces = [e for e in sympy.preorder_traversal(inner) if e.free_symbols and not e.is_Symbol]
    return pieces[1:]
