"""The course's network in the page: a gradient by the chain rule (or backpropagation) with its
numbers at the point the sliders give, the finite difference and one update; or a training run
with the chart of J. What ``chainrule network --at`` and ``--train`` compute."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from chainrule.document import Document, Heading
from chainrule.errors import ChainruleError
from chainrule.formats import render
from chainrule.network import Network, backprop
from chainrule.network.numbers import NUMBER, check_learning_rate, defaults, evaluate, parse_point
from chainrule.views import document

#: At most this many training steps from a page: a few seconds' work at most.
MAX_STEPS = 2000
#: Inner nodes the page offers (the course's network has one).
MAX_LAYERS = 3


def names(layers: int = 1) -> list[str]:
    """x, y and every weight and bias, in the order the page shows their sliders."""
    return ["x", "y", *Network(layers=layers).param_names]


def network(
    *,
    values: dict[str, str],
    param: str = "all",
    cost: str = "squared",
    activation: str = "sigmoid",
    layers: int = 1,
    lr: str = "0.5",
    train: bool = False,
    steps: int = 200,
    seed: int = 0,
    format: str = "html",
) -> dict[str, Any]:
    """The view at the point ``values`` (name → the number typed), as HTML or as JSON."""
    from chainrule.web.jobs import fragment, said

    try:
        if not 1 <= layers <= MAX_LAYERS:
            raise ChainruleError(f"layers: 1 to {MAX_LAYERS} on this page")
        net = Network(layers=layers, cost=cost, activation=activation)
        rate = _number("η", lr)
        check_learning_rate(rate)
        point = ",".join(f"{name}={_text(name, text)}" for name, text in values.items() if text)
        given = parse_point(point, net)
        if train:
            from chainrule.network.training import train as trained

            if not 1 <= steps <= MAX_STEPS:
                raise ChainruleError(f"steps: 1 to {MAX_STEPS} on this page")
            run = trained(net, None, given=given, steps=steps, lr=rate, seed=seed)
            if format == "json":
                return {"text": render(run, "json")}
            return {"html": fragment(run)}
        result = _derived(net, param)
        numbers = evaluate(result, given, lr=rate)
        if format == "json":
            return {"text": render(result, "json", at=numbers)}
        return _numbers_first(document(result, param=param, at=numbers))
    except ChainruleError as error:
        return {"error": said(error)}


@lru_cache(maxsize=32)
def _derived(net: Network, param: str):
    """The gradients by the chain rule: the same for every point, so a worker keeps them and
    a slider's move costs only the numbers."""
    wanted = None if param == "all" else [net.param(param).name]
    return backprop(net, wanted)


def _numbers_first(doc: Document) -> dict[str, str]:
    """The numbers at the point (what a slider changes) apart from the derivation above them
    (which no slider changes), so the page can show them under the sliders."""
    from chainrule.web.jobs import fragment

    at = next(
        (
            i
            for i, block in enumerate(doc.blocks)
            if isinstance(block, Heading) and block.parts == ("At a point",)
        ),
        len(doc.blocks),
    )
    numbers = replace(doc, blocks=doc.blocks[at:])
    derivation = replace(doc, blocks=doc.blocks[:at])
    return {"html": fragment(numbers), "derivation": fragment(derivation)}


def _text(name: str, text: str) -> str:
    _number(name, text)
    return text.strip()


def _number(name: str, text: str) -> float:
    """A plain decimal, as ``--at`` reads one: never an expression."""
    if not NUMBER.fullmatch(text.strip()):
        raise ChainruleError(f"{name} needs a number like 0.5 or -2e-3, got {text.strip()!r}")
    return float(text)


def start(layers: int = 1) -> dict[str, float]:
    """The point the page starts at: ``--at``'s defaults."""
    net = Network(layers=layers)
    return {"x": 0.5, "y": 1.0, **defaults(net)}
