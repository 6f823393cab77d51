"""The view of a checked answer at a point: the learner's slope or tangent line, the verdict,
the mistake it shows, and for a wrong one the working at the point that gives the right one."""

from __future__ import annotations

import sympy

from chainrule.checking.point import POINT_MISTAKES, PointCheck
from chainrule.document import Document, Equals, Heading, Nth, Para, Verdict
from chainrule.views.calculus import function_name
from chainrule.views.hints import HINT, WHAT


def point_check_view(c: PointCheck) -> Document:
    p = c.at
    ex = p.explanation
    name, _ = function_name(ex)
    x, a, y = p.variable, p.point, sympy.Symbol("y")
    asked = "tangent line" if c.kind == "tangent" else "derivative"
    blocks: list = [
        Heading(("Checking your ", asked, " of ", ex.expression, " at ", Equals((x, a))), level=1)
    ]
    if c.decimals is not None:  # a decimal as typed: as a fraction it would not be theirs
        blocks.append(
            Para(("Your answer: ", Nth(name, a, 1), " = " + c.typed.replace("-", "−") + "."))
        )
    else:
        mine = Equals((y if c.kind == "tangent" else Nth(name, a, 1), c.given))
        blocks.append(Para(("Your answer: ", mine, ".")))
    right = Equals((y, p.tangent)) if c.kind == "tangent" else Equals((Nth(name, a, 1), p.slope))
    if c.status == "right":
        to = f", to the {c.decimals} decimals you gave" if c.decimals else ""
        blocks.append(Verdict("ok", ("Right", to, ": ", right, ".")))
        return Document(tuple(blocks), title="chainrule: check", order=c.order)
    blocks.append(Verdict("failed", ("Wrong: it should be ", right, ".")))
    if c.mistake in POINT_MISTAKES:
        blocks.append(Para((f"It looks like {POINT_MISTAKES[c.mistake]} ({c.mistake}).",)))
    elif c.mistake is not None:
        blocks.append(
            Para(
                (
                    f"It is the value at {x} = ",
                    a,
                    f" of a derivative that {WHAT[c.mistake]} ({c.mistake}). {HINT[c.mistake]}",
                )
            )
        )
    from chainrule.views.point import point_view

    worked = point_view(p)
    blocks.append(Heading(("The working",)))
    blocks += worked.blocks[1:]
    return Document(tuple(blocks), title="chainrule: check", order=c.order)
