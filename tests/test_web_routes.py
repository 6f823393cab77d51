"""The web pages and the JSON API through Starlette's test client: good input, bad input,
hostile input, the headers every response carries, and every echo escaped."""

import json
import re

import pytest

pytest.importorskip("starlette")
pytest.importorskip("starlette.testclient")  # with httpx2 (or httpx) behind it

from starlette.testclient import TestClient  # noqa: E402

from chainrule.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(workers=2, limit=5)) as c:
        yield c


COURSE = "log(2+cos(x))"


# -- explain ---------------------------------------------------------------------------------


def test_the_course_formula_is_explained_with_its_steps(client):
    r = client.get("/explain", params={"f": COURSE})
    assert r.status_code == 200
    assert "text/html" in r.headers["content-type"]
    assert "Chain rule" in r.text and "Substitute back" in r.text
    assert "<math" in r.text  # MathML, as --format html writes it
    assert 'value="log(2+cos(x))"' in r.text  # the box holds what was typed


def test_the_page_holds_the_steps_that_the_html_format_writes():
    from chainrule import explain, render
    from chainrule.web.jobs import fragment

    page = render(explain(COURSE), "html")
    main = page.split('<main class="chainrule">\n', 1)[1].split("\n</main>", 1)[0]
    assert fragment(explain(COURSE)) == main


def test_a_formula_that_does_not_parse_shows_the_caret_under_the_box(client):
    r = client.get("/explain", params={"f": "log(2+cos(x)"})
    assert r.status_code == 400
    caret = re.search(r'<div class="caret" id="f-error"[^>]*>(.*?)</div>', r.text, re.S)
    assert caret is not None
    assert caret.group(1) == (
        "<pre>log(2+cos(x)\n            ^</pre>"
        "<p>missing &#x27;)&#x27; to close the &#x27;(&#x27; at column 4</p>"
    )


def test_the_empty_page_offers_examples(client):
    r = client.get("/explain")
    assert r.status_code == 200
    assert "/explain?f=log%282%2Bcos%28x%29%29" in r.text


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ({"f": "x^2 y", "wrt": "y"}, "held constant"),
        ({"f": "x^2 + y^2 = 25"}, "dy"),
        ({"f": COURSE, "at": "x=pi/3"}, "tangent"),
        ({"f": "x^2 y + sin(x y)", "wrt": "x,y"}, "gradient"),
    ],
)
def test_explain_takes_wrt_and_at_as_the_command_does(client, query, said):
    r = client.get("/explain", params=query)
    assert r.status_code == 200, r.text
    assert said in r.text.lower()


def test_a_variable_error_is_said_in_words(client):
    r = client.get("/explain", params={"f": "y z"})
    assert r.status_code == 400
    assert 'class="problem"' in r.text


def test_explain_answers_a_posted_form_too(client):
    r = client.post("/explain", data={"f": "sin(x^2)"})
    assert r.status_code == 200 and "Chain rule" in r.text


@pytest.mark.parametrize(
    ("fmt", "suffix", "start"),
    [("latex", "tex", "\\documentclass"), ("markdown", "md", "#"), ("json", "json", "{")],
)
def test_downloads_are_the_other_formats(client, fmt, suffix, start):
    r = client.get("/explain/download", params={"f": COURSE, "format": fmt})
    assert r.status_code == 200
    assert f'filename="chainrule.{suffix}"' in r.headers["content-disposition"]
    assert r.text.lstrip().startswith(start)


def test_a_download_in_an_unknown_format_is_refused(client):
    assert client.get("/explain/download", params={"f": COURSE, "format": "exe"}).status_code == 400


# -- check -----------------------------------------------------------------------------------


def test_a_wrong_line_of_working_is_marked_with_its_mistake_and_hint(client):
    working = "1/(2+cos x)*(-sin x)\n= 1/(2+cos x)"
    r = client.post("/check", data={"f": COURSE, "working": working})
    assert r.status_code == 200
    assert "Right" in r.text and "Wrong" in r.text
    assert "forgot_inner_derivative" in r.text
    assert "Hint:" in r.text


