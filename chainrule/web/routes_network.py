"""The route of the Network page: the course's network (and its deeper chains), a slider and a
box for every number, the numbers at the point (fetched again by the page's script as a slider
moves), and training with the chart of J; a network of any other shape has its form in
``routes_shape``."""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from chainrule.network.shape import ShapeError
from chainrule.web import pages, routes_shape
from chainrule.web.routes import Refused, compute, show

#: Between the numbers and the derivation in what the script fetches.
DERIVATION = "\n<!-- derivation -->\n"
NAMES = ("x", "y", "w1", "b1", "w2", "b2")
#: Where each number starts: --at's defaults (x = 0.5, y = 1, every weight 0.5, biases 0).
START = {"x": "0.5", "y": "1", "w": "0.5", "b": "0"}
#: Each slider's range: y is a label (0 to 1 for cross-entropy), the rest any number.
RANGE = {"x": (-3, 3), "y": (0, 1), "w": (-5, 5), "b": (-5, 5)}


def course_names(layers: int = 1) -> tuple[str, ...]:
    """x, y and every weight and bias of the chain, in ``Network.param_names`` order."""
    return ("x", "y", *(f"{p}{k}" for k in range(1, layers + 2) for p in "wb"))


def network_arguments(data: dict[str, str], layers: int = 1) -> dict:
    names = course_names(layers)
    values = {n: data.get(n, START[n[0]]) for n in names}
    train = data.get("train", "") not in ("", "0")
    if train and data.get("start", "random") == "random":
        # Weights drawn from the seed, as --train starts: the sliders give the sample alone.
        values = {n: values[n] for n in ("x", "y")}
    steps = data.get("steps", "200").strip() or "200"
    seed = data.get("seed", "0").strip() or "0"
    if not steps.isdigit() or not seed.isdigit() or len(steps + seed) > 12:
        raise Refused(400, "steps and seed are whole numbers.")
    return {
        "values": values,
        "param": data.get("param", "all"),
        "cost": data.get("cost", "squared"),
        "activation": data.get("activation", "sigmoid").strip().lower(),
        "layers": layers,
        "lr": data.get("lr", "0.5"),
        "train": train,
        "steps": int(steps),
        "seed": int(seed),
    }


async def _network_result(
    request: Request, data: dict[str, str], layers: int = 1
) -> tuple[str, str, int]:
    """The numbers (or the training run), the derivation, and the status."""
    try:
        out = await compute(request, "network", **network_arguments(data, layers))
    except Refused as refused:
        return pages.busy(refused.why), "", refused.status
    if "error" in out:
        return pages.problem(out["error"]), "", 400
    return out["html"], out.get("derivation", ""), 200


async def network_numbers(request: Request) -> Response:
    """The result alone, for the page's script to put in place as a slider moves."""
    data = dict(request.query_params)
    try:
        shape = routes_shape.chosen(data)
    except ShapeError as error:
        return HTMLResponse(pages.problem({"message": str(error)}), 400)
    if routes_shape.is_course(shape):
        result, derivation, status = await _network_result(request, data, shape.layers - 1)
    else:
        result, derivation, _, status = await routes_shape.shape_result(request, data)
    if derivation:
        # The derivation changes with the parameter, cost and activation: sent apart, after a
        # marker the script splits at, so the numbers go under the sliders.
        result += DERIVATION + derivation
    return HTMLResponse(result, status)


async def network_page(request: Request) -> Response:
    data = dict(request.query_params)
    try:
        shape = routes_shape.chosen(data)
    except ShapeError as error:
        # The shape box itself is wrong: the form again, with the library's words under it.
        form = routes_shape.shape_form(None, data, {}, wrong=str(error))
        body = f"<h1>A network of any shape</h1>{form}" + _result("", "")
        return show(request, "Network", body, "/network", 400)
    if routes_shape.is_course(shape):
        return await _course_page(request, shape, data)
    result, derivation, point, status = await routes_shape.shape_result(request, data)
    verdict, judged = await routes_shape.check_result(request, data, shape)
    body = (
        f"<h1>The {escape(shape.text)} network</h1>"
        "<p>Every input, label, weight and bias by its own name. Move a number: every "
        "gradient, its finite difference and one update follow.</p>"
        + routes_shape.shape_form(shape, data, point)
        + _verdict(verdict)
        + _result(result, derivation)
    )
    return show(request, "Network", body, "/network", max(status, judged))


def _verdict(verdict: str) -> str:
    """The check of a learner's own gradient, above the numbers, when one was asked for."""
    return f'<section id="check-result" aria-live="polite">{verdict}</section>' if verdict else ""


def _result(result: str, derivation: str) -> str:
    return (
        f'<section id="result" aria-live="polite">{result}</section>'
        f'<section id="derivation">{derivation}</section>'
    )


async def _course_page(request: Request, shape, data: dict[str, str]) -> Response:
    layers = shape.layers - 1
    result, derivation, status = await _network_result(request, data, layers)
    verdict, judged = await routes_shape.check_result(request, data, shape)
    names = course_names(layers)
    a = {n: data.get(n, START[n[0]]) for n in names}
    sliders = "".join(
        f'<div class="number"><label for="{n}">{n}</label>'
        f'<input type="range" id="{n}-slider" data-for="{n}" min="{RANGE[n[0]][0]}" '
        f'max="{RANGE[n[0]][1]}" step="0.01" value="{escape(a[n])}" aria-label="{n}" hidden>'
        f'<input type="text" inputmode="decimal" id="{n}" name="{n}" value="{escape(a[n])}" '
        'size="6"></div>'
        for n in names
    )
    train = data.get("train", "") not in ("", "0")
    params = ("all", *names[2:])
    form = (
        '<form class="ask network" method="get" action="/network" data-live="/network/numbers">'
        '<div class="row">'
        + pages.field("shape", "Shape", data.get("shape", "1-1-1"), size="10")
        + routes_shape.select("param", "Parameter", data.get("param", "all"), params)
        + routes_shape.select(
            "cost", "Cost", data.get("cost", "squared"), ("squared", "cross-entropy")
        )
        + routes_shape.select(
            "activation",
            "Activation",
            data.get("activation", "sigmoid").strip().lower(),
            ("sigmoid", "tanh"),
        )
        + pages.field("lr", "Learning rate η", data.get("lr", "0.5"), size="5")
        + f'</div><fieldset><legend>The point</legend><div class="numbers">{sliders}</div>'
        "</fieldset>"
        + routes_shape.training_fields(data, train, "Train on (x, y)")
        + routes_shape.check_box(data)
        + '<button type="submit">Compute</button></form>'
    )
    if layers == 1:
        title = (
            "<h1>The course's network</h1>"
            "<p>x → z₁ = w₁x + b₁ → a₁ = σ(z₁) → z₂ = w₂a₁ + b₂ → ŷ = σ(z₂) → J(y, ŷ). "
        )
    else:
        title = (
            f"<h1>The course's chain, {layers} inner nodes</h1><p>One neuron per layer, "
            "x → a₁ → … → ŷ → J(y, ŷ). "
        )
    body = (
        title + "Move a number: the gradient, its finite difference and one update follow.</p>"
        f"{form}" + _verdict(verdict) + _result(result, derivation)
    )
    return show(request, "Network", body, "/network", max(status, judged))
