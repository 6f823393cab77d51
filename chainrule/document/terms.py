"""Math that is not one SymPy expression: ∂J/∂ŷ, d/dx (…) unevaluated, a product kept in the
order a teacher writes it, θ − η·g with numbers in it.

Terms are plain frozen data. Every notation's printer (``chainrule.formats.notation``) prints
them beside SymPy's own classes, dispatching on the class name as SymPy's printers do, so a term
reads the same in every format. ``precedence`` tells a printer when a term needs brackets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from sympy.printing.precedence import PRECEDENCE

__all__ = [
    "Assign",
    "Compose",
    "DerivativeOf",
    "Equals",
    "Frac",
    "Grid",
    "Hadamard",
    "InOrder",
    "Leibniz",
    "Neg",
    "Nth",
    "Num",
    "Prime",
    "Terms",
    "Transposed",
    "Update",
]


@dataclass(frozen=True)
class Leibniz:
    """∂of/∂wrt (or dof/dwrt): a derivative named in Leibniz form, e.g. a link ∂J/∂ŷ."""

    precedence: ClassVar[int] = PRECEDENCE["Atom"]
    of: Any
    wrt: Any
    partial: bool = True


@dataclass(frozen=True)
class DerivativeOf:
    """d/dx applied to ``expression``, unevaluated: the question a step answers."""

    precedence: ClassVar[int] = PRECEDENCE["Mul"]
    expression: Any
    wrt: Any
    partial: bool = False


@dataclass(frozen=True)
class Nth:
    """The ``order``-th derivative of the function called ``name``: h″(x), h‴(x), h⁽⁴⁾(x), or
    with ``leibniz`` d²y/dx² (the book's way when the function was given as y = …)."""

    precedence: ClassVar[int] = PRECEDENCE["Atom"]
    name: Any
    argument: Any
    order: int
    leibniz: bool = False


@dataclass(frozen=True)
class Prime:
    """``body``′, e.g. u′ or (uv)′; brackets round a compound body."""

    precedence: ClassVar[int] = PRECEDENCE["Pow"]
    body: Any


@dataclass(frozen=True)
class InOrder:
    """Factors multiplied in the order given (SymPy would reorder a Mul).

    ``strict`` brackets every compound factor, so f′(g(x))·g′(x) shows its two factors;
    ``spaced`` puts spaces round the dots, as between Leibniz names: ∂J/∂ŷ · ∂ŷ/∂z₂;
    ``tight`` writes no dot at all, as in a rule stated in letters: u′v + uv′.
    """

    precedence: ClassVar[int] = PRECEDENCE["Mul"]
    items: tuple
    strict: bool = False
    spaced: bool = False
    tight: bool = False


@dataclass(frozen=True)
class Terms:
    """Terms added in the order given; a negative term is written with − (0 − sin x)."""

    precedence: ClassVar[int] = PRECEDENCE["Add"]
    items: tuple


@dataclass(frozen=True)
class Neg:
    """−body, for a term that is subtracted in a ``Terms`` (the u·v′ of the quotient rule)."""

    precedence: ClassVar[int] = PRECEDENCE["Add"]
    body: Any


@dataclass(frozen=True)
class Frac:
    """numerator over denominator, as written (a built-up fraction where the notation has one)."""

    precedence: ClassVar[int] = PRECEDENCE["Mul"]
    numerator: Any
    denominator: Any


@dataclass(frozen=True)
class Grid:
    """A matrix of math, ``rows`` of equal length (a column vector has rows of one): written
    as a bracketed array where the notation has one, else row by row, [a, b; c, d]."""

    precedence: ClassVar[int] = PRECEDENCE["Atom"]
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class Transposed:
    """``body``ᵀ, a matrix turned on its side: (W²)ᵀ."""

    precedence: ClassVar[int] = PRECEDENCE["Pow"]
    body: Any


@dataclass(frozen=True)
class Hadamard:
    """Factors multiplied entry by entry, in the order given: (W²)ᵀδ² ⊙ f′(z¹)."""

    precedence: ClassVar[int] = PRECEDENCE["Mul"]
    items: tuple


@dataclass(frozen=True)
class Compose:
    """f∘g∘k: function names (strings) composed."""

    precedence: ClassVar[int] = PRECEDENCE["Atom"]
    names: tuple[str, ...]


@dataclass(frozen=True)
class Num:
    """A float shown to six significant digits."""

    precedence: ClassVar[int] = PRECEDENCE["Atom"]
    value: float

    @property
    def negative(self) -> bool:
        return self.value < 0


@dataclass(frozen=True)
class Update:
    """current − lr·gradient with the numbers filled in: one gradient-descent step."""

    precedence: ClassVar[int] = PRECEDENCE["Add"]
    current: float
    lr: float
    gradient: float


@dataclass(frozen=True)
class Equals:
    """sides[0] = sides[1] = …, inside a sentence (a displayed equation is a block)."""

    precedence: ClassVar[int] = PRECEDENCE["Relational"]
    sides: tuple


@dataclass(frozen=True)
class Assign:
    """target ← value, as in the update rule θ ← θ − η·∂J/∂θ."""

    precedence: ClassVar[int] = PRECEDENCE["Relational"]
    target: Any
    value: Any
