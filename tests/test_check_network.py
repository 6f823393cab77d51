"""A learner's gradient or δ of the course's network, judged as a function after writing every
intermediate out, with the network's own mistakes named (issue 18, point 9)."""

from __future__ import annotations

import json

import pytest

from chainrule import render
from chainrule.checking.network import NETWORK_HINTS, NETWORK_MISTAKES, course_target, judge
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
