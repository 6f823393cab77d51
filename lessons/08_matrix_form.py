"""Lesson 8: Backpropagation as matrices: the shapes tell you where the transpose goes.

Run it with ``chainrule lesson 8`` or ``python lessons/08_matrix_form.py``. The derivation is
chainrule's own, checked against ``sympy.diff`` as it runs; the numbers are computed at a point.
"""

from chainrule.network.layered import Layered
from chainrule.network.layered_backprop import layered_backprop
from chainrule.network.layered_numbers import evaluate_shape
from chainrule.network.shape import Shape
from chainrule.teaching import Lesson

#: The network of the lesson (tests/test_lesson_claims.py builds it again).
SHAPE = "2-3-2"

lesson = Lesson(8, "Backpropagation as matrices: the shapes tell you where the transpose goes")
shape = Shape.parse(SHAPE, "sigmoid", "squared")
model = Layered(shape)
n0, n1, n2 = shape.widths


def size(rows: int, cols: int) -> str:
    return f"{rows}×{cols}"


lesson.say(
    f"Lesson 7 added the paths one by one. With {n0} inputs, a hidden layer of {n1} and "
    f"{n2} outputs (shape {SHAPE}) there are {shape.params} parameters, and writing every sum "
    "by hand is slow. Stack each layer's numbers into vectors and its weights into a matrix: "
    "row j of Wˡ holds the weights into neuron j, so zˡ = Wˡaˡ⁻¹ + bˡ is every neuron's sum at "
    "once. A product of matrices is defined only when the inner sizes agree, and that rule is "
    "enough to put every formula of backpropagation together."
)
lesson.table(
    ("quantity", "what it holds", "shape"),
    [
        ("x", "the inputs", size(n0, 1)),
        ("W¹", "weights into layer 1: row j, from input k", size(n1, n0)),
        ("z¹, a¹, b¹, δ¹", "one number per hidden neuron", size(n1, 1)),
        ("W²", "weights into layer 2: row j, from hidden neuron k", size(n2, n1)),
        ("z², ŷ, b², δ²", "one number per output", size(n2, 1)),
    ],
)
lesson.pause(
    f"Before reading on: δ¹ must come out {size(n1, 1)}, and it is made from W² "
    f"({size(n2, n1)}) and δ² ({size(n2, 1)}). Which product of those two has that shape?"
)

lesson.section("Where the transpose comes from")
lesson.say(
    f"W²δ² does not exist: {size(n2, n1)} times {size(n2, 1)} has inner sizes {n1} and {n2}. "
    f"Turned on its side, (W²)ᵀ is {size(n1, n2)}, and (W²)ᵀδ² is {size(n1, 1)}, one number "
    "per hidden neuron, as δ¹ must be. It is also what the paths said: δ¹ⱼ adds, over every "
    "output k, the weight from neuron j into k times δ²ₖ — the weights out of neuron j, "
    "which are column j of W², row j of (W²)ᵀ. Then each entry is multiplied by its own "
    "neuron's f′(z¹ⱼ): ⊙, entry by entry. The gradients are outer products: "
    f"∂J/∂W² = δ²(a¹)ᵀ is ({size(n2, 1)})({size(1, n1)}) = {size(n2, n1)}, the shape of W², "
    "as a gradient must be to update W² ← W² − η·∂J/∂W²."
)
lesson.say("Here is chainrule's derivation, the index form beside the matrix form:")
lesson.show(layered_backprop(model))
lesson.pause()

lesson.section("The same at a point")
at = evaluate_shape(shape, {})
agree = "every one agrees" if at.agrees else "they do not all agree"
lesson.say(
    "With numbers in, every z, a and δ is a vector and every gradient a matrix. chainrule puts "
    f"a central finite difference beside each of the {shape.params} gradients ({agree}) and "
    "takes one step of gradient descent:"
)
lesson.show(at)
lesson.say(
    f"See it in the tool: chainrule network --shape {SHAPE} --at x1=0.5 (the rest at their "
    "defaults), and with --format latex for the matrices as a handout."
)

lesson.section("Try it yourself")
lesson.say(
    "Row 1 of W²a¹ is z²₁ less its bias: u1·a1 + u2·a2 + u3·a3, the u's being the weights into "
    "output 1. Its derivative by one hidden activation is one weight — an entry of column 2 of "
    "W² when the activation is a2, which is why the transpose appears on the way back."
)
lesson.exercise(
    "Differentiate {f} with respect to a2.",
    "u1*a1 + u2*a2 + u3*a3 + c",
    wrt="a2",
    hint="Every term but one is constant in a2; u2·a2 by the constant multiple rule.",
)
lesson.say(
    "δ¹₂ then multiplies that by the hidden neuron's own derivative. With one output whose δ is "
    "d, δ¹₂ = u2·d·σ′(z): differentiate the hidden neuron's part of the path."
)
lesson.exercise(
    "Differentiate {f} with respect to z.",
    "u2*d*sigmoid(z)",
    wrt="z",
    hint="u2 and d are constants here: u2·d times σ′(z) = σ(z)·(1 − σ(z)).",
)

if __name__ == "__main__":
    lesson.run()
