"""The network's gradient for one parameter as a document (``gradient_view``): the equations,
the chain in Leibniz form, each link derived, their product, the gradient written out and
checked, and the numbers at a point when there are some. The sections the backpropagation view
(``views.backprop``) shares live here too.

Math stays SymPy (or a term such as ∂J/∂ŷ, or a product kept in chain order) until a format
lays the document out. Nothing here differentiates or simplifies: every formula comes from the
``Backprop`` and ``Evaluation`` data.
"""

from __future__ import annotations

import sympy

from chainrule import steps
from chainrule.document import (
    Block,
    DerivativeOf,
    Document,
    Equals,
    Equation,
    Heading,
    InOrder,
    Leibniz,
    Para,
    Verdict,
)
from chainrule.network.backprop import Backprop, Delta, Factor, Gradient
from chainrule.network.model import J, Network
from chainrule.network.numbers import Evaluation
from chainrule.steps import Explanation
from chainrule.views import numbers, wording
from chainrule.views.explanation import derivation


def partial(f: Factor) -> Leibniz:
    return Leibniz(f.of, f.wrt)


def chain_names(factors: tuple[Factor, ...] | list[Factor]) -> InOrder:
    return InOrder(tuple(partial(f) for f in factors), spaced=True)


def derivatives(factors: tuple[Factor, ...] | list[Factor]) -> InOrder:
    return InOrder(tuple(f.derivative for f in factors))


# -- shared sections ------------------------------------------------------------------------------


def variables(network: Network) -> tuple:
    """x, y, w₁, b₁, … as words and inline math."""
    return tuple(_listing(list(network.inputs)))


def equations_section(network: Network) -> list[Block]:
    blocks: list[Block] = [Heading(_title(network))]
    blocks += [Equation((e.lhs, e.rhs)) for e in network.equations]
    return blocks


def _title(network: Network) -> tuple:
    act = sympy.Symbol("sigma") if network.activation == "sigmoid" else "tanh"
    cost = wording.cost_name(network.cost)
    inner = "1 inner node" if network.layers == 1 else f"{network.layers} inner nodes"
    return (f"The network: {inner} and an output, activation ", act, f", {cost} cost")


def _how(g: Gradient) -> str:
    return "symbolically" if g.check.method == "symbolic" else f"at {g.check.points} random points"


def verdict(gradients: list[Gradient] | tuple[Gradient, ...], network: Network) -> Verdict:
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
            *variables(network),
            f" (checked {' and '.join(methods)})",
        ),
    )


#: Bigger than this (counted in SymPy tree nodes, as printed), a formula in x, y and the
#: parameters is left to --format json.
EXPANDED_LIMIT = 150


def written_out(gradients: list[Gradient] | tuple[Gradient, ...]) -> list[Block]:
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
        Para(
            (
                p,
                " reaches ",
                J,
                " only through ",
                *_listing(path),
                ", so multiply one link per arrow:",
            )
        )
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
        blocks += cancellation(out, network)
        blocks.append(Equation((Leibniz(J, p), g.simplified)))

    blocks.append(Heading(("Written out in ", *variables(network))))
    blocks += [*written_out([g]), verdict([g], network)]

    if at is not None:
        blocks += numbers.one_gradient(g, at)
    return Document(tuple(blocks), title=f"chainrule: dJ/d{p}", order=result.order)


def _listing(symbols: list) -> list:
    parts: list = []
    for i, s in enumerate(symbols):
        if i:
            parts.append(" and " if i == len(symbols) - 1 else ", ")
        parts.append(s)
    return parts


def cancellation(d: Delta, network: Network) -> list[Block]:
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
                Equals((Leibniz(yhat, d.node), s * (1 - s), yhat * (1 - yhat))),
                " multiplies it back, so",
            )
        ),
        Equation((d.symbol, Leibniz(J, d.node), d.in_activations)),
    ]


#: Rules every link uses; named only when a link needs nothing else.
_ROUTINE = ("constant", "variable")


def rules(explanation: Explanation) -> tuple:
    """The rules the explainer used, outermost first: "chain rule, power rule"; for a sum of
    which one term alone varies (zk = wk·a + bk), which term, and by which rule."""
    linear = _one_term_varies(explanation.root)
    if linear:
        return linear
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


def _one_term_varies(root: steps.Step) -> tuple:
    # ∂z₂/∂w₂ = a₁ is no sum rule at work: b₂ is constant, and w₂·a₁ alone varies, by the
    # constant multiple rule with a₁ held constant. Empty when the link is not such a sum.
    if not isinstance(root, steps.SumStep):
        return ()
    constants = [s.expression for s in root.substeps if isinstance(s, steps.ConstantStep)]
    varying = [s for s in root.substeps if not isinstance(s, steps.ConstantStep)]
    if not constants or len(varying) != 1:
        return ()
    (term,) = varying
    if isinstance(term, steps.VariableStep):
        return wording.one_term_varies(tuple(constants), term.expression)
    if isinstance(term, steps.ConstantMultipleStep) and all(
        isinstance(s, steps.VariableStep) for s in term.substeps
    ):
        return wording.one_term_varies(tuple(constants), term.expression, held=term.constant)
    return ()
