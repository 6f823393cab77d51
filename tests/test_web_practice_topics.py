"""The practice page's topics (the rules, second derivatives, tangent lines, implicit
differentiation), each in the address, judged as `chainrule practice --topic` judges."""

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
