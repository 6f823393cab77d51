"""Lesson 2: The chain rule, on h(x) = ln(2 + cos x).

Run it with ``chainrule lesson 2`` or ``python lessons/02_chain_rule.py``. Every formula shown
is computed by chainrule as the lesson runs.
"""

import sympy

import chainrule
from chainrule.document import Equals, InOrder, Leibniz
from chainrule.teaching import Lesson

lesson = Lesson(2, "The chain rule, on h(x) = ln(2 + cos x)")
h = chainrule.explain("log(2 + cos(x))")
chain = h.root
lesson.follow(h)  # 2 + cos x, as typed
f, g, x, u = sympy.Function("f"), sympy.Function("g"), h.variable, chain.u
hx, y = sympy.Function("h")(x), sympy.Symbol("y")


def at(fn, point):
    """fn′(point): the derivative of fn, taken at point (f′(g(x)))."""
    t = sympy.Dummy("t")
    return sympy.Subs(sympy.Derivative(fn(t), t), t, point)


lesson.say(
    "Some functions are one function applied to the result of another. ",
    h.expression,
    " is one of them: first 2 + cos x is worked out, then the logarithm is taken of that. "
    "The table of Lesson 1 has ln u and it has cos x, but not this combination.",
)
lesson.say(
    "The chain rule takes such a function apart. Call the function applied last the outer "
    "function f, and what it is applied to the inner function g, so that h(x) = f(g(x)), "
    "written h = f∘g. Give the inner function a letter of its own, u = g(x):",
)
lesson.math(f(u), chain.outer, label=("outer:",))
lesson.math(u, g(x), chain.inner, label=("inner:",))
lesson.pause("Before going on: which part would you call inner in sin(x²)?")

lesson.section("Inner derivative first, then outer, then multiply")
lesson.say(
    "The course works from the inside out. First differentiate the inner function with "
    "respect to x, term by term:",
)
lesson.math(g(x).diff(x), chain.inner_derivative)
lesson.say(
    "Then look up the outer function in the derivative table, in its own letter u: ",
    "the derivative of ln u is 1/u.",
)
lesson.math(f(u).diff(u), chain.outer_derivative)
lesson.say(
    "The chain rule multiplies the two: the outer derivative, taken at the inner function, "
    "times the inner derivative. In the names of the functions, and in Leibniz's notation "
    "with y = f(u) and u = g(x), where du seems to cancel:",
)
lesson.math(hx.diff(x), InOrder((at(f, g(x)), g(x).diff(x)), strict=True))
lesson.math(
    Leibniz(y, x, partial=False),
    InOrder((Leibniz(y, u, partial=False), Leibniz(u, x, partial=False)), spaced=True),
)
lesson.say(
    "Both say the same: multiply ",
    Equals((f(u).diff(u), chain.outer_derivative)),
    " by ",
    Equals((g(x).diff(x), chain.inner_derivative)),
    ", then put g(x) back in place of u, because the answer must be a function of x alone:",
)
back = chain.outer_derivative.subs(u, chain.inner)
lesson.math(
    hx.diff(x),
    InOrder((chain.outer_derivative, chain.inner_derivative), strict=True),
    InOrder((back, chain.inner_derivative), strict=True),
    h.derivative,
)
lesson.pause()

lesson.section("Every step, as chainrule derives it")
lesson.say(
    "Here is the whole derivation, each line with the rule behind it and the lines it builds "
    "on. Step by step it follows the same order: g′ first, then f′ from the table, the "
    "product, and u put back.",
)
lesson.show(h)
lesson.pause()

lesson.section("Try it yourself")
lesson.say(
    "The same recipe works for any nested function. Type your derivative as you would write "
    "it on paper; you may write your working as lines joined by =.",
)
lesson.exercise(
    "Differentiate {f} with respect to x.",
    "sin(x^2)",
    hint="The outer function is sin u with u = x²: multiply cos u by the derivative of x².",
)
lesson.exercise(
    "Differentiate {f} with respect to x.",
    "(3x + 1)^5",
    hint="The outer function is u⁵ and the inner one 3x + 1: the power rule, times 3.",
)
lesson.say("Next: longer chains, and the chain rule working with the other rules.")

if __name__ == "__main__":
    lesson.run()
