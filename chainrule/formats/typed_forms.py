"""The two single forms a learner types that SymPy does not keep, as every printer writes them:
a power with its negative exponent, (5 − 2x)⁻² (SymPy prints 1/(5 − 2x)²), and eᵘ under a
fraction bar, x/eˣ (SymPy stores x·e^(−x)). The parser records where they were typed
(``chainrule.ordering``); only the printing changes, never the expression."""

from __future__ import annotations

import sympy
from sympy.printing.precedence import PRECEDENCE

from chainrule import ordering


class Raised(sympy.Function):
    """base^exponent, a negative exponent kept as typed: (5 − 2x)⁻², x^(−1/2). For printing
    only (args base, exponent), like ``printing.LogBase``: nothing derives it."""

    nargs = 2
    precedence = PRECEDENCE["Pow"]


def alone(term) -> sympy.Basic | None:
    """``term`` in the form it was typed, when that is not SymPy's: Raised(5 − 2x, −2) for a
    typed (5 − 2x)^(−2), (eˣ)⁻¹ (printed 1/eˣ) for a typed 1/eˣ; else None."""
    if not isinstance(term, sympy.Basic):
        return None
    if ordering.typed_power(term):
        return Raised(*term.args)
    if isinstance(term, sympy.exp) and term in ordering.under_bar(term):
        return _over(term)
    return None


def in_factors(product: sympy.Mul) -> dict | None:
    """Each factor of ``product`` that was typed in another form than SymPy's, with that form
    (a power with its exponent, an eᵘ under the bar as (eᵘ)⁻¹); None when there is none."""
    over = ordering.under_bar(product)
    forms = {f: _over(f) for f in over}
    forms.update({f: Raised(*f.args) for f in product.args if ordering.typed_power(f)})
    return forms or None


def _over(e_minus_u: sympy.exp) -> sympy.Pow:
    # e^(−u) as (eᵘ)⁻¹, left unevaluated: every printer writes a power −1 under the bar.
    return sympy.Pow(sympy.exp(-e_minus_u.args[0]), -1, evaluate=False)
