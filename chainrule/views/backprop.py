"""The backpropagation view: every gradient from δk = ∂J/∂zk, computed once per node at the
output and passed back, each parameter then needing only its own last link."""

from __future__ import annotations

import sympy

from chainrule.document import (
    Block,
    Document,
    Equals,
    Equation,
    Heading,
    InOrder,
    Leibniz,
    Para,
)
from chainrule.network.backprop import Backprop, Delta, Gradient
from chainrule.network.model import J, Network
from chainrule.network.numbers import Evaluation
from chainrule.views import numbers
from chainrule.views.network import (
    cancellation,
    chain_names,
    derivatives,
    equations_section,
    partial,
    rules,
    variables,
    verdict,
    written_out,
)

_DELTA = sympy.Symbol("delta")
_DELTA_K = sympy.Symbol("delta_k")
_Z_K = sympy.Symbol("z_k")


def backprop_view(result: Backprop, at: Evaluation | None = None) -> Document:
    """Every gradient from δk = ∂J/∂zk, computed once per node and passed back."""
    network = result.network
    blocks = equations_section(network)
    blocks.append(Heading(("Backpropagation: each ", _DELTA, " computed once, then reused")))
    blocks.append(
        Para(
            (
                Equals((_DELTA_K, Leibniz(J, _Z_K))),
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

    blocks.append(Heading(("Every gradient, written out in ", *variables(network))))
    blocks += written_out(result.gradients)
    blocks.append(verdict(result.gradients, network))

    if at is not None:
        blocks += numbers.every_gradient(result, at)
    return Document(tuple(blocks), title="chainrule: backpropagation", order=result.order)


def _delta_blocks(d: Delta, result: Backprop, network: Network) -> list[Block]:
    blocks: list[Block] = []
    if d.previous is None:
        blocks.append(Heading(("At the output: ", Equals((d.symbol, Leibniz(J, d.node))))))
        for f in d.factors:
            blocks.append(Equation((partial(f), f.derivative), note=rules(f.explanation)))
        blocks.append(
            Equation(
                (d.symbol, Leibniz(J, d.node), chain_names(d.factors), derivatives(d.factors)),
                note=("computed once",),
            )
        )
        if d.cancels:
            blocks += cancellation(d, network)
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
            ("One node back: ", Equals((d.symbol, Leibniz(J, d.node))), ", reusing ", after.symbol)
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
    return (Equals((network.a(k), network.activate(network.z(k)))),)


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
