"""Lesson 3: every gradient at once. Backpropagation is the chain rule with its work shared.

Run it with ``python lessons/03_backpropagation.py``. Everything shown is computed as it runs.
"""

from rich.console import Console
from rich.markdown import Markdown

from chainrule.formats.notation import unicode as _unicode
from chainrule.network import Network, backprop
from chainrule.network.training import train
from chainrule.plotting import plot_lines

console = Console(width=min(Console().width, 100))


def say(text: str) -> None:
    console.print(Markdown(text))
    console.print()


net = Network()
result = backprop(net)


def unicode(expr) -> str:
    """A formula as the course writes it: z₂ = w₂·a₁ + b₂, weight before activation, and a
    product of links in the chain's order, outermost first."""
    return _unicode(expr, order=result.order)


say(
    "# Lesson 3 · Backpropagation\n"
    "Lesson 2 found ∂J/∂w₂ as a chain of three factors. The other parameters need chains "
    "too, and written side by side they overlap:"
)
for g in result.gradients:
    names = " · ".join(f"∂{unicode(f.of)}/∂{unicode(f.wrt)}" for f in g.chain)
    console.print(f"  ∂J/∂{unicode(g.param)} = {names}")
console.print()

output = result.deltas[0]
say(
    "Every chain starts with the same two factors, ∂J/∂ŷ · ∂ŷ/∂z₂. Their product is the "
    "error signal at the output node, called δ₂ = ∂J/∂z₂. Compute it **once**:"
)
console.print(f"  δ₂ = {unicode(output.expression)}")
console.print()

say(
    "Then each gradient at that node is δ₂ times one local factor, and the signal for the "
    "node before it is δ₂ passed back through w₂ and σ′:"
)
for d in result.deltas[1:]:
    console.print(f"  {unicode(d.symbol)} = {unicode(d.expression)}")
for g in result.gradients:
    console.print(f"  ∂J/∂{unicode(g.param)} = {unicode(g.gradient)}")
console.print()

chains, shared = result.multiplications
say(
    f"Multiplying every chain out separately takes {chains} products of factors; sharing the δs "
    f"takes {shared}. The saving grows with depth: for a long network it is the difference "
    "between a training step that is affordable and one that is not. That sharing, going "
    "backwards from the cost one node at a time, is **backpropagation**."
)

say("Here is the whole derivation as chainrule lays it out (`chainrule network` shows the same):")
console.print(result)
console.print()

run = train(net, steps=100, lr=0.5, seed=0)
(x, y), *_ = run.data
say(
    "## Gradient descent\n"
    "With every gradient in hand, training repeats one move: w ← w − η·∂J/∂w for each "
    f"parameter. Here are {run.steps} steps with η = {run.lr} on the single sample "
    f"x = {x:g}, y = {y:g}:"
)
for line in plot_lines(run.costs, width=60, height=8):
    console.print(f"  {line}")
console.print()
say(
    f"J fell from {run.costs[0]:.4f} to {run.costs[-1]:.4f}. "
    "Try `chainrule network --train --steps 500`, a different `--lr`, or "
    "`--cost cross-entropy`, where σ′ cancels and δ₂ is simply ŷ − y."
)
