"""A network of any shape as a ``Target`` of ``chainrule.checking.network``: the names a learner
types (x1, y1, w2[1,3], b1[2], z1[2], a1[2], yhat1, delta2[1]; without the index where a layer
has one neuron), every answer written out by the forward pass, and the usual wrong answers.

A parameter's wrong answers are built from its paths to J (``chainrule.network.paths``), each
mistake made the same way on every path, as a learner who makes it makes it throughout: a path
left out of the sum, f′ of a layer left out or taken for another activation's, ∂J/∂ŷ's sign
turned or the link left out, a weight on the way back left out or transposed (wˡ⁺¹[j,i] where
wˡ⁺¹[i,j] belongs), and for a weight the activation of its own layer where the layer before's
belongs. A δ's are built from its sum one layer back: δˡⱼ = Σᵢ wˡ⁺¹[i,j]·δˡ⁺¹ᵢ·f′(zˡⱼ).
"""

from __future__ import annotations

import sympy

from chainrule import ordering
from chainrule.checking.network import Target
from chainrule.functions import sigmoid
from chainrule.network.layered import J, Layered


def layered_target(shape, name: str) -> Target:
    """The network of ``shape`` as a Target that can check ``name`` (a parameter, or a δ)."""
    from chainrule.network.layered_links import LayeredLinks, delta_sum, delta_values

    model = Layered(shape)
    links = LayeredLinks(model)
    order = links.order
    deltas = delta_values(links)
    names = _names(model)
    if name not in names or not (name.startswith("delta") or names[name] in model.params):
        asked = ", ".join(shape.param_names[:3])
        raise _error(
            f"{name!r} is not a parameter or a δ of the {shape.text} network: name one "
            f"like {asked}, … or delta{shape.layers}"
        )
    symbol = names[name]

    one_hot = _one_hot(model)

    def unfold(expr: sympy.Expr) -> sympy.Expr:
        return model.expand(expr.xreplace(deltas)).xreplace(one_hot)

    if name.startswith("delta"):
        l, j = _layer_and_neuron(symbol)
        truth = unfold(deltas[symbol])
        shown = delta_sum(links, l, j)
        wrong = _wrong_delta(model, links, deltas, l, j)
        from chainrule.network.layered_backprop import layered_backprop

        network = layered_backprop(model)  # the working: every δ, one layer from the next
    else:
        from chainrule.network.paths import param_paths

        paths = param_paths(model, name)
        kind, l, j, _ = model.where(symbol)
        truth = unfold(model.delta(l, j) * paths.own.derivative)
        shown = ordering.product(order, [model.delta(l, j), paths.own.in_activations])
        wrong = _wrong_param(model, paths)
        network = paths
    return Target(
        names=names,
        unfold=unfold,
        truths={name: truth},
        shown={name: shown},
        wrong=lambda _: [(m, unfold(e)) for m, e in wrong],
        network=network,
        order=tuple(order.items()),
    )


def _one_hot(model: Layered) -> dict:
    """Softmax with the categorical cross-entropy: the labels are one-hot, so they add to 1 —
    δᴸ = ŷ − y holds only then. The last label is written as 1 less the others."""
    L = model.layers
    if model.activation(L) != "softmax":
        return {}
    n = model.width(L)
    return {model.y(n): 1 - sympy.Add(*(model.y(j) for j in range(1, n)))}


def _error(message: str):
    from chainrule.network.shape import ShapeError

    return ShapeError(message)


def _names(model: Layered) -> dict[str, sympy.Symbol]:
    shape = model.shape
    names: dict[str, sympy.Symbol] = {}
    names |= {n: model.x(k) for k, n in enumerate(shape.input_names, 1)}
    names |= {n: model.y(j) for j, n in enumerate(shape.label_names, 1)}
    names |= {n: p for n, p in zip(shape.param_names, model.params, strict=True)}
    L = model.layers
    for l in range(1, L + 1):
        width = model.width(l)
        for j in range(1, width + 1):
            for stem, symbol in (
                (f"z{l}", model.z(l, j)),
                (f"a{l}", model.a(l, j)),
                (f"delta{l}", model.delta(l, j)),
            ):
                names[f"{stem}[{j}]"] = symbol
                if width == 1:
                    names[stem] = symbol
            if l == L:
                names[f"yhat{j}" if width > 1 else "yhat"] = model.yhat(j)
    return names


def _layer_and_neuron(delta: sympy.Symbol) -> tuple[int, int]:
    l, j = delta.name.split("__", 1)[1].split("_")
    return int(l), int(j)


def _others(model: Layered, l: int, z: sympy.Symbol, a: sympy.Symbol) -> list[sympy.Expr]:
    """What a learner writes for f′(z) of layer l when they take the wrong activation's: the
    other activation's derivative in z or in a as its table writes it, or f itself."""
    name = model.activation(l)
    if name == "sigmoid":
        return [1 - sympy.tanh(z) ** 2, 1 - a**2, a]
    if name == "tanh":
        return [sigmoid(z) * (1 - sigmoid(z)), a * (1 - a), a]
    return []


