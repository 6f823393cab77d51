"""Lesson 5: All four gradients, and why backpropagation reuses δ₂.

Run it with ``chainrule lesson 5`` or ``python lessons/05_backpropagation.py``. Every formula
and count shown is computed as the lesson runs.
"""

from chainrule.document import InOrder, Leibniz
from chainrule.network import Network, backprop
from chainrule.teaching import Lesson

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
    "Each gradient at the output node is δ₂ times one local factor, and the signal for the "
    "node before it is δ₂ passed back through w₂ and σ′. Going backwards from the cost, one "
    "node at a time, reusing what is already known, is backpropagation:",
)
for d in result.deltas[1:]:
    lesson.math(d.symbol, d.expression)
for g in result.gradients:
    lesson.math(Leibniz(J, g.param), g.gradient)
chains, shared = result.multiplications
lesson.say(
    f"Multiplying every chain out separately takes {chains} products of links; sharing the "
    f"δs takes {shared}. The saving grows with depth: in a deep network it is the difference "
    "between a training step that is affordable and one that is not.",
)
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
