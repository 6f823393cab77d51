"""The vocabulary the network views are written in: terms (math that is not one SymPy
expression, such as ∂J/∂ŷ or a product kept in chain order) and blocks (a heading, a sentence,
an equation, a table …). Formats lay blocks out; ``render.network`` decides which to show.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from chainrule.steps import Explanation

# -- terms: math that is not one SymPy expression ---------------------------------------------


@dataclass(frozen=True)
class Partial:
    """∂of/∂wrt, a link's name in Leibniz form."""

    of: sympy.Symbol
    wrt: sympy.Symbol


@dataclass(frozen=True)
class Product:
    """Terms multiplied in the order given (SymPy would reorder a Mul): ∂J/∂ŷ · ∂ŷ/∂z₂ · ∂z₂/∂w₂."""

    items: tuple
    spaced: bool = False  # " · " between Leibniz names, "·" between formulas


@dataclass(frozen=True)
class Number:
    """A float shown to a fixed number of significant digits."""

    value: float


@dataclass(frozen=True)
class Apply:
    """∂/∂wrt (expression), unevaluated: the question a link answers."""

    expression: sympy.Expr
    wrt: sympy.Symbol


@dataclass(frozen=True)
class Update:
    """θ − η·g with the numbers filled in."""

    current: float
    lr: float
    gradient: float


@dataclass(frozen=True)
class Raw:
    """Fixed math that is not a SymPy expression, given in both notations."""

    unicode: str
    latex: str


Term = sympy.Basic | Partial | Product | Number | Apply | Update | Raw

# -- blocks ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A section title: words with inline math, like ``Para``."""

    parts: tuple


@dataclass(frozen=True)
class Para:
    """A sentence: words (str) with inline math (Terms) between them."""

    parts: tuple


@dataclass(frozen=True)
class Equation:
    """sides[0] = sides[1] = …, with an optional comment (words and inline math) after it."""

    sides: tuple
    note: tuple = ()


@dataclass(frozen=True)
class Derivation:
    """How the explainer derived one link: the format lays out the explanation's steps."""

    name: Partial
    explanation: Explanation


@dataclass(frozen=True)
class Table:
    headers: tuple
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class Check:
    """A verdict line (words and inline math): ✓ when ``ok``, – when nothing was checked."""

    ok: bool
    parts: tuple
    skipped: bool = False


@dataclass(frozen=True)
class Plot:
    """A curve to draw: ``values`` over ``steps`` (J over gradient-descent steps)."""

    values: tuple[float, ...]
    steps: tuple[int, ...]
    label: str


Block = Heading | Para | Equation | Derivation | Table | Check | Plot
