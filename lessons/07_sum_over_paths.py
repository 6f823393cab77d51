"""Lesson 7: More than one path: the chain rule as a sum.

Run it with ``chainrule lesson 7`` or ``python lessons/07_sum_over_paths.py``. Every link is
derived by the explainer as the lesson runs, and every sum is checked against ``sympy.diff``.
"""

import sympy

from chainrule import ordering
from chainrule.document import Document, Heading, InOrder, Leibniz, Num
from chainrule.network.layered import J, Layered
from chainrule.network.layered_backprop import counts
from chainrule.network.layered_links import LayeredLinks
from chainrule.network.paths import param_paths, path_count
from chainrule.network.shape import Shape
from chainrule.teaching import Lesson
from chainrule.views import document

#: The networks the lesson works on (tests/test_lesson_claims.py builds them again).
NARROW, TWO_OUT = "1-2-1", "1-2-2"
COUNTED = ("1-2-1", "1-2-2", "2-3-3-2", "2-16-16-1")

lesson = Lesson(7, "More than one path: the chain rule as a sum")


def without_forward_pass(result) -> Document:
    """``result``'s view less its forward pass: 1-2-2's layer 1 is 1-2-1's, written above."""
    doc = document(result)
    kept, skipping = [], False
    for block in doc.blocks:
        if isinstance(block, Heading):
            skipping = "".join(p for p in block.parts if isinstance(p, str)) == "The forward pass"
        if not skipping:
            kept.append(block)
    return Document(tuple(kept), title=doc.title, order=doc.order)


model = Layered(Shape.parse(NARROW, "sigmoid", "squared"))
links = LayeredLinks(model)
x = model.x(1)
lesson.follow(model)
lesson.say(
    "In the course's network every quantity feeds exactly one other, so each derivative was one "
    "product of links. Give the hidden layer two neurons (shape 1-2-1) and the input feeds both:"
)
for formula in model.formulas:
    lesson.math(formula.lhs, formula.rhs)
lesson.say(
    "When x moves, J moves along two routes at once, one through each hidden neuron. Each route "
    "is a chain like the course's, and the change in J is the sum of what the routes carry."
)
lesson.pause("Before reading on: write the two routes from x to J, one arrow per link.")

lesson.section("Two paths from x to J")
order = dict(links.order)
paths = []
for j in (1, 2):
    chain = [
        links.cost(1),
        links.into_output(1, 1),
        links.back(2, 1, j),
        links.activation(1, j),
        links.back(1, j, 1),
    ]
    nodes = " → ".join(("x", f"z1[{j}]", f"a1[{j}]", "z2", "ŷ", "J"))
    product = ordering.product(order, [f.in_activations for f in chain])
    paths.append(product)
    lesson.say(f"Path {j}: {nodes}, one link per arrow:")
    lesson.math(InOrder(tuple(Leibniz(f.of, f.wrt) for f in chain), spaced=True), product)
lesson.say(
    "Each link was derived by the explainer, as in Lesson 4: ∂J/∂ŷ = ŷ − y, the σ′ of each "
    "neuron written a·(1 − a), and ∂z/∂a the weight between them. The multivariable chain rule "
    "adds the paths:"
)
total = sympy.Add(*paths)
ordering.record(order, total, paths)
lesson.follow(order)
lesson.math(Leibniz(J, x), total)
reference = sympy.diff(model.expanded_cost, x)
agrees = sympy.simplify(model.expand(total) - reference) == 0
lesson.say(
    "Written out in x, y and the weights, the sum is "
    + ("exactly" if agrees else "not")
    + " what sympy.diff gives for J written out in full"
    + (
        " — and sympy.diff had to carry the whole of J through both routes to get it."
        if agrees
        else "."
    )
)
lesson.pause()

lesson.section("A weight with several paths")
wide = Layered(Shape.parse(TWO_OUT, "sigmoid", "squared"))
found = param_paths(wide, "w1[1,1]")
lesson.say(
    f"A weight has several paths when the neuron it feeds feeds several others. In 1-2-2, with "
    f"two outputs, w1[1,1] moves z1[1] alone, but a1[1] feeds both outputs, so J changes along "
    f"{found.count} paths. Here is chainrule's own view, with the same sum grouped by δ:"
)
lesson.show(without_forward_pass(found))
lesson.pause()

lesson.section("How many paths")
lesson.say(
    "A parameter of layer l has one path for every choice of one neuron in each layer after "
    "it: the product of those layers' widths. The first layer's weights have the most:"
)
rows = []
for text in COUNTED:
    shape = Shape.parse(text, "sigmoid", "squared")
    n = counts(shape.widths)
    rows.append(
        (text, Num(path_count(shape, 1)), Num(shape.params), Num(n.path_total), Num(n.paths))
    )
lesson.table(
    ("shape", "paths per layer-1 weight", "parameters", "paths in all", "products"),
    rows,
)
worst = counts(Shape.parse(COUNTED[-1], "sigmoid", "squared").widths)
lesson.say(
    "The last column counts the multiplications of links needed to multiply every path of every "
    f"parameter out on its own: {worst.paths:,} for {COUNTED[-1]}. Lesson 8 shows the way round "
    "it: every path from a neuron on passes through that neuron's δ, so δ is worked out once, a "
    f"layer at a time, from the layer after — {worst.reverse:,} multiplications for the same "
    "network."
)

lesson.section("Try it yourself")
lesson.say(
    "A 1-2-1 network with its weights fixed is a function of x alone: "
    "σ(2·σ(x) + 3·tanh(x)) has a sigmoid and a tanh neuron in its hidden layer. Its derivative "
    "is the sum over its two paths."
)
lesson.exercise(
    "Differentiate {f} with respect to x.",
    "sigmoid(2*sigmoid(x) + 3*tanh(x))",
    hint="σ′ of the whole, times the inner sum's derivative: 2·σ′(x) along one path plus "
    "3·tanh′(x) along the other.",
)
lesson.say("The product rule is the same idea, with two paths from x into u·v:")
lesson.exercise(
    "Differentiate {f} with respect to x.",
    "x^2*sin(x)",
    hint="x reaches the product through x² and through sin(x): add (x²)′·sin(x) and x²·sin′(x).",
)

if __name__ == "__main__":
    lesson.run()
