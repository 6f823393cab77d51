"""The numbers at a point, as document blocks: the forward pass, each link's value, the
gradient beside a central finite difference of J, and one gradient-descent step. Every number
comes from ``network.numbers.evaluate``; nothing here computes one."""

from __future__ import annotations

import sympy

from chainrule.document import (
    Assign,
    Block,
    Equals,
    Equation,
    Heading,
    InOrder,
    Leibniz,
    Neg,
    Num,
    Para,
    Table,
    Terms,
    Update,
    Verdict,
)
from chainrule.network.backprop import Backprop, Gradient
from chainrule.network.difference import ABS_TOL, REL_TOL
from chainrule.network.model import YHAT, J
from chainrule.network.numbers import Evaluation
from chainrule.views import wording

_ETA = sympy.Symbol("eta")
_THETA = sympy.Symbol("theta")
_UPDATE_RULE = Assign(_THETA, Terms((_THETA, Neg(InOrder((_ETA, Leibniz(J, _THETA)))))))


def one_gradient(g: Gradient, at: Evaluation) -> list[Block]:
    """One parameter's chain at a point: each link's value, the gradient beside a finite
    difference, and one gradient-descent step."""
    v = at.gradient(g.param.name)
    blocks: list[Block] = [Heading(("At a point",))]
    blocks += _point(at)
    rows = tuple(
        (Leibniz(f.of, f.wrt), f.derivative, Num(value))
        for f, value in zip(g.chain, v.factors, strict=True)
    )
    blocks.append(Table(("link", "formula", "value"), rows))
    blocks += _agreement([v], at, product=InOrder(tuple(Num(f) for f in v.factors)))
    blocks += _update([v], at)
    return blocks


def _point(at: Evaluation) -> list[Block]:
    given: list = ["At "]
    for i, (s, v) in enumerate(at.inputs):
        given += [", " if i else "", Equals((s, Num(v)))]
    forward = tuple((s, Num(v)) for s, v in at.forward)
    return [
        Para((*given, ":")),
        Table(("forward pass", "value"), (*forward, (J, Num(at.cost_value)))),
    ]


def _agreement(values, at: Evaluation, product: InOrder | None = None) -> list[Block]:
    """Each gradient beside its finite difference; one gradient after ``product``, its links'
    values multiplied in the chain's order."""
    blocks: list[Block] = []
    if len(values) == 1:
        (v,) = values
        blocks.append(
            Equation(
                (Leibniz(J, v.param), *((product,) if product else ()), Num(v.value)),
                note=("central finite difference of J: ", Num(v.finite_difference)),
            )
        )
    else:
        rows = tuple((Leibniz(J, v.param), Num(v.value), Num(v.finite_difference)) for v in values)
        blocks.append(Table(("gradient", "chain rule", "finite difference"), rows))
    blocks += _verdicts(values, at)
    return blocks


def _verdicts(values, at: Evaluation) -> list[Block]:
    """✓ for the gradients the finite difference confirms, ✗ for those it shows wrong (a bug),
    – for those it cannot check at these magnitudes; each group named unless it is all."""
    groups: dict[str, list] = {"agrees": [], "disagrees": [], "cannot tell": []}
    for v in values:
        groups[v.check if v.check in groups else "cannot tell"].append(v)

    def names(group) -> tuple:
        return () if len(group) == len(values) else tuple(Leibniz(J, v.param) for v in group)

    blocks: list[Block] = []
    if groups["disagrees"]:
        blocks.append(Verdict("failed", wording.difference_disagrees(names(groups["disagrees"]))))
    if groups["agrees"]:
        words = wording.difference_agrees(names(groups["agrees"]), at.h, REL_TOL, ABS_TOL)
        blocks.append(Verdict("ok", words))
    undecided = groups["cannot tell"]
    if undecided:
        overflow = any(v.check == "overflow" for v in undecided)
        overflowed = at.overflowed if overflow else ()
        words = wording.difference_cannot_tell(names(undecided), overflow, overflowed)
        blocks.append(Verdict("skipped", words))
    return blocks


def _update(values, at: Evaluation) -> list[Block]:
    blocks: list[Block] = [
        Heading(("One gradient-descent step, ", Equals((_ETA, Num(at.lr))))),
        Para(("Each parameter moves against its gradient: ", _UPDATE_RULE, ".")),
    ]
    for v in values:
        blocks.append(Equation((v.param, Update(v.current, at.lr, v.value), Num(v.updated))))
    if at.cost_after is None:
        undefined = ("After this step ", J, " is undefined: ", YHAT, " reached 0 or 1.")
        blocks.append(Para(undefined))
    else:
        after = Num(at.cost_after)
        blocks.append(Para((J, " goes from ", Num(at.cost_value), " to ", after, ".")))
    return blocks


def every_gradient(result: Backprop, at: Evaluation) -> list[Block]:
    """All parameters at a point: the δs' values, every gradient beside its finite difference,
    and one step for them all."""
    blocks: list[Block] = [Heading(("At a point",))]
    blocks += _point(at)
    deltas = tuple((result.delta(k).symbol, Num(value)) for k, value in at.deltas)
    blocks.append(Table(("δ", "value"), deltas))
    blocks += _agreement(at.gradients, at)
    blocks += _update(at.gradients, at)
    return blocks
