"""A learner's working, checked: each line right or wrong, and for the first wrong line what
went wrong, the right step beside it, and a hint in the course's words."""

from __future__ import annotations

from chainrule.checking import Check
from chainrule.document import (
    Box,
    Derivation,
    DerivativeOf,
    Document,
    Equals,
    Equation,
    Heading,
    Line,
    Para,
    Verdict,
)
from chainrule.views import hints, wording
from chainrule.views.answer import answer
from chainrule.views.explanation import is_partial, lines_for

#: The title of the box that explains the first wrong line.
WHERE = "Where it went wrong"


def check_view(c: Check) -> Document:
    ex = c.explanation
    partial = is_partial(ex.constants)
    lhs = DerivativeOf(ex.expression, ex.variable, partial)
    blocks: list = [Heading(("Checking your derivative of ", ex.expression), level=1)]
    blocks.append(Derivation(tuple(_line(c, i) for i in range(len(c.links)))))
    if c.correct:
        said = "Right: every line equals " if len(c.links) > 1 else "Right: "
        blocks.append(Verdict("ok", (said, lhs, " = ", ex.derivative)))
        if c.links[-1].in_letters:
            # Right, but the course's last step is still to do: put g(x) back for u.
            held = c.links[-1].link.expr.free_symbols
            back = [
                Equals((step.u, step.inner))
                for step in ex.steps()
                if getattr(step, "u", None) in held and hasattr(step, "inner")
            ]
            blocks.append(
                Para(
                    (
                        "To finish, put ",
                        *wording.listing(back),
                        " back: the answer is in ",
                        ex.variable,
                        " alone.",
                    )
                )
            )
        return Document(tuple(blocks), title="chainrule: check", order=c.order)
    if c.first_wrong is None:
        # Nothing wrong, nothing proved right: the learner compares with the steps by hand.
        blocks.append(Verdict("skipped", _undecided(c)))
    else:
        blocks.append(diagnosis(c))
    if c.path is None and c.mistake != "algebra_slip":  # a slip: the calculus was right
        derivation, _ = lines_for(ex)
        blocks += [Heading((wording.steps(),)), derivation, answer(ex, partial)]
    return Document(tuple(blocks), title="chainrule: check", order=c.order)


def _line(c: Check, i: int) -> Line:
    v = c.links[i]
    number = i + 1
    typed = f"\u201c{v.link.text}\u201d"
    if v.right:
        title = "Right"
        sentence = (typed, " equals the derivative")
        if v.in_letters:
            sentence += (" once the letters are put back",)
    elif v.right is None:
        title = "Cannot tell"
        sentence = (typed, " could not be compared with the derivative")
    else:
        title = "Wrong"
        said = " is the first wrong line" if number == c.first_wrong else " is wrong too"
        sentence = (typed, said)
    kind = "right" if v.right else "wrong" if v.right is False else "undecided"
    return Line(number, kind, title, sentence, (v.link.expr,))


def _undecided(c: Check) -> tuple:
    """Why no line could be judged: the steps shown after it are for comparing by hand."""
    ex = c.explanation
    why = next(v.why_undecided for v in c.links if v.right is None)
    if why == "too_large":
        reason = ("the values of ", ex.expression, " are too large to compare")
    else:
        reason = (ex.expression, " is real at too few points to compare")
    return (
        "Cannot tell: ",
        *reason,
        ". Compare your working with the steps below by hand.",
    )


def diagnosis(c: Check, reveal: bool = True) -> Box:
    """The box for the first wrong line: what it is, the right step, the hint. Without
    ``reveal`` (a learner about to try again) only what the line is and the hint."""
    ex = c.explanation
    mistake = c.mistake or "unknown"
    if mistake == "algebra_slip":
        rows = list(slip(c))
    else:
        wrong = c.links[c.first_wrong - 1].link.expr
        rows = [
            Para((_which(c), hints.WHAT[mistake], f" ({mistake}).")),
            Equation((wrong,), label=("Yours:",)),
        ]
    partial = is_partial(ex.constants)
    lhs = DerivativeOf(ex.expression, ex.variable, partial)
    if not reveal:
        said = hints.HINT[mistake] if mistake != "unknown" else hints.INSIDE_OUT
        rows.append(Para(("Hint: ", said)))
        return Box((WHERE,), tuple(rows), status="failed")
    if c.path is not None:
        step = c.path.step
        _, said = lines_for(ex)
        lines = said.get(id(step), ())
        if lines:
            numbers = wording.uses(tuple(line.number for line in lines)).replace("from ", "")
            rows.append(Para((f"It parts from the right path at {numbers} ({lines[0].title}):",)))
            for line in lines:
                rows.append(Equation(line.math, label=(f"{line.number}.",)))
        if step is not ex.root:  # at the root, taken wrongly is the line itself
            step_lhs = DerivativeOf(step.expression, step.variable, partial)
            rows.append(Equation((step_lhs, c.path.local), label=("Taken wrongly:",)))
    rows.append(Equation((lhs, ex.derivative), label=("Right:",)))
    rows.append(Para(("Hint: ", hints.HINT[mistake])))
    return Box((WHERE,), tuple(rows), status="failed")


def slip(c: Check) -> tuple:
    """An algebra slip named, with the right line and the wrong one after it, and a number
    that tells them apart."""
    k = c.first_wrong
    before, after = (c.links[i].link.expr for i in (k - 2, k - 1))
    said = f"An algebra slip between line {k - 1} and line {k} (algebra_slip): line {k} "
    rows: list = [
        Para((said, hints.WHAT["algebra_slip"], ".")),
        Equation((before,), label=(f"Line {k - 1}:",)),
        Equation((after,), label=(f"Line {k}:",)),
    ]
    if c.apart is not None:
        x, a, b = c.apart
        at = Equals((c.explanation.variable, x))
        rows.append(Para(("At ", at, f": line {k - 1} is ", a, f" and line {k} is ", b, ".")))
    return tuple(rows)


def parting(c: Check, end: str = ".") -> Para | None:
    """Which step the wrong path leaves the right one at, and its rule, without the answer."""
    if c.path is None:
        return None
    step = c.path.step
    lhs = DerivativeOf(step.expression, step.variable, is_partial(c.explanation.constants))
    return Para(("It parts from the right path at ", lhs, f" ({wording.title(step.rule)}){end}"))


def _which(c: Check) -> str:
    """ "Your answer " for one line of working, "Line 2 " in a chain of them."""
    return "Your answer " if len(c.links) == 1 else f"Line {c.first_wrong} "