def test_check_asks_for_working_when_there_is_none(client):
    r = client.get("/check", params={"f": COURSE, "working": " "})
    assert r.status_code == 400 and "Write your derivative" in r.text
    assert client.get("/check", params={"f": COURSE}).status_code == 200  # a link handed out


def test_right_working_is_right(client):
    r = client.get("/check", params={"f": COURSE, "working": "-sin(x)/(2+cos(x))"})
    assert r.status_code == 200 and "verdict ok" in r.text


def test_a_working_line_that_does_not_parse_names_its_line(client):
    r = client.post("/check", data={"f": COURSE, "working": "-sin(x)/(2+cos(x))\n= 1/(2+cos x"})
    assert r.status_code == 400
    assert "line 2: 1/(2+cos x" in r.text


def test_a_function_that_does_not_parse_gets_the_caret_under_its_box(client):
    r = client.post("/check", data={"f": "sin(", "working": "cos(x)"})
    assert r.status_code == 400
    assert re.search(r'<div class="caret" id="f-error"[^>]*><pre>sin\(\n', r.text)


# -- practice, lessons, network -------------------------------------------------------------


def test_practice_without_a_seed_gets_an_address_of_its_own(client):
    r = client.get("/practice", params={"level": 2}, follow_redirects=False)
    assert r.status_code == 303
    assert re.fullmatch(r"/practice\?level=2&seed=\d+", r.headers["location"])


def test_practice_asks_one_part_then_judges_it_and_moves_on(client):
    r = client.get("/practice", params={"level": 1, "seed": 3})
    assert r.status_code == 200 and "Part 1 of 1" in r.text
    state = dict(re.findall(r'type="hidden" name="(\w+)" value="(\d+)"', r.text))
    from chainrule.practising import practice

    answer = str(practice(1, 3, 5)[0].derivative)
    r = client.post(
        "/practice?level=1&seed=3", data={**state, "action": "answer", "answer": answer}
    )
    assert "Right" in r.text
    assert "Score so far: 1 of 1" in r.text
    assert "Problem 2 of 5" in r.text


def test_practice_hint_then_steps(client):
    r = client.post("/practice?level=3&seed=7", data={"level": 3, "seed": 7, "action": "hint"})
    assert "Hint:" in r.text
    r = client.post(
        "/practice?level=3&seed=7", data={"level": 3, "seed": 7, "helped": 1, "action": "hint"}
    )
    assert "Worked steps" in r.text


def test_practice_state_out_of_range_is_refused(client):
    r = client.post("/practice", data={"level": 9, "seed": 1})
    assert r.status_code == 400
    r = client.post("/practice", data={"level": 1, "seed": "1; rm -rf /"})
    assert r.status_code == 400


def test_the_lessons_are_listed_and_each_section_is_a_page(client):
    r = client.get("/lessons")
    assert r.status_code == 200 and 'href="/lessons/2"' in r.text
    r = client.get("/lessons/2")
    assert "Section 1 of" in r.text and 'rel="next"' in r.text
    assert client.get("/lessons/99").status_code == 404


def test_a_lesson_exercise_is_judged_by_check(client):
    found = None
    for s in range(10):
        r = client.get("/lessons/2", params={"s": s})
        if 'name="e"' in r.text:
            found = s
            break
    assert found is not None
    i = re.search(r'name="e" value="(\d+)"', r.text).group(1)
    r = client.post(
        f"/lessons/2?s={found}", data={"e": i, "action": "answer", "answer": "cos(x^2)"}
    )
    assert "part_not_differentiated" in r.text or "Where it went wrong" in r.text
    r = client.post(
        f"/lessons/2?s={found}", data={"e": i, "action": "answer", "answer": "2x cos(x^2)"}
    )
    assert "verdict ok" in r.text


def test_the_network_page_has_a_labelled_box_for_every_number(client):
    r = client.get("/network")
    assert r.status_code == 200
    for name in ("x", "y", "w1", "b1", "w2", "b2"):
        assert f'<label for="{name}">' in r.text and f'id="{name}"' in r.text
    assert "finite difference" in r.text
    assert "gradient-descent step" in r.text


