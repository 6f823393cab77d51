"""The worked steps (``??``) for the parts of the topics beyond the rules: h″ from h′ as it was
simplified, h(a) and h′(a) with a put in, the tangent line as ``chainrule.at_point`` shows it,
and dy/dx as ``chainrule.implicit`` shows it. Blocks only: ``view`` makes them a document."""

from __future__ import annotations

from dataclasses import replace

import sympy

from chainrule.document import Equals, Equation, Heading, Para
from chainrule.practising.problems import Part
from chainrule.views.calculus import nested

#: The parts whose steps are here (h′ of a higher problem is the rules' own "derivative").
KEYS = ("second", "value", "slope", "tangent", "dy_dx", "dy_dx_at")


def steps(problem, part: Part) -> list:
    """The blocks that answer ``part`` of ``problem``, under a heading "Worked steps"."""
    from chainrule.practising.topic_wording import name

    blocks: list = [Heading(("Worked steps",))]
    said = name(problem, part)
    x = problem.variable
    if part.key == "second":
        first = Equals((name(problem, problem.parts[0]), problem.derivative))
        blocks.append(Para(("Differentiate ", first, ", as it was simplified:")))
        return blocks + nested(problem.second)
    if part.key == "value":
        put_in = problem.expression.xreplace({x: problem.a})
        return blocks + [Equation(_sides(said, put_in, part.answer))]
    if part.key == "slope":
        put_in = problem.derivative.xreplace({x: problem.a})
        blocks += nested(problem.explanation)
        blocks.append(Para(("Put ", Equals((x, problem.a)), " into h′(x):")))
        return blocks + [Equation(_sides(said, put_in, part.answer))]
    if part.key == "tangent":
        from chainrule.views.point import point_view

        return blocks + list(point_view(problem.point).blocks[1:])
    from chainrule.views.implicit import implicit_view

    im = problem.implicit
    if part.key == "dy_dx":
        # The working without the point, whose slope is the next part.
        return blocks + list(implicit_view(replace(im, point=(), value=None)).blocks[1:])
    point = dict(im.point)
    put_in = im.slope.xreplace(point)
    (x_at, y_at) = (Equals((v, a)) for v, a in im.point)
    slope = Equals((_dydx(im), im.slope))
    blocks.append(Para(("Put ", x_at, " and ", y_at, " into ", slope, ":")))
    return blocks + [Equation(_sides(said, put_in, part.answer))]


def _sides(name, put_in: sympy.Expr, value: sympy.Expr) -> tuple:
    """name = the formula with the point put in = its value (the middle where it differs)."""
    return (name, value) if put_in == value else (name, put_in, value)


def _dydx(im):
    from chainrule.document import Leibniz

    return Leibniz(im.y, im.x, partial=False)
