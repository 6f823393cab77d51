"""A learner's gradient or δ of the course's network, judged as a function after writing every
intermediate out, with the network's own mistakes named (issue 18, point 9)."""

from __future__ import annotations

import json

import pytest

from chainrule import render
from chainrule.checking.network import NETWORK_HINTS, NETWORK_MISTAKES, judge
from chainrule.checking.network_course import course_target
from chainrule.errors import ChainruleError, ParseError, VariableError
from chainrule.network import Network


@pytest.fixture(scope="module")
def course():
    return course_target()


@pytest.mark.parametrize(
    ("name", "answer", "status", "mistake"),
    [
        ("w2", "delta2*a1", "right", None),
        ("w2", "(yhat - y)*yhat*(1 - yhat)*a1", "right", None),
        ("w2", "dJ/dw2 = delta2*sigmoid(w1 x + b1)", "right", None),
        ("b2", "delta2", "right", None),
        ("w1", "delta1*x", "right", None),
        ("w1", "delta2*w2*a1*(1 - a1)*x", "right", None),
        ("delta1", "delta2*w2*a1*(1 - a1)", "right", None),
        ("w2", "(yhat - y)*a1", "wrong", "activation_derivative_left_out"),
        ("w2", "(y - yhat)*yhat*(1 - yhat)*a1", "wrong", "cost_derivative_sign"),
        ("w2", "yhat*(1 - yhat)*a1", "wrong", "cost_derivative_left_out"),
        ("w2", "delta2*yhat", "wrong", "previous_activation"),
        ("w1", "delta2*a1*(1 - a1)*x", "wrong", "weight_left_out"),
        ("w1", "delta2*w2*(1 - tanh(z1)^2)*x", "wrong", "wrong_activation_derivative"),
        ("w1", "delta2*w2*a1*x", "wrong", "wrong_activation_derivative"),
        ("delta1", "delta2*w2", "wrong", "activation_derivative_left_out"),
        ("w2", "delta2*a1 + 1", "wrong", None),
    ],
)
def test_the_course_networks_answers(course, name, answer, status, mistake):
    c = judge(course, name, answer)
    assert (c.status, c.mistake) == (status, mistake)


def test_every_mistake_has_words_and_a_hint():
    assert set(NETWORK_MISTAKES) == set(NETWORK_HINTS)


def test_a_tanh_network_with_two_inner_nodes():
    t = course_target(Network(layers=2, activation="tanh"))
    assert judge(t, "w1", "delta2*w2*(1 - a1^2)*x").correct
    assert judge(t, "w1", "delta2*w2*(1 - a1^2)").mistake is None  # no usual mistake gives it
    assert judge(t, "w1", "delta2*w2*a1*(1 - a1)*x").mistake == "wrong_activation_derivative"
    assert judge(t, "delta1", "delta3*w3*(1 - a2^2)*w2*(1 - a1^2)").correct


def test_cross_entropy_cancels_so_delta2_is_yhat_minus_y():
    t = course_target(Network(cost="cross-entropy"))
    assert judge(t, "delta2", "yhat - y").correct
    assert judge(t, "w2", "(yhat - y)*a1").correct


@pytest.mark.parametrize(
    ("name", "answer", "error"),
    [
        ("w2", "delta2*q1", VariableError),
        ("w2", "delta2*(a1", ParseError),
        ("w9", "delta2", ChainruleError),
    ],
)
def test_bad_input_is_refused(course, name, answer, error):
    with pytest.raises(error):
        judge(course, name, answer)


@pytest.mark.parametrize("fmt", ["text", "rich", "latex", "markdown", "html"])
def test_every_format_shows_the_verdict(course, fmt):
    out = render(judge(course, "w2", "(yhat - y)*a1"), fmt).replace("\\_", "_")
    assert "activation_derivative_left_out" in out and "working" in out
    assert "not asked for" not in out  # the working is checked against sympy.diff


def test_json(course):
    data = json.loads(render(judge(course, "w2", "delta2*yhat"), "json"))
    assert data["kind"] == "network check" and data["mistake"] == "previous_activation"
    assert data["status"] == "wrong" and data["name"] == "w2"


# -- a network of any shape ---------------------------------------------------------------------


