"""What the lessons say is what they show (issue 17, point 7): each claim a lesson makes about a
run, a table or its own text is computed again here, from the library, not taken on trust."""

from __future__ import annotations

import json
import runpy
from collections import Counter
from itertools import pairwise

import pytest
import sympy
from test_lessons import flat, lesson, runner

from chainrule.cli.app import app
from chainrule.document import Equation, Table
from chainrule.formats.notation import unicode
from chainrule.functions import sigmoid
from chainrule.network import Network
from chainrule.network.numbers import forward
from chainrule.network.training import train
from chainrule.teaching import entries, load


def script(number: int) -> dict:
    """The names a lesson script defines: the rates and labels its claims rest on."""
    (entry,) = [e for e in entries() if e.number == number]
    return runpy.run_path(str(entry.path), run_name="chainrule.lesson")


def rises(costs) -> list[int]:
    return [i for i in range(1, len(costs)) if costs[i] > costs[i - 1]]


# Lesson 6: a step too large overshoots, and the lesson shows a rate that does.


@pytest.fixture(scope="module")
def six():
    return script(6)


def test_the_steep_rate_overshoots_where_the_gentle_one_walks_down(six):
    given = {"y": six["LABEL"]}
    steep = train(Network(), given=given, steps=six["SHORT"], lr=six["STEEP"], seed=0)
    gentle = train(Network(), given=given, steps=six["SHORT"], lr=six["GENTLE"], seed=0)
    assert rises(steep.costs), "the overshoot rate must make J rise at some step"
    assert steep.costs[-1] > gentle.costs[-1]
    assert all(b < a for a, b in pairwise(gentle.costs))


def test_the_steep_rate_carries_the_output_past_the_label_and_back(six):
    net, label = Network(), six["LABEL"]
    run = train(net, given={"y": label}, steps=six["SHORT"], lr=six["STEEP"], seed=0, every=1)
    names = [p.name for p in net.params]
    yhat = [
        forward(net, {"x": 0.5, **dict(zip(names, r.params, strict=True))})[net.a(2)]
        for r in run.records
    ]
    assert yhat[0] < label < yhat[1]  # the first step jumps across the floor at ŷ = y
    crossings = sum(1 for a, b in pairwise(yhat) if (a - label) * (b - label) < 0)
    assert crossings > six["SHORT"] // 2


@pytest.mark.parametrize("rate", ["RATE", "FASTER", "NO_FLOOR"])
def test_on_the_lessons_sample_each_rate_the_lesson_names_only_lowers_J(six, rate):
    run = train(Network(), steps=100, lr=six[rate], seed=0)
    assert run.data == ((0.5, 1.0),)
    assert not rises(run.costs) and run.costs[-1] < run.costs[0]


@pytest.mark.parametrize("lr", [0.5, 5.0, 50.0, 400.0])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_with_y_one_every_step_makes_z2_grow_so_no_rate_overshoots(lr, seed):
    """The lesson's reason: δ₂ < 0 while ŷ < 1 pushes b₂ and w₂·a₁ up, whatever η is."""
    net = Network()
    run = train(net, steps=30, lr=lr, seed=seed, every=1)
    names = [p.name for p in net.params]
    z2 = [
        forward(net, {"x": 0.5, **dict(zip(names, r.params, strict=True))})[net.z(2)]
        for r in run.records
    ]
    assert all(b >= a for a, b in pairwise(z2))
    assert not rises(run.costs)


def test_lesson_six_prints_the_runs_it_describes(six):
    out = flat(lesson("6", "--no-pause"))
    given = {"y": six["LABEL"]}
    steep = train(Network(), given=given, steps=six["SHORT"], lr=six["STEEP"], seed=0)
    assert f"J rose at {len(rises(steep.costs))}," in out
    assert f"J up from {steep.costs[0]:.4f} to {steep.costs[1]:.4f}" in out
    assert "too large a step jumps across the valley" in out
    assert out.count("J fell from") == 1  # the training view says it; the lesson does not again
    assert "--lr 5 and see" not in out


def test_the_command_the_lesson_suggests_shows_the_same_overshoot(six):
    out = lesson("6", "--no-pause")
    label, lr, steps = six["LABEL"], six["STEEP"], six["SHORT"]
    command = f"chainrule network --train --at y={label:g} --lr {lr:g} --steps {steps}"
    assert command in flat(out)
    result = runner.invoke(app, [*command.split()[1:], "-f", "json"])
    assert result.exit_code == 0, result.output
    costs = json.loads(result.output)["costs"]
    mine = train(Network(), given={"y": six["LABEL"]}, steps=six["SHORT"], lr=six["STEEP"], seed=0)
    assert costs == pytest.approx(mine.costs) and rises(costs)


# Lesson 4 (and every lesson): an equation is written once.


def test_lesson_four_writes_the_networks_equations_once():
    out = lesson("4", "--no-pause")
    net = Network()
    lines = [line.strip() for line in out.splitlines()]
    for eq in net.equations:
        shown = f"{unicode(eq.lhs, order=net.order)} = {unicode(eq.rhs, order=net.order)}"
        assert lines.count(shown) == 1, shown


@pytest.mark.parametrize("number", [e.number for e in entries()])
def test_no_lesson_displays_an_equation_twice(number):
    doc = load(number).document()
    seen = Counter(b.sides for b in doc.blocks if isinstance(b, Equation))
    assert [sides for sides, n in seen.items() if n > 1] == []


# Pauses, ?? and the score.


def test_a_pauses_question_is_said_with_or_without_pausing():
    asked = "Before going on: which part would you call inner in sin(x²)?"
    assert asked in lesson("2", "--no-pause")
    assert asked in lesson("2", answers="\n")


