"""Lesson 2: the chain rule inside a neural network, ∂J/∂w₂ for the smallest network there is.

Run it with ``python lessons/02_network_gradient.py``. Every formula and number shown is
computed by chainrule as the lesson runs.
"""

from rich.console import Console
from rich.markdown import Markdown

from chainrule.formats.notation import unicode as _unicode
from chainrule.network import Network, backprop
from chainrule.network.numbers import evaluate

console = Console(width=min(Console().width, 100))


def say(text: str) -> None:
    console.print(Markdown(text))
    console.print()


net = Network()  # one input, one inner node, one output; σ activations; squared error
result = backprop(net, ["w2"])
w2 = result.gradient("w2")


def unicode(expr) -> str:
    """A formula as the course writes it: z₂ = w₂·a₁ + b₂, weight before activation, and a
    product of links in the chain's order, outermost first."""
    return _unicode(expr, order=result.order)


say(
    "# Lesson 2 · The chain rule in a network\n"
    "Our network has one input x, one inner node and one output. Each node takes a weighted "
    "sum of what comes in plus a bias, and passes it through the sigmoid σ:"
)
for eq in net.equations:
    console.print(f"  {unicode(eq.lhs)} = {unicode(eq.rhs)}")
console.print()

say(
    "The cost J measures how far the prediction ŷ is from the label y. Training means "
    "changing the weights and biases to make J smaller, and for that we need the derivative "
    "of J with respect to each of them.\n\n"
    "Start with w₂. It sits inside z₂, which sits inside σ, which sits inside J: a nested "
    "function, three layers deep. The chain rule handles it with one factor per layer."
)

names = " · ".join(f"∂{unicode(f.of)}/∂{unicode(f.wrt)}" for f in w2.chain)
console.print(f"  ∂J/∂w₂ = {names}")
console.print()
say("Each factor is an ordinary derivative, found with the rules of Lesson 1:")
for factor in w2.chain:
    rules = sorted({step.rule for step in factor.explanation.steps()})
    console.print(
        f"  ∂{unicode(factor.of)}/∂{unicode(factor.wrt)} = {unicode(factor.derivative)}"
        f"    [dim](rules used: {', '.join(rules)})[/dim]"
    )
console.print()

say("Multiply them and you have the gradient, written in the network's own quantities:")
console.print(f"  ∂J/∂w₂ = {unicode(w2.gradient)}")
console.print()
check = "agrees" if w2.verified else "could not be checked"
say(
    f"Written out in x, y and the parameters alone, this {check} with SymPy differentiating "
    "the whole cost in one go, but it is far longer and hides where each piece came from."
)

at = evaluate(result, {"x": 0.5, "y": 1}, lr=0.5)
value = at.gradient("w2")
point = ", ".join(f"{unicode(name)} = {number:g}" for name, number in at.inputs)
say(
    f"## Numbers\nAt {point}, each factor becomes a number. A finite difference, nudging w₂ a "
    "little each way and watching J change, confirms their product:"
)
console.print(f"  chain rule          ∂J/∂w₂ ≈ {value.value:.6f}")
console.print(f"  finite difference   ∂J/∂w₂ ≈ {value.finite_difference:.6f}")
console.print()
say(
    "Gradient descent then moves the weight a small step against the gradient, with a "
    f"learning rate η = {at.lr}:\n\n"
    f"    w₂ ← w₂ − η·∂J/∂w₂ = {value.current} − {at.lr}·({value.value:.4f}) = {value.updated:.4f}"
)
say(
    "## Try it yourself\n"
    "`chainrule network --param w2` shows every step of every factor; `--param b2` is "
    "the same chain with a different last link. Lesson 3 finds all four gradients at "
    "once and sees why that is cheap."
)
