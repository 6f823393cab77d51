"""A feed-forward network of any small shape: widths from the inputs to the outputs, an activation
per layer after the input, a cost — and the names a learner types for its parts.

The names follow Nielsen's convention: ``w2[1,3]`` is the weight in layer 2 into neuron 1 from
neuron 3 of layer 1 (wˡⱼₖ), ``b1[2]`` the bias of neuron 2 in layer 1, all counted from 1. Layer 0
is the input. A network of one neuron per layer keeps the course's names (w1, b2, x, y).

Nothing here touches SymPy, so the CLI can check a shape before anything heavy is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from chainrule.errors import ChainruleError

ACTIVATIONS = ("sigmoid", "tanh", "relu", "linear", "softmax")
COSTS = ("squared", "cross-entropy")
#: Wide enough for the usual first networks (XOR, a small classifier, 2-16-16-1); past it the
#: written-out formulas a learner reads stop being readable, and --train is what is left.
MAX_WIDTH = 32
#: Layers after the input. The chain 1-1-…-1 (``--layers``) has its own, larger limit.
MAX_LAYERS = 8
#: The symbolic limit: 2-16-16-1 has 337 parameters, and every one gets its derivation.
MAX_PARAMS = 1200

#: How ReLU's kink is treated: ReLU′(0) is taken as 0, as PyTorch and NumPy code do.
RELU_AT_ZERO = 0


class ShapeError(ChainruleError):
    """A shape, an activation, a cost or a name that this network does not have."""


_WEIGHT = re.compile(r"w(\d+)\[(\d+),(\d+)\]")
_BIAS = re.compile(r"b(\d+)\[(\d+)\]")
_MATRIX = re.compile(r"([Wb])(\d+)")
_DELTA = re.compile(r"delta(\d+)")
_INPUT = re.compile(r"([xy])(\d+)")


@dataclass(frozen=True)
class Part:
    """What a name stands for: ``kind`` is "w", "b" (one number), "W", "bvec" (a whole layer's),
    "delta", "x" or "y"; ``layer``, ``row`` (j) and ``col`` (k) as the kind needs them."""

    kind: str
    layer: int = 0
    row: int = 0
    col: int = 0


@dataclass(frozen=True)
class Shape:
    """``widths`` from the inputs to the outputs; ``activations`` one per layer after the input."""

    widths: tuple[int, ...]
    activations: tuple[str, ...]
    cost: str = "squared"

    def __post_init__(self) -> None:
        widths, acts = self.widths, self.activations
        if len(widths) < 2:
            raise ShapeError("a network needs at least an input layer and an output layer")
        if len(widths) - 1 > MAX_LAYERS and not self.is_chain:
            raise ShapeError(f"at most {MAX_LAYERS} layers after the input, got {len(widths) - 1}")
        for i, n in enumerate(widths):
            if not 1 <= n <= MAX_WIDTH:
                raise ShapeError(f"layer {i} has {n} neurons; each layer needs 1 to {MAX_WIDTH}")
        if len(acts) != len(widths) - 1:
            raise ShapeError(
                f"{len(acts)} activations for {len(widths) - 1} layers after the input: "
                "give one for all, or one per layer"
            )
        for name in acts:
            if name not in ACTIVATIONS:
                raise ShapeError(
                    f"unknown activation {name!r}; choose from {', '.join(ACTIVATIONS)}"
                )
        if self.cost not in COSTS:
            raise ShapeError(f"unknown cost {self.cost!r}; choose one of {', '.join(COSTS)}")
        if self.params > MAX_PARAMS:
            raise ShapeError(
                f"{self.text} has {self.params} parameters; the symbolic limit is {MAX_PARAMS}"
            )
        self._check_pairs()

    def _check_pairs(self) -> None:
        acts, last = self.activations, self.activations[-1]
        if "softmax" in acts[:-1]:
            layer = acts.index("softmax") + 1
            raise ShapeError(
                f"softmax on layer {layer}: softmax turns the last layer into probabilities "
                "that add to 1, so it belongs on the output layer only"
            )
        if last == "softmax" and self.widths[-1] < 2:
            raise ShapeError(
                "softmax on one output is always 1 (e^z/e^z), so nothing can be learned; "
                "use sigmoid for one output, or give the output layer two or more neurons"
            )
        if last == "softmax" and self.cost != "cross-entropy":
            raise ShapeError(
                "softmax goes with the cross-entropy cost: each softmax output depends on every "
                "z of its layer, and only with cross-entropy does that cancel to δ = ŷ − y; "
                "use --cost cross-entropy"
            )
        if self.cost == "cross-entropy" and last not in ("sigmoid", "softmax"):
            raise ShapeError(
                f"the cross-entropy cost takes ln ŷ and needs 0 < ŷ < 1, which {last} does "
                "not give; use sigmoid (one probability per output) or softmax (a distribution)"
            )

    # -- reading what the learner typed --------------------------------------------------------

    @classmethod
    def parse(cls, text: str, activation: str = "sigmoid", cost: str = "squared") -> Shape:
        """``"2-3-1"`` with ``"relu"`` (for all) or ``"tanh,sigmoid"`` (one per layer)."""
        raw = text.strip()
        parts = raw.split("-")
        if not raw or any(not p.strip().isdigit() for p in parts):
            raise ShapeError(f"--shape: expected widths joined by '-', like 2-3-1, got {text!r}")
        widths = tuple(int(p) for p in parts)
        names = [a.strip().lower() for a in activation.split(",")]
        if len(names) == 1:
            names = names * (len(widths) - 1)
        return cls(widths, tuple(names), cost)

    @classmethod
    def chain(cls, layers: int = 1, activation: str = "sigmoid", cost: str = "squared") -> Shape:
        """The course's network (``layers=1``: 1-1-1) and its deeper chains."""
        return cls((1,) * (layers + 2), (activation,) * (layers + 1), cost)

    # -- what it is ------------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return "-".join(str(n) for n in self.widths)

    @property
    def layers(self) -> int:
        """Layers after the input: L, the output layer's number."""
        return len(self.widths) - 1

    def width(self, layer: int) -> int:
        return self.widths[layer]

    @property
    def is_chain(self) -> bool:
        """One neuron per layer: the course's names, and one path from each parameter to J."""
        return all(n == 1 for n in self.widths)

    @property
    def cost_kind(self) -> str:
        """ "squared", "binary cross-entropy" (sigmoid outputs) or "categorical cross-entropy"."""
        if self.cost == "squared":
            return "squared"
        return (
            "categorical cross-entropy"
            if self.activations[-1] == "softmax"
            else ("binary cross-entropy")
        )

    @cached_property
    def params(self) -> int:
        return sum(
            self.widths[l] * self.widths[l - 1] + self.widths[l] for l in range(1, len(self.widths))
        )

    # -- names -----------------------------------------------------------------------------------

    def weight(self, layer: int, j: int, k: int) -> str:
        return f"w{layer}" if self.is_chain else f"w{layer}[{j},{k}]"

    def bias(self, layer: int, j: int) -> str:
        return f"b{layer}" if self.is_chain else f"b{layer}[{j}]"

    def input(self, k: int) -> str:
        return "x" if self.widths[0] == 1 else f"x{k}"

    def label(self, j: int) -> str:
        return "y" if self.widths[-1] == 1 else f"y{j}"

    @cached_property
    def param_names(self) -> tuple[str, ...]:
        """Forward order, layer by layer: the weights row by row (into neuron 1 first), then
        the biases — the order every table, JSON object and compiled function uses."""
        names: list[str] = []
        for l in range(1, len(self.widths)):
            rows, cols = self.widths[l], self.widths[l - 1]
            names += [self.weight(l, j, k) for j in range(1, rows + 1) for k in range(1, cols + 1)]
            names += [self.bias(l, j) for j in range(1, rows + 1)]
        return tuple(names)

    @cached_property
    def input_names(self) -> tuple[str, ...]:
        return tuple(self.input(k) for k in range(1, self.widths[0] + 1))

    @cached_property
    def label_names(self) -> tuple[str, ...]:
        return tuple(self.label(j) for j in range(1, self.widths[-1] + 1))

    def part(self, name: str) -> Part:
        """What ``name`` names (``w2[1,3]``, ``b1[2]``, ``W2``, ``b1``, ``delta2``, ``x1``, ``y``),
        checked against this shape; a ShapeError says what is wrong and what would be right."""
        text = name.strip().replace(" ", "")
        if text in ("x", "y"):
            if self.widths[0 if text == "x" else -1] != 1:
                n = self.widths[0 if text == "x" else -1]
                raise ShapeError(f"{text!r}: this network has {n}; name one, like {text}1")
            return Part(text, layer=0 if text == "x" else self.layers, row=1)
        if self.is_chain and (m := re.fullmatch(r"([wb])(\d+)", text)):
            return Part(m[1], self._layer(text, int(m[2])), 1, 1 if m[1] == "w" else 0)
        if m := _WEIGHT.fullmatch(text):
            layer = self._layer(text, int(m[1]))
            j, k = (
                self._index(text, "j", int(m[2]), layer),
                self._index(text, "k", int(m[3]), layer - 1),
            )
            return Part("w", layer, j, k)
        if m := _BIAS.fullmatch(text):
            layer = self._layer(text, int(m[1]))
            return Part("b", layer, self._index(text, "j", int(m[2]), layer))
        if m := _MATRIX.fullmatch(text):
            return Part("W" if m[1] == "W" else "bvec", self._layer(text, int(m[2])))
        if m := _DELTA.fullmatch(text):
            return Part("delta", self._layer(text, int(m[1])))
        if m := _INPUT.fullmatch(text):
            layer = 0 if m[1] == "x" else self.layers
            return Part(m[1], layer, row=self._index(text, "index", int(m[2]), layer))
        example = self.param_names[0]
        raise ShapeError(
            f"unknown name {name!r}; name a weight like {example}, a bias like "
            f"{self.bias(1, 1)}, a whole layer's W1 or b1, or delta{self.layers}"
        )

    def _layer(self, name: str, layer: int) -> int:
        if not 1 <= layer <= self.layers:
            raise ShapeError(
                f"{name!r}: layer {layer} does not exist; the layers are 1 to {self.layers}"
            )
        return layer

    def _index(self, name: str, which: str, i: int, layer: int) -> int:
        n = self.widths[layer]
        if not 1 <= i <= n:
            where = "the input" if layer == 0 else f"layer {layer}"
            raise ShapeError(f"{name!r}: {which} {i} is out of range; {where} has neurons 1 to {n}")
        return i
