"""Lesson 6: Gradient descent: training the network with the derived gradients.

Run it with ``chainrule lesson 6`` or ``python lessons/06_gradient_descent.py``. The training
runs as the lesson runs; every number shown is computed.
"""

from chainrule.network import Network
from chainrule.network.training import train
from chainrule.teaching import Lesson

lesson = Lesson(6, "Gradient descent: watching J fall")
net = Network()

lesson.say(
    "With every gradient in hand, training repeats one move for each parameter θ: "
    "θ ← θ − η·∂J/∂θ. The gradient points uphill, so a small step against it lowers the "
    "cost; the learning rate η says how small.",
)
run = train(net, steps=100, lr=0.5, seed=0)
(x, y), *_ = run.data
lesson.say(
    f"Here are {run.steps} steps with η = {run.lr:g} on the single sample x = {x:g}, "
    f"y = {y:g}, each step using the four gradients of Lesson 5:",
)
lesson.show(run)
lesson.say(
    f"J fell from {run.costs[0]:.4f} to {run.costs[-1]:.4f}. Each step is the chain rule, "
    "evaluated at the current weights, and one small move downhill.",
)
lesson.pause()

lesson.section("A larger step")
fast = train(net, steps=100, lr=2.0, seed=0)
lesson.say(
    f"With η = {fast.lr:g} the same {fast.steps} steps take J from {fast.costs[0]:.4f} to "
    f"{fast.costs[-1]:.4f}. A larger step goes faster while the slope is a good guide; too "
    "large a step overshoots the valley. Try chainrule network --train --lr 5 and see.",
)
lesson.pause()

lesson.section("Try it yourself")
lesson.say(
    "A network with a single weight and no activation predicts ŷ = w·x, and its cost on one "
    "sample is J = (y − w·x)²/2.",
)
lesson.exercise(
    "Differentiate {f} with respect to w.",
    "(y - w*x)^2/2",
    wrt="w",
    hint="A chain: u²/2 outside, u = y − w·x inside, whose derivative in w is −x.",
)
lesson.say(
    "That derivative is the whole of gradient descent for this model: w ← w − η·∂J/∂w. "
    "The course's network is the same idea with a longer chain.",
)

if __name__ == "__main__":
    lesson.run()
