"""The Network page and API for a network of any shape (``shape=2-3-1``), through Starlette's
test client: its numbers by the shape's own names, the derivation of one parameter or all,
training on a built-in set, the API against ``chainrule network --shape … -f json``, and bad
and hostile input said in the library's words, escaped, never a traceback."""

import re

import pytest

pytest.importorskip("starlette")
pytest.importorskip("starlette.testclient")

from starlette.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from chainrule.cli.commands import app  # noqa: E402
from chainrule.network.shape import Shape  # noqa: E402
from chainrule.web import routes_shape  # noqa: E402
from chainrule.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(workers=2, limit=5)) as c:
        yield c


def _labels(page: str) -> list[str]:
    return re.findall(r'<label for="[^"]+">([^<]+)</label><input type="range"', page)


def test_the_course_network_keeps_its_page(client):
    plain, chosen = client.get("/network"), client.get("/network", params={"shape": "1-1-1"})
    for r in (plain, chosen):
        assert r.status_code == 200
        assert "<h1>The course's network</h1>" in r.text
        assert _labels(r.text) == ["x", "y", "w1", "b1", "w2", "b2"]
        assert 'id="shape" name="shape" value="1-1-1"' in r.text

    def result(page: str) -> str:
        return page[page.index('<section id="result"') :]

    assert result(plain.text) == result(chosen.text)


def test_a_shape_has_a_slider_for_every_number_by_its_own_name(client):
    r = client.get("/network", params={"shape": "2-2-1"})
    assert r.status_code == 200 and "<h1>The 2-2-1 network</h1>" in r.text
    assert _labels(r.text) == ["x1", "x2", "y", *Shape.parse("2-2-1").param_names]
    assert 'name="w1[1,2]" value="0.52"' in r.text  # the defaults: seed-0 weights, rounded
    assert "Every gradient beside a central finite difference" in r.text
    assert "Backpropagation" in r.text or "backpropagation" in r.text


def test_moving_a_weight_of_a_shape_changes_its_numbers(client):
    base = {"shape": "2-2-1", "param": "w1[1,2]"}
    a = client.get("/network/numbers", params={**base, "w1[1,2]": "0.5"})
    b = client.get("/network/numbers", params={**base, "w1[1,2]": "2.5"})
    assert a.status_code == b.status_code == 200
    numbers_a, derivation_a = a.text.split("\n<!-- derivation -->\n")
    numbers_b, derivation_b = b.text.split("\n<!-- derivation -->\n")
    assert numbers_a != numbers_b and derivation_a == derivation_b
    assert "w1[1,2]" in derivation_a and "path" in derivation_a


def test_a_big_shape_draws_a_bounded_number_of_sliders_and_says_so(client):
    r = client.get("/network", params={"shape": "2-16-16-1", "b3[1]": "0.25"})
    assert r.status_code == 200
    assert len(_labels(r.text)) == routes_shape.MAX_SLIDERS
    assert "has 340 numbers: sliders for the first 40" in r.text
    assert '<input type="hidden" name="b3[1]" value="0.25">' in r.text  # the link keeps it


def test_a_shape_trains_on_xor_with_the_chart_and_the_accuracy(client):
    query = {"shape": "2-2-1", "activation": "tanh,sigmoid", "train": "1", "data": "xor"}
    r = client.get("/network", params={**query, "steps": "100", "lr": "2"})
    assert r.status_code == 200
    assert "Gradient descent on the 2-2-1 network" in r.text
    assert "4 rows of xor" in r.text and "accuracy" in r.text
    assert "<svg" in r.text  # the chart of J


