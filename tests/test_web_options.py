"""The page options beyond the first ones: the practice topics (the rules, second derivatives,
tangent lines, implicit differentiation) and explain's order and method, each in the address."""

import re

import pytest

pytest.importorskip("starlette")
pytest.importorskip("starlette.testclient")

from starlette.testclient import TestClient  # noqa: E402

from chainrule.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(workers=2)) as c:
        yield c


def _hidden(text: str) -> dict:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', text))


def test_a_topic_is_in_the_address_and_the_title(client):
    r = client.get("/practice", params={"level": 2, "topic": "tangent"}, follow_redirects=False)
    assert r.status_code == 303
    assert re.fullmatch(r"/practice\?level=2&seed=\d+&topic=tangent", r.headers["location"])
    page = client.get("/practice", params={"level": 1, "seed": 3, "topic": "implicit"}).text
    assert "Practice · implicit differentiation · level 1, seed 3" in page
    assert '<option value="implicit" selected>' in page


def test_a_tangent_part_is_judged_and_the_set_moves_on(client):
    from chainrule.practising import practice

    (problem,) = practice(1, 3, 1, topic="tangent")
    first = problem.parts[0]
    page = client.get("/practice", params={"level": 1, "seed": 3, "topic": "tangent", "n": 1})
    state = _hidden(page.text)
    assert state["topic"] == "tangent"
    r = client.post(
        "/practice?level=1&seed=3&topic=tangent",
        data={**state, "action": "answer", "answer": str(first.answer)},
    )
    assert r.status_code == 200 and "Right" in r.text
    assert _hidden(r.text)["k"] == "1"


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"level": 4, "seed": 3, "topic": "implicit"}, "levels 1 to 3"),
        ({"level": 1, "seed": 3, "topic": "<script>"}, "topic is one of"),
    ],
)
def test_a_topic_or_level_it_does_not_have_is_refused(client, params, said):
    r = client.get("/practice", params=params)
    assert r.status_code == 400 and said in r.text and "<script>" not in r.text


# -- explain's other options: the order of the derivative and the method ------------------------


def test_explain_takes_the_order_and_the_method_as_the_command_does(client):
    import json
    import subprocess
    import sys

    r = client.get("/explain", params={"f": "sin(x^2)", "order": 2})
    assert r.status_code == 200 and '<option value="2" selected>' in r.text
    api = client.get("/api/explain", params={"f": "sin(x^2)", "order": 2}).text
    cli = subprocess.run(
        [sys.executable, "-m", "chainrule", "explain", "sin(x^2)", "--order", "2", "-f", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(api) == json.loads(cli)
    log = client.get("/explain", params={"f": "x^2 (x+1)^3", "method": "log"})
    assert log.status_code == 200 and "logarithmic differentiation" in log.text
    assert client.get("/explain", params={"f": "sin(x)", "method": "log"}).status_code == 400
    assert client.get("/explain", params={"f": "sin(x)", "order": "9"}).status_code == 400
    assert client.get("/explain", params={"f": "sin(x)", "method": "<b>"}).status_code == 400


def test_check_takes_the_order_and_a_point(client):
    second = client.get(
        "/check", params={"f": "sin(x^2)", "working": "-2x sin(x^2) 2x", "order": 2}
    )
    assert second.status_code == 200 and "product_rule_term_missing" in second.text
    slope = client.get("/check", params={"f": "log(2+cos(x))", "working": "2/5", "at": "x=pi/3"})
    assert slope.status_code == 200 and "forgot_inner_derivative" in slope.text
    line = client.get("/check", params={"f": "x^2", "working": "y = 2x - 1", "at": "x=1"})
    assert line.status_code == 200 and "Right" in line.text
