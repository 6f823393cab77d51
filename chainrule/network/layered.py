"""A network of any small shape (``Shape``) as SymPy data: a symbol for every input xₖ, label
yⱼ, weight wˡⱼₖ, bias bˡⱼ, weighted input zˡⱼ and activation aˡⱼ, the forward formulas, and
J written out.

Layer l takes zˡⱼ = Σₖ wˡⱼₖ·aˡ⁻¹ₖ + bˡⱼ and aˡⱼ = f(zˡⱼ), with a⁰ = x and the last layer's a
the prediction ŷ. Symbols are named ``w__2_1_3`` (printed w²₁ ₃, read back by SymPy as the same
symbol); ``name`` gives the learner's own, ``w2[1,3]`` (Nielsen's order: layer, into, from).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import sympy

from chainrule import ordering
from chainrule.functions import relu, sigmoid
from chainrule.network.model import J
from chainrule.network.shape import Shape, ShapeError

__all__ = ["J", "Layered", "Formula"]


@dataclass(frozen=True, kw_only=True)
class Formula:
    """One line of the forward pass: ``lhs = rhs``, e.g. z¹₂ = w¹₂ ₁·x₁ + w¹₂ ₂·x₂ + b¹₂."""

    lhs: sympy.Symbol
    rhs: sympy.Expr


def activate(name: str, u: sympy.Expr) -> sympy.Expr:
    """f(u) for an elementwise activation."""
    if name == "sigmoid":
        return sigmoid(u)
    if name == "tanh":
        return sympy.tanh(u)
    if name == "relu":
        return relu(u)
    if name == "linear":
        return u
    raise ShapeError(f"{name} is not elementwise")


@dataclass(frozen=True)
class Layered:
    """``shape`` with its symbols and formulas."""

    shape: Shape

    # -- symbols --------------------------------------------------------------------------------

    @property
    def layers(self) -> int:
        return self.shape.layers

    def width(self, l: int) -> int:
        return self.shape.widths[l]

    def x(self, k: int) -> sympy.Symbol:
        return sympy.Symbol("x" if self.width(0) == 1 else f"x_{k}")

    def y(self, j: int) -> sympy.Symbol:
        return sympy.Symbol("y" if self.width(self.layers) == 1 else f"y_{j}")

    def yhat(self, j: int) -> sympy.Symbol:
        return sympy.Symbol("yhat" if self.width(self.layers) == 1 else f"yhat_{j}")

    def w(self, l: int, j: int, k: int) -> sympy.Symbol:
        return sympy.Symbol(f"w__{l}_{j}_{k}")

    def b(self, l: int, j: int) -> sympy.Symbol:
        return sympy.Symbol(f"b__{l}_{j}")

    def z(self, l: int, j: int) -> sympy.Symbol:
        return sympy.Symbol(f"z__{l}_{j}")

    def a(self, l: int, j: int) -> sympy.Symbol:
        """aˡⱼ; a⁰ₖ is the input xₖ and the last layer's is ŷⱼ."""
        if l == 0:
            return self.x(j)
        if l == self.layers:
            return self.yhat(j)
        return sympy.Symbol(f"a__{l}_{j}")

    def delta(self, l: int, j: int) -> sympy.Symbol:
        return sympy.Symbol(f"delta__{l}_{j}")

    # Whole layers, for the matrix form: Wˡ, bˡ, zˡ, aˡ (a⁰ = x, aᴸ = ŷ), δˡ.
    def W(self, l: int) -> sympy.Symbol:  # noqa: N802 - the matrix is capital W
        return sympy.Symbol(f"W__{l}")

    def bvec(self, l: int) -> sympy.Symbol:
        return sympy.Symbol(f"b__{l}")

    def zvec(self, l: int) -> sympy.Symbol:
        return sympy.Symbol(f"z__{l}")

    def avec(self, l: int) -> sympy.Symbol:
        if l == 0:
            return sympy.Symbol("x")
        if l == self.layers:
            return sympy.Symbol("yhat")
        return sympy.Symbol(f"a__{l}")

    def deltavec(self, l: int) -> sympy.Symbol:
        return sympy.Symbol(f"delta__{l}")

    @cached_property
    def params(self) -> tuple[sympy.Symbol, ...]:
        """In ``Shape.param_names`` order: layer by layer, the weights row by row, the biases."""
        out: list[sympy.Symbol] = []
        for l in range(1, self.layers + 1):
            out += [self.w(l, j, k) for j in self._rows(l) for k in self._rows(l - 1)]
            out += [self.b(l, j) for j in self._rows(l)]
        return tuple(out)

    @cached_property
    def _names(self) -> dict[sympy.Symbol, str]:
        return dict(zip(self.params, self.shape.param_names, strict=True))

    def name(self, param: sympy.Symbol) -> str:
        """The learner's name of a parameter: ``w2[1,3]``, ``b1[2]`` (``w2``, ``b1`` on a chain)."""
        return self._names[param]

    def param(self, name: str) -> sympy.Symbol:
        """The parameter the learner named; a ShapeError says what is wrong with the name."""
        part = self.shape.part(name)
        if part.kind == "w":
            return self.w(part.layer, part.row, part.col)
        if part.kind == "b":
            return self.b(part.layer, part.row)
        raise ShapeError(
            f"{name!r} is not one parameter: name a weight like {self.shape.param_names[0]} "
            f"or a bias like {self.shape.bias(1, 1)}, or 'all'"
        )

    def where(self, param: sympy.Symbol) -> tuple[str, int, int, int]:
        """("w", l, j, k) or ("b", l, j, 0) for a parameter's symbol."""
        kind, _, rest = param.name.partition("__")
        numbers = [int(n) for n in rest.split("_")]
        return (kind, *numbers, 0) if kind == "b" else (kind, *numbers)

    @cached_property
    def inputs(self) -> tuple[sympy.Symbol, ...]:
        """Every number J depends on: the inputs, the labels, the parameters."""
        xs = tuple(self.x(k) for k in self._rows(0))
        ys = tuple(self.y(j) for j in self._rows(self.layers))
        return (*xs, *ys, *self.params)

    def _rows(self, l: int) -> range:
        return range(1, self.width(l) + 1)

    # -- the math -------------------------------------------------------------------------------

    def activation(self, l: int) -> str:
        return self.shape.activations[l - 1]

    def weighted_input(self, l: int, j: int) -> sympy.Expr:
        """zˡⱼ = Σₖ wˡⱼₖ·aˡ⁻¹ₖ + bˡⱼ, in the activations of the layer before."""
        made = self._made_inputs.get((l, j))
        if made is None:  # every link and path asks again: 2-32-32-1 has 1,024 weights
            made = sympy.Add(*(self._term(l, j, k) for k in self._rows(l - 1)), self.b(l, j))
            self._made_inputs[(l, j)] = made
        return made

    @cached_property
    def _made_inputs(self) -> dict:
        return {}

    def _term(self, l: int, j: int, k: int) -> sympy.Expr:
        return self.w(l, j, k) * self.a(l - 1, k)

    def activated(self, l: int, j: int) -> sympy.Expr:
        """aˡⱼ = f(zˡⱼ); softmax: ŷⱼ = e^(zⱼ)/Σₘ e^(zₘ), which depends on every z of its layer."""
        name = self.activation(l)
        if name == "softmax":
            return sympy.exp(self.z(l, j)) / self.softmax_sum(l)
        return activate(name, self.z(l, j))

    def softmax_sum(self, l: int) -> sympy.Expr:
        return sympy.Add(*(sympy.exp(self.z(l, m)) for m in self._rows(l)))

    def cost_term(self, j: int) -> sympy.Expr:
        """Output j's share of J, in ŷⱼ and yⱼ."""
        y, yhat = self.y(j), self.yhat(j)
        kind = self.shape.cost_kind
        if kind == "squared":
            return sympy.Rational(1, 2) * (y - yhat) ** 2
        if kind == "binary cross-entropy":
            return -(y * sympy.log(yhat) + (1 - y) * sympy.log(1 - yhat))
        return -y * sympy.log(yhat)

    @cached_property
    def cost_expr(self) -> sympy.Expr:
        """J summed over the outputs: ½Σ(yⱼ − ŷⱼ)², or the cross-entropy's sum."""
        return sympy.Add(*(self.cost_term(j) for j in self._rows(self.layers)))

    @cached_property
    def formulas(self) -> tuple[Formula, ...]:
        lines = []
        for l in range(1, self.layers + 1):
            for j in self._rows(l):
                lines.append(Formula(lhs=self.z(l, j), rhs=self.weighted_input(l, j)))
            for j in self._rows(l):
                lines.append(Formula(lhs=self.a(l, j), rhs=self.activated(l, j)))
        lines.append(Formula(lhs=J, rhs=self.cost_expr))
        return tuple(lines)

    @cached_property
    def order(self) -> tuple:
        """zˡⱼ written weight before activation, terms in k's order, bias last, as the course
        writes z₁ = w₁·x + b₁ (SymPy would print a¹₁·w²₁ ₁ first); the cost's terms by j."""
        order: dict = {}
        for l in range(1, self.layers + 1):
            for j in self._rows(l):
                terms = []
                for k in self._rows(l - 1):
                    w, before = self.w(l, j, k), self.a(l - 1, k)
                    ordering.record(order, w * before, [w, before])
                    terms.append(w * before)
                ordering.record(order, self.weighted_input(l, j), [*terms, self.b(l, j)])
        ordering.record(order, self.cost_expr, [self.cost_term(j) for j in self._rows(self.layers)])
        for j in self._rows(self.layers):
            y, yhat = self.y(j), self.yhat(j)
            ordering.record(order, 1 - y, [sympy.S.One, -y])
            ordering.record(order, 1 - yhat, [sympy.S.One, -yhat])
            ordering.record(order, y - yhat, [y, -yhat])
            log = sympy.log(1 - yhat)
            ordering.record(order, (1 - y) * log, [1 - y, log])
        return tuple(order.items())

    @cached_property
    def forward(self) -> dict[sympy.Symbol, sympy.Expr]:
        """Every zˡⱼ and aˡⱼ written in x and the parameters: the forward pass done symbolically."""
        full: dict[sympy.Symbol, sympy.Expr] = {}
        for l in range(1, self.layers + 1):
            for j in self._rows(l):
                full[self.z(l, j)] = self.weighted_input(l, j).xreplace(full)
            for j in self._rows(l):
                full[self.a(l, j)] = self.activated(l, j).xreplace(full)
        return full

    def expand(self, expr: sympy.Expr) -> sympy.Expr:
        """``expr`` with every intermediate written in x, y and the parameters."""
        return expr.xreplace(self.forward)

    @cached_property
    def expanded_cost(self) -> sympy.Expr:
        """J in x, y and the parameters alone: what ``sympy.diff`` differentiates to check us."""
        return self.expand(self.cost_expr)
