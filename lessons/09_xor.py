"""Lesson 9: XOR: what one neuron per layer cannot learn, and two can.

Run it with ``chainrule lesson 9`` or ``python lessons/09_xor.py``. Every network here is
trained as the lesson runs (NumPy does the numbers); every claim about a run is read from it.
"""

import math

import sympy

from chainrule.document import Equals, Num
from chainrule.functions import sigmoid
from chainrule.network.layered_data import load_data
from chainrule.network.layered_numbers import evaluate_shape
from chainrule.network.layered_training import train_shape
from chainrule.network.shape import Shape
from chainrule.teaching import Lesson

#: The runs the lesson rests on (tests/test_lesson_claims.py trains them again).
SEEDS = (0, 1, 2, 3)
ALONE, CHAIN, WIDE = "2-1", "2-1-1", "2-2-1"

lesson = Lesson(9, "XOR: what one neuron per layer cannot learn, and two can")


def shape(widths: str) -> Shape:
    hidden = widths.count("-") - 1
    return Shape.parse(widths, ",".join(["tanh"] * hidden + ["sigmoid"]), "cross-entropy")


def runs(widths: str) -> list:
    s = shape(widths)
    return [train_shape(s, load_data("xor", s), seed=seed) for seed in SEEDS]


def best(found: list) -> float:
    return max(run.accuracies[-1] for run in found)


xor = load_data("xor", shape(WIDE))
lesson.say(
    "XOR, exclusive or, is the smallest problem that needs a hidden layer. It has two inputs "
    "and asks for 1 when exactly one of them is 1:"
)
lesson.table(
    ("x1", "x2", "y"),
    [(Num(x1), Num(x2), Num(y)) for (x1, x2), (y,) in zip(xor.X, xor.Y, strict=True)],
)
lesson.say(
    "The cost is the binary cross-entropy, the mean over the four rows, and an output ŷ "
    "above 0.5 is read as 1. A network that knows nothing says ŷ = 0.5 for every row: "
    "J = ln 2 ≈ 0.693, and half the rows right."
)
lesson.pause(
    "Before reading on: can one straight line split the plane so that (0, 1) and (1, 0) are "
    "on one side, (0, 0) and (1, 1) on the other?"
)

lesson.section("One neuron draws one line")
alone = runs(ALONE)
w, v, b, x1, x2, yhat = sympy.symbols("w v b x1 x2 yhat")
z = w * x1 + v * x2 + b
for expr, *parts in ((z, w * x1, v * x2, b), (w + b, w, b), (v + b, v, b), (w + v + b, w, v, b)):
    lesson.write(expr, *parts)
lesson.write(w + v + 2 * b, w, v, 2 * b)
half = sympy.Rational(1, 2)
lesson.say(
    "With no hidden layer (shape 2-1) the network is ",
    Equals((yhat, sigmoid(z))),
    ", and ",
    sympy.Gt(yhat, half),
    " exactly where ",
    sympy.Gt(z, 0),
    ": on one side of a straight line. XOR asks for ",
    sympy.Lt(b, 0),
    " at (0, 0), ",
    sympy.Gt(w + b, 0),
    " and ",
    sympy.Gt(v + b, 0),
    " at (1, 0) and (0, 1), and ",
    sympy.Lt(w + v + b, 0),
    " at (1, 1). The middle two added give ",
    sympy.Gt(w + v + 2 * b, 0),
    ", so ",
    sympy.Gt(w + v + b, -b),
    ", which is above 0, against the last. No line does it, so no weights do.",
)
lowest = min(run.costs[-1] for run in alone)
lesson.say(
    f"Trained from {len(SEEDS)} random starts, 2000 steps each, 2-1 gets at best "
    f"{best(alone):.0%} of the rows right; J ends at ",
    Num(lowest),
    " at the lowest"
    + (
        ", which is ln 2: the cost is least with every weight 0 and ŷ = 0.5 on every row, "
        "since a line that gets three rows right pays more on the fourth than it gains."
        if abs(lowest - math.log(2)) < 1e-4
        else "."
    ),
)
chain = runs(CHAIN)
lesson.say(
    "A hidden layer of one neuron, as in the course's chain (shape 2-1-1), does not help: "
    "everything after the first neuron sees one number, its weighted sum, so the rows "
    "it calls 1 are still those on one side of a line. The best such line gets three rows of "
    f"four. Trained from the same starts, 2-1-1 gets at best {best(chain):.0%}.",
)
lesson.pause()

