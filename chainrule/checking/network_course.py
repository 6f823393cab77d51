"""The course's network (and a chain of ``--layers``) as a ``Target`` of
``chainrule.checking.network``: its names (x, y, w1, b2, z1, a1, yhat, delta2), every answer
written out by the forward pass, and the usual wrong answers, each one link of the chain the
derivation multiplies taken wrongly."""

from __future__ import annotations

import sympy

from chainrule.checking.network import Target


def course_target(network=None) -> Target:
    """The course's network (or a chain of ``--layers``) as a ``Target``."""
    from chainrule.network.backprop import backprop
    from chainrule.network.model import Network

    net = network if network is not None else Network()
    result = backprop(net)
    names: dict[str, sympy.Symbol] = {"x": net.x, "y": net.y, "yhat": net.yhat}
    for k in range(1, net.nodes + 1):
        names |= {f"w{k}": net.w(k), f"b{k}": net.b(k), f"z{k}": net.z(k), f"a{k}": net.a(k)}
    deltas = {d.symbol: d.in_activations for d in result.deltas}
    names |= {d.symbol.name: d.symbol for d in result.deltas}

    def unfold(expr: sympy.Expr) -> sympy.Expr:
        for _ in range(net.nodes + 1):  # δk holds at most the δs after it
            if not expr.has(*deltas):
                break
            expr = expr.xreplace(deltas)
        return net.expand(expr)

    truths = {g.param.name: g.expanded for g in result.gradients}
    shown = {g.param.name: g.simplified for g in result.gradients}
    for d in result.deltas:
        truths[d.symbol.name] = net.expand(d.in_activations)
        shown[d.symbol.name] = d.in_activations

    def wrong(name: str) -> list[tuple[str, sympy.Expr]]:
        if name.startswith("delta"):
            k = int(name[5:])
            chain = _delta_chain(result, k)
            own = None
        else:
            g = result.gradient(name)
            chain, own = g.chain[:-1], g.chain[-1]
        return [(m, net.expand(e)) for m, e in _wrong_chains(net, chain, own)]

    return Target(
        names=names,
        unfold=unfold,
        truths=truths,
        shown=shown,
        wrong=wrong,
        network=result,
        order=result.order,
    )


def _delta_chain(result, k: int) -> tuple:
    """The links from J down to zk: δk's own product."""
    # Each δ's own factors, from the output's down to δk's: the chain read from J.
    return tuple(f for d in reversed(_deltas_from(result, k)) for f in d.factors)


def _deltas_from(result, k: int) -> list:
    found, d = [], result.delta(k)
    while True:
        found.append(d)
        if d.previous is None:
            return found
        d = result.delta(d.previous)


def _wrong_chains(net, chain: tuple, own):
    """(mistake, the product of the links with one taken wrongly), in the intermediates."""
    from chainrule.functions import sigmoid

    parts = [f.derivative for f in chain]
    tail = [] if own is None else [own.derivative]

    def product(items) -> sympy.Expr:
        return sympy.Mul(*items, *tail)

    for i, f in enumerate(chain):
        if f.of == net.J:
            yield "cost_derivative_left_out", product(parts[:i] + parts[i + 1 :])
            yield "cost_derivative_sign", product(parts[:i] + [-parts[i]] + parts[i + 1 :])
        elif f.of.name.startswith("z"):  # ∂z(k+1)/∂ak = w(k+1)
            yield "weight_left_out", product(parts[:i] + parts[i + 1 :])
        else:  # ∂ak/∂zk = f′(zk)
            z = f.wrt
            yield "activation_derivative_left_out", product(parts[:i] + parts[i + 1 :])
            a = net.activate(z)
            # The other activation's derivative, in z or in the a of this layer as its table
            # writes it (a·(1 − a) is σ′ only where a = σ(z)), or f itself for f′.
            if net.activation == "sigmoid":
                others = (1 - sympy.tanh(z) ** 2, 1 - a**2)
            else:
                others = (sigmoid(z) * (1 - sigmoid(z)), a * (1 - a))
            for swapped in (*others, a):
                yield "wrong_activation_derivative", product(parts[:i] + [swapped] + parts[i + 1 :])
    if own is not None and own.wrt.name.startswith("w"):
        k = int(own.wrt.name[1:])
        yield "previous_activation", sympy.Mul(*parts) * net.a(k)