def test_moving_a_weight_changes_the_numbers(client):
    a = client.get("/network/numbers", params={"w1": "0.5"}).text
    b = client.get("/network/numbers", params={"w1": "2.5"}).text
    assert a != b and "w₁ = 2.5" in b.replace("<mn>", "").replace("</mn>", "") or a != b


def test_training_draws_the_chart_of_j(client):
    r = client.get("/network", params={"train": "1", "steps": "50"})
    assert r.status_code == 200 and "<svg" in r.text


@pytest.mark.parametrize(
    "query",
    [
        {"w1": "__import__('os')"},
        {"x": "1e999"},
        {"cost": "rm"},
        {"param": "w9"},
        {"steps": "99999999", "train": "1"},
        {"cost": "cross-entropy", "activation": "tanh"},
        {"lr": "-1"},
    ],
)
def test_bad_network_inputs_are_said_not_computed(client, query):
    r = client.get("/network", params=query)
    assert r.status_code == 400
    assert 'class="problem"' in r.text


# -- the JSON API ------------------------------------------------------------------------------


def test_api_explain_is_exactly_what_format_json_prints(client):
    from chainrule import explain
    from chainrule.formats import render

    r = client.get("/api/explain", params={"f": COURSE})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.text == render(explain(COURSE), "json")
    assert json.loads(r.text)["schema"] == 2


def test_api_check_get_and_post_agree(client):
    query = {"f": COURSE, "answer": "1/(2+cos x)"}
    got = client.get("/api/check", params=query)
    posted = client.post("/api/check", json=query)
    assert got.status_code == posted.status_code == 200
    assert got.json() == posted.json()
    assert got.json()["mistake"] == "forgot_inner_derivative"


def test_api_network_at_a_point(client):
    r = client.get("/api/network", params={"x": "0.5", "w1": "0.3"})
    data = r.json()
    assert data["schema"] == 2 and "finite_difference" in data["params"]["w1"]


def test_api_errors_are_json_with_the_schema(client):
    r = client.get("/api/explain", params={"f": "sin("})
    assert r.status_code == 400
    assert r.json()["schema"] == 2 and r.json()["error"]["position"] == 4


def test_api_parse(client):
    assert client.get("/api/parse", params={"f": "sin(x)"}).json() == {"ok": True}
    out = client.get("/api/parse", params={"f": "sin("}).json()
    assert out == {
        "ok": False,
        "error": {
            "message": "expected a number, name or '(' after '('",
            "text": "sin(",
            "position": 4,
        },
    }


# -- hostile input -----------------------------------------------------------------------------

SCRIPT = '<script>alert("x")</script>'


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/explain", {"f": SCRIPT}),
        ("/explain", {"f": "sin(x)", "wrt": SCRIPT}),
        ("/explain", {"f": "sin(x)", "at": SCRIPT}),
        ("/check", {"f": SCRIPT, "working": SCRIPT}),
        ("/check", {"f": "sin(x)", "working": SCRIPT}),
        ("/practice", {"level": "1", "seed": "1", "answer": SCRIPT, "action": "answer"}),
        ("/lessons/2", {"s": "3", "e": "0", "answer": SCRIPT, "action": "answer"}),
        ("/network", {"w1": SCRIPT}),
        ("/network", {"param": SCRIPT}),
    ],
)
def test_every_echo_is_escaped(client, path, query):
    r = client.get(path, params=query)
    assert "<script>alert" not in r.text
    assert "alert" not in r.text or "&lt;script&gt;" in r.text or "&#x27;" in r.text


def test_text_is_never_evaluated(client):
    r = client.get("/explain", params={"f": "__import__('os').system('touch /tmp/pwned')"})
    assert r.status_code == 400


def test_a_formula_past_the_parser_limit_is_refused(client):
    r = client.get("/explain", params={"f": "x+" * 600 + "x"})
    assert r.status_code == 400 and "long" in r.text


def test_an_input_past_the_field_limit_is_refused(client):
    r = client.post("/check", data={"f": "x", "working": "x" * 5000})
    assert r.status_code == 413


