"""∂J/∂θ for every parameter θ by the chain rule, and the same product organised as backpropagation.

Every link of a chain is one local derivative (∂J/∂ŷ, ∂ŷ/∂z2, ∂z2/∂w2, …), and every one of them
is derived by the explainer, the same rule engine that ``chainrule explain`` shows, so each link
comes with its steps. Backpropagation is the observation that the chains of w_k and b_k share
their whole head, δk = ∂J/∂zk: compute δ at the output once, then pass it back one node at a
time, δk = δ(k+1)·w(k+1)·f′(zk), instead of multiplying every chain out from J again.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass

import sympy

from chainrule import ordering
from chainrule.display import Displayable
from chainrule.functions import LAMBDIFY_MODULES, expand_sigmoid, sigmoid
from chainrule.network.model import YHAT, J, Network, NetworkError, Y, stack_room
from chainrule.steps import Explanation


@dataclass(frozen=True, kw_only=True)
class Factor:
    """One link ∂of/∂wrt of a chain: ``of`` written as ``expression`` of its own inputs, and its
    local derivative, as the explainer derived it (``explanation``) and simplified (``derivative``).
    """

    of: sympy.Symbol
    wrt: sympy.Symbol
    expression: sympy.Expr
    derivative: sympy.Expr
    explanation: Explanation

    @property
    def name(self) -> str:
        """The link in plain text, as JSON names it: ``dJ/dyhat``, ``dz2/dw2``."""
        return f"d{self.of.name}/d{self.wrt.name}"


@dataclass(frozen=True, kw_only=True)
class Delta:
    """δk = ∂J/∂zk, the error signal at node k, computed once and shared by wk, bk and δ(k−1).

    At the output δ = ∂J/∂ŷ · ∂ŷ/∂zk (``previous`` is None). Further back,
    δk = δ(k+1) · ∂z(k+1)/∂ak · ∂ak/∂zk, reusing δ(k+1) whole (``previous`` = k + 1).
    ``expression`` is that product in the intermediates, with δ(k+1) left as its own symbol;
    ``in_activations`` is δk written out in the activations (σ(zk) → ak, σ(z_last) → ŷ), y and
    the weights, with any common factor cancelled at the output; ``cancels`` says the output
    δ came out as plain ŷ − y: the activation's derivative cancelled against ∂J/∂ŷ.
    """

    index: int
    symbol: sympy.Symbol
    node: sympy.Symbol
    factors: tuple[Factor, ...]
    previous: int | None
    expression: sympy.Expr
    in_activations: sympy.Expr
    cancels: bool


@dataclass(frozen=True, kw_only=True)
class GradientCheck:
    """How an expanded gradient was compared with ``sympy.diff`` of the expanded J.

    ``method`` is "symbolic" (the difference cancelled to 0), "numeric" (equal to 1e-9 at
    ``points`` random points, for chains too long to cancel quickly) or "skipped" (``reason``
    says why).
    """

    ok: bool
    method: str
    points: int = 0
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class Gradient:
    """∂J/∂θ for one parameter θ.

    ``chain`` is every link from J down to θ, in Leibniz order; ``gradient`` is their product
    in the intermediates; ``delta`` is the δk the product starts with, so that
    ∂J/∂θ = δk · ∂zk/∂θ; ``simplified`` is that product written in activations; ``expanded``
    is ∂J/∂θ in x, y and the parameters alone.
    """

    param: sympy.Symbol
    chain: tuple[Factor, ...]
    delta: Delta
    gradient: sympy.Expr
    simplified: sympy.Expr
    expanded: sympy.Expr
    check: GradientCheck

    @property
    def verified(self) -> bool:
        return self.check.ok and self.check.method != "skipped"

    @property
    def last(self) -> Factor:
        """∂zk/∂θ: the one link that is this parameter's own."""
        return self.chain[-1]


@dataclass(frozen=True, kw_only=True, repr=False)
class Backprop(Displayable):
    """All of a network's chain-rule results: the δs (output first) and one Gradient per param.

    ``order`` (``chainrule.ordering``) writes the network's sums and products as the course
    does, every product of links in the chain's order, outermost first: δ₂ = (ŷ − y)·ŷ·(1 − ŷ).
    """

    network: Network
    deltas: tuple[Delta, ...]
    gradients: tuple[Gradient, ...]
    order: tuple = ()

    def _summary(self) -> str:
        names = ", ".join(g.param.name for g in self.gradients)
        n = self.network
        return f"{n.layers} inner, {n.activation}, {n.cost}: gradients of {names}"

    def delta(self, k: int) -> Delta:
        for d in self.deltas:
            if d.index == k:
                return d
        raise KeyError(k)

    def gradient(self, param: str | sympy.Symbol) -> Gradient:
        name = param if isinstance(param, str) else param.name
        for g in self.gradients:
            if g.param.name == name:
                return g
        raise NetworkError(f"no gradient for {name!r} was computed")

    def plain(self, g: Gradient) -> sympy.Expr:
        """∂J/∂θ in x, y, the parameters, exp, log, tanh and arithmetic only (σ written out as
        1/(1 + e^(−u))), so that any program can evaluate it."""
        if g.simplified.has(sigmoid):  # not expected: simplified forms are in activations
            return expand_sigmoid(g.expanded)
        return self.network.expand(g.simplified, plain=True)

    @property
    def multiplications(self) -> tuple[int, int]:
        """(chain by chain, by backpropagation): products of links needed for ``gradients``.

        Chain by chain, a chain of n links costs n − 1 products. Backpropagation pays once per δ
        (one product at the output, two per node further back) plus one per parameter.
        """
        by_chain = sum(len(g.chain) - 1 for g in self.gradients)
        by_delta = sum(len(d.factors) - (1 if d.previous is None else 0) for d in self.deltas)
        return by_chain, by_delta + len(self.gradients)


