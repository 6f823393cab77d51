"""Lesson 3: Longer chains, and the chain rule with the other rules.

Run it with ``chainrule lesson 3`` or ``python lessons/03_longer_chains.py``. Every formula
shown is computed as the lesson runs.
"""

import chainrule
from chainrule.teaching import Lesson

lesson = Lesson(3, "Longer chains, and the rules together")

three = chainrule.explain("ln(sin(x^2))")
lesson.say(
    "A chain can have more than two links. In ",
    three.expression,
    " the square is taken first, then the sine, then the logarithm: three functions, each "
    "applied to the result of the one before. The chain rule still works from the inside "
    "out, one link at a time, and each link adds one factor to the product.",
)
lesson.show(three)
lesson.say(
    "Read the decomposition panel from the bottom up: the innermost derivative is found "
    "first, every letter (u, v) names one link, and the answer multiplies one factor per "
    "link.",
)
lesson.pause()

lesson.section("A product inside a chain")
inside = chainrule.explain("e^(x sin(x))")
lesson.say(
    "The inner function need not come from the table. In ",
    inside.expression,
    " it is a product, so its derivative, the g′ of the chain rule, comes from the product "
    "rule first:",
)
lesson.show(inside)
lesson.pause()

lesson.section("A chain inside a quotient")
quotient = chainrule.explain("sin(x)/(1 + x^2)^3")
lesson.say(
    "And the other way round: here the quotient rule is on the outside, and the "
    "denominator's derivative needs the chain rule.",
)
lesson.show(quotient)
lesson.pause()

lesson.section("Try it yourself")
lesson.exercise(
    "Differentiate {f} with respect to x.",
    "ln(cos(x^2))",
    hint="Three links: ln u with u = cos v, v = x². Multiply 1/u, −sin v and 2x.",
)
lesson.exercise(
    "Differentiate {f} with respect to x.",
    "x e^(-x^2)",
    hint="A product first: (PQ)′ = P′Q + PQ′; then the chain rule for e^(−x²).",
)
lesson.say("Next: the same rule, inside a neural network.")

if __name__ == "__main__":
    lesson.run()
