"""The view of a checked implicit derivative: the verdict on the curve, the mistake it shows,
and for a wrong answer the working that gives the right one."""

from __future__ import annotations

from chainrule.checking.implicit import IMPLICIT_MISTAKES, ImplicitCheck
from chainrule.document import Document, Equals, Heading, Leibniz, Para, Verdict


def implicit_check_view(c: ImplicitCheck) -> Document:
    im = c.implicit
    dydx = Leibniz(im.y, im.x, partial=False)
    curve = Equals((im.left, im.right))
    blocks: list = [Heading(("Checking your ", dydx, " on the curve ", curve), level=1)]
    blocks.append(Para(("Your answer: ", Equals((dydx, c.given)), ".")))
    if c.status == "right":
        blocks.append(
            Verdict(
                "ok",
                (
                    f"Right: it is the curve's slope at every one of the {c.points} points of "
                    "the curve it was compared at, as ",
                    Equals((dydx, im.slope)),
                    " is.",
                ),
            )
        )
        return Document(tuple(blocks), title="chainrule: check", order=c.order)
    if c.status == "undecided":
        blocks.append(
            Verdict("skipped", ("Too few points of the curve were found to compare at.",))
        )
        return Document(tuple(blocks), title="chainrule: check", order=c.order)
    said = ("Wrong: on the curve it differs from the slope ", Equals((dydx, im.slope)), ".")
    blocks.append(Verdict("failed", said))
    if c.mistake is not None:
        blocks.append(Para((f"The mistake ({c.mistake}): {IMPLICIT_MISTAKES[c.mistake]}.",)))
    from chainrule.views.implicit import implicit_view

    worked = implicit_view(im)
    blocks.append(Heading(("The working",)))
    blocks += worked.blocks[1:]
    return Document(tuple(blocks), title="chainrule: check", order=c.order)
