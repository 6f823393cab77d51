"""Checking a learner's gradient or δ of a network, judged as a function, with the network's own
mistakes named.

The answer may use every name of the network — the inputs and labels, the parameters, the
intermediates z and a (ŷ, or the last a), the δs — and is written out in the inputs and the
parameters before it is compared (at random points, as ``check`` compares), so δ₂·a₁ and
(ŷ − y)·ŷ·(1 − ŷ)·σ(w₁x + b₁) are the same answer.

The usual wrong paths are built from the chain of links the network's own derivation multiplies:
each link taken wrongly in the way a learner takes it — f′ left out, the other activation's
derivative (or f for f′), the cost's derivative with its sign turned or left out, a weight on the
way back left out, and for a weight the activation of its own layer where the layer before's
belongs (``chainrule.checking.network_course``). A network of any shape
(``chainrule.checking.network_layered``) adds a path left out of the sum, and Wˡ⁺¹ where
(Wˡ⁺¹)ᵀ belongs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import sympy

from chainrule.display import Displayable
from chainrule.errors import ChainruleError, ParseError, VariableError

#: Each id a diagnosis of a network's gradient can give, with what it means.
NETWORK_MISTAKES = {
    "activation_derivative_left_out": "an activation's derivative f′(z) left out of the chain",
    "wrong_activation_derivative": "the wrong derivative for an activation: another "
    "activation's, or f(z) itself where f′(z) belongs",
    "previous_activation": "aˡ where aˡ⁻¹ belongs: ∂zˡ/∂wˡ is the activation coming into the "
    "layer, from the layer before",
    "cost_derivative_sign": "∂J/∂ŷ with its sign turned: y − ŷ where ŷ − y belongs",
    "cost_derivative_left_out": "∂J/∂ŷ, the cost's own link, left out",
    "weight_left_out": "a weight on the way back left out: ∂zˡ⁺¹/∂aˡ = wˡ⁺¹ is a link too",
    "path_left_out": "a path left out of the sum: the weight reaches J along every path through "
    "the layers after it, and the chain rule adds them all",
    "weight_not_transposed": "Wˡ⁺¹ where (Wˡ⁺¹)ᵀ belongs: δˡⱼ sums wˡ⁺¹[k,j]·δˡ⁺¹ₖ over k, "
    "the weights out of neuron j",
}

#: What to do instead, in one sentence each.
NETWORK_HINTS = {
    "activation_derivative_left_out": "Between a neuron's z and its a there is one more link, "
    "∂a/∂z = f′(z): multiply by it at every layer the path passes.",
    "wrong_activation_derivative": "σ′(z) = σ(z)·(1 − σ(z)) and tanh′(z) = 1 − tanh²(z): use the "
    "derivative of the activation this layer has.",
    "previous_activation": "z = w·a + b with a from the layer before: ∂z/∂w is that incoming a.",
    "cost_derivative_sign": "Differentiate J by ŷ, not by y: ½(y − ŷ)² gives ŷ − y.",
    "cost_derivative_left_out": "Every path starts at J: its first link is ∂J/∂ŷ.",
    "weight_left_out": "Going back one layer, z of the next layer depends on a through its weight: "
    "multiply by that weight.",
    "path_left_out": "List every path from the weight to J, multiply the links along each, and add "
    "the products.",
    "weight_not_transposed": "The shapes must match: δˡ has one entry per neuron of layer l, so it "
    "is (Wˡ⁺¹)ᵀ δˡ⁺¹, not Wˡ⁺¹ δˡ⁺¹.",
}

_INDEXED = re.compile(r"\b([A-Za-z]+\d+)\[\s*(\d+)\s*(?:,\s*(\d+)\s*)?\]")


@dataclass(frozen=True, kw_only=True)
class Target:
    """What a network's check needs of the network: ``names`` the learner may type, each the
    symbol it stands for; ``unfold`` writes an answer in the inputs and the parameters; for each
    name that can be asked (a parameter or a δ), ``truths`` its right answer (written out) and
    ``shown`` the same as the derivation writes it; ``wrong`` the usual wrong answers, written
    out, as (mistake id, answer) pairs; ``network`` the result the view shows the working of."""

    names: Mapping[str, sympy.Symbol]
    unfold: Callable[[sympy.Expr], sympy.Expr]
    truths: Mapping[str, sympy.Expr]
    shown: Mapping[str, sympy.Expr]
    wrong: Callable[[str], list[tuple[str, sympy.Expr]]]
    network: object = field(default=None, compare=False)
    order: tuple = ()


@dataclass(frozen=True, kw_only=True, repr=False)
class NetworkCheck(Displayable):
    """A learner's ``answer`` for ``name`` (∂J/∂θ for a parameter, or a δ): ``status`` right or
    wrong (or undecided: the points could not tell), ``mistake`` an id of ``NETWORK_MISTAKES``
    or None, ``expected`` the derivation's own answer."""

    target: Target
    name: str
    answer: str
    given: sympy.Expr
    status: str
    mistake: str | None = None
    typed_order: tuple = ()

    @property
    def correct(self) -> bool:
        return self.status == "right"

    @property
    def expected(self) -> sympy.Expr:
        return self.target.shown[self.name]

    @property
    def order(self) -> tuple:
        return (*self.typed_order, *self.target.order)

    def document(self):
        from chainrule.views.check_network import network_check_view

        return network_check_view(self)

    def json_data(self) -> dict:
        from chainrule.formats.json_network_check import network_check

        return network_check(self)

    def _summary(self) -> str:
        return f"{self.name}: {self.status}" + (f" ({self.mistake})" if self.mistake else "")


