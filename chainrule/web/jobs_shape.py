"""A network of any shape in the page (``--shape 2-3-1``): every number at the point the
sliders give, each gradient beside its finite difference and one update, under one
parameter's paths or the backpropagation derivation; or a training run on the point or a
built-in set, with the chart of J and the accuracy. What ``chainrule network --shape S --at``
and ``--train`` compute."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from chainrule.errors import ChainruleError
from chainrule.formats import render
from chainrule.network.compiled import compile_shape
from chainrule.network.layered import Layered
from chainrule.network.layered_data import load_data
from chainrule.network.layered_numbers import canonical_name, default_point, evaluate_shape
from chainrule.network.layered_training import train_shape
from chainrule.network.numbers import check_learning_rate
from chainrule.network.shape import Shape
from chainrule.web.jobs_network import MAX_STEPS, _number

#: The built-in sets the page trains on (``layered_data``'s names).
DATA = ("xor", "moons")


def layered(
    *,
    shape: str,
    activation: str = "sigmoid",
    cost: str = "squared",
    values: dict[str, str],
    param: str = "all",
    lr: str = "0.5",
    train: bool = False,
    data: str = "",
    start: str = "random",
    steps: int = 200,
    seed: int = 0,
    format: str = "html",
) -> dict[str, Any]:
    """The numbers of the shape at ``values`` (name → the number typed; the rest from the
    defaults), or its training run; as HTML with the point every slider starts at, or JSON."""
    from chainrule.web.jobs import said

    point: dict[str, str] = {}
    try:
        net = Shape.parse(shape, activation, cost)
        typed = {canonical_name(name, net): text.strip() for name, text in values.items()}
        point = {n: f"{v:g}" for n, v in default_point(net).items()} | typed
        given = {name: _number(name, text) for name, text in typed.items() if text}
        rate = _number("η", lr)
        check_learning_rate(rate)
        if train:
            return _trained(net, given, rate, data, start, steps, seed, format) | {"point": point}
        if format == "json":
            if param != "all":
                raise ChainruleError(
                    "param and the point go separately with a shape: the numbers hold every "
                    "parameter"
                )
            return {"text": render(_numbers(net, given, rate), "json")}
        return _shown(net, given, rate, param) | {"point": point}
    except ChainruleError as error:
        return {"error": said(error), "point": point}


def _trained(net, given, rate, data, start, steps, seed, format) -> dict[str, str]:
    from chainrule.web.jobs import fragment

    if not 1 <= steps <= MAX_STEPS:
        raise ChainruleError(f"steps: 1 to {MAX_STEPS} on this page")
    if data and data not in DATA:
        raise ChainruleError(f"data: one of {', '.join(DATA)}, or the point")
    rows = load_data(data, net) if data else None
    sample = set(net.input_names) | set(net.label_names)
    # A built-in set gives the inputs and labels; "random" leaves the weights to the seed.
    given = {
        name: value
        for name, value in given.items()
        if (name in sample and rows is None) or (name not in sample and start == "point")
    }
    run = train_shape(net, rows, rate, steps, seed, given)
    if format == "json":
        return {"text": render(run, "json")}
    return {"html": fragment(run)}


def _numbers(net: Shape, given: dict[str, float], rate: float):
    return evaluate_shape(net, given, rate, compiled=_compiled(net))


def _shown(net: Shape, given: dict[str, float], rate: float, param: str) -> dict[str, str]:
    """The numbers (what a slider changes) and the derivation (what it does not) apart."""
    from chainrule.web.jobs import fragment

    derivation = _derived(net, param.strip())
    numbers = _numbers(net, given, rate)
    return {"html": fragment(numbers), "derivation": derivation}


@lru_cache(maxsize=16)
def _compiled(net: Shape):
    """The shape's compiled gradient: the same for every point, so a slider's move costs only
    the numbers."""
    return compile_shape(net)


@lru_cache(maxsize=16)
def _derived(net: Shape, param: str) -> str:
    """One parameter's paths, or backpropagation for ``all``, laid out once per worker."""
    from chainrule.web.jobs import fragment

    model = Layered(net)
    if param == "all":
        from chainrule.network.layered_backprop import layered_backprop

        return fragment(layered_backprop(model))
    from chainrule.network.paths import param_paths

    return fragment(param_paths(model, param))


def check(
    *,
    of: str,
    answer: str,
    shape: str = "1-1-1",
    activation: str = "sigmoid",
    cost: str = "squared",
    layers: int | None = None,
    format: str = "html",
) -> dict[str, Any]:
    """``chainrule network --check NAME ANSWER`` with NAME ``of``: the learner's gradient or δ
    judged on the course's network (``layers`` inner nodes) or, with ``layers`` None, on
    ``shape``."""
    from chainrule.checking.network import judge
    from chainrule.web.jobs import fragment, said

    try:
        if layers is None:
            from chainrule.checking.network_layered import layered_target

            target = layered_target(Shape.parse(shape, activation, cost), of)
        else:
            from chainrule.checking.network_course import course_target
            from chainrule.network import Network

            target = course_target(Network(layers=layers, cost=cost, activation=activation))
        result = judge(target, of, answer)
        if format == "json":
            return {"text": render(result, "json"), "status": result.status}
        return {"html": fragment(result), "status": result.status}
    except ChainruleError as error:
        return {"error": said(error)}