def test_double_question_mark_gives_the_worked_steps_at_once():
    out = lesson("2", answers="??\n2x cos(x^2)\n15(3x+1)^4\n")
    asked = out.index("Your answer")
    after = out[asked:]
    assert "Hint:" not in after[: after.index("Right:")]
    assert "The derivative of sin(x²) with respect to x" in after
    assert "Steps" in after[: after.index("Right:")]
    assert (
        "Exercises: 2 of 2 right: 1 without a hint, 0 after a hint, 1 after the worked steps."
        in out
    )


def test_one_question_mark_gives_the_hint_and_the_answer_after_it_counts_apart():
    out = lesson("2", answers="?\n2x cos(x^2)\n15(3x+1)^4\n")
    assert "Hint: The outer function is sin u" in out
    assert "Exercises: 2 of 2 right: 1 without a hint, 1 after a hint." in out


def test_a_second_question_mark_after_the_hint_gives_the_steps():
    out = lesson("2", answers="?\n?\n2x cos(x^2)\n\n")
    assert out.count("Hint:") == 1
    assert "The derivative of sin(x²) with respect to x" in out
    assert (
        "Exercises: 1 of 2 right: 0 without a hint, 0 after a hint, 1 after the worked steps."
        in out
    )


# Lesson 1's table and lesson 2's chain rule.


def _table(number: int, header: str) -> Table:
    doc = load(number).document()
    (table,) = [b for b in doc.blocks if isinstance(b, Table) and b.headers[0] == header]
    return table


def test_lesson_ones_table_holds_the_trig_inverse_trig_and_basic_functions():
    table = _table(1, "f(x)")
    heads = {row[0].func for row in table.rows}
    wanted = {sympy.sin, sympy.cos, sympy.tan, sympy.sec, sympy.csc, sympy.cot}
    wanted |= {sympy.asin, sympy.acos, sympy.atan, sympy.log, sympy.exp, sigmoid}
    assert wanted <= heads


def test_each_table_entry_agrees_with_sympy_diff():
    table = _table(1, "f(x)")
    x = sympy.Symbol("x", real=True)
    for f, derivative, checked in table.rows:
        assert f.has(x)
        assert sympy.simplify(sympy.diff(f, x) - derivative) == 0, f
        assert checked.startswith("✓")


def test_lesson_two_states_the_chain_rule_in_both_notations_before_the_derivation():
    out = lesson("2", "--no-pause")
    lagrange = out.index("h′(x) = f′(g(x))·g′(x)")
    leibniz = out.index("dy/dx = dy/du · du/dx")
    derivation = out.index("Every step, as chainrule derives it")
    assert lagrange < derivation and leibniz < derivation
    # The product before u is put back, then after: the two lines the lesson says it does.
    assert "h′(x) = (1/u)·(−sin(x)) = (1/(2 + cos(x)))·(−sin(x))" in out


# Lesson 5: the counts it shows are the library's.


def test_lesson_five_counts_products_as_the_library_does():
    from chainrule.network import backprop

    five = script(5)
    table = _table(5, "inner nodes")
    for depth, (nodes, chains, shared) in zip(five["DEPTHS"], table.rows, strict=True):
        counted = backprop(Network(layers=depth), verify=False).multiplications
        assert (int(nodes), int(chains), int(shared)) == (depth, *counted)
    assert all(int(c) > int(s) for _, c, s in table.rows)


# Lesson 9: one neuron per layer cannot learn XOR; two hidden neurons can, and only with a bend.


def test_xor_needs_two_hidden_neurons_with_a_bend():
    from chainrule.network.layered_data import load_data
    from chainrule.network.layered_training import train_shape
    from chainrule.network.shape import Shape

    nine = script(9)

    def best(widths: str, activations: str) -> float:
        shape = Shape.parse(widths, activations, "cross-entropy")
        data = load_data("xor", shape)
        return max(train_shape(shape, data, seed=s).accuracies[-1] for s in nine["SEEDS"])

    assert best("2-1", "sigmoid") < 1 and best("2-1-1", "tanh,sigmoid") < 1
    assert best("2-2-1", "linear,sigmoid") < 1
    shape = Shape.parse("2-2-1", "tanh,sigmoid", "cross-entropy")
    data = load_data("xor", shape)
    assert all(train_shape(shape, data, seed=s).accuracies[-1] == 1 for s in nine["SEEDS"])


# Lessons 7 and 8: the sum over paths is sympy.diff's; the shapes stated are the network's.


def test_the_two_paths_from_x_add_up_to_sympys_derivative():
    from chainrule.network.layered import Layered
    from chainrule.network.paths import param_paths
    from chainrule.network.shape import Shape

    seven = script(7)
    model = Layered(Shape.parse(seven["NARROW"], "sigmoid", "squared"))
    x = model.x(1)
    assert sympy.simplify(model.expand(seven["total"]) - sympy.diff(model.expanded_cost, x)) == 0
    wide = Layered(Shape.parse(seven["TWO_OUT"], "sigmoid", "squared"))
    assert param_paths(wide, "w1[1,1]").count == 2


def test_the_matrix_lessons_shapes_and_numbers():
    from chainrule.network.layered_numbers import evaluate_shape
    from chainrule.network.shape import Shape

    eight = script(8)
    shape = Shape.parse(eight["SHAPE"], "sigmoid", "squared")
    at = evaluate_shape(shape, {})
    assert at.agrees
    W2 = at.weight_gradients[1]  # ∂J/∂W² has the shape of W²: outputs × hidden neurons
    assert len(W2) == shape.widths[2] and all(len(row) == shape.widths[1] for row in W2)