def derive(expression: sympy.Expr, wrt: sympy.Symbol) -> Explanation:
    """The explainer's derivation of d(expression)/d(wrt): every link goes through here."""
    from chainrule.explaining import explain

    return explain(expression, wrt=wrt)


class Links:
    """Each local derivative derived once, however many chains share it."""

    def __init__(self, network: Network) -> None:
        self.network = network
        self._made: dict[tuple[sympy.Symbol, sympy.Symbol], Factor] = {}

    def __call__(
        self, of: sympy.Symbol, wrt: sympy.Symbol, expression: sympy.Expr, form=None
    ) -> Factor:
        """The link ∂of/∂wrt; ``form`` picks how its derivative is written (default: as the
        explainer simplified it)."""
        key = (of, wrt)
        if key not in self._made:
            why = derive(expression, wrt)
            derivative = why.derivative if form is None else form(why)
            self._made[key] = Factor(
                of=of, wrt=wrt, expression=expression, derivative=derivative, explanation=why
            )
        return self._made[key]

    def cost(self) -> Factor:
        return self(J, YHAT, self.network.cost_expr, form=over_one_denominator)

    def activation(self, k: int) -> Factor:
        n = self.network
        return self(n.a(k), n.z(k), n.activate(n.z(k)))

    def weighted_input(self, k: int, wrt: sympy.Symbol) -> Factor:
        n = self.network
        return self(n.z(k), wrt, n.weighted_input(k))


def over_one_denominator(why: Explanation) -> sympy.Expr:
    """The derived terms over their common denominator, each denominator as the steps wrote
    it, the numerator multiplied out: ∂J/∂ŷ = −y/ŷ + (1 − y)/(1 − ŷ) = (ŷ − y)/(ŷ(1 − ŷ)), the
    course's form, whose ŷ(1 − ŷ) is σ′ (SymPy's simplest, (y − ŷ)/(ŷ² − ŷ), hides it).
    Without a denominator, the explainer's own form."""
    top, bottom = sympy.fraction(sympy.together(why.derived))
    if bottom == 1:
        return why.derivative
    return sympy.expand(top) / bottom


def _in_activations(network: Network, expr: sympy.Expr) -> sympy.Expr:
    # ak = f(zk) by definition, so σ(zk)·(1 − σ(zk)) reads ak·(1 − ak) and σ(z_last) reads ŷ.
    return expr.xreplace(
        {network.activate(network.z(k)): network.a(k) for k in range(1, network.nodes + 1)}
    )


def _in_chain_order(network: Network, order: dict, parts: list[sympy.Expr]) -> sympy.Expr:
    """The product of ``parts`` (in the activations), noted in ``order`` to be written in the
    chain's order both as it is and written out in x."""
    ordering.product(order, [network.expand(part) for part in parts])
    return ordering.product(order, parts)


def _deltas(network: Network, links: Links, order: dict) -> tuple[Delta, ...]:
    n = network.nodes
    head = (links.cost(), links.activation(n))
    raw = ordering.product(order, [f.derivative for f in head])
    # The only place anything cancels: ∂J/∂ŷ against the output activation's derivative
    # (with cross-entropy and σ, completely: δ = ŷ − y). Keep the product as it is otherwise.
    as_product = _in_chain_order(
        network, order, [_in_activations(network, f.derivative) for f in head]
    )
    cancelled = sympy.factor(sympy.cancel(as_product))
    cancels = sympy.expand(cancelled - (YHAT - Y)) == 0
    if cancels:
        out = YHAT - Y
    elif sympy.count_ops(cancelled) < sympy.count_ops(as_product):
        out = cancelled
    else:
        out = as_product
    deltas = [
        Delta(
            index=n,
            symbol=sympy.Symbol(f"delta{n}"),
            node=network.z(n),
            factors=head,
            previous=None,
            expression=raw,
            in_activations=out,
            cancels=bool(cancels),
        )
    ]
    for k in range(n - 1, 0, -1):
        after = deltas[-1]
        # Chain rule one node back: zk reaches J only through a_k, then z(k+1).
        step = (links.weighted_input(k + 1, network.a(k)), links.activation(k))
        local = [f.derivative for f in step]
        in_activations = [after.in_activations, *(_in_activations(network, d) for d in local)]
        deltas.append(
            Delta(
                index=k,
                symbol=sympy.Symbol(f"delta{k}"),
                node=network.z(k),
                factors=step,
                previous=k + 1,
                expression=ordering.product(order, [after.symbol, *local]),
                in_activations=_in_chain_order(network, order, in_activations),
                cancels=False,
            )
        )
    return tuple(deltas)


