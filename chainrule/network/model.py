"""The course's network as SymPy data: x → z1 → a1 → … → ŷ → J, its equations and its cost.

Each node k takes a weighted input zk = wk·a(k−1) + bk and an activation ak = f(zk), with
a0 = x; the last activation is the prediction ŷ, and the cost J compares it with the label y.
``layers`` counts the inner (hidden) nodes, so the course's network (one inner node, one
output) has ``layers=1`` and parameters w1, b1, w2, b2.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

import sympy

from chainrule import ordering, recursion
from chainrule.errors import ChainruleError
from chainrule.functions import expand_sigmoid, sigmoid

COSTS = ("squared", "cross-entropy")
ACTIVATIONS = ("sigmoid", "tanh")
#: Deep enough to show the trend (σ′ ≤ 1/4 per node). The expanded formulas grow with the
#: square of the depth: at 50 nodes the JSON and --train took seconds, at 200 minutes.
MAX_LAYERS = 50

X = sympy.Symbol("x")
Y = sympy.Symbol("y")
YHAT = sympy.Symbol("yhat")
J = sympy.Symbol("J")


class NetworkError(ChainruleError):
    """A network, parameter, point or data set the user asked for that we cannot build or use."""


@dataclass(frozen=True, kw_only=True)
class Equation:
    """One line of the forward pass: ``lhs = rhs``, e.g. z1 = w1·x + b1."""

    lhs: sympy.Symbol
    rhs: sympy.Expr


@dataclass(frozen=True, kw_only=True)
class Network:
    """A chain of ``layers`` inner nodes and one output node, with a cost and an activation."""

    layers: int = 1
    cost: str = "squared"
    activation: str = "sigmoid"

    def __post_init__(self) -> None:
        if isinstance(self.layers, bool) or not isinstance(self.layers, int):
            raise NetworkError(f"layers must be a whole number, got {self.layers!r}")
        if not 1 <= self.layers <= MAX_LAYERS:
            raise NetworkError(f"layers must be between 1 and {MAX_LAYERS}, got {self.layers}")
        if self.cost not in COSTS:
            raise NetworkError(f"unknown cost {self.cost!r}; choose one of {', '.join(COSTS)}")
        if self.activation not in ACTIVATIONS:
            raise NetworkError(
                f"unknown activation {self.activation!r}; choose one of {', '.join(ACTIVATIONS)}"
            )
        if self.cost == "cross-entropy" and self.activation == "tanh":
            # The cost takes ln ŷ and ln(1 − ŷ): a probability's, which tanh's (−1, 1) is not.
            raise NetworkError(
                f"the cross-entropy cost needs 0 < ŷ < 1, but ŷ = tanh(z{self.nodes}) can be 0"
                " or negative, where ln ŷ is undefined; use the sigmoid activation with"
                " cross-entropy, or the squared cost with tanh"
            )

    # -- symbols ------------------------------------------------------------------------------

    @property
    def nodes(self) -> int:
        """How many nodes carry a weight and a bias: the inner ones and the output."""
        return self.layers + 1

    x = X
    y = Y
    yhat = YHAT
    J = J

    def w(self, k: int) -> sympy.Symbol:
        return sympy.Symbol(f"w{self._node(k)}")

    def b(self, k: int) -> sympy.Symbol:
        return sympy.Symbol(f"b{self._node(k)}")

    def z(self, k: int) -> sympy.Symbol:
        return sympy.Symbol(f"z{self._node(k)}")

    def a(self, k: int) -> sympy.Symbol:
        """The activation of node k; a0 is the input x and the last one is ŷ."""
        if k == 0:
            return X
        return YHAT if self._node(k) == self.nodes else sympy.Symbol(f"a{k}")

    def _node(self, k: int) -> int:
        if not 1 <= k <= self.nodes:
            raise IndexError(f"node {k} is not in 1..{self.nodes}")
        return k

    @cached_property
    def params(self) -> tuple[sympy.Symbol, ...]:
        """w1, b1, w2, b2, …: forward order, the order every table and JSON object uses."""
        return tuple(s for k in range(1, self.nodes + 1) for s in (self.w(k), self.b(k)))

    @property
    def inputs(self) -> tuple[sympy.Symbol, ...]:
        """Every number J depends on: x, y, then the parameters (the order compiled code takes)."""
        return (X, Y, *self.params)

    def param(self, name: str) -> sympy.Symbol:
        """The parameter called ``name`` (w1, b2, …); a NetworkError lists the valid ones."""
        for p in self.params:
            if p.name == name:
                return p
        raise NetworkError(
            f"unknown parameter {name!r}; this network has {', '.join(self.param_names)}"
        )

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def node_of(self, param: sympy.Symbol) -> int:
        """k for wk or bk."""
        return int(param.name[1:])

    # -- the math -------------------------------------------------------------------------------

    def activate(self, u: sympy.Expr) -> sympy.Expr:
        return sigmoid(u) if self.activation == "sigmoid" else sympy.tanh(u)

    @cached_property
    def cost_expr(self) -> sympy.Expr:
        """J as a function of the label y and the prediction ŷ only."""
        if self.cost == "squared":
            return sympy.Rational(1, 2) * (Y - YHAT) ** 2
        return -(Y * sympy.log(YHAT) + (1 - Y) * sympy.log(1 - YHAT))

    def weighted_input(self, k: int) -> sympy.Expr:
        """zk = wk·a(k−1) + bk, written in the previous node's activation."""
        return self.w(k) * self.a(k - 1) + self.b(k)

    @cached_property
    def order(self) -> tuple:
        """zk = wk·a(k−1) + bk as the course writes it, weight before activation, both in the
        activations and written out in x (``chainrule.ordering``; SymPy would print a₁·w₂)."""
        order: dict = {}
        for k in range(1, self.nodes + 1):
            w, b, before = self.w(k), self.b(k), self.a(k - 1)
            for a in (before, self.expand(before)):
                ordering.record(order, w * a, [w, a])
                ordering.record(order, w * a + b, [w * a, b])
        # J = −[y·ln ŷ + (1 − y)·ln(1 − ŷ)]: the label's term first, each factor as written.
        ordering.record(order, 1 - Y, [sympy.S.One, -Y])
        ordering.record(order, 1 - YHAT, [sympy.S.One, -YHAT])
        ordering.record(order, (1 - Y) * sympy.log(1 - YHAT), [1 - Y, sympy.log(1 - YHAT)])
        return tuple(order.items())

    @cached_property
    def equations(self) -> tuple[Equation, ...]:
        """The forward pass line by line, ending with the cost."""
        lines = []
        for k in range(1, self.nodes + 1):
            lines.append(Equation(lhs=self.z(k), rhs=self.weighted_input(k)))
            lines.append(Equation(lhs=self.a(k), rhs=self.activate(self.z(k))))
        lines.append(Equation(lhs=J, rhs=self.cost_expr))
        return tuple(lines)

    def _forward_map(self, activate) -> dict[sympy.Symbol, sympy.Expr]:
        # Every intermediate written in x and the parameters: the forward pass done symbolically.
        full: dict[sympy.Symbol, sympy.Expr] = {}
        previous: sympy.Expr = X
        for k in range(1, self.nodes + 1):
            z = self.w(k) * previous + self.b(k)
            previous = activate(z)
            full[self.z(k)] = z
            full[self.a(k)] = previous
        return full

    @cached_property
    def _forward(self) -> dict[sympy.Symbol, sympy.Expr]:
        return self._forward_map(self.activate)

    @cached_property
    def _forward_plain(self) -> dict[sympy.Symbol, sympy.Expr]:
        # σ(u) written 1/(1 + exp(−u)) as each node is built: cheaper than rewriting σ later
        # throughout a deep formula, where every σ shares the ones inside it.
        return self._forward_map(lambda u: expand_sigmoid(self.activate(u)))

    def expand(self, expr: sympy.Expr, *, plain: bool = False) -> sympy.Expr:
        """``expr`` with each intermediate (zk, ak, ŷ) written in x and the parameters.

        With ``plain``, σ is written out as 1/(1 + exp(−u)) too (``expr`` itself must be free of
        σ, as every formula written in the activations is).
        """
        return expr.xreplace(self._forward_plain if plain else self._forward)

    @cached_property
    def expanded_cost(self) -> sympy.Expr:
        """J in x, y and the parameters alone: what sympy.diff differentiates to check us."""
        return self.expand(self.cost_expr)


@contextmanager
def stack_room(network: Network) -> Iterator[None]:
    """Room on the stack for SymPy to walk ``network``'s expanded formulas, nested a few levels
    per node: a deep chain exceeds Python's default limit (--layers 70 did, in JSON)."""
    with recursion.stack_room(network.nodes):
        yield
