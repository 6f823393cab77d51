"""Lesson 5: All four gradients, and why backpropagation reuses δ₂.

Run it with ``chainrule lesson 5`` or ``python lessons/05_backpropagation.py``. Every formula
and count shown is computed as the lesson runs.
"""

from chainrule.document import InOrder, Leibniz
from chainrule.network import Network, backprop
from chainrule.teaching import Lesson

#: Chains of inner nodes whose counts of products the lesson shows (1 is the course's network).
DEPTHS = (1, 2, 5, 10, 20)

lesson = Lesson(5, "All four gradients: backpropagation")
net = Network()
result = backprop(net)
J = net.J
lesson.follow(result)

lesson.say(
    "Lesson 4 found ∂J/∂w₂ as a chain of links. The other parameters need chains too, "
    "and written side by side they overlap:",
)
for g in result.gradients:
    links = InOrder(tuple(Leibniz(f.of, f.wrt) for f in g.chain), spaced=True)
    lesson.math(Leibniz(J, g.param), links)
lesson.say(
    "Every chain starts with the same two links, ∂J/∂ŷ · ∂ŷ/∂z₂. Their product is the error "
    "signal at the output node, δ₂ = ∂J/∂z₂. Work it out once:",
)
delta = result.deltas[0]
lesson.math(delta.symbol, delta.expression)
lesson.pause()

lesson.section("Reusing δ₂")
lesson.say(
    "Each gradient at the output node is δ₂ times the parameter's own last link. The signal for "
    "the node before, δ₁, is δ₂ passed back through w₂ and σ′, and the first node's gradients "
    "are δ₁ times their own last link. Going backwards from the cost, one node at a time, "
    "reusing what is already known, is backpropagation:",
)


def from_delta(g):
    """∂J/∂θ = δk · ∂zk/∂θ = δk times the last link's value (δk alone when that is 1)."""
    head, last = g.delta.symbol, g.last.derivative
    product = head if last == 1 else InOrder((head, last))
    return (
        Leibniz(J, g.param),
        InOrder((head, Leibniz(g.last.of, g.last.wrt)), spaced=True),
        product,
    )


by_node = sorted(result.gradients, key=lambda g: -net.node_of(g.param))
for d in result.deltas:
    if d.previous is not None:
        lesson.math(d.symbol, d.expression)
    for g in by_node:
        if g.delta.index == d.index:
            lesson.math(*from_delta(g))
rows = []
for depth in DEPTHS:
    chains, shared = backprop(Network(layers=depth), verify=False).multiplications
    rows.append((str(depth), str(chains), str(shared)))
lesson.say(
    "Multiplying every chain out separately repeats the shared links; passing the δs back "
    "multiplies each of them once. Counting the products of links for all the gradients, in "
    "this network and in longer chains of inner nodes (chainrule network --layers N):",
)
lesson.table(("inner nodes", "chain by chain", "sharing the δs"), rows)
lesson.pause()

lesson.section("The whole derivation")
lesson.say("chainrule lays it all out the same way (the command chainrule network shows it too):")
lesson.show(result)
lesson.pause()

lesson.section("Try it yourself")
lesson.exercise(
    "The link that passes δ₂ back: differentiate {f} with respect to a.",
    "w*a + b",
    wrt="a",
    hint="Now w is the constant and a the variable.",
)
lesson.say("Next: using the gradients to train the network.")

if __name__ == "__main__":
    lesson.run()
