"""One document model behind every view: each view builds a Document, each format lays any
Document out, and nothing below the views imports them."""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import sympy as sp

import chainrule
from chainrule import document as d
from chainrule.formats import FORMATS, render
from chainrule.network import Network, backprop
from chainrule.network.graph import graph
from chainrule.network.numbers import evaluate
from chainrule.network.training import train
from chainrule.views import document

PACKAGE = Path(chainrule.__file__).parent
x = sp.Symbol("x")


def _results():
    result = backprop(Network())
    at = evaluate(backprop(Network(), ["w2"]), {})
    return {
        "explanation": (chainrule.explain("log(2+cos(x))"), {}),
        "step": (chainrule.explain("sin(x)^2").root, {}),
        "partial": (chainrule.explain("x^2 y + sin(x y)", wrt="y"), {}),
        "one parameter": (backprop(Network(), ["w2"]), {"param": "w2", "at": at}),
        "backprop": (result, {}),
        "backprop at a point": (result, {"at": evaluate(result, {})}),
        "deeper": (backprop(Network(layers=3)), {}),
        "cross-entropy": (backprop(Network(cost="cross-entropy")), {"param": "w1"}),
        "training": (train(Network(), steps=30), {}),
        "graph": (graph(Network()), {}),
    }


RESULTS = _results()
LAYOUTS = [f for f in FORMATS if f not in ("json", "dot")]


@pytest.mark.parametrize("name", RESULTS)
def test_every_view_is_a_document_of_known_blocks(name):
    obj, view = RESULTS[name]
    doc = document(obj, **view)
    assert isinstance(doc, d.Document) and doc.blocks
    known = tuple(getattr(d, n) for n in d.__all__ if isinstance(getattr(d, n), type))
    assert all(isinstance(block, known) for block in doc.blocks)


@pytest.mark.parametrize("format", LAYOUTS)
@pytest.mark.parametrize("name", RESULTS)
def test_every_format_lays_out_every_view(name, format):
    obj, view = RESULTS[name]
    shown = render(obj, format, **view)
    assert shown.strip()
    # The same document in every format: the first heading's words are in each of them.
    blocks = document(obj, **view).blocks
    first = next((b for b in blocks if isinstance(b, d.Heading)), None)
    if first is not None:
        word = next(p for p in first.parts if isinstance(p, str)).split()[0]
    else:  # a bare step: its derivation
        word = next(b for b in blocks if isinstance(b, d.Derivation)).lines[0].title
    assert word in shown


@pytest.mark.parametrize("name", RESULTS)
def test_json_is_strict_and_versioned(name):
    obj, view = RESULTS[name]
    data = json.loads(render(obj, "json", at=view.get("at")), parse_constant=_refuse)
    assert data["schema"] == 2


def _refuse(name):
    raise ValueError(f"not strict JSON: {name}")


@dataclass(frozen=True)
class Remark:
    """A kind of block no format has heard of."""

    parts: tuple


@pytest.mark.parametrize("format", LAYOUTS)
def test_a_new_kind_of_block_needs_no_format_code(format):
    doc = d.Document((d.Heading(("A new view",)), Remark(("Remember that ", x**2, " grows."))))
    shown = render(doc, format)
    assert "Remember that" in shown and "grows" in shown


def test_a_document_renders_as_json_block_by_block():
    doc = d.Document((d.Para(("the slope ", 2 * x)),), title="t")
    data = json.loads(render(doc, "json"))
    assert data["blocks"] == [{"type": "Para", "parts": ["the slope ", "2*x"]}]


def test_text_is_the_terminal_layout_without_colour():
    import re

    ex = RESULTS["explanation"][0]
    rich = re.sub(r"\x1b\[[0-9;]*m", "", render(ex, "rich", width=70))
    assert rich == render(ex, "text", width=70)


# -- layering ------------------------------------------------------------------------------------

LOWER = [
    *("network", "rules", "parsing", "verifying", "checking"),
    *("steps.py", "explaining.py", "document"),
]


def _top_level_imports(path: Path) -> set[str]:
    """Every module a file imports at module level (``from chainrule import formats`` counts as
    chainrule.formats); a lazy import inside a function is the display hook, and allowed."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("place", LOWER)
def test_nothing_below_the_views_imports_them_or_a_format(place):
    root = PACKAGE / place
    files = [root] if root.is_file() else sorted(root.rglob("*.py"))
    for path in files:
        for name in _top_level_imports(path):
            assert not name.startswith(("chainrule.formats", "chainrule.views")), (path, name)
            assert not name.startswith(("rich", "typer")), (path, name)


# -- display protocols ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["explanation", "step", "backprop", "training", "graph"])
def test_results_show_themselves_in_a_notebook(name):
    obj, _ = RESULTS[name]
    html = obj._repr_html_()
    assert "<math" in html or name in ("training",)
    assert "<html" not in html  # a fragment for the notebook, not a page
    assert obj._repr_latex_().startswith("$$")
    assert obj._repr_markdown_().strip()
    assert obj.__rich__() is not None
    short = repr(obj)
    assert short.startswith(f"<{type(obj).__name__}") and len(short) <= 121
    assert "Symbol(" not in short and "substeps=" not in short


@pytest.mark.parametrize("name", ["explanation", "one parameter", "deeper", "graph"])
def test_text_fits_a_narrow_terminal(name):
    obj, view = RESULTS[name]
    for width in (44, 60):
        shown = render(obj, "text", width=width, **view)
        assert max(len(line) for line in shown.splitlines()) <= width


def test_a_long_chain_of_leibniz_names_breaks_between_them_with_its_spaces():
    shown = render(backprop(Network(), ["w1"]), "text", width=44, param="w1")
    assert "    = ∂J/∂ŷ · ∂ŷ/∂z₂ · ∂z₂/∂a₁ · ∂a₁/∂z₁\n        · ∂z₁/∂w₁\n" in shown


def test_a_result_with_one_gradient_shows_that_gradients_chain():
    one = backprop(Network(), ["w2"])
    shown = render(one, "text")
    assert "The chain rule for ∂J/∂w₂" in shown
    assert "Why backpropagation is cheap" not in shown  # nothing is reused with one gradient
    assert render(one, "text") == render(one, "text", param="w2")


def test_formats_lay_out_documents_without_reaching_back_into_the_views():
    # A format gets everything it says from the document; only render() turns a result into
    # its document first, inside the call.
    for path in sorted((PACKAGE / "formats").glob("*.py")):
        for name in _top_level_imports(path):
            assert not name.startswith("chainrule.views"), (path.name, name)
