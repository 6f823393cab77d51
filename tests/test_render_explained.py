"""Every format on what the rule engine really builds: the essential content a learner must see."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from chainrule.document import Derivation
from chainrule.explaining import explain
from chainrule.formats import FORMATS, render
from chainrule.views import document

#: The formats that lay out an explanation ("dot" draws only the graph).
LAYOUTS = [f for f in FORMATS if f != "dot"]

ANSI = re.compile(r"\x1b\[")


def plain(obj, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    console.print(obj)
    return console.file.getvalue()


def flat(text: str) -> str:
    """Whitespace collapsed, so a check does not depend on where a line wrapped."""
    return " ".join(text.split())


# formula, wrt, what the text view must show (each a phrase, whitespace-insensitive)
ESSENTIALS = [
    (
        "log(2+cos(x))",
        None,
        [
            "f(u) = ln(u)",
            "f′(u) = 1/u",
            "u = g(x) = 2 + cos(x)",
            "g′(x) = −sin(x)",
            "d/du ln(u) = 1/u",
            "Chain rule",
            "−sin(x)/(2 + cos(x))",
            "✓ checked against sympy.diff",
        ],
    ),
    (
        "log(sin(x^2))",
        None,
        ["f(u) = ln(u)", "u = g(v) = sin(v)", "v = k(x) = x²", "h′(x) = f′(u)·g′(v)·k′(x)"],
    ),
    (
        "x^2 y + sin(x y)",
        "y",
        ["partial derivative", "(x is held constant)", "treat x as constant", "∂/∂y"],
    ),
    ("sigmoid(w*x + b)", "w", ["(b and x are held constant)", "Sigmoid (table)", "σ(u)"]),
    ("sin(x)/x", None, ["Quotient rule", "(P/Q)′ = (P′Q − PQ′)/Q²"]),
    ("x^x", None, ["Logarithmic differentiation", "ln(y) = x·ln(x)"]),
    ("x^3 sin(x)", None, ["Product rule", "(PQ)′ = P′Q + PQ′"]),
    ("f(g(x))", None, ["f′(g(x))·g′(x)", "f is not given"]),
    # f′ at an inner function that is neither a symbol nor an undefined function
    ("f(2x)", None, ["d/dx f(2x) = 2f′(2x)", "f is not given"]),
    ("f(x^2 + 1)", None, ["d/dx f(x² + 1) = 2x·f′(x² + 1)", "put u = x² + 1 back in"]),
]


@pytest.mark.parametrize(("formula", "wrt", "phrases"), ESSENTIALS)
def test_text_and_rich_show_the_essentials(formula, wrt, phrases):
    ex = explain(formula, wrt=wrt)
    text, rich = flat(render(ex, "text")), flat(plain(ex))
    for phrase in phrases:
        assert phrase in text, phrase
        assert phrase in rich, phrase


@pytest.mark.parametrize(("formula", "wrt", "phrases"), ESSENTIALS)
def test_every_format_numbers_every_step(formula, wrt, phrases):
    ex = explain(formula, wrt=wrt)
    # A step met again is cited and x′ = 1, c′ = 0 are written in place: not one line a step.
    # The tidy-up after the rules numbers on from them.
    lines = [line for b in document(ex).blocks if isinstance(b, Derivation) for line in b.lines]
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    text, md, tex = (render(ex, f) for f in ("text", "markdown", "latex"))
    for n in range(1, len(lines) + 1):
        assert f"{n}. " in text
        assert f"{n}. **" in md
        assert rf"\textbf{{{n}. " in tex
    count = len(lines) + 1
    assert f"{count}. **" not in md and rf"\textbf{{{count}. " not in tex


@pytest.mark.parametrize("format", LAYOUTS)
@pytest.mark.parametrize(("formula", "wrt", "phrases"), ESSENTIALS)
def test_every_format_renders_what_the_engine_builds(format, formula, wrt, phrases):
    assert render(explain(formula, wrt=wrt), format)


@pytest.mark.parametrize("format", LAYOUTS)
def test_only_rich_has_escape_codes(format):
    shown = render(explain("log(sin(x^2))"), format)
    assert bool(ANSI.search(shown)) == (format == "rich")


def test_no_color_terminal_has_no_colour_codes(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    console = Console(file=io.StringIO(), width=80, force_terminal=True)
    console.print(explain("log(2+cos(x))"))
    shown = console.file.getvalue()
    # NO_COLOR removes colour; bold and dim may stay, as the NO_COLOR convention allows.
    assert not re.search(r"\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;)", shown)
    assert "Chain rule" in shown


def test_deep_nesting_stays_within_80_columns():
    ex = explain("sin(sin(sin(sin(sin(sin(x^2+1))))))")
    for shown in (render(ex, "text"), plain(ex)):
        assert max(len(line) for line in shown.splitlines()) <= 80


def test_markdown_math_is_delimited_and_latex_braces_balance():
    ex = explain("sqrt(1+x^2)*exp(-x)")
    md = render(ex, "markdown")
    for line in md.splitlines():
        assert line.count("$") % 2 == 0, line
    tex = render(ex, "latex")
    escaped = re.sub(r"\\[{}]", "", tex)
    assert escaped.count("{") == escaped.count("}")


def test_explanation_renders_itself():
    ex = explain("log(2+cos(x))")
    assert "−sin(x)/(2 + cos(x))" in plain(ex)
    assert "−sin(x)/(cos(x) + 2)" in plain(ex.root)
    assert ex._repr_latex_().startswith("$$")
    assert r"\frac{1}{u}" in ex.root._repr_latex_()


def test_each_chain_inside_a_product_gets_its_own_decomposition():
    text = flat(render(explain("sqrt(1+x^2)*exp(-x)"), "text"))
    assert text.count("Decomposition: ") == 2
    assert "√(1 + x²) = f(g(x))" in text  # as typed, not SymPy's x² + 1
    assert "e^(−x) = k(p(x))" in text  # two different functions never share a name
    assert "h(x)" not in text  # h names only a chain that is the whole expression


def test_a_long_answer_wraps_under_its_label():
    text = render(explain("x/((x+1)(x+2))"), "text", width=60)
    answer = text.split("Answer")[1].splitlines()
    assert answer[1].startswith("│ As derived: d/dx")
    assert answer[2].startswith("│               = ")  # under the d of d/dx
    text = render(explain("x sin(x)/((x+1)(x+2))"), "text", width=60)
    answer = text.split("Answer")[1].splitlines()
    assert answer[1].startswith("│ Result: d/dx")
    assert answer[2].startswith("│           = ")  # under the d of d/dx, inside the panel
    assert text.count("Result:") == 1


def test_a_fraction_after_d_dx_is_bracketed_on_one_line():
    ex = explain("1/(x^2+1)")
    assert "d/dx (1/(x² + 1)) = " in render(ex, "text")
    assert "d/du (1/u) = −1/u²" in render(ex, "text")
    assert r"\frac{d}{d u} \frac{1}{u}" in render(ex, "latex")  # \frac needs no brackets


@pytest.mark.parametrize(
    "formula", ["log(2+cos(x))", "σ(3x)·θ", "f(g(x))", "x^x", "|x| − 2πx", "asec(x)^2"]
)
def test_latex_is_plain_ascii_so_pdflatex_takes_it(formula):
    out = render(explain(formula, wrt="x"), "latex")
    assert out.isascii(), sorted({ch for ch in out if not ch.isascii()})


def test_no_rule_says_when_sympy_has_no_closed_form_either():
    import sympy as sp

    from chainrule import steps as S

    x = sp.Symbol("x")
    f = sp.Function("F")(x)
    step = S.NoRuleStep(expression=f, variable=x, derivative=sp.Derivative(f, x))
    assert "neither chainrule nor SymPy has a rule" in render(step, "text")


@pytest.mark.parametrize("width", [50, 80])
def test_long_math_breaks_before_an_operator_never_after_one(width):
    # A line ending in + or · leaves the reader holding half a term; a break comes before.
    text = render(explain("sin(exp(x^2+3x+1)*cos(x^3+2x+5)*tan(x^4+x+7))"), "text", width=width)
    for line in text.splitlines():
        inside = line.strip("│ ")
        assert not inside.endswith(("+", "−", "·", "(")), line
        assert len(line) <= width
