"""The network views as documents: the story of one gradient (``gradient_view``) and of
backpropagation (``backprop_view``), with the numbers at a point when there are some.

Math stays SymPy (or a term such as ∂J/∂ŷ, or a product kept in chain order) until a format
lays the document out. Nothing here differentiates or simplifies: every formula comes from the
``Backprop`` and ``Evaluation`` data.
"""

from __future__ import annotations

import sympy

from chainrule.document import (
    Assign,
    Block,
    DerivativeOf,
    Document,
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
from chainrule.network.backprop import Backprop, Delta, Factor, Gradient
from chainrule.network.model import YHAT, J, Network
from chainrule.network.numbers import Evaluation
from chainrule.steps import Explanation
from chainrule.views import wording
from chainrule.views.explanation import derivation

_DELTA = sympy.Symbol("delta")
_ETA = sympy.Symbol("eta")
_DELTA_K = sympy.Symbol("delta_k")
_Z_K = sympy.Symbol("z_k")
_THETA = sympy.Symbol("theta")
_UPDATE_RULE = Assign(_THETA, Terms((_THETA, Neg(InOrder((_ETA, Leibniz(J, _THETA)))))))


def partial(f: Factor) -> Leibniz:
    return Leibniz(f.of, f.wrt)


def chain_names(factors: tuple[Factor, ...] | list[Factor]) -> InOrder:
    return InOrder(tuple(partial(f) for f in factors), spaced=True)


def derivatives(factors: tuple[Factor, ...] | list[Factor]) -> InOrder:
    return InOrder(tuple(f.derivative for f in factors))


# -- shared sections ------------------------------------------------------------------------------


def _variables(network: Network) -> tuple:
    """x, y, w₁, b₁, … as words and inline math."""
    return tuple(_listing(list(network.inputs)))


def equations_section(network: Network) -> list[Block]:
    blocks: list[Block] = [Heading(_title(network))]
    blocks += [Equation((e.lhs, e.rhs)) for e in network.equations]
    return blocks


def _title(network: Network) -> tuple:
    act = sympy.Symbol("sigma") if network.activation == "sigmoid" else "tanh"
    cost = "squared error" if network.cost == "squared" else "cross-entropy"
    inner = "1 inner node" if network.layers == 1 else f"{network.layers} inner nodes"
    return (f"The network: {inner} and an output, activation ", act, f", {cost} cost")


def _how(g: Gradient) -> str:
    return "symbolically" if g.check.method == "symbolic" else f"at {g.check.points} random points"


def _verdict(gradients: list[Gradient] | tuple[Gradient, ...], network: Network) -> Verdict:
    """One line for all: each expanded gradient against sympy.diff of the expanded J."""
    skipped = [g for g in gradients if g.check.method == "skipped"]
    if skipped and len(skipped) == len(gradients):
        reason = skipped[0].check.reason
        return Verdict("skipped", (f"not checked against sympy.diff: {reason}",))
    bad = [g for g in gradients if not g.check.ok]
    if bad:
        names = _listing([Leibniz(J, g.param) for g in bad])
        return Verdict(
            "failed",
            (*names, " does NOT equal sympy.diff: a bug in chainrule, please report it"),
        )
    methods = sorted({_how(g) for g in gradients if g.check.method != "skipped"})
    if len(gradients) == 1:
        (g,) = gradients
        head: tuple = ("equals sympy.diff(J, ", g.param, ")")
    else:
        head = (f"all {len(gradients)} equal sympy.diff of J",)
    return Verdict(
        "ok",
        (
            *head,
            ", with J written out in ",
            *_variables(network),
            f" (checked {' and '.join(methods)})",
        ),
    )


#: Bigger than this (counted in SymPy tree nodes, as printed), a formula in x, y and the
#: parameters is left to --format json.
EXPANDED_LIMIT = 150


def _expanded(gradients: list[Gradient] | tuple[Gradient, ...]) -> list[Block]:
    """Each gradient in x, y and the parameters, where it is short enough to read."""
    blocks: list[Block] = []
    long: list[tuple[Gradient, int]] = []
    for g in gradients:
        size = tree_size(g.expanded)
        if size <= EXPANDED_LIMIT:
            blocks.append(Equation((Leibniz(J, g.param), g.expanded)))
        else:
            long.append((g, size))
    if long:
        names = _listing([Leibniz(J, g.param) for g, _ in long])
        if len(long) > 4:
            names = [Leibniz(J, long[0][0].param), " … ", Leibniz(J, long[-1][0].param)]
        sizes = sorted(size for _, size in long)
        span = f"{sizes[0]}" if sizes[0] == sizes[-1] else f"{sizes[0]} to {sizes[-1]}"
        blocks.append(
            Para(
                (
                    *names,
                    f": each a formula of {span} SymPy nodes written out, too long to show;"
                    " --format json has them all.",
                )
            )
        )
    return blocks


def tree_size(expr: sympy.Basic) -> int:
    """Nodes in ``expr`` as printed (shared subtrees counted each time), computed once per
    distinct subtree: printing a deep chain just to measure it would take seconds."""
    sizes: dict[sympy.Basic, int] = {}

    def size(e: sympy.Basic) -> int:
        if e not in sizes:
            sizes[e] = 1 + sum(size(a) for a in e.args)
        return sizes[e]

    return size(expr)


# -- one parameter ---------------------------------------------------------------------------


def gradient_view(result: Backprop, param: str, at: Evaluation | None = None) -> Document:
    """∂J/∂param: the equations, the chain, each link derived, the product, expanded, checked."""
    network = result.network
    g = result.gradient(param)
    p = g.param
    blocks = equations_section(network)

    path = [f.of for f in reversed(g.chain[1:])]
    blocks.append(Heading(("The chain rule for ", Leibniz(J, p))))
    blocks.append(
        Para((p, " reaches J only through ", *_listing(path), ", so multiply one link per arrow:"))
    )
    blocks.append(Equation((Leibniz(J, p), chain_names(g.chain))))

    blocks.append(Heading(("Each link, derived by the explainer",)))
    for f in g.chain:
        question = (partial(f), DerivativeOf(f.expression, f.wrt, partial=True), f.derivative)
        if f.of.name.startswith("z"):
            # zk is linear in its inputs: naming the rule is enough, the steps add nothing.
            blocks.append(Equation(question, note=rules(f.explanation)))
        else:
            blocks.append(Equation(question))
            blocks.append(derivation(f.explanation.root, partial=True, nested=True))

    blocks.append(Heading(("Their product, in the intermediates",)))
    blocks.append(Equation((Leibniz(J, p), chain_names(g.chain), derivatives(g.chain))))
    out = result.deltas[0]
    if out.cancels:
        blocks += _cancellation(out, network)
        blocks.append(Equation((Leibniz(J, p), g.simplified)))

    blocks.append(Heading(("Written out in ", *_variables(network))))
    blocks += [*_expanded([g]), _verdict([g], network)]

    if at is not None:
        blocks += _numbers_one(g, at)
    return Document(tuple(blocks), title=f"chainrule: dJ/d{p}")


def _listing(symbols: list) -> list:
    parts: list = []
    for i, s in enumerate(symbols):
        if i:
            parts.append(" and " if i == len(symbols) - 1 else ", ")
        parts.append(s)
    return parts


def _cancellation(d: Delta, network: Network) -> list[Block]:
    yhat = network.yhat
    s = network.activate(d.node)
    return [
        Para(
            (
                "With the cross-entropy cost the activation's derivative cancels: ",
                Leibniz(J, yhat),
                " has ",
                yhat * (1 - yhat),
                " in its denominator, and ",
                Leibniz(yhat, d.node),
                " = ",
                s * (1 - s),
                " = ",
                yhat * (1 - yhat),
                " multiplies it back, so",
            )
        ),
        Equation((d.symbol, Leibniz(J, d.node), d.in_activations)),
    ]


def _numbers_one(g: Gradient, at: Evaluation) -> list[Block]:
    v = at.gradient(g.param.name)
    blocks: list[Block] = [Heading(("At a point",))]
    blocks += _point(at)
    rows = tuple(
        (partial(f), f.derivative, Num(value)) for f, value in zip(g.chain, v.factors, strict=True)
    )
    blocks.append(Table(("link", "formula", "value"), rows))
    blocks += _agreement([v], at)
    blocks += _update([v], at)
    return blocks


def _point(at: Evaluation) -> list[Block]:
    given: list = ["At "]
    for i, (s, v) in enumerate(at.inputs):
        given += [", " if i else "", s, " = ", Num(v)]
    forward = tuple((s, Num(v)) for s, v in at.forward)
    return [
        Para((*given, ":")),
        Table(("forward pass", "value"), (*forward, (J, Num(at.cost_value)))),
    ]


def _agreement(values, at: Evaluation) -> list[Block]:
    blocks: list[Block] = []
    if len(values) == 1:
        (v,) = values
        blocks.append(
            Equation(
                (Leibniz(J, v.param), Num(v.value)),
                note=("central finite difference of J: ", Num(v.finite_difference)),
            )
        )
    else:
        rows = tuple((Leibniz(J, v.param), Num(v.value), Num(v.finite_difference)) for v in values)
        blocks.append(Table(("gradient", "chain rule", "finite difference"), rows))
    ok = all(v.agrees for v in values)
    blocks.append(
        Verdict(
            "ok" if ok else "failed",
            (
                f"the chain rule agrees with the central finite difference (h = {at.h:g},"
                " relative 1e-6)"
                if ok
                else "the chain rule and the finite difference DISAGREE: a bug in chainrule",
            ),
        )
    )
    return blocks


def _update(values, at: Evaluation) -> list[Block]:
    blocks: list[Block] = [
        Heading(("One gradient-descent step, ", _ETA, " = ", Num(at.lr))),
        Para(("Each parameter moves against its gradient: ", _UPDATE_RULE, ".")),
    ]
    for v in values:
        blocks.append(Equation((v.param, Update(v.current, at.lr, v.value), Num(v.updated))))
    if at.cost_after is None:
        undefined = ("After this step J is undefined: ", YHAT, " left the interval (0, 1).")
        blocks.append(Para(undefined))
    else:
        after = Num(at.cost_after)
        blocks.append(Para(("J goes from ", Num(at.cost_value), " to ", after, ".")))
    return blocks


# -- all parameters: backpropagation ---------------------------------------------------------


def backprop_view(result: Backprop, at: Evaluation | None = None) -> Document:
    """Every gradient from δk = ∂J/∂zk, computed once per node and passed back."""
    network = result.network
    blocks = equations_section(network)
    blocks.append(Heading(("Backpropagation: each ", _DELTA, " computed once, then reused")))
    blocks.append(
        Para(
            (
                _DELTA_K,
                " = ",
                Leibniz(J, _Z_K),
                " is the head that every chain through node k shares. Compute it once at the"
                " output, then pass it back one node at a time; each parameter then needs only"
                " its own last link.",
            )
        )
    )
    by_node: dict[int, list[Gradient]] = {}
    for g in result.gradients:
        by_node.setdefault(g.delta.index, []).append(g)

    for d in result.deltas:
        blocks += _delta_blocks(d, result, network)
        for g in by_node.get(d.index, []):
            blocks += _param_blocks(g, d, result)

    by_chain, by_backprop = result.multiplications
    blocks.append(Heading(("Why backpropagation is cheap",)))
    blocks.append(
        Para(
            (
                f"Multiplying every chain out from J takes {by_chain} products of links;"
                f" reusing each ",
                _DELTA,
                f" takes {by_backprop}. Chain by chain the work grows with the square of the"
                " depth; passing the ",
                _DELTA,
                " back, only linearly.",
            )
        )
    )

    blocks.append(Heading(("Every gradient, written out in ", *_variables(network))))
    blocks += _expanded(result.gradients)
    blocks.append(_verdict(result.gradients, network))

    if at is not None:
        blocks.append(Heading(("At a point",)))
        blocks += _point(at)
        blocks.append(
            Table(
                ("δ", "value"),
                tuple((result.delta(k).symbol, Num(value)) for k, value in at.deltas),
            )
        )
        blocks += _agreement(at.gradients, at)
        blocks += _update(at.gradients, at)
    return Document(tuple(blocks), title="chainrule: backpropagation")


def _delta_blocks(d: Delta, result: Backprop, network: Network) -> list[Block]:
    blocks: list[Block] = []
    if d.previous is None:
        blocks.append(Heading(("At the output: ", d.symbol, " = ", Leibniz(J, d.node))))
        for f in d.factors:
            blocks.append(Equation((partial(f), f.derivative), note=rules(f.explanation)))
        blocks.append(
            Equation(
                (d.symbol, Leibniz(J, d.node), chain_names(d.factors), derivatives(d.factors)),
                note=("computed once",),
            )
        )
        if d.cancels:
            blocks += _cancellation(d, network)
        elif d.in_activations != d.expression:
            blocks.append(
                Equation(
                    (d.symbol, d.in_activations),
                    note=("in activations, with ", *_activation_note(network, d.index)),
                )
            )
        return blocks
    after = result.delta(d.previous)
    blocks.append(
        Heading(
            ("One node back: ", d.symbol, " = ", Leibniz(J, d.node), ", reusing ", after.symbol)
        )
    )
    for f in d.factors:
        blocks.append(Equation((partial(f), f.derivative), note=rules(f.explanation)))
    blocks.append(
        Equation(
            (
                d.symbol,
                Leibniz(J, d.node),
                InOrder((after.symbol, *(partial(f) for f in d.factors)), spaced=True),
                d.expression,
            ),
            note=(after.symbol, " reused, not recomputed"),
        )
    )
    return blocks


def _activation_note(network: Network, k: int) -> tuple:
    return (network.a(k), " = ", network.activate(network.z(k)))


def _param_blocks(g: Gradient, d: Delta, result: Backprop) -> list[Block]:
    own = g.last
    sides: list = [Leibniz(J, g.param), chain_names(g.chain)]
    if d.previous is not None:
        # The head of the chain is δ(k+1), already computed one node further on.
        head = result.delta(d.previous).symbol
        sides.append(InOrder((head, *(partial(f) for f in g.chain[-3:])), spaced=True))
    sides.append(InOrder((d.symbol, partial(own)), spaced=True))
    sides.append(d.symbol if own.derivative == 1 else InOrder((d.symbol, own.derivative)))
    return [Equation(tuple(sides), note=rules(own.explanation))]


#: Rules every linear link uses; named only when a link needs nothing else.
_ROUTINE = ("constant", "variable", "constant_multiple")


def rules(explanation: Explanation) -> tuple:
    """The rules the explainer used, outermost first: "chain rule, power rule"."""
    rules: list[str] = []
    for step in explanation.steps():
        if step.rule not in rules:
            rules.append(step.rule)
    shown = [r for r in rules if r not in _ROUTINE] or rules[:1]
    names = []
    for r in shown:
        title = wording.title(r)
        if title.endswith(" (table)"):  # "Sigmoid (table)" reads "table: sigmoid" in brackets
            title = "table: " + title.removesuffix(" (table)").lower()
        names.append(title[0].lower() + title[1:])
    return (", ".join(names),)
