"""chainrule: differentiation explained step by step, from the chain rule to backpropagation.

    >>> import chainrule
    >>> chainrule.explain("log(2+cos(x))").derivative
    -sin(x)/(cos(x) + 2)

    >>> print(chainrule.explain("sin(x^2)"))  # doctest: +SKIP
    >>> chainrule.render(chainrule.explain("sin(x^2)"), "latex")  # doctest: +SKIP

Names are imported on first use, so ``import chainrule`` (and ``chainrule --help``) stays quick.
``render`` is ``chainrule.formats.render``: a result in any format; ``print`` of a result is its
text format.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# public name -> module that owns it
_EXPORTS = {
    "parse": "chainrule.parsing",
    "ParseError": "chainrule.errors",
    "VariableError": "chainrule.errors",
    "ChainruleError": "chainrule.errors",
    "explain": "chainrule.explaining",
    "Explanation": "chainrule.steps",
    "check": "chainrule.checking",
    "Check": "chainrule.checking",
    "practice": "chainrule.practising",
    "sigmoid": "chainrule.functions",
    "Network": "chainrule.network.model",
    "plot": "chainrule.graphing",
    "render": "chainrule.formats",
    "derivatives": "chainrule.calculus",
    "at_point": "chainrule.calculus",
    "gradient": "chainrule.calculus",
    "implicit": "chainrule.calculus",
    "log_differentiate": "chainrule.calculus",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # pragma: no cover
    from chainrule.calculus import (
        at_point,
        derivatives,
        gradient,
        implicit,
        log_differentiate,
    )
    from chainrule.checking import Check, check
    from chainrule.errors import ChainruleError, ParseError, VariableError
    from chainrule.explaining import explain
    from chainrule.formats import render
    from chainrule.functions import sigmoid
    from chainrule.graphing import plot
    from chainrule.network.model import Network
    from chainrule.parsing import parse
    from chainrule.practising import practice
    from chainrule.steps import Explanation


def __getattr__(name: str):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'chainrule' has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
