"""The Network page for a network of any shape (``shape=2-3-1``): the shape, an activation per
layer, the cost and the parameter; a slider and a box for every input, label, weight and bias
by the shape's own names (x1, y1, w2[1,3], b1[2]), as many as a page can hold; and training
on the point or a built-in set. The course's network (1-1-1) keeps its own page."""

from __future__ import annotations

from html import escape

from starlette.requests import Request

from chainrule.network.shape import COSTS, Shape, ShapeError
from chainrule.web import pages
from chainrule.web.routes import Refused, compute

#: The activations the course's own network takes (``network.model.ACTIVATIONS``; this module
#: loads no SymPy, a test checks they agree): a chain 1-1-…-1 of one of them is the course's.
COURSE = ("sigmoid", "tanh")
#: At most this many sliders on a page; the other numbers come from the address or the defaults.
MAX_SLIDERS = 40
#: Each slider's range, by what the number is.
RANGE = {"x": (-3, 3), "y": (0, 1), "w": (-5, 5), "b": (-5, 5)}
#: The built-in sets to train on, and what the menu says of each.
DATA = (("", "the point above"), ("xor", "XOR (4 rows)"), ("moons", "two moons"))


def chosen(data: dict[str, str]) -> Shape:
    """The shape the address asks for (1-1-1, the course's, if none). A bad shape, activation
    or cost raises the library's ShapeError."""
    text, activation = data.get("shape", "").strip(), data.get("activation", "sigmoid")
    if not text and activation.strip().lower() in COURSE:
        # No shape at all: the course's network, whose own checks (and words) judge the cost.
        return Shape.parse("1-1-1", activation)
    return Shape.parse(text or "1-1-1", activation, data.get("cost", "squared"))


def is_course(shape: Shape) -> bool:
    """A chain 1-1-…-1 with one course activation for every layer is the course's network,
    as ``--shape`` chooses: it keeps the course's page and views."""
    return shape.is_chain and len(set(shape.activations)) == 1 and shape.activations[0] in COURSE


def numbers(shape: Shape) -> tuple[str, ...]:
    """Every number a learner may set: the inputs, the labels, then the parameters in order."""
    return (*shape.input_names, *shape.label_names, *shape.param_names)


def shape_arguments(data: dict[str, str], shape: Shape) -> dict:
    """The job's arguments: only this shape's own names are read from the address."""
    steps = data.get("steps", "200").strip() or "200"
    seed = data.get("seed", "0").strip() or "0"
    if not steps.isdigit() or not seed.isdigit() or len(steps + seed) > 12:
        raise Refused(400, "steps and seed are whole numbers.")
    return {
        "shape": shape.text,
        "activation": ",".join(shape.activations),
        "cost": shape.cost,
        "values": {n: data[n] for n in numbers(shape) if n in data},
        "param": data.get("param", "all"),
        "lr": data.get("lr", "0.5"),
        "train": data.get("train", "") not in ("", "0"),
        "data": data.get("data", ""),
        "start": data.get("start", "random"),
        "steps": int(steps),
        "seed": int(seed),
    }


async def shape_result(request: Request, data: dict[str, str]) -> tuple[str, str, dict, int]:
    """The numbers (or the training run), the derivation, the point the sliders start at, and
    the status."""
    try:
        out = await compute(request, "shape", **shape_arguments(data, chosen(data)))
    except ShapeError as error:
        return pages.problem({"message": str(error)}), "", {}, 400
    except Refused as refused:
        return pages.busy(refused.why), "", {}, refused.status
    if "error" in out:
        return pages.problem(out["error"]), "", out.get("point", {}), 400
    return out["html"], out.get("derivation", ""), out.get("point", {}), 200


def _kind(shape: Shape, name: str) -> str:
    if name in shape.input_names:
        return "x"
    if name in shape.label_names:
        return "y"
    return name[0]


def sliders(shape: Shape | None, data: dict[str, str], point: dict[str, str]) -> str:
    """A slider and a box for each of the first ``MAX_SLIDERS`` numbers; the rest the address
    gives ride along unseen, so a link keeps them, and the page says so."""
    if shape is None:  # the shape box itself was wrong: nothing to slide
        return "<p>Give a shape such as 2-3-1 to get its numbers.</p>"
    names = numbers(shape)
    drawn, rest = names[:MAX_SLIDERS], names[MAX_SLIDERS:]
    out = []
    for i, n in enumerate(drawn):
        low, high = RANGE[_kind(shape, n)]
        value = escape(point.get(n, data.get(n, "")))
        out.append(
            f'<div class="number"><label for="n{i}">{n}</label>'
            f'<input type="range" id="n{i}-slider" data-for="n{i}" min="{low}" max="{high}" '
            f'step="0.01" value="{value}" aria-label="{n}" hidden>'
            f'<input type="text" inputmode="decimal" id="n{i}" name="{n}" value="{value}" '
            'size="6"></div>'
        )
    kept = "".join(
        f'<input type="hidden" name="{n}" value="{escape(data[n])}">' for n in rest if n in data
    )
    said = ""
    if rest:
        said = (
            f'<p class="note">The {shape.text} network has {len(names)} numbers: sliders for '
            f"the first {MAX_SLIDERS}. The other {len(rest)} take the defaults (each input 0.5, "
            "the label 1, biases 0, weights uniform in [−1, 1] from seed 0, rounded to two "
            f"decimals) unless the address gives them, e.g. &amp;{escape(rest[-1])}=0.2.</p>"
        )
    return f'<div class="numbers named">{"".join(out)}</div>{kept}{said}'