def _wrong_param(model: Layered, paths) -> list[tuple[str, sympy.Expr]]:
    """The usual wrong answers for one parameter, each a sum over its paths (in activations)."""
    if not paths.paths:
        return []
    chains = [list(p.links) for p in paths.paths]

    def total(change) -> sympy.Expr:
        return sympy.Add(*(sympy.Mul(*change(chain)) for chain in chains))

    def each(kind, new):
        """Every link of ``kind`` replaced by ``new(link)`` (1 to leave it out) on every path."""

        def change(chain):
            return [new(f) if kind(f) else f.in_activations for f in chain]

        return total(change)

    out: list[tuple[str, sympy.Expr]] = []
    if len(chains) > 1:
        products = [p.product for p in paths.paths]
        for i in range(len(products)):
            out.append(("path_left_out", sympy.Add(*products[:i], *products[i + 1 :])))

    def is_cost(f) -> bool:
        return f.of == J

    out.append(("cost_derivative_left_out", each(is_cost, lambda f: 1)))
    out.append(("cost_derivative_sign", each(is_cost, lambda f: -f.in_activations)))
    for l in range(1, model.layers + 1):
        if model.activation(l) == "softmax":
            continue

        def is_activation(f, l=l) -> bool:
            return f.wrt.name.startswith("z__") and f.of in _layer_as(model, l)

        out.append(("activation_derivative_left_out", each(is_activation, lambda f: 1)))
        for pick in range(len(_others(model, l, model.z(l, 1), model.a(l, 1)))):
            out.append(
                (
                    "wrong_activation_derivative",
                    each(is_activation, lambda f, p=pick, l=l: _others(model, l, f.wrt, f.of)[p]),
                )
            )

    def is_back(f) -> bool:
        return f.wrt.name.startswith("a__") or f.wrt in _inputs(model)

    out.append(("weight_left_out", each(is_back, lambda f: 1)))
    out.append(("weight_not_transposed", each(is_back, lambda f: _transposed(model, f))))
    kind, l, j, k = model.where(paths.param)
    if kind == "w":
        # ∂zˡⱼ/∂wˡⱼₖ = aˡ⁻¹ₖ, taken as the neuron's own aˡⱼ or as aˡₖ.
        for wrong_a in dict.fromkeys(
            [model.a(l, j), *([model.a(l, k)] if k <= model.width(l) else [])]
        ):
            out.append(
                (
                    "previous_activation",
                    each(lambda f: f.wrt == paths.param, lambda f, a=wrong_a: a),
                )
            )
    return out


def _layer_as(model: Layered, l: int) -> set[sympy.Symbol]:
    return {model.a(l, j) for j in range(1, model.width(l) + 1)}


def _inputs(model: Layered) -> set[sympy.Symbol]:
    return {model.x(k) for k in range(1, model.width(0) + 1)}


def _transposed(model: Layered, f) -> sympy.Expr:
    """wˡ[j,i] for the link ∂zˡᵢ/∂aˡ⁻¹ⱼ = wˡ[i,j], where layer l's shape allows it; else
    the weight itself (no transposed weight has that name: the shapes would not match)."""
    w = f.derivative
    if not w.is_Symbol or not w.name.startswith("w__"):
        return f.in_activations
    l, i, j = (int(n) for n in w.name.split("__", 1)[1].split("_"))
    if j <= model.width(l) and i <= model.width(l - 1):
        return model.w(l, j, i)
    return f.in_activations


def _wrong_delta(model: Layered, links, deltas: dict, l: int, j: int):
    """The usual wrong answers for δˡⱼ, in activations and the δ of the layer after."""
    L = model.layers
    out: list[tuple[str, sympy.Expr]] = []
    if l == L:
        if model.activation(L) == "softmax":
            return out
        cost, act = links.cost(j).in_activations, links.activation(L, j).in_activations
        out.append(("cost_derivative_left_out", act))
        out.append(("cost_derivative_sign", -cost * act))
        out.append(("activation_derivative_left_out", cost))
        for other in _others(model, L, model.z(L, j), model.a(L, j)):
            out.append(("wrong_activation_derivative", cost * other))
        return out
    fprime = links.activation(l, j).in_activations
    after = range(1, model.width(l + 1) + 1)
    terms = {i: links.back(l + 1, i, j).in_activations * model.delta(l + 1, i) for i in after}
    total = sympy.Add(*terms.values())
    if len(terms) > 1:
        for i in after:
            out.append(("path_left_out", (total - terms[i]) * fprime))
    out.append(("activation_derivative_left_out", total))
    for other in _others(model, l, model.z(l, j), model.a(l, j)):
        out.append(("wrong_activation_derivative", total * other))
    out.append(("weight_left_out", sympy.Add(*(model.delta(l + 1, i) for i in after)) * fprime))
    swapped = [
        model.w(l + 1, j, i) * model.delta(l + 1, i)
        for i in after
        if j <= model.width(l + 1) and i <= model.width(l)
    ]
    if len(swapped) == len(terms):
        out.append(("weight_not_transposed", sympy.Add(*swapped) * fprime))
    return out