def _chain(network: Network, links: Links, k: int, param: sympy.Symbol) -> tuple[Factor, ...]:
    # J ← ŷ ← z_n ← a(n−1) ← … ← zk ← θ: one link per arrow, read from J downwards.
    chain = [links.cost(), links.activation(network.nodes)]
    for j in range(network.nodes - 1, k - 1, -1):
        chain += [links.weighted_input(j + 1, network.a(j)), links.activation(j)]
    chain.append(links.weighted_input(k, param))
    return tuple(chain)


def backprop(
    network: Network,
    params: Iterable[str | sympy.Symbol] | None = None,
    *,
    verify: bool | None = None,
) -> Backprop:
    """Every δ and the gradient of each parameter in ``params`` (default: all), by the chain rule.

    With ``verify`` each expanded gradient is checked against ``sympy.diff`` of the expanded J;
    by default only up to ``VERIFY_LAYERS`` inner nodes, because beyond that sympy.diff of the
    expanded J takes minutes (that is the cost backpropagation avoids; see bench/).
    """
    if verify is None:
        verify = network.layers <= VERIFY_LAYERS
    with stack_room(network):
        wanted = (
            network.params
            if params is None
            else tuple(network.param(p if isinstance(p, str) else p.name) for p in params)
        )
        links = Links(network)
        order = dict(network.order)
        deltas = _deltas(network, links, order)
        by_index = {d.index: d for d in deltas}
        gradients = []
        for param in wanted:
            k = network.node_of(param)
            chain = _chain(network, links, k, param)
            own = _in_activations(network, chain[-1].derivative)
            simplified = _in_chain_order(network, order, [by_index[k].in_activations, own])
            expanded = network.expand(simplified)
            gradients.append(
                Gradient(
                    param=param,
                    chain=chain,
                    delta=by_index[k],
                    gradient=ordering.product(order, [f.derivative for f in chain]),
                    simplified=simplified,
                    expanded=expanded,
                    check=check(network, param, expanded) if verify else _skipped(network),
                )
            )
        return Backprop(
            network=network,
            deltas=deltas,
            gradients=tuple(gradients),
            order=tuple(order.items()),
        )


#: Deeper than this, ``backprop`` does not check against sympy.diff unless asked to.
VERIFY_LAYERS = 10


def _skipped(network: Network) -> GradientCheck:
    reason = (
        f"more than {VERIFY_LAYERS} inner nodes: sympy.diff of the expanded J would take minutes"
        if network.layers > VERIFY_LAYERS
        else "not asked for"
    )
    return GradientCheck(ok=True, method="skipped", reason=reason)


#: Up to this many layers the difference from sympy.diff is cancelled exactly; deeper, it is
#: sampled, because cancelling multiplies out a product of one (1 − ak) per node.
SYMBOLIC_CHECK_LAYERS = 2


def check(network: Network, param: sympy.Symbol, expanded: sympy.Expr) -> GradientCheck:
    """Compare ``expanded`` with sympy.diff(J in x, y and the parameters, param)."""
    try:
        reference = sympy.diff(network.expanded_cost, param)
    except RecursionError:
        # sympy.diff recurses once per level of nesting; deep chains exceed Python's limit.
        return GradientCheck(
            ok=True, method="skipped", reason="sympy.diff exceeded Python's recursion limit"
        )
    difference = expanded - reference
    if difference == 0:
        return GradientCheck(ok=True, method="symbolic")
    if network.layers <= SYMBOLIC_CHECK_LAYERS and sympy.cancel(difference) == 0:
        return GradientCheck(ok=True, method="symbolic")
    return _sampled(network, expanded, reference)


def _sampled(network: Network, ours: sympy.Expr, reference: sympy.Expr) -> GradientCheck:
    both = sympy.lambdify(network.inputs, [ours, reference], modules=LAMBDIFY_MODULES)
    rng = random.Random(2024)
    points = 5
    for _ in range(points):
        # 0 < x, y < 1 keeps ln(ŷ) and ln(1 − ŷ) defined for every activation.
        values = [rng.uniform(0.1, 0.9), rng.uniform(0.1, 0.9)]
        values += [rng.uniform(-1, 1) for _ in network.params]
        a, b = both(*values)
        if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
            return GradientCheck(ok=False, method="numeric", points=points)
    return GradientCheck(ok=True, method="numeric", points=points)
