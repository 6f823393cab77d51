"""Lesson 1: the chain rule, on h(x) = ln(2 + cos x).

Run it with ``python lessons/01_chain_rule.py``. Each section prints a short explanation, then
lets chainrule do the mathematics and show its work, so the numbers on screen are computed, never
typed in by hand.
"""

from rich.console import Console
from rich.markdown import Markdown

import chainrule
from chainrule.formats.notation import unicode

console = Console(width=min(Console().width, 100))


def say(text: str) -> None:
    console.print(Markdown(text))
    console.print()


say(
    "# Lesson 1 · The chain rule\n"
    "A nested function is a function applied to the result of another one. To differentiate "
    "it we need to see the two layers: an **outer** function f and an **inner** function g, "
    "so that h(x) = f(g(x)), written h = f∘g."
)

h = chainrule.explain("log(2 + cos(x))")
chain = h.root


def show(expr) -> str:
    """A formula as the learner typed it: 2 + cos x, not SymPy's cos x + 2."""
    return unicode(expr, order=h.order)


say(
    "Take **h(x) = ln(2 + cos x)**. Whatever sits inside the logarithm is the inner function, "
    "and the logarithm itself is the outer one. Give the inner part a name, u, and the "
    "outer function becomes something we find in the derivative table."
)
console.print(f"  outer   f(u) = {show(chain.outer)}")
console.print(f"  inner   u = g(x) = {show(chain.inner)}")
console.print()

say(
    "The chain rule says: differentiate the inner function with respect to x, then the outer "
    "function with respect to u, and **multiply the two**.\n\n"
    "    dh/dx = df/du · du/dx"
)
console.print(f"  du/dx = {show(chain.inner_derivative)}")
console.print(f"  df/du = {show(chain.outer_derivative)}")
console.print()

say(
    "Finally put g(x) back in place of u. Here is every step as chainrule derives it, "
    "with the rule behind each line:"
)
console.print(h)
console.print()

say(
    "## Try it yourself\n"
    "The same recipe works however deep the nesting goes: each layer adds one more factor. "
    'Compare `chainrule explain "sin(x^2)"` with `chainrule explain "ln(sin(x^2))"`, '
    "and differentiate with respect to another letter with `--wrt`, "
    'e.g. `chainrule explain "exp(a*t)" --wrt t`.\n\n'
    "Next lesson: the same rule, applied to the cost of a tiny neural network."
)
