"""One document model behind every view and every format.

A view (``chainrule.views``) turns a result — an explanation, a network gradient, a training
run — into a ``Document`` of blocks (``document.blocks``) whose math is still SymPy or a small
term (``document.terms``); a format (``chainrule.formats``) lays any document out. A new view
needs no format code, and a new format serves every view.
"""

from chainrule.document.blocks import (
    Block,
    Box,
    Decomposition,
    Derivation,
    Document,
    Equation,
    Exercise,
    Flowchart,
    FlowNode,
    Heading,
    Later,
    Line,
    Link,
    Para,
    Parts,
    Pause,
    Plot,
    Table,
    Verdict,
    joined,
)
from chainrule.document.terms import (
    Assign,
    Compose,
    DerivativeOf,
    Equals,
    Frac,
    InOrder,
    Leibniz,
    Neg,
    Num,
    Prime,
    Terms,
    Update,
)

__all__ = [
    "Assign",
    "Block",
    "Box",
    "Compose",
    "Decomposition",
    "Derivation",
    "DerivativeOf",
    "Document",
    "Equals",
    "Equation",
    "Exercise",
    "FlowNode",
    "Flowchart",
    "Frac",
    "Heading",
    "Later",
    "InOrder",
    "Leibniz",
    "Line",
    "Link",
    "Neg",
    "Num",
    "Para",
    "Parts",
    "Pause",
    "Plot",
    "Prime",
    "Table",
    "Terms",
    "Update",
    "Verdict",
    "joined",
]
