"""The route of the course's network: a slider and a box for every number, the numbers at
the point (fetched again by the page's script as a slider moves), and training with the chart
of J."""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from chainrule.web import pages
from chainrule.web.routes import Refused, compute, show

#: Between the numbers and the derivation in what the script fetches.
DERIVATION = "\n<!-- derivation -->\n"
NAMES = ("x", "y", "w1", "b1", "w2", "b2")
START = {"x": "0.5", "y": "1", "w1": "0.5", "b1": "0", "w2": "0.5", "b2": "0"}
#: Each slider's range: y is a label (0 to 1 for cross-entropy), the rest any number.
RANGE = {"x": (-3, 3), "y": (0, 1), "w1": (-5, 5), "b1": (-5, 5), "w2": (-5, 5), "b2": (-5, 5)}


def network_arguments(data: dict[str, str]) -> dict:
    values = {n: data.get(n, START[n]) for n in NAMES}
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
        "activation": data.get("activation", "sigmoid"),
        "lr": data.get("lr", "0.5"),
        "train": train,
        "steps": int(steps),
        "seed": int(seed),
    }


async def _network_result(request: Request, data: dict[str, str]) -> tuple[str, str, int]:
    """The numbers (or the training run), the derivation, and the status."""
    try:
        out = await compute(request, "network", **network_arguments(data))
    except Refused as refused:
        return pages.busy(refused.why), "", refused.status
    if "error" in out:
        return pages.problem(out["error"]), "", 400
    return out["html"], out.get("derivation", ""), 200


async def network_numbers(request: Request) -> Response:
    """The result alone, for the page's script to put in place as a slider moves."""
    data = dict(request.query_params)
    result, derivation, status = await _network_result(request, data)
    if derivation:
        # The derivation changes with the parameter, cost and activation: sent apart, after a
        # marker the script splits at, so the numbers go under the sliders.
        result += DERIVATION + derivation
    return HTMLResponse(result, status)


def _select(name: str, label: str, chosen: str, options: tuple) -> str:
    """A labelled menu of ``options``: values, or (value, what it says) pairs."""
    pairs = [o if isinstance(o, tuple) else (o, o) for o in options]
    items = "".join(
        f'<option value="{v}"{" selected" if v == chosen else ""}>{escape(said)}</option>'
        for v, said in pairs
    )
    return (
        f'<div class="field"><label for="{name}">{label}</label>'
        f'<select id="{name}" name="{name}">{items}</select></div>'
    )


async def network_page(request: Request) -> Response:
    data = dict(request.query_params)
    result, derivation, status = await _network_result(request, data)
    a = {**START, **{k: v for k, v in data.items() if k in NAMES}}
    sliders = "".join(
        f'<div class="number"><label for="{n}">{n}</label>'
        f'<input type="range" id="{n}-slider" data-for="{n}" min="{RANGE[n][0]}" '
        f'max="{RANGE[n][1]}" step="0.01" value="{escape(a[n])}" aria-label="{n}" hidden>'
        f'<input type="text" inputmode="decimal" id="{n}" name="{n}" value="{escape(a[n])}" '
        'size="6"></div>'
        for n in NAMES
    )
    train = data.get("train", "") not in ("", "0")
    form = (
        '<form class="ask network" method="get" action="/network" data-live="/network/numbers">'
        '<div class="row">'
        + _select("param", "Parameter", data.get("param", "all"), ("all", "w1", "b1", "w2", "b2"))
        + _select("cost", "Cost", data.get("cost", "squared"), ("squared", "cross-entropy"))
        + _select(
            "activation", "Activation", data.get("activation", "sigmoid"), ("sigmoid", "tanh")
        )
        + pages.field("lr", "Learning rate η", data.get("lr", "0.5"), size="5")
        + f'</div><fieldset><legend>The point</legend><div class="numbers">{sliders}</div>'
        "</fieldset>"
        '<fieldset><legend>Training</legend><div class="row">'
        f'<div class="check"><input type="checkbox" id="train" name="train" value="1"'
        f'{" checked" if train else ""}><label for="train">Train on (x, y)</label></div>'
        + _select(
            "start",
            "Start from",
            data.get("start", "random"),
            (("random", "random weights (the seed)"), ("point", "the weights above")),
        )
        + pages.field("steps", "Steps", data.get("steps", "200"), size="5", inputmode="numeric")
        + pages.field("seed", "Seed", data.get("seed", "0"), size="5", inputmode="numeric")
        + '</div></fieldset><button type="submit">Compute</button></form>'
    )
    body = (
        "<h1>The course's network</h1>"
        "<p>x → z₁ = w₁x + b₁ → a₁ = σ(z₁) → z₂ = w₂a₁ + b₂ → ŷ = σ(z₂) → J(y, ŷ). "
        "Move a number: the gradient, its finite difference and one update follow.</p>"
        f'{form}<section id="result" aria-live="polite">{result}</section>'
        f'<section id="derivation">{derivation}</section>'
    )
    return show(request, "Network", body, "/network", status)
