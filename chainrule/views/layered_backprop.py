"""Backpropagation on a layered network (``backprop_view``): δ of each layer once, from the
layer after, in index form and matrix form side by side with the shape of every factor; every
gradient from the δs, as matrices; the multiplications it saves; the check. Every formula comes
from ``LayeredBackprop``."""

from __future__ import annotations

import sympy

from chainrule.document import (
    Block,
    Document,
    Equals,
    Equation,
    Grid,
    Hadamard,
    Heading,
    InOrder,
    Leibniz,
    Num,
    Para,
    Table,
    Terms,
    Transposed,
)
from chainrule.network.layered import J, Layered
from chainrule.network.layered_backprop import LayerDelta, LayeredBackprop
from chainrule.views import layered_common as common
from chainrule.views.layered_softmax import cancellation

#: Neurons of a layer whose δ is written out one by one, and the most rows or columns of a
#: matrix printed whole; a larger one is described by its entry (JSON has every entry).
SHOWN_NEURONS = 8

_F = sympy.Function("f")


def fprime(z: sympy.Symbol) -> sympy.Expr:
    """f′(z) of an activation f left unnamed: the matrix form holds for every f."""
    return sympy.Derivative(_F(z), z)


def backprop_view(r: LayeredBackprop) -> Document:
    model = r.model
    blocks: list[Block] = common.introduction(model)
    blocks += common.formulas(model)
    blocks.append(Heading(("Backpropagation: δ of each layer once, from the layer after",)))
    blocks.append(
        Para(
            (
                "δ of a neuron is ∂J/∂z there: the part of every path from its z to J. Every "
                "weight and bias into that neuron shares it, so each δ is computed once, at "
                "the output first and then one layer back at a time.",
            )
        )
    )
    for d in r.deltas:
        blocks += _output(model, d) if d.output else _back(model, d)
    blocks += _gradients(r)
    blocks += _cost(r)
    blocks.append(Heading(("Checked",), level=3))
    checks = list(r.checks.values())
    blocks.append(common.verdict(model, checks, f"All {len(checks)} gradients"))
    return Document(
        tuple(blocks), title=f"chainrule: backpropagation on {r.shape.text}", order=r.order
    )


def _column(entries) -> Grid:
    return Grid(tuple((e,) for e in entries))


def _neurons(model: Layered, l: int) -> range:
    return range(1, min(model.width(l), SHOWN_NEURONS) + 1)


def _more(model: Layered, l: int) -> list[Block]:
    n = model.width(l)
    if n <= SHOWN_NEURONS:
        return []
    return [Para((f"… and likewise for neurons {SHOWN_NEURONS + 1} to {n}.",))]


def _output(model: Layered, d: LayerDelta) -> list[Block]:
    L = d.layer
    softmax = model.activation(L) == "softmax"
    blocks: list[Block] = [Heading(("At the output: ", model.deltavec(L)), level=3)]
    for j in _neurons(model, L):
        blocks.append(Equation((model.delta(L, j), Leibniz(J, model.z(L, j)), d.raw[j - 1])))
    blocks += _more(model, L)
    if d.cancels:
        blocks += cancellation(model, (d.raw[0], *d.cancellation), d.links)
    gradient = Leibniz(J, model.avec(L))
    general = Leibniz(J, model.zvec(L)) if softmax else Hadamard((gradient, fprime(model.zvec(L))))
    sides = [model.deltavec(L), general]
    if d.cancels:
        sides.append(Terms((model.avec(L), -sympy.Symbol("y"))))
    if model.width(L) <= SHOWN_NEURONS:
        sides.append(_column(d.entries))
    why = "a sum over the outputs, as above" if softmax else "⊙ multiplies entry by entry"
    blocks.append(Equation(tuple(sides), note=(f"matrix form, {model.width(L)}×1; {why}",)))
    return blocks


