"""Lesson 4: The chain rule in a network: ∂J/∂w₂, link by link, with numbers.

Run it with ``chainrule lesson 4`` or ``python lessons/04_network_gradient.py``. Every formula
and number shown is computed as the lesson runs.
"""

from chainrule.document import Assign, Equals, Leibniz, Num, Update
from chainrule.network import Network, backprop
from chainrule.network.numbers import evaluate
from chainrule.teaching import Lesson

lesson = Lesson(4, "The chain rule in a network: ∂J/∂w₂")
net = Network()  # one input, one inner node, one output; σ activations; squared error
result = backprop(net, ["w2"])
w2 = result.gradient("w2")
lesson.follow(result)  # w₂·a₁ + b₂, and products in chain order

lesson.say(
    "The smallest network there is has one input x, one inner node and one output. Each "
    "node adds up what comes in, weighted, plus a bias, and passes the sum through the "
    "sigmoid σ. The cost J says how far the output ŷ is from the label y:",
)
for eq in net.equations:
    lesson.math(eq.lhs, eq.rhs)
lesson.say(
    "Training changes the weights and biases to make J smaller, and for that it needs the "
    "derivative of J with respect to each of them. Take w₂ first. It sits inside z₂, which "
    "sits inside σ, which sits inside J: a chain of three links, so the chain rule gives a "
    "product of three factors.",
)
lesson.pause()

lesson.section("Link by link")
lesson.say(
    "Here chainrule derives each link with the rules of Lessons 1 to 3, multiplies them, "
    "and checks the product against SymPy differentiating the whole cost at once:",
)
lesson.show(result, param="w2")
lesson.pause()

lesson.section("With numbers")
at = evaluate(result, {"x": 0.5, "y": 1}, lr=0.5)
value = at.gradient("w2")
point = [Equals((name, Num(number))) for name, number in at.inputs]
lesson.say(
    "At a point every link becomes a number, and so does their product. Here ",
    *[part for p in point for part in (p, ", ")][:-1],
    ":",
)
rows = [(Leibniz(f.of, f.wrt), Num(v)) for f, v in zip(w2.chain, value.factors, strict=True)]
rows.append(("their product, ∂J/∂w₂", Num(value.value)))
rows.append(("finite difference of J", Num(value.finite_difference)))
lesson.table(("link", "value"), rows)
agreement = (
    "it agrees with the product of the links"
    if value.agrees
    else "here it cannot confirm the product of the links"
)
lesson.say(
    f"The finite difference nudges w₂ a little each way and watches J change: {agreement}. "
    "Gradient descent then moves w₂ a small step against its gradient, with learning rate "
    f"η = {at.lr:g}:",
)
lesson.math(Assign(w2.param, Update(value.current, at.lr, value.value)), Num(value.updated))
lesson.pause()

lesson.section("Try it yourself")
lesson.exercise(
    "The middle link: differentiate {f} with respect to z.",
    "sigmoid(z)",
    wrt="z",
    hint="It is in the table of Lesson 1: σ′ is written with σ itself.",
)
lesson.exercise(
    "The last link: differentiate {f} with respect to w (a and b are held constant).",
    "w*a + b",
    wrt="w",
    hint="b does not change with w, and w·a changes at the rate a.",
)
lesson.say("Next: all four gradients at once, and why that is cheaper than it looks.")

if __name__ == "__main__":
    lesson.run()