def judge(target: Target, name: str, answer: str) -> NetworkCheck:
    """Whether ``answer`` is right for ``name`` on ``target``, and which mistake gives it."""
    from chainrule.verifying import Checker
    from chainrule.verifying.agreement import Outcome

    if name not in target.truths:
        asked = ", ".join(target.truths)
        raise ChainruleError(f"{name!r} cannot be checked here; ask for one of {asked}")
    link = _read(answer, target.names)
    unfolded = target.unfold(link.expr)
    truth = target.truths[name]
    checker = Checker()
    outcome = checker.compare(unfolded, truth, truth)
    if outcome is Outcome.AGREE:
        status, mistake = "right", None
    elif not outcome.decided:
        status, mistake = "undecided", None
    else:
        status = "wrong"
        mistake = next(
            (id_ for id_, wrong in target.wrong(name) if checker.agree(unfolded, wrong, truth)),
            None,
        )
    return NetworkCheck(
        target=target,
        name=name,
        answer=answer,
        given=link.expr,
        status=status,
        mistake=mistake,
        typed_order=link.order,
    )


def _read(answer: str, names: Mapping[str, sympy.Symbol]):
    """The last link of the answer, its indexed names (w2[1,3], a1[2]) read as the network's
    symbols; a ParseError's caret points into the answer as typed."""
    from chainrule.checking.links import read_links

    for m in _INDEXED.finditer(answer):
        typed = f"{m.group(1)}[{','.join(g for g in m.groups()[1:] if g)}]"
        if typed not in names:
            raise ParseError(
                f"{typed} is not a name of this network: its layers and neurons are counted "
                "from 1, a weight w2[j,k] goes into neuron j from neuron k",
                m.start(),
                answer,
            )
    plain, where = _unindexed(answer)
    declared = {_plain_name(n): s for n, s in names.items()}
    symbols = [sympy.Symbol(n) for n in declared]
    try:
        links = read_links(plain, symbols)
    except ParseError as error:
        raise ParseError(error.message, where(error.position), answer) from None
    link = links[-1]
    back = {sympy.Symbol(n): s for n, s in declared.items()}
    unknown = sorted(s.name for s in link.expr.free_symbols if s not in back)
    if unknown:
        typed = ", ".join(_typed_name(n) for n in unknown)
        raise VariableError(
            f"the answer uses {typed}, which this network does not have; its names are "
            + ", ".join(names)
        )
    renamed = link.expr.xreplace(back)
    # The typed order is keyed by the expressions as read: key it by the network's symbols too.
    order = tuple((_renamed(key, back), _renamed(parts, back)) for key, parts in link.order)
    return type(link)(link.text, link.start, renamed, order)


def _renamed(item, back: dict):
    """``item`` (an expression, or a frozenset or tuple of them) with ``back`` put in."""
    if isinstance(item, sympy.Basic):
        return item.xreplace(back)
    if isinstance(item, frozenset | tuple):
        return type(item)(_renamed(part, back) for part in item)
    return item


def _plain_name(name: str) -> str:
    """w2[1,3] → w2_1_3: a name the parser reads as one symbol."""
    return _INDEXED.sub(lambda m: "_".join(g for g in m.groups() if g), name)


def _typed_name(plain: str) -> str:
    head, *index = plain.split("_")
    return f"{head}[{','.join(index)}]" if index else head


def _unindexed(text: str) -> tuple[str, Callable[[int], int]]:
    """``text`` with each indexed name written plain, and where a position in it was typed."""
    pieces, marks, at = [], [], 0  # marks: (start in the new text, start in the old, lengths)
    out_len = 0
    for m in _INDEXED.finditer(text):
        pieces.append(text[at : m.start()])
        out_len += m.start() - at
        plain = "_".join(g for g in m.groups() if g)
        marks.append((out_len, m.start(), len(plain), m.end() - m.start()))
        pieces.append(plain)
        out_len += len(plain)
        at = m.end()
    pieces.append(text[at:])

    def where(position: int) -> int:
        shift = 0
        for new, old, new_len, old_len in marks:
            if position < new:
                break
            if position < new + new_len:
                return old + min(position - new, old_len - 1)
            shift = (old + old_len) - (new + new_len)
        return position + shift

    return "".join(pieces), where
