"""The web page: one offline file that parses, MathML for the math, every view laid out."""

import re
from html.parser import HTMLParser
from xml.dom.minidom import parseString

import pytest
import sympy as sp

from chainrule.document import (
    Box,
    Document,
    Equation,
    Exercise,
    Heading,
    Para,
    Pause,
    Table,
    Verdict,
)
from chainrule.document.terms import Num
from chainrule.explaining import explain
from chainrule.formats import html, render
from chainrule.formats.html_plot import svg
from chainrule.network import Network, backprop
from chainrule.network.graph import graph
from chainrule.network.numbers import evaluate
from chainrule.network.training import train

x = sp.Symbol("x")
VOID = {"meta", "hr", "br", "img", "input", "link"}  # HTML elements with no end tag


def _pages() -> dict[str, str]:
    r = backprop(Network())
    return {
        "course": render(explain("log(2+cos(x))"), "html"),
        "quotient": render(explain("sin(x)/x * x^x"), "html"),
        "nested": render(explain("log(sin(x^2))"), "html"),
        "w2": render(r, "html", param="w2", at=evaluate(r, {})),
        "all": render(r, "html"),
        "graph": render(graph(Network()), "html"),
        "training": render(train(Network(), steps=10), "html"),
    }


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return _pages()


class _Nesting(HTMLParser):
    """Every element closed, in order (html.parser itself forgives anything)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


def _nesting_errors(page: str) -> list[str]:
    parser = _Nesting()
    parser.feed(page)
    parser.close()
    return parser.errors + [f"<{tag}> never closed" for tag in parser.open]


VIEWS = ["course", "quotient", "nested", "w2", "all", "graph", "training"]


@pytest.mark.parametrize("view", VIEWS)
def test_page_parses(pages, view):
    page = pages[view]
    assert page.startswith("<!doctype html>\n")
    assert '<meta charset="utf-8">' in page
    assert _nesting_errors(page) == []


@pytest.mark.parametrize("view", VIEWS)
def test_page_fetches_nothing(pages, view):
    page = pages[view].lower()
    for needle in ("http:", "https:", "//", "src=", "<link", "<script", "@import", "url("):
        assert needle not in page


@pytest.mark.parametrize("view", VIEWS)
def test_math_is_well_formed_mathml(pages, view):
    maths = re.findall(r"<math[ >].*?</math>", pages[view], flags=re.S)
    assert maths
    for markup in maths:
        parseString(markup)  # raises on anything a strict XML reader would reject


@pytest.mark.parametrize("view", VIEWS)
def test_light_and_dark(pages, view):
    assert "prefers-color-scheme: dark" in pages[view]


def test_course_page(pages):
    page = pages["course"]
    assert "<title>chainrule: d/dx log(2+cos(x))</title>" in page
    assert '<h1>The derivative of <math><mrow><mi mathvariant="normal">ln</mi>' in page
    # 2 + cos(x) as typed: the 2 comes first.
    assert '<mo stretchy="false">(</mo><mrow><mn>2</mn><mo>+</mo>' in page
    assert '<section class="panel decomposition"><p class="title">Decomposition: <math>' in page
    assert '<tr><th scope="row">outer</th><td><math>' in page
    # 2′ = 0 is written in the sum's line: the first step is cos′ from the table.
    assert '<strong class="rule">Constant rule</strong>' not in page
    assert '<ol class="steps"><li value="1"><p><strong class="rule">Trigonometric' in page
    assert '<span class="uses">(from steps 2 and 3)</span>' in page
    assert '<strong class="rule">Substitute back</strong>' in page
    assert '<section class="panel ok"><p class="title">Answer</p>' in page
    assert (
        '<p class="verdict ok"><span class="mark" aria-hidden="true">✓</span>'
        "checked against sympy.diff (symbolically), step by step</p>"
    ) in page


def test_a_step_is_one_row_per_side(pages):
    # Step 5: d/dx ln(cos(x) + 2) = (1/(cos(x) + 2))·(−sin(x)) = −sin(x)/(cos(x) + 2).
    step = pages["course"].split('<li value="5">')[1].split("</li>")[0]
    assert step.count("<mtr>") == 2
    assert step.count('<mtd class="rhs" columnalign="left"><mrow><mo>=</mo>') == 2
    assert '<mtable displaystyle="true">' in step


def test_a_long_side_continues_on_the_next_rows(pages):
    written_out = pages["all"].split("Every gradient, written out")[1]
    assert '<mspace width="1.2em"></mspace><mo>·</mo>' in written_out


def test_tables_right_align_numbers(pages):
    assert '<th scope="col" class="num">' in pages["training"]
    assert '<td class="num">−0.430187</td>' in pages["w2"]


def test_training_draws_the_curve(pages):
    page = pages["training"]
    assert '<svg class="plot" viewBox=' in page
    assert '<polyline class="curve" points="' in page


def test_graph_is_a_flowchart(pages):
    page = pages["graph"]
    assert page.count('<div class="stem">') == 6  # x, z₁, a₁, z₂, ŷ, J
    assert page.count('<div class="down">') == 5


@pytest.mark.parametrize(
    ("values", "log"),
    [((0.1, 0.01, 0.0001), True), ((0.09, 0.05, 0.01), False), ((1.0, -1.0, 0.001), False)],
)
def test_plot_goes_logarithmic_over_two_decades(values, log):
    drawn = svg(values, (0, 1, 2), "J")
    assert ("(log scale)" in drawn) == log
    assert ">step</text>" in drawn and ">J</tspan>" in drawn


def test_plot_of_one_point_still_shows_it():
    assert "<circle" in svg((0.5,), (0,), "J")


def test_every_block_and_every_word_escaped():
    doc = Document(
        (
            Heading(
                (
                    "Is <b>",
                    x,
                    "</b> & more",
                ),
                level=1,
            ),
            Para(("<script>alert(1)</script>",)),
            Equation((x**2, 2 * x), label=("a < b:",), note=("x > 0",)),
            Box(("Answer",), (Verdict("failed", ("no",)), Verdict("skipped", ("-",))), "failed"),
            Pause(("think",)),
            Exercise(("differentiate ", sp.sin(x)), (sp.cos(x),)),
            Table(("x", "x²"), ((Num(1.0), Num(1.0)), (Num(-2.0), Num(4.0)))),
        ),
        title="<title>",
    )
    page = html.render(doc)
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page and "Is &lt;b&gt;" in page and "&amp; more" in page
    assert "<title>&lt;title&gt;</title>" in page
    assert '<span class="label">a &lt; b:</span>' in page
    assert '<section class="panel failed">' in page and "✗" in page and "–" in page
    assert '<hr class="pause"><p class="pause">think</p>' in page
    assert "<details><summary>Answer</summary>" in page
    assert '<td class="num">−2</td>' in page
    assert _nesting_errors(page) == []


def test_fragment_styles_only_itself():
    fragment = html.fragment(Document((Para(("hello ", x)),)))
    assert fragment.startswith("<style>") and '<div class="chainrule fragment">' in fragment
    assert "<html" not in fragment and "<body" not in fragment
    style = fragment.split("<style>")[1].split("</style>")[0]
    style = re.sub(r"@media[^{]*\{", "", style)
    for selectors in re.findall(r"([^{}]+)\{", style):
        for selector in selectors.split(","):
            assert selector.strip().startswith(".chainrule"), selector
