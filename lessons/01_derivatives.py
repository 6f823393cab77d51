"""Lesson 1: What a derivative is, and the table the other lessons cite.

Run it with ``chainrule lesson 1`` or ``python lessons/01_derivatives.py``. Every number and
formula shown is computed as the lesson runs.
"""

import sympy

import chainrule
from chainrule.document import Equals
from chainrule.functions import sigmoid
from chainrule.teaching import Lesson

lesson = Lesson(1, "What a derivative is, and the derivative table")
x = sympy.Symbol("x", real=True)

lesson.say(
    "A derivative measures how fast a function changes. Move x a little, by h, and see how "
    "much f(x) moves: the ratio (f(x + h) − f(x))/h is the slope of the line through two "
    "nearby points of the graph. As h shrinks, that slope settles on one number, the slope "
    "of the graph at x itself: the derivative f′(x), also written df/dx.",
)
f = x**2
point = 3
rows = []
for h in (1, 0.1, 0.01, 0.001):
    slope = (f.subs(x, point + h) - f.subs(x, point)) / h
    rows.append((f"{h:g}", f"{float(slope):.4f}"))
lesson.say("For f(x) = x² at x = 3, the slopes over smaller and smaller steps h:")
lesson.table(("h", "(f(3 + h) − f(3))/h"), rows)
square = chainrule.explain("x^2")
exact = square.derivative.subs(square.variable, point)
lesson.say(
    "They close in on ",
    exact,
    ", and the rule for powers says why: the derivative of x² is ",
    square.derivative,
    f", which is {exact} at x = {point}.",
)
lesson.pause()

lesson.section("The derivative table")
lesson.say(
    "Nobody takes limits every time. The derivatives of the basic functions are worked out "
    "once and collected in a table, which the lessons that follow cite. Here it is, each entry "
    "derived by chainrule as you read and checked against SymPy's own derivative:",
)
TABLE = (
    "x^n",
    "e^x",
    "a^x",
    "ln(x)",
    "sin(x)",
    "cos(x)",
    "tan(x)",
    "sec(x)",
    "csc(x)",
    "cot(x)",
    "arcsin(x)",
    "arccos(x)",
    "arctan(x)",
    "sigmoid(x)",
)


def checked(verification) -> str:
    """How the entry was checked against sympy.diff, in a word or two."""
    if not verification.ok:
        return "not confirmed"
    return "✓ symbolically" if verification.method == "symbolic" else "✓ at random points"


table = []
for text in TABLE:
    entry = chainrule.explain(text)
    table.append((entry.expression, entry.derivative, checked(entry.verification)))
lesson.table(("f(x)", "f′(x)", "against sympy.diff"), table)
# The book's order: sec x·tan x, −csc x·cot x, 1 + x² (SymPy sorts them the other way).
sec, tan, csc, cot = sympy.sec(x), sympy.tan(x), sympy.csc(x), sympy.cot(x)
lesson.write(sec * tan, sec, tan)
lesson.write(-csc * cot, -1, csc, cot)
lesson.write(1 + x**2, 1, x**2)
lesson.write(1 + sympy.exp(-x), 1, sympy.exp(-x))
lesson.say(
    "n and a are constants. ln x needs x > 0; arcsin x and arccos x have these derivatives for "
    "−1 < x < 1. sec, csc and cot are 1/cos, 1/sin and cos/sin. ",
    Equals((sigmoid(x), 1 / (1 + sympy.exp(-x)))),
    " is the sigmoid the network of Lessons 4 to 6 uses; its derivative is written with σ itself.",
)
lesson.pause()

lesson.section("Rules that combine the entries")
lesson.say(
    "Four rules build the derivative of a combination from the derivatives of its parts: a "
    "constant factor stays; a sum is differentiated term by term; a product gives "
    "(PQ)′ = P′Q + PQ′; a quotient gives (P/Q)′ = (P′Q − PQ′)/Q². (P and Q are the "
    "factors; the chain rule, next, has letters of its own.) For example:",
)
lesson.show(chainrule.explain("3x^2 + x sin(x)"))
lesson.pause()

lesson.section("Try it yourself")
lesson.exercise(
    "Differentiate {f} with respect to x.",
    "x^3 + 2x",
    hint="Term by term: the power rule for x³, and 2x changes at rate 2.",
)
lesson.exercise(
    "Differentiate {f} with respect to x.",
    "x^2 sin(x)",
    hint="A product: (PQ)′ = P′Q + PQ′ with P = x² and Q = sin x.",
)
lesson.say("Next: functions inside functions, and the chain rule.")

if __name__ == "__main__":
    lesson.run()
