"""What practice says on the topics beyond the rules (second derivatives, tangent lines,
implicit differentiation): each part's name, the sentence that sets a problem, each part's
hint. Words are str, math is SymPy or a ``document.terms`` term."""

from __future__ import annotations

import sympy

from chainrule import steps as s
from chainrule.document import Equals, InOrder, Leibniz, Nth, Terms
from chainrule.practising.problems import Part
from chainrule.practising.wording import TABLE, _d

#: What the first lines of a set say beside the rules of the session, for each topic.
ABOUT = {
    "higher": "h″ is judged as the derivative of h′, in any equal form.",
    "tangent": "A number may be exact (sqrt(3)/2, ln(2)) or a decimal, judged to the digits "
    "you type; the tangent line is the right side of y = … .",
    "implicit": "dy/dx is written in x and y and judged on the curve, where y is tied to x; "
    "the slope at the point is a number.",
}

_H = sympy.Function("h")
_Y = sympy.Symbol("y")


def name(problem, part: Part):
    """The part's own name: h″(x), h(a), h′(a), y (of the tangent), dy/dx, y′(a)."""
    x, key = problem.variable, part.key
    if key == "second":
        return Nth(sympy.Symbol("h"), x, 2)
    if key == "derivative":
        return _d("h", x)
    if key in ("value", "slope"):
        return _H(problem.a) if key == "value" else _d("h", problem.a)
    if key == "tangent":
        return _Y
    if key == "dy_dx":
        return Leibniz(problem.implicit.y, x, partial=False)
    return _d(problem.implicit.y.name, problem.point[0])


def setting(problem) -> tuple:
    """The sentence that sets the problem and says what will be asked."""
    x = problem.variable
    if problem.topic == "implicit":
        im, (a, b) = problem.implicit, problem.point
        return (
            "The curve ",
            Equals((im.left, im.right)),
            " makes ",
            im.y,
            " a function of ",
            x,
            ". Find ",
            Leibniz(im.y, x, partial=False),
            ", in ",
            x,
            " and ",
            im.y,
            ", by differentiating both sides with respect to ",
            x,
            "; then its value ",
            name(problem, problem.parts[-1]),
            " at the point (",
            a,
            ", ",
            b,
            ") of the curve.",
        )
    whole = Equals((_H(x), problem.expression))
    if problem.topic == "higher":
        return (
            "Differentiate ",
            whole,
            " twice: first ",
            _d("h", x),
            ", then ",
            Nth(sympy.Symbol("h"), x, 2),
            ", the derivative of ",
            _d("h", x),
            ".",
        )
    a = problem.a
    return (
        "Find the tangent line to the graph of ",
        whole,
        " at ",
        Equals((x, a)),
        ": first the value ",
        _H(a),
        ", then the slope ",
        _d("h", a),
        ", then the line, ",
        _Y,
        " = … .",
    )


def hint(problem, part: Part) -> tuple:
    """A nudge for ``part``, short of its answer."""
    x, key = problem.variable, part.key
    if key == "derivative":
        # The rule at the top: the rules topic's hint speaks of the f and g asked before it.
        return (rule(problem.explanation.root),)
    if key == "second":
        first = Equals((_d("h", x), problem.derivative))
        return ("Differentiate ", first, " again, as it stands. ", rule(problem.second.root))
    if key == "value":
        return ("Put ", Equals((x, problem.a)), " into h(x) itself, not into its derivative.")
    if key == "slope":
        return (
            "Differentiate h(x) first, then put ",
            Equals((x, problem.a)),
            " into h′(x): the slope there is a number. ",
            rule(problem.explanation.root),
        )
    if key == "tangent":
        a = problem.a
        line = Equals((_Y, Terms((_H(a), InOrder((_d("h", a), x - a), strict=True)))))
        return (
            "The tangent passes through the point (a, h(a)) with the slope h′(a): ",
            line,
            ", with the two numbers you found.",
        )
    im = problem.implicit
    if key == "dy_dx":
        return (
            "Differentiate both sides with respect to ",
            x,
            ", with ",
            im.y,
            " a function of ",
            x,
            ": each ",
            im.y,
            " brings a factor y′ by the chain rule, d/dx y² = 2y·y′.",
            _mixed(im),
            " Then collect the y′ terms on one side and divide by their coefficient.",
        )
    a, b = problem.point
    return ("Put ", Equals((x, a)), " and ", Equals((im.y, b)), " into your dy/dx.")


def rule(root: s.Step) -> str:
    """The rule at the top of a derivative, stated as a hint."""
    if isinstance(root, s.ChainStep):
        return "The chain rule: d/dx f(g(x)) = f′(g(x))·g′(x)."
    if isinstance(root, s.ProductStep):
        return "The product rule: (PQ)′ = P′Q + PQ′, each factor differentiated in turn."
    if isinstance(root, s.QuotientStep):
        return "The quotient rule: (P/Q)′ = (P′Q − PQ′)/Q²."
    if isinstance(root, s.SumStep):
        return "Term by term: (P + Q)′ = P′ + Q′."
    return TABLE.get(root.rule, "Take it one rule at a time, as the worked steps (??) do.")


def _mixed(im) -> str:
    """What else the curve needs where x and y meet: the product rule, or a chain around both."""
    x, y = im.x, im.y
    f = sympy.expand(im.left - im.right)
    if any(
        isinstance(node, sympy.Function) and node.has(x) and node.has(y)
        for node in sympy.preorder_traversal(f)
    ):
        return (
            " Where a function holds x and y together, the chain rule takes its inside's "
            "derivative, by the product rule for x·y: d/dx sin(x·y) = cos(x·y)·(y + x·y′)."
        )
    if any(t.has(x) and t.has(y) for t in sympy.Add.make_args(f)):
        return " A term with x and y in it is a product: d/dx (x·y) = y + x·y′."
    return ""
