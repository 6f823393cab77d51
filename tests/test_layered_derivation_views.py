"""The derivation views of a layered network — one parameter's paths, backpropagation, the
graph — in every format: terminal, text, LaTeX, Markdown, HTML, JSON, SVG, dot and Jupyter."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from chainrule.formats import render
from chainrule.network.layered import Layered
from chainrule.network.layered_backprop import layered_backprop
from chainrule.network.layered_graph import layered_graph
from chainrule.network.paths import param_paths
from chainrule.network.shape import Shape, ShapeError

SIGMOID = Layered(Shape.parse("2-3-1", "sigmoid", "cross-entropy"))
SOFTMAX = Layered(Shape.parse("2-2-2", "relu,softmax", "cross-entropy"))


@pytest.fixture(scope="module")
def paths():
    return param_paths(SIGMOID, "w1[2,1]")


@pytest.fixture(scope="module")
def softmax_paths():
    return param_paths(SOFTMAX, "w1[2,1]")


@pytest.fixture(scope="module")
def backprop():
    return layered_backprop(SOFTMAX)


@pytest.fixture(scope="module")
def graph():
    return layered_graph(Layered(Shape.parse("2-2-1", "tanh,sigmoid")), "w1[1,2]")


def _results(request):
    return [request.getfixturevalue(n) for n in ("paths", "softmax_paths", "backprop", "graph")]


FORMATS = ["text", "rich", "latex", "markdown", "html", "json"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_view_renders_in_every_format(request, fmt):
    for result in _results(request):
        out = render(result, fmt, width=100)
        assert out.strip()
        if fmt == "json":
            data = json.loads(out)
            assert data["schema"] and data["shape"]["text"] == result.model.shape.text


def test_jupyter_and_rich_protocols(request):
    for result in _results(request):
        assert "<math" in result._repr_html_()
        assert "\\" in result._repr_latex_()
        assert result._repr_markdown_().strip()
        console = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
        console.print(result)
        assert "<svg" in console.export_svg()
        assert result.model.shape.text in repr(result)


def test_paths_view_says_the_multivariable_chain_rule(paths):
    out = render(paths, "text", width=200)
    assert "Path 1: w¹₂ ₁ → z¹₂ → a¹₂ → z²₁ → ŷ → J" in out
    assert "The multivariable chain rule adds them" in out
    assert "Each local derivative, derived by the explainer" in out
    assert "δ¹₂ = ∂J/∂z¹₂ = w²₁ ₂·δ²₁·a¹₂·(1 − a¹₂)" in out
    assert "✓ ∂J/∂w1[2,1] (the sum and the δ form) equal sympy.diff" in out
    assert "the activation's derivative cancels" in out


def test_softmax_paths_show_the_cancellation(softmax_paths):
    out = render(softmax_paths, "text", width=200)
    assert "4 paths" in out
    assert "ŷ₁·(y₁ + y₂) − y₁" in out and "δ²₁ = ŷ₁ − y₁" in out
    assert "ReLU′(0) is taken as 0" in out and out.count("ReLU′(0)") == 1


def test_backprop_view_index_and_matrix_side_by_side(backprop):
    out = render(backprop, "text", width=200)
    assert "δ1ⱼ = Σₖ w2[k,j]·δ2ₖ·f′(z1ⱼ)" in out and "δ¹ = (W²)ᵀδ² ⊙ f′(z¹)" in out
    assert "(W²)ᵀ is 2×2" in out
    assert "∂J/∂W¹ = δ¹xᵀ = [δ¹₁·x₁, δ¹₁·x₂; δ¹₂·x₁, δ¹₂·x₂]" in out
    assert "∂J/∂b² = δ² = [δ²₁; δ²₂]" in out
    assert "Why backpropagation is cheap" in out
    assert "✓ All 12 gradients equal sympy.diff" in out


def test_latex_matrices_are_bmatrix_and_lines_fit(backprop):
    out = render(backprop, "latex", standalone=True)
    assert r"\begin{bmatrix}" in out and r"\odot" in out and r"^{\mathsf{T}}" in out
    # Displayed math lines (prose LaTeX wraps itself) stay short enough for the page.
    for line in out.splitlines():
        if line.lstrip().startswith(("&", r"\frac", r"\delta")) and "bmatrix" not in line:
            assert len(line) < 400


def test_markdown_and_html_hold_the_matrices(backprop):
    assert "bmatrix" in render(backprop, "markdown")
    assert render(backprop, "html").count("<mtable>") >= 4


def test_backprop_json_values_are_formulas_per_name(backprop):
    data = json.loads(render(backprop, "json"))
    assert list(data["values"]) == list(SOFTMAX.shape.param_names)
    assert data["values"]["w2[1,2]"] == "delta__2_1*a__1_2"
    assert data["gradients"]["W2"][0][1] == data["values"]["w2[1,2]"]
    assert data["deltas"]["delta2"]["cancels"] is True
    assert data["deltas"]["delta2"]["entries"] == ["-y_1 + yhat_1", "-y_2 + yhat_2"]
    assert all(c["ok"] and c["method"] == "numeric" for c in data["checks"].values())
    assert data["multiplications"]["backpropagation"] < data["multiplications"]["path_by_path"]


def test_paths_json(paths):
    data = json.loads(render(paths, "json"))
    assert data["param"] == "w1[2,1]" and data["count"] == 1
    assert data["paths"][0]["nodes"] == ["w__1_2_1", "z__1_2", "a__1_2", "z__2_1", "yhat", "J"]
    assert data["check"]["ok"] and data["cancels"]


def test_graph_marks_the_paths_and_draws_dot(graph):
    out = render(graph, "text", width=120)
    # the sentence, four edges from z¹₁ to J, and w¹₁ ₂'s own into z¹₁
    assert out.count("on a path") == 1 + 5
    dot = render(graph, "dot")
    assert dot.startswith("digraph network {") and dot.count("penwidth=2.5") == 5
    assert "∂J/∂ŷ = ŷ − y" in dot


def test_graph_without_a_param_marks_nothing():
    g = layered_graph(Layered(Shape.parse("2-2-1")))
    assert not any(e.picked for e in g.edges) and len(g.edges) == 4 + 2 + 2 + 1 + 1


def test_too_many_edges_for_a_graph_is_refused():
    with pytest.raises(ShapeError, match="edges"):
        layered_graph(Layered(Shape.parse("2-16-16-1")))


def test_a_shape_past_the_check_says_it_was_skipped():
    r = layered_backprop(Layered(Shape.parse("2-16-16-1", "relu,relu,sigmoid", "cross-entropy")))
    out = render(r, "text", width=200)
    assert "not checked against sympy.diff: 2-16-16-1 has 337 parameters, past the 50" in out
    assert "A 16×16 matrix, too large to print" in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_text_fixed_width(paths, fmt):
    out = render(paths, fmt, width=80)
    if fmt == "text":
        assert max(len(line) for line in out.splitlines()) <= 80


def test_latex_has_no_character_it_cannot_typeset(request):
    for result in _results(request):
        body = "\n".join(
            line
            for line in render(result, "latex", standalone=True).splitlines()
            if not line.lstrip().startswith("%")
        )
        assert "?" not in body