def test_training_from_the_sliders_says_they_gave_the_start(client):
    names = Shape.parse("2-2-1").param_names
    query = {"shape": "2-2-1", "train": "1", "steps": "5", "start": "point"}
    r = client.get("/network", params={**query, **dict.fromkeys(names, "0.1")})
    assert "every weight and bias starts at the value given" in r.text
    assert "uniform" not in r.text.split("Gradient descent on")[1]


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ({"shape": "2-x"}, "expected widths joined by"),
        ({"shape": "2-99-1"}, "each layer needs 1 to 32"),
        ({"shape": ""}, None),  # the course's network
        ({"shape": "2-2-1", "activation": "softmax"}, "softmax on layer 1"),
        ({"shape": "2-2-1", "activation": "relu,relu,relu"}, "3 activations for 2 layers"),
        ({"shape": "2-2-1", "activation": "cosh"}, "unknown activation"),
        ({"shape": "2-2-1", "cost": "hinge"}, "unknown cost"),
        ({"shape": "2-2-1", "param": "w9[1,1]"}, "layer 9 does not exist"),
        ({"shape": "2-2-1", "param": "w1[3,1]"}, "out of range"),
        ({"shape": "2-2-1", "param": "delta2"}, "is not one parameter"),
        ({"shape": "2-2-1", "x1": "2**99"}, "x1 needs a number"),
        ({"shape": "2-2-1", "w1[1,1]": "nan"}, "needs a number"),
        ({"shape": "2-2-1", "lr": "-1"}, "learning rate"),
        ({"shape": "2-2-1", "train": "1", "data": "iris"}, "data: one of xor, moons"),
        ({"shape": "2-2-1", "train": "1", "steps": "99999"}, "steps: 1 to 2000"),
        ({"shape": "2-2-1", "train": "1", "steps": "-3"}, "whole numbers"),
    ],
)
def test_bad_shapes_and_names_are_said_in_one_line(client, query, said):
    for path in ("/network", "/network/numbers"):
        r = client.get(path, params=query)
        if said is None:
            assert r.status_code == 200
            continue
        assert r.status_code == 400, (path, query)
        assert "Traceback" not in r.text
        assert said in r.text.replace("&#x27;", "'"), (path, r.text[-600:])


SCRIPT = '<script>alert("x")</script>'


@pytest.mark.parametrize(
    "query",
    [
        {"shape": SCRIPT},
        {"shape": "2-2-1", "activation": SCRIPT},
        {"shape": "2-2-1", "param": SCRIPT},
        {"shape": "2-2-1", "x1": SCRIPT},
        {"shape": "2-2-1", "w1[1,1]": SCRIPT},
        {"shape": "2-16-16-1", "b3[1]": SCRIPT},
        {"shape": "2-2-1", "data": SCRIPT, "train": "1"},
        {"shape": "2-2-1", "start": SCRIPT, "train": "1"},
        {"shape": "2-2-1", SCRIPT: "1"},
    ],
)
def test_every_echo_of_a_shape_field_is_escaped(client, query):
    for path in ("/network", "/network/numbers"):
        r = client.get(path, params=query)
        assert "<script>alert" not in r.text, (path, query)
        assert r.headers["content-security-policy"].startswith("default-src 'none'")
    api = client.get("/api/network", params=query)  # JSON, which no browser runs as a page
    assert api.headers["content-type"] == "application/json"
    assert api.headers["x-content-type-options"] == "nosniff"


def test_a_shape_past_the_field_limit_is_refused(client):
    r = client.get("/network", params={"shape": "1-" * 2500 + "1"})
    assert r.status_code in (400, 413, 414)
    assert "Traceback" not in r.text


def test_no_shape_page_has_inline_style_or_handlers(client):
    for query in ({"shape": "2-3-1"}, {"shape": "2-2-1", "train": "1", "data": "moons"}):
        text = client.get("/network", params=query).text
        assert " style=" not in text and "<style" not in text
        assert not re.search(r"\son[a-z]+=", text)


