"""The blocks a document is made of: headings, sentences, equations, derivations, tables …

Words are ``str``; inline math is a SymPy expression or a term from ``document.terms``. A
block's ``parts`` is a tuple of both, read in order: ("outer ", ln(u), ", inner ", …). Blocks
never print anything: a format (``chainrule.formats``) lays them out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

#: Words and inline math in reading order.
Parts = tuple[Any, ...]


@dataclass(frozen=True)
class Heading:
    """A section title (level 1 is the document's own title)."""

    parts: Parts
    level: int = 2


@dataclass(frozen=True)
class Para:
    """A paragraph of words with inline math."""

    parts: Parts


@dataclass(frozen=True)
class Equation:
    """sides[0] = sides[1] = … on display, with an optional ``label`` before it ("Result:")
    and ``note`` after it ("computed once"), both words with inline math."""

    sides: tuple
    note: Parts = ()
    label: Parts = ()


@dataclass(frozen=True)
class Line:
    """One numbered step of a derivation: the rule, what a teacher says, and its math.

    ``uses`` numbers the earlier steps it builds on; ``sources`` says so in words ("from steps
    2 and 3"), for the formats.
    """

    number: int
    rule: str
    title: str
    sentence: Parts
    math: tuple  # the sides of lhs = rhs₁ = rhs₂ …
    uses: tuple[int, ...] = ()
    sources: str = ""


@dataclass(frozen=True)
class Derivation:
    """Numbered steps, each following from those it ``uses``.

    ``nested`` marks a derivation shown under another line (a link of the network derived by
    the explainer): formats indent it and keep it quieter.
    """

    lines: tuple[Line, ...]
    nested: bool = False


@dataclass(frozen=True)
class Link:
    """One row of a chain decomposition: its role, its definition and its derivative."""

    role: str  # "outer", "middle" or "inner"
    definition: tuple  # sides: u = g(x) = cos(x) + 2
    derivative: tuple  # sides: g′(x) = −sin(x)


@dataclass(frozen=True)
class Decomposition:
    """h = f∘g (or f∘g∘k …): the whole, each link, and how their derivatives multiply."""

    title: Parts
    composition: tuple  # sides: h(x) = ln(cos(x) + 2) = f(g(x))
    links: tuple[Link, ...]
    product: tuple  # sides: h′(x) = f′(g(x))·g′(x)


@dataclass(frozen=True)
class Table:
    """Rows of cells (words or math); a column of numbers is right-aligned."""

    headers: Parts
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class Plot:
    """A curve to draw: ``values`` over ``steps`` (J over gradient-descent steps)."""

    values: tuple[float, ...]
    steps: tuple[int, ...]
    label: str


@dataclass(frozen=True)
class Verdict:
    """✓ / ✗ / – with words: a check that passed, failed, or was not made."""

    status: Literal["ok", "failed", "skipped"]
    parts: Parts

    @property
    def ok(self) -> bool:
        return self.status != "failed"


@dataclass(frozen=True)
class Box:
    """Blocks that belong together under a title, drawn as one panel (the answer)."""

    title: Parts
    blocks: tuple
    status: Literal["ok", "failed", "skipped"] | None = None


@dataclass(frozen=True)
class FlowNode:
    """One node of a drawn graph: its definition, what feeds into it from the side (each with
    its edge label), and the label of the edge down to the next node."""

    definition: Any
    sides: tuple[tuple[Any, Any], ...] = ()
    down: Any = None


@dataclass(frozen=True)
class Flowchart:
    """Nodes drawn top to bottom, each edge labelled (the computational graph)."""

    nodes: tuple[FlowNode, ...]


@dataclass(frozen=True)
class Pause:
    """A place to stop and think before going on (a lesson waits here in a terminal)."""

    parts: Parts = ()


@dataclass(frozen=True)
class Exercise:
    """Try it yourself: a prompt, and the answer for an answer key.

    ``function`` is the formula whose derivative is asked (``wrt`` its variable), so that a
    lesson can check what the learner types; ``hint`` is said on request.
    """

    prompt: Parts
    answer: Parts = ()
    function: str = ""
    wrt: str | None = None
    hint: Parts = ()


Block = (
    Heading
    | Para
    | Equation
    | Derivation
    | Decomposition
    | Table
    | Plot
    | Verdict
    | Box
    | Flowchart
    | Pause
    | Exercise
)


@dataclass(frozen=True)
class Document:
    """What a view says, in order: every format lays out one of these.

    ``title`` is text, or ``Later`` text (a format reads it as ``str(doc.title)``). ``order``
    is the order the learner typed sums and products in (``chainrule.ordering``), which every
    format keeps while it prints the document's math.
    """

    blocks: tuple
    title: str | Later = "chainrule"
    order: tuple = ()


class Later:
    """Text worked out the first time it is read, ``str(later)``: a title that names a whole
    formula is printed only by the formats that show a title (a page's, a LaTeX document's),
    not by every render. Equal to the same text, as the text itself would be."""

    __slots__ = ("_make", "_text")

    def __init__(self, make: Callable[[], str]) -> None:
        self._make, self._text = make, None

    def __str__(self) -> str:
        if self._text is None:
            self._text = self._make()
        return self._text

    def __eq__(self, other) -> bool:
        return str(self) == str(other) if isinstance(other, str | Later) else NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return repr(str(self))


def joined(documents, title: str | None = None) -> Document:
    """One document holding the blocks of each in turn (one page for many explanations)."""
    documents = list(documents)
    if len(documents) == 1 and title is None:
        return documents[0]
    blocks = tuple(block for doc in documents for block in doc.blocks)
    order = tuple(pair for doc in documents for pair in doc.order)
    return Document(blocks, title=title or f"chainrule: {len(documents)} derivatives", order=order)