def shape_form(
    shape: Shape | None, data: dict[str, str], point: dict[str, str], wrong: str = ""
) -> str:
    """The form of a shape's page; ``wrong`` is what is wrong with the shape (said under its
    box)."""
    names = numbers(shape) if shape is not None else ()
    params = [n for n in names if n[0] in "wb"][: MAX_SLIDERS * 4]
    options = "".join(f'<option value="{escape(n)}">' for n in ("all", *params))
    train = data.get("train", "") not in ("", "0")
    return (
        '<form class="ask network" method="get" action="/network" data-live="/network/numbers">'
        '<div class="row top">'
        + pages.field(
            "shape",
            "Shape",
            data.get("shape", "1-1-1"),
            size="10",
            error={"message": wrong} if wrong else None,
        )
        + pages.field(
            "activation",
            "Activations",
            data.get("activation", "sigmoid"),
            size="16",
            help="One for every layer, or one per layer after the input: tanh,sigmoid.",
        )
        + select("cost", "Cost", data.get("cost", "squared"), COSTS)
        + pages.field(
            "param",
            "Parameter",
            data.get("param", "all"),
            size="10",
            list="params",
            help="A weight w2[1,3], a bias b1[2], or all.",
        )
        + f'<datalist id="params">{options}</datalist>'
        + pages.field("lr", "Learning rate η", data.get("lr", "0.5"), size="5")
        + "</div><fieldset><legend>The point</legend>"
        + sliders(shape, data, point)
        + "</fieldset>"
        + training_fields(data, train, "Train", select("data", "On", data.get("data", ""), DATA))
        + check_box(data)
        + '<button type="submit">Compute</button></form>'
    )


# -- --check NAME ANSWER -----------------------------------------------------------------------


def check_arguments(data: dict[str, str], shape: Shape) -> dict:
    """``network --check NAME ANSWER`` on the page's network: the course's, or the shape."""
    course = is_course(shape)
    return {
        "of": data.get("check", "").strip(),
        "answer": data.get("answer", ""),
        "shape": shape.text,
        "activation": data.get("activation", "sigmoid").strip().lower()
        if course
        else ",".join(shape.activations),
        "cost": data.get("cost", "squared"),
        "layers": shape.layers - 1 if course else None,
    }


async def check_result(request: Request, data: dict[str, str], shape: Shape) -> tuple[str, int]:
    """The verdict on the learner's gradient or δ, or nothing when no answer was given."""
    if not data.get("answer", "").strip():
        return "", 200
    if not data.get("check", "").strip():
        return pages.problem({"message": "Name the gradient or δ you worked out."}), 400
    try:
        out = await compute(request, "network_check", **check_arguments(data, shape))
    except Refused as refused:
        return pages.busy(refused.why), refused.status
    if "error" in out:
        return pages.problem(out["error"]), 400
    return out["html"], 200


def select(name: str, label: str, chosen: str, options: tuple) -> str:
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


def training_fields(data: dict[str, str], train: bool, label: str, extra: str = "") -> str:
    """The training fieldset both network pages have: train or not, where to start, the
    steps and the seed (``extra``: the shape's choice of data)."""
    return (
        '<fieldset><legend>Training</legend><div class="row">'
        f'<div class="check"><input type="checkbox" id="train" name="train" value="1"'
        f'{" checked" if train else ""}><label for="train">{escape(label)}</label></div>'
        + extra
        + select(
            "start",
            "Start from",
            data.get("start", "random"),
            (("random", "random weights (the seed)"), ("point", "the weights above")),
        )
        + pages.field("steps", "Steps", data.get("steps", "200"), size="5", inputmode="numeric")
        + pages.field("seed", "Seed", data.get("seed", "0"), size="5", inputmode="numeric")
        + "</div></fieldset>"
    )


def check_box(data: dict[str, str]) -> str:
    """Check a gradient or δ worked out by hand, as ``network --check NAME ANSWER``."""
    return (
        '<fieldset><legend>Check your own</legend><div class="row top">'
        + pages.field(
            "check",
            "Gradient or δ",
            data.get("check", ""),
            size="10",
            help="w2, w1[1,2], b1[2], delta2, delta1[2]",
        )
        + pages.field(
            "answer",
            "Your answer",
            data.get("answer", ""),
            size="28",
            help="in the network's names: x, y, w, b, z, a, yhat, delta: delta2*a1",
        )
        + '</div><button type="submit">Check</button></fieldset>'
    )
