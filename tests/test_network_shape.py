"""The shape of a layered network, and the names a learner types for its parts."""

import pytest

from chainrule.network.shape import MAX_PARAMS, MAX_WIDTH, Part, Shape, ShapeError


def test_the_course_network_is_the_chain_of_one_layer():
    course = Shape.chain()
    assert course == Shape.parse("1-1-1")
    assert course.is_chain
    assert course.param_names == ("w1", "b1", "w2", "b2")
    assert course.input_names == ("x",) and course.label_names == ("y",)


def test_names_follow_nielsen_into_j_from_k():
    s = Shape.parse("2-3-1")
    assert s.params == 2 * 3 + 3 + 3 * 1 + 1 == len(s.param_names)
    assert s.param_names[:3] == ("w1[1,1]", "w1[1,2]", "w1[2,1]")
    assert s.part("w2[1,3]") == Part("w", 2, 1, 3)
    assert s.part("b1[2]") == Part("b", 1, 2)
    assert s.part("W2").kind == "W" and s.part("b1").kind == "bvec"
    assert s.part("delta1") == Part("delta", 1)
    assert s.part("x2") == Part("x", 0, 2) and s.part("y") == Part("y", 2, 1)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("w2[1,4]", "k 4 is out of range"),
        ("w3[1,1]", "layer 3 does not exist"),
        ("b1[0]", "j 0 is out of range"),
        ("x", "name one, like x1"),
        ("w2", "unknown name"),
    ],
)
def test_a_bad_name_says_what_is_wrong(name, words):
    with pytest.raises(ShapeError, match=words):
        Shape.parse("2-3-1").part(name)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2-0-1", "layer 1 has 0 neurons"),
        ("2--1", "widths joined by '-'"),
        (f"1-{MAX_WIDTH + 1}-1", f"1 to {MAX_WIDTH}"),
        ("", "widths joined"),
        ("3", "at least an input layer"),
        ("32-32-32-2", f"symbolic limit is {MAX_PARAMS}"),
    ],
)
def test_a_bad_shape_is_refused(text, words):
    with pytest.raises(ShapeError, match=words):
        Shape.parse(text)


@pytest.mark.parametrize(
    ("activation", "cost", "words"),
    [
        ("softmax", "cross-entropy", "output layer only"),
        ("tanh", "cross-entropy", "needs 0 < ŷ < 1"),
        ("relu,softmax", "squared", "use --cost cross-entropy"),
        ("relu,tanh,relu", "squared", "3 activations for 2 layers"),
        ("swish", "squared", "unknown activation"),
    ],
)
def test_pairs_that_make_no_sense_are_refused_with_the_reason(activation, cost, words):
    with pytest.raises(ShapeError, match=words):
        Shape.parse("2-3-2", activation, cost)


def test_softmax_needs_two_outputs_and_names_the_costs():
    with pytest.raises(ShapeError, match="always 1"):
        Shape.parse("2-3-1", "relu,softmax", "cross-entropy")
    assert Shape.parse("2-3-2", "relu,softmax", "cross-entropy").cost_kind == (
        "categorical cross-entropy"
    )
    assert Shape.parse("2-3-1", "relu,sigmoid", "cross-entropy").cost_kind == (
        "binary cross-entropy"
    )
