"""The view of a checked network gradient or δ: the learner's answer, the verdict, the mistake
it shows with a hint, and for a wrong one the derivation that gives the right one."""

from __future__ import annotations

import sympy

from chainrule.checking.network import NETWORK_HINTS, NETWORK_MISTAKES, NetworkCheck
from chainrule.document import Document, Equals, Heading, Leibniz, Para, Verdict


def network_check_view(c: NetworkCheck) -> Document:
    asked = _asked(c)
    blocks: list = [Heading(("Checking your ", asked), level=1)]
    blocks.append(Para(("Your answer: ", Equals((asked, c.given)), ".")))
    right = Equals((asked, c.expected))
    if c.status == "right":
        blocks.append(
            Verdict(
                "ok",
                (
                    "Right: written out in the inputs and the parameters it is the same function "
                    "as ",
                    right,
                    ".",
                ),
            )
        )
        return Document(tuple(blocks), title="chainrule: network check", order=c.order)
    if c.status == "undecided":
        blocks.append(
            Verdict("skipped", ("The random points could not tell; compare with ", right, "."))
        )
        return Document(tuple(blocks), title="chainrule: network check", order=c.order)
    blocks.append(Verdict("failed", ("Wrong: it should be ", right, ".")))
    if c.mistake is not None:
        blocks.append(
            Para(
                (
                    f"It looks like {NETWORK_MISTAKES[c.mistake]} ({c.mistake}). "
                    f"{NETWORK_HINTS[c.mistake]}",
                )
            )
        )
    from chainrule.views import document

    param = "all" if c.name.startswith("delta") else c.name
    worked = document(c.target.network, param=param)
    blocks.append(Heading(("The working",)))
    blocks += worked.blocks[1:]
    return Document(tuple(blocks), title="chainrule: network check", order=c.order)


def _asked(c: NetworkCheck):
    """∂J/∂w₂ for a parameter, δ₂ for a δ."""
    symbol = c.target.names[c.name]
    if c.name.startswith("delta"):
        return symbol
    return Leibniz(sympy.Symbol("J"), symbol, partial=True)