def _shape(text: str, activations: str = "sigmoid", cost: str = "squared"):
    from chainrule.network.shape import Shape

    return Shape.parse(text, activations, cost)


def _judge(shape, name: str, answer: str):
    from chainrule.checking.network_layered import layered_target

    return judge(layered_target(shape, name), name, answer)


@pytest.mark.parametrize(
    ("shape", "name", "answer", "status", "mistake"),
    [
        ("2-2-1", "w2[1,1]", "delta2*a1[1]", "right", None),
        ("2-2-1", "w2[1,1]", "delta2*x1", "wrong", None),
        ("2-2-1", "w1[2,1]", "delta1[2]*x1", "right", None),
        ("2-2-1", "w1[2,1]", "delta2*w2[1,2]*a1[2]*(1-a1[2])*x1", "right", None),
        ("2-2-1", "w1[2,1]", "delta2*w2[1,2]*x1", "wrong", "activation_derivative_left_out"),
        ("2-2-1", "w2[1,2]", "delta2*yhat", "wrong", "previous_activation"),
        ("2-2-1", "delta1[2]", "delta2*w2[1,2]*a1[2]*(1-a1[2])", "right", None),
        ("2-2-1", "b2[1]", "(y - yhat)*yhat*(1 - yhat)", "wrong", "cost_derivative_sign"),
        ("2-2-2", "w1[1,1]", "(delta2[1]*w2[1,1] + delta2[2]*w2[2,1])*a1[1]*(1-a1[1])*x1",
         "right", None),
        ("2-2-2", "w1[1,1]", "delta2[1]*w2[1,1]*a1[1]*(1-a1[1])*x1", "wrong", "path_left_out"),
        ("2-2-2", "w1[1,1]", "(delta2[1]*w2[1,1] + delta2[2]*w2[1,2])*a1[1]*(1-a1[1])*x1",
         "wrong", "weight_not_transposed"),
        ("2-2-2", "delta1[1]", "(delta2[1]*w2[1,1] + delta2[2]*w2[1,2])*a1[1]*(1-a1[1])",
         "wrong", "weight_not_transposed"),
        ("2-2-2", "delta1[1]", "(delta2[1]*w2[1,1] + delta2[2]*w2[2,1])*(1 - a1[1]^2)",
         "wrong", "wrong_activation_derivative"),
    ],
)  # fmt: skip
def test_a_layered_networks_answers(shape, name, answer, status, mistake):
    c = _judge(_shape(shape), name, answer)
    assert (c.status, c.mistake) == (status, mistake)


def test_softmax_with_cross_entropy_gives_yhat_minus_y():
    shape = _shape("2-2-2", "tanh,softmax", "cross-entropy")
    assert _judge(shape, "delta2[1]", "yhat1 - y1").correct
    assert _judge(shape, "b2[2]", "yhat2 - y2").correct
    assert _judge(shape, "w1[1,2]", "delta1[1]*x2").correct


def test_a_layered_check_names_what_it_does_not_have():
    shape = _shape("2-2-1")
    with pytest.raises(ParseError, match=r"a1\[3\] is not a name") as caught:
        _judge(shape, "w2[1,1]", "delta2*a1[3]")
    assert caught.value.position == 7
    with pytest.raises(ChainruleError, match="not a parameter or a δ"):
        _judge(shape, "W2", "delta2")


def test_the_cli():
    from typer.testing import CliRunner

    from chainrule.cli.app import app

    runner = CliRunner()
    ok = runner.invoke(app, ["network", "--check", "w2", "delta2*a1", "-f", "text"])
    assert ok.exit_code == 0 and "Right" in ok.stdout
    wrong = runner.invoke(
        app, ["network", "--shape", "2-2-2", "--check", "w1[1,1]", "delta1[1]", "-f", "json"]
    )
    assert wrong.exit_code == 1 and json.loads(wrong.stdout)["status"] == "wrong"
    for bad in (
        ["--check", "w9", "x"],
        ["--check", "w2", "x("],
        ["--check", "w2", "x", "--at", "x=1"],
        ["--shape", "2-2-1", "--check", "w2[1,1]", "delta2*a1[3]"],
        ["--check", "w2"],
    ):
        result = runner.invoke(app, ["network", *bad])
        assert result.exit_code == 2 and "Traceback" not in result.output, bad