def _back(model: Layered, d: LayerDelta) -> list[Block]:
    l = d.layer
    after, rows, cols = l + 1, model.width(l + 1), model.width(l)
    matrix = Hadamard(
        (
            InOrder((Transposed(model.W(after)), model.deltavec(after)), tight=True),
            fprime(model.zvec(l)),
        )
    )
    index = f"δ{l}ⱼ = Σₖ w{after}[k,j]·δ{after}ₖ·f′(z{l}ⱼ)"
    blocks: list[Block] = [
        Heading(("One layer back: ", model.deltavec(l), " from ", model.deltavec(after)), level=3),
        Table(("index form", "matrix form"), ((index, Equals((model.deltavec(l), matrix))),)),
        Para(
            (
                model.W(after),
                f" is {rows}×{cols}: row k holds the weights into neuron k of layer {after}. "
                f"δ{l}ⱼ needs the weights out of neuron j, column j, so the matrix is turned on "
                "its side: ",
                Transposed(model.W(after)),
                f" is {cols}×{rows}, times ",
                model.deltavec(after),
                f" ({rows}×1) gives {cols}×1, the shape of ",
                model.zvec(l),
                ", and ⊙ multiplies it by ",
                fprime(model.zvec(l)),
                " entry by entry. The shapes must match, and only the transpose makes them.",
            )
        ),
    ]
    for j in _neurons(model, l):
        blocks.append(Equation((model.delta(l, j), Leibniz(J, model.z(l, j)), d.entries[j - 1])))
    blocks += _more(model, l)
    return blocks


def _gradients(r: LayeredBackprop) -> list[Block]:
    model = r.model
    L = model.layers
    before = "xₖ" if L == 1 else f"a{L - 1}ₖ"
    blocks: list[Block] = [
        Heading(("Every gradient from the δs",), level=3),
        Para(
            (
                "A bias adds straight into its z (∂z/∂b = 1) and a weight multiplies the "
                "activation it comes from (∂z/∂w is that activation), so ∂J/∂b is the δ of its "
                f"neuron and ∂J/∂w{L}[j,k] = δ{L}ⱼ·{before}: as matrices, a column times a row.",
            )
        ),
    ]
    for l in range(1, model.layers + 1):
        rows, cols = model.width(l), model.width(l - 1)
        outer = InOrder((model.deltavec(l), Transposed(model.avec(l - 1))), tight=True)
        sides: list = [Leibniz(J, model.W(l)), outer]
        whole = rows <= SHOWN_NEURONS and cols <= SHOWN_NEURONS
        if whole:
            sides.append(Grid(r.weights[l - 1]))
        note = (f"({rows}×1)(1×{cols}) = {rows}×{cols}, the shape of W{l}",)
        blocks.append(Equation(tuple(sides), note=note))
        if not whole:
            before = "xₖ" if l == 1 else f"a{l - 1}ₖ"
            blocks.append(
                Para(
                    (
                        f"A {rows}×{cols} matrix, too large to print: its entry in row j, column "
                        f"k is ∂J/∂w{l}[j,k] = δ{l}ⱼ·{before} (--format json "
                        "has every entry).",
                    )
                )
            )
        sides = [Leibniz(J, model.bvec(l)), model.deltavec(l)]
        if rows <= SHOWN_NEURONS:
            sides.append(_column(r.biases[l - 1]))
        blocks.append(Equation(tuple(sides), note=(f"{rows}×1",)))
    return blocks


def _cost(r: LayeredBackprop) -> list[Block]:
    c = r.counts
    rows = [(r.shape.text, Num(c.reverse), Num(c.paths), Num(c.path_total))]
    rows += [(text, Num(g.reverse), Num(g.paths), Num(g.path_total)) for text, g in r.growth]
    (wider, w), (deeper, d) = r.growth
    return [
        Heading(("Why backpropagation is cheap",), level=3),
        Para(
            (
                f"Passing δ back takes {c.reverse} multiplications for all {r.shape.params} "
                f"gradients; multiplying each of the {c.path_total} paths out on its own takes "
                f"{c.paths}. The same networks made twice as wide ({wider}) and one layer deeper "
                f"({deeper}):",
            )
        ),
        Table(("network", "backpropagation", "path by path", "paths"), tuple(rows)),
        Para(
            (
                "Backpropagation does one multiplication per weight and a few per neuron, so it "
                "grows like the number of weights: with the square of the width, and only "
                "linearly with the depth. The paths multiply at every layer — their number is "
                "the product of the widths after a parameter — so multiplying them out grows "
                f"like the width to the power of the depth ({d.paths} against {d.reverse} one "
                f"layer deeper, {w.paths} against {w.reverse} twice as wide).",
            )
        ),
    ]