# -- the API against the command ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "argv"),
    [
        ({"shape": "2-2-1", "x1": "0.3"}, ["--shape", "2-2-1", "--at", "x1=0.3"]),
        (
            {"shape": "2-3-1", "activation": "tanh,sigmoid", "w2[1,3]": "0.2", "y": "0"},
            ["--shape", "2-3-1", "--activation", "tanh,sigmoid", "--at", "w2[1,3]=0.2,y=0"],
        ),
        (
            {"shape": "2-2-1", "train": "1", "data": "xor", "steps": "30", "lr": "2"},
            ["--shape", "2-2-1", "--train", "--data", "xor", "--steps", "30", "--lr", "2"],
        ),
        (
            {
                "shape": "2-2-2",
                "activation": "sigmoid,softmax",
                "cost": "cross-entropy",
                "train": "1",
                "data": "moons",
                "steps": "10",
                "seed": "3",
            },
            [
                "--shape",
                "2-2-2",
                "--activation",
                "sigmoid,softmax",
                "--cost",
                "cross-entropy",
                "--train",
                "--data",
                "moons",
                "--steps",
                "10",
                "--seed",
                "3",
            ],
        ),
    ],
)
def test_api_network_of_a_shape_is_what_the_command_prints(client, query, argv):
    printed = CliRunner().invoke(app, ["network", *argv, "-f", "json"])
    assert printed.exit_code == 0, printed.output
    got = client.get("/api/network", params=query)
    assert got.status_code == 200 and got.text == printed.stdout
    posted = client.post("/api/network", json=query)
    assert posted.text == printed.stdout


def test_api_network_of_a_chain_is_the_course_network_as_the_command_has_it(client):
    printed = CliRunner().invoke(
        app,
        ["network", "--shape", "1-1-1-1", "--at", "x=0.5,y=1,w1=0.5,b1=0,w2=0.5,b2=0,w3=0.2,b3=0"]
        + ["-f", "json"],
    )
    assert client.get("/api/network", params={"shape": "1-1-1-1", "w3": "0.2"}).text == (
        printed.stdout
    )


def test_api_network_errors_of_a_shape_are_json(client):
    bad = client.get("/api/network", params={"shape": "2-x"})
    assert bad.status_code == 400
    assert "expected widths" in bad.json()["error"]["message"]
    param = client.get("/api/network", params={"shape": "2-2-1", "param": "w1[1,1]"})
    assert param.status_code == 400 and "go separately" in param.json()["error"]["message"]


def test_the_course_activations_are_the_models():
    from chainrule.network.model import ACTIVATIONS

    assert routes_shape.COURSE == ACTIVATIONS


# -- network --check NAME ANSWER --------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "status", "said"),
    [
        ({"check": "w2", "answer": "delta2*a1"}, 200, "Right"),
        ({"shape": "2-2-1", "check": "w1[1,2]", "answer": "delta1[1]*x2"}, 200, "Right"),
        ({"shape": "2-2-1", "check": "w1[1,2]", "answer": "delta1[1]*x1"}, 200, "Wrong"),
        ({"shape": "2-2-1", "check": "w1[1,2]", "answer": "delta1[1]*"}, 400, "expected a"),
        ({"check": "w9", "answer": "x"}, 400, "cannot be checked here"),
        ({"answer": "x"}, 400, "Name the gradient or δ"),
        ({"check": "w2", "answer": "__import__('os')"}, 400, None),
    ],
)
def test_a_gradient_worked_out_by_hand_is_checked_in_the_page(client, query, status, said):
    r = client.get("/network", params=query)
    assert r.status_code == status
    verdict = r.text.split('id="check-result"')[1].split("</section>")[0]
    assert "Traceback" not in verdict
    if said:
        assert said in verdict.replace("&#x27;", "'")


@pytest.mark.parametrize(
    ("query", "argv"),
    [
        ({"check": "w2", "answer": "delta2*a1"}, ["--check", "w2", "delta2*a1"]),
        (
            {"shape": "2-2-1", "check": "w1[1,2]", "answer": "delta1[1]*x1"},
            ["--shape", "2-2-1", "--check", "w1[1,2]", "delta1[1]*x1"],
        ),
    ],
)
def test_api_network_check_is_what_the_command_prints(client, query, argv):
    printed = CliRunner().invoke(app, ["network", *argv, "-f", "json"])
    got = client.get("/api/network", params=query)
    assert got.status_code == 200 and got.text == printed.stdout


def test_a_big_shape_is_bounded_by_the_worker_time_limit():
    query = {"shape": "2-16-16-1", "train": "1", "data": "moons", "steps": "2000"}
    with TestClient(create_app(workers=2, limit=0.1)) as c:
        r = c.get("/network", params=query)
        assert r.status_code == 503 and "Gave up after 0.1 s" in r.text
        assert c.get("/api/network", params=query).status_code == 503
        assert c.get("/api/explain", params={"f": "sin(x)"}).status_code == 200
