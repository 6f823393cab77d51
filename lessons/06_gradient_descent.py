"""Lesson 6: Gradient descent: training the network with the derived gradients.

Run it with ``chainrule lesson 6`` or ``python lessons/06_gradient_descent.py``. The training
runs as the lesson runs; every number shown is computed, and every claim about a run is read
from the run.
"""

from itertools import pairwise

from chainrule.document import Num
from chainrule.network import Network
from chainrule.network.numbers import forward
from chainrule.network.training import train
from chainrule.teaching import Lesson

#: The runs the lesson's claims rest on (tests/test_lesson_claims.py trains them again).
RATE, FASTER = 0.5, 2.0  # the first run, and a larger step that still walks down
NO_FLOOR = 50.0  # on the lesson's sample, y = 1: even this rate never makes J rise
LABEL = 0.7  # a label σ reaches: the valley has a floor, at ŷ = 0.7
GENTLE, STEEP = 5.0, 40.0  # on that label: one walks down to the floor, one overshoots it
SHORT = 10  # steps of the side-by-side runs, every one of them shown

lesson = Lesson(6, "Gradient descent: watching J fall")
net = Network()


def rises(costs) -> list[int]:
    """The steps after which J is higher than before them."""
    return [i for i in range(1, len(costs)) if costs[i] > costs[i - 1]]


def outputs(run) -> list[float]:
    """ŷ before each step of a run that kept every step."""
    ((x, _),) = run.data
    yhat = net.a(net.nodes)
    names = [p.name for p in net.params]
    return [
        forward(net, {"x": x, **dict(zip(names, r.params, strict=True))})[yhat] for r in run.records
    ]


lesson.say(
    "With every gradient in hand, training repeats one move for each parameter θ: "
    "θ ← θ − η·∂J/∂θ. The gradient points uphill, so a small step against it lowers the "
    "cost; the learning rate η says how small.",
)
run = train(net, steps=100, lr=RATE, seed=0)
lesson.say(
    "Here it is on the sample of Lesson 4, each step using the four gradients of Lesson 5:",
)
lesson.show(run)
lesson.say(
    "Each step is the chain rule, evaluated at the current weights, and one small move "
    "downhill" + (": J never rose." if not rises(run.costs) else "."),
)
lesson.pause()

lesson.section("A larger step")
fast = train(net, steps=100, lr=FASTER, seed=0)
lesson.say(
    f"With η = {fast.lr:g} the same {fast.steps} steps take J from ",
    Num(fast.costs[0]),
    " to ",
    Num(fast.costs[-1]),
    ", against ",
    Num(run.costs[-1]),
    f" with η = {run.lr:g}: a longer stride each step, so J is lower sooner.",
)
big = train(net, steps=100, lr=NO_FLOOR, seed=0)
lesson.say(
    "Can a step be too large? Not on this sample. The label y = 1 is a value σ never "
    "reaches, so J = (1 − ŷ)²/2 has no floor: it falls for as long as z₂ grows, and here every "
    "step makes z₂ grow (δ₂ is negative while ŷ < 1, so b₂ goes up, and so does w₂·a₁). "
    f"With η = {big.lr:g}, J {'rose' if rises(big.costs) else 'never rose'} in its "
    f"{big.steps} steps, going from ",
    Num(big.costs[0]),
    " to ",
    Num(big.costs[-1]),
    ".",
)
gentle = train(net, given={"y": LABEL}, steps=SHORT, lr=GENTLE, seed=0, every=1)
steep = train(net, given={"y": LABEL}, steps=SHORT, lr=STEEP, seed=0, every=1)
low, high = outputs(gentle), outputs(steep)
lesson.say(
    f"A label σ does reach, such as y = {LABEL:g}, gives the valley a floor, at ŷ = "
    f"{LABEL:g}, and a far side. Here are the first {SHORT} steps from the same start with "
    f"η = {GENTLE:g} and with η = {STEEP:g}, and the output ŷ before each:",
)
lesson.table(
    ("step", f"ŷ, η = {GENTLE:g}", f"J, η = {GENTLE:g}", f"ŷ, η = {STEEP:g}", f"J, η = {STEEP:g}"),
    [
        (Num(i), Num(a), Num(ja), Num(b), Num(jb))
        for i, (a, ja, b, jb) in enumerate(zip(low, gentle.costs, high, steep.costs, strict=True))
    ],
)
climbs = all(a < b < LABEL for a, b in pairwise(low))
crossed = sum(1 for a, b in pairwise(high) if (a - LABEL) * (b - LABEL) < 0)
rose = rises(steep.costs)
first = (
    f"With η = {GENTLE:g}, ŷ {'climbs towards' if climbs else 'moves about'} {LABEL:g} and J "
    f"{'rises' if rises(gentle.costs) else 'never rises'}. With η = {STEEP:g} the first step "
    f"takes ŷ from {high[0]:.3f} to {high[1]:.3f}"
)
if rose and rose[0] == 1:
    first += f" and J up from {steep.costs[0]:.4f} to {steep.costs[1]:.4f}"
overshoots = bool(rose) and steep.costs[-1] > gentle.costs[-1]
lesson.say(
    f"{first}. ŷ crossed {LABEL:g} at {crossed} of the {SHORT} steps and J rose at "
    f"{len(rose)}, ending at ",
    Num(steep.costs[-1]),
    f" where η = {GENTLE:g} ended at ",
    Num(gentle.costs[-1]),
    ": too large a step jumps across the valley to its far wall, and from there back."
    if overshoots
    else ".",
)
lesson.say(
    "See it in the tool: chainrule network --train "
    f"--at y={LABEL:g} --lr {STEEP:g} --steps {SHORT} shows the same run, its parameters too.",
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