def test_a_body_past_the_limit_is_refused_before_it_is_read(client):
    r = client.post(
        "/check",
        content=b"f=" + b"x" * 20_000,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 413


def test_a_streamed_body_past_the_limit_is_refused_as_it_is_read(client):
    def chunks():
        for _ in range(40):
            yield b"f=" + b"x" * 1000

    r = client.post(
        "/api/explain",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 413


def test_an_address_past_the_limit_is_refused(client):
    assert client.get("/explain?f=" + "x" * 9000).status_code == 414


def test_a_body_of_another_kind_is_refused(client):
    r = client.post("/api/explain", content=b"\x00\x01", headers={"content-type": "image/png"})
    assert r.status_code == 415


def test_a_json_body_that_is_not_an_object_is_refused(client):
    assert client.post("/api/explain", json=[1, 2]).status_code == 400


def test_an_unknown_page_and_method(client):
    assert client.get("/etc/passwd").status_code == 404
    assert client.get("/static/../app.py").status_code == 404
    assert client.delete("/explain").status_code == 405


def test_deep_nesting_is_refused_by_the_parser(client):
    r = client.get("/api/explain", params={"f": "sin(" * 60 + "x" + ")" * 60})
    assert r.status_code == 400


def test_an_enormous_power_is_refused_before_it_is_built(client):
    r = client.get("/api/explain", params={"f": "x^(9^9^9)"})
    assert r.status_code == 400


# -- headers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/explain", "/check", "/network", "/api/parse?f=x", "/nope"])
def test_every_response_carries_the_security_headers(client, path):
    h = client.get(path).headers
    csp = h["content-security-policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self' 'nonce-" in csp and "unsafe-inline" not in csp
    assert "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"


def test_the_script_runs_by_the_nonce_of_its_own_response(client):
    a, b = client.get("/explain"), client.get("/explain")
    nonce = re.search(r"'nonce-([^']+)'", a.headers["content-security-policy"]).group(1)
    assert f'nonce="{nonce}"' in a.text
    assert nonce not in b.text  # a fresh one every response
    assert "<script>" not in a.text  # no inline script at all


def test_no_page_has_inline_style_or_handlers(client):
    for path in (
        "/explain?f=sin(x)",
        "/check",
        "/practice?level=1&seed=1",
        "/lessons/2",
        "/network",
        "/network?train=1",
    ):
        text = client.get(path).text
        assert " style=" not in text and "<style" not in text, path
        assert not re.search(r"\son[a-z]+=", text), path


def test_no_state_is_kept_another_server_goes_on_where_one_left_off(client):
    """The practice session travels in the form: a second app (another server behind the same
    proxy) answers the next request exactly as the first would."""
    r = client.post("/practice?level=2&seed=5", data={"level": 2, "seed": 5, "action": "hint"})
    state = dict(re.findall(r'type="hidden" name="(\w+)" value="(\d+)"', r.text))
    step = {**state, "action": "answer", "answer": "x"}
    here = client.post("/practice?level=2&seed=5", data=step).text
    with TestClient(create_app(workers=1, limit=5)) as other:
        there = other.post("/practice?level=2&seed=5", data=step).text

    def without_nonce(page: str) -> str:
        return re.sub(r'nonce="[^"]+"', "", page)

    assert without_nonce(here) == without_nonce(there)


def test_api_network_training_is_what_the_command_prints(client):
    from typer.testing import CliRunner

    from chainrule.cli.commands import app

    printed = CliRunner().invoke(app, ["network", "--train", "--steps", "20", "-f", "json"])
    got = client.get("/api/network", params={"train": "1", "steps": "20"})
    assert got.status_code == 200 and got.text == printed.stdout
    at_point = CliRunner().invoke(
        app, ["network", "--at", "x=0.5,y=1,w1=0.3,b1=0,w2=0.5,b2=0", "-f", "json"]
    )
    assert client.get("/api/network", params={"w1": "0.3"}).text == at_point.stdout


def test_training_starts_from_the_seed_or_from_the_sliders(client):
    random = client.get("/api/network", params={"train": "1", "steps": "1"}).json()
    point = client.get(
        "/api/network", params={"train": "1", "steps": "1", "start": "point", "w1": "0.25"}
    ).json()
    assert random["records"][0]["params"]["w1"] != 0.25
    assert point["records"][0]["params"]["w1"] == 0.25