lesson.section("Two hidden neurons draw two lines")
wide = runs(WIDE)
run = wide[0]
lesson.say(
    "With two neurons in the hidden layer (shape 2-2-1, tanh inside, σ at the output) each "
    "hidden neuron has its own line, and the output neuron combines the two sides. Here is "
    "the run from seed 0:"
)
lesson.show(run)
s = shape(WIDE)
seen = evaluate_shape(s, run.final_params(), run.lr, data=xor)
hidden, out = seen.a[1], seen.a[2]
lesson.say("What each neuron says about each row after training:")
lesson.table(
    ("x1", "x2", "a1[1]", "a1[2]", "ŷ", "y"),
    [
        (Num(x1), Num(x2), Num(h1), Num(h2), Num(yhat), Num(y))
        for (x1, x2), (h1, h2), (yhat,), (y,) in zip(xor.X, hidden, out, xor.Y, strict=True)
    ],
)
on = [[h > 0 for h in row] for row in hidden]
ones = [y == 1 for (y,) in xor.Y]
both_on = [a and b for a, b in on]
if both_on == ones:
    lesson.say(
        "Both hidden neurons are positive on exactly the rows whose label is 1: each one "
        "has put its line so that one wrong corner falls outside, and the output neuron says "
        "1 where both agree."
    )
lesson.say(
    f"All {len(SEEDS)} starts reach {best(wide):.0%}"
    if min(r.accuracies[-1] for r in wide) == 1
    else f"The best of {len(SEEDS)} starts reaches {best(wide):.0%}",
    ", each ending with J at or below ",
    Num(max(r.costs[-1] for r in wide)),
    ". Each gradient was the chain rule, path by path, as in the lessons before: a "
    "weight of the hidden layer reaches J through its own neuron and then the output.",
)
lesson.say(
    "See it in the tool: chainrule network --shape 2-2-1 --activation tanh,sigmoid "
    "--cost cross-entropy --train --data xor."
)
lesson.pause(
    "Why does 2-2-1 need tanh or σ in its hidden layer? What would the layer give with "
    "linear neurons?"
)

lesson.section("Why the hidden layer bends")
flat = [
    train_shape(f, load_data("xor", f), seed=seed)
    for f in [Shape.parse(WIDE, "linear,sigmoid", "cross-entropy")]
    for seed in SEEDS
]
lesson.say(
    "A linear hidden neuron passes its weighted sum on unchanged, and a weighted sum of "
    "weighted sums of x1 and x2 is one more weighted sum of them: the output is σ of a single "
    "line again, as in 2-1. Trained from the same starts with linear hidden neurons, 2-2-1 "
    f"gets at best {best(flat):.0%}. It is the bend of tanh or σ between the layers that lets "
    "two lines make one region."
)

lesson.section("Try it yourself")
lesson.say(
    "The first hidden neuron is a1 = tanh(w11·x1 + w12·x2 + b1). Its weight w12 reaches J "
    "only through a1: the first link of that path is ∂a1/∂w12."
)
lesson.exercise(
    "Differentiate {f} with respect to w12.",
    "tanh(w11*x1 + w12*x2 + b1)",
    wrt="w12",
    hint="A chain: tanh outside (its derivative is 1 − tanh²), the weighted sum inside, "
    "whose derivative in w12 is x2.",
)

if __name__ == "__main__":
    lesson.run()
