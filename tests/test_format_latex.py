"""LaTeX: the fragment, the standalone document pdflatex compiles, and Jupyter's display form.

The outside answer here is pdflatex itself: every view compiles, and no line runs more than
10pt past the margin (the old renderer's backpropagation ran 1000pt past it at three layers).
"""

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

import pytest
import sympy as sp

import chainrule
from chainrule.document import (
    Box,
    Document,
    Equals,
    Exercise,
    Frac,
    Heading,
    InOrder,
    Leibniz,
    Neg,
    Num,
    Para,
    Pause,
    Plot,
    Table,
    Terms,
    Verdict,
)
from chainrule.formats import latex, notation, render
from chainrule.formats.latex_rows import INLINE_BREAK, rows, side_rows, width
from chainrule.formats.latex_text import math, text
from chainrule.formats.latex_width import tex_width
from chainrule.formats.print_latex import LearnerLatexPrinter
from chainrule.network import Network, backprop
from chainrule.network.graph import graph
from chainrule.network.numbers import evaluate
from chainrule.network.training import train
from chainrule.views import document

x, y = sp.symbols("x y")


def nest(depth: int) -> str:
    """sin(sin(…(x)…)), ``depth`` deep, as a learner types it."""
    return "sin(" * depth + "x" + ")" * depth


#: 1/(a long sum): its derivative is a negative fraction too wide for a line.
RECIPROCAL = "1/(x^7 + x^6 + x^5 + x^4 + x^3 + x^2 + sin(x) + cos(x) + tan(x) + exp(x)"
RECIPROCAL += " + log(x) + sqrt(x) + atan(x))"


@dataclass(frozen=True)
class Aside:
    """A kind of block no format knows: formats must still show its words."""

    parts: tuple


def every_block() -> Document:
    return Document(
        (
            Heading(("Every block, with ", x, "_1 & 50% {braces}"), level=1),
            Para(("Words with δₖ, ŷ, ∂J/∂θ, −1 and … # ~ ^ \\",)),
            Table(("step", "J"), ((Num(0), Num(0.5)), (Num(10), Num(-1.25e-7)))),
            Plot((0.9, 0.5, 0.3, 0.2, 0.15), (0, 1, 2, 3, 4), "J"),
            Verdict("skipped", ("not checked",)),
            Box(("Answer",), (Verdict("failed", ("WARNING: wrong",)),), status="failed"),
            Pause(("think first",)),
            Pause(),
            Exercise(("differentiate ", sp.sin(x) ** 2), ("2·sin(x)·cos(x)",)),
            Aside(("an unknown block still says ", x)),
        ),
        title="chainrule: every block & its 100% {escapes}",
    )


@cache
def views() -> dict[str, Document]:
    """The documents the brief names: explanations and every network view."""
    docs = {
        name: document(chainrule.explain(*args))
        for name, args in {
            "course": ("log(2+cos(x))",),
            "partial": ("x^2 y + sin(x y)", "y"),
            "quotient": ("sin(x)/x * x^x",),
            "root": ("sqrt(1+tan(x)^2)",),
            "nested": ("log(sin(x^2))",),
        }.items()
    }
    one, three = backprop(Network()), backprop(Network(layers=3))
    docs["w2"] = document(one, param="w2", at=evaluate(one, {}))
    docs["all"] = document(one)
    docs["all3"] = document(three, at=evaluate(three, {}))
    docs["graph"] = document(graph(Network(layers=3)))
    docs["training"] = document(train(Network(layers=2), steps=30))
    docs["step"] = document(chainrule.explain("log(2+cos(x))").root)
    docs["every block"] = every_block()
    return docs


@cache
def long_ones() -> dict[str, Document]:
    """Documents whose math is wider than any line: deep nests, a long fraction, a long chain."""
    # Two inner nodes: a chain of seven links after a fraction, and w₁'s gradient in x.
    entropy = backprop(Network(layers=2, cost="cross-entropy"))
    return {
        "nest 15": document(chainrule.explain(nest(15))),
        "nest 30": document(chainrule.explain(nest(30))),
        "reciprocal": document(chainrule.explain(RECIPROCAL)),
        "cross-entropy w1": document(entropy, param="w1"),
    }


def balanced(tex: str) -> bool:
    depth = 0
    for match in re.finditer(r"\\[{}]|[{}]", tex):
        if match.group() in "{}":
            depth += 1 if match.group() == "{" else -1
            if depth < 0:
                return False
    return depth == 0


# -- the course example, exactly ------------------------------------------------------------------


def test_course_example_fragment():
    tex = render(chainrule.explain("log(2+cos(x))"), "latex")
    assert tex.startswith("% chainrule: a LaTeX fragment; it needs \\usepackage{amsmath,amssymb}.")
    g = r"2 + \cos{\left(x \right)}"  # as typed, not SymPy's cos(x) + 2
    assert rf"\section*{{The derivative of $\ln{{\left({g} \right)}}$ with respect to $x$}}" in tex
    assert (
        r"\noindent\textbf{4. Chain rule} --- outer $\ln{\left(u \right)}$, inner"
        rf" $u = {g}$; multiply their derivatives (from steps 2 and 3)"
        "\n\\begin{align*}\n"
        rf"  \frac{{d}}{{d x}} \ln{{\left({g} \right)}} & = \frac{{1}}{{u}} \cdot"
        r" \left(- \sin{\left(x \right)}\right)"
        "\n\\end{align*}\n\n"
        rf"\noindent\textbf{{5. Substitute back}} --- put $u = {g}$ back in (from step 4)"
        "\n\\begin{align*}\n"
        rf"  \frac{{d}}{{d x}} \ln{{\left({g} \right)}} & = \frac{{1}}{{{g}}} \cdot"
        rf" \left(- \sin{{\left(x \right)}}\right) = - \frac{{\sin{{\left(x \right)}}}}{{{g}}}"
        "\n\\end{align*}"
    ) in tex
    assert r"\text{outer}\quad f{\left(u \right)} & = \ln{\left(u \right)}, & \qquad" in tex
    assert r"\noindent $\checkmark$ checked against sympy.diff (symbolically), step by step" in tex


def test_standalone_is_a_whole_article():
    tex = render(chainrule.explain("x^2"), "latex", standalone=True)
    assert tex.startswith("\\documentclass{article}\n\\usepackage[T1]{fontenc}\n")
    for line in (r"\usepackage{amsmath,amssymb}", r"\allowdisplaybreaks", r"\begin{document}"):
        assert line in tex
    assert tex.rstrip().endswith(r"\end{document}")
    assert r"\title{chainrule: d/dx x\textasciicircum{}2}" in tex


# -- words ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("50% of a_b & c — x", r"50\% of a\_b \& c --- x"),
        (
            "{a} #1 ~ ^ \\ $5",
            r"\{a\} \#1 \textasciitilde{} \textasciicircum{} \textbackslash{} \$5",
        ),
        ("δₖ and z₂", r"$\delta_{k}$ and $z_{2}$"),
        (
            "θ ← θ − η·∂J/∂θ.",
            r"$\theta$ $\leftarrow$ $\theta$ $-$ $\eta\cdot\partial J/\partial\theta$.",
        ),
        ("[−1, 1] ✓ ✗ …", r"[$-1$, 1] $\checkmark$ $\times$ \ldots{}"),
        ("ŷ′ ∘ x² – é", r"$\hat{y}'$ $\circ$ $x^{2}$ -- e"),
        ("a\nb", "a b"),
    ],
)
def test_text_escapes_words_for_pdflatex(words, expected):
    assert text(words) == expected
    assert text(words).isascii()


def test_math_printed_with_unicode_names_becomes_ascii():
    assert math(sp.latex(sp.Symbol("θ") * x)) == r"x {\theta}"


# -- layout ----------------------------------------------------------------------------------------


def test_width_estimate_reads_a_fraction_as_its_wider_part():
    built_up, inline = r"\frac{\partial J}{\partial w_{1}}", r"\partial J / \partial w_{1}"
    assert tex_width(built_up) < tex_width(inline)
    assert tex_width("x + y") > tex_width("xy")


def test_a_long_equation_is_broken_at_its_equals_signs_then_its_terms():
    term = sp.Add(*(sp.sin(k * x) for k in range(1, 30)))
    laid = rows((sp.Symbol("y"), term, term + 1), 300.0)
    assert len(laid) > 2
    assert all(row.width <= 300.0 for row in laid)
    assert laid[0].left == "y" and laid[0].right.startswith("= ")
    assert any(row.right.startswith(r"\quad {} + ") for row in laid)
    assert width(term) > 300.0


@pytest.mark.parametrize(
    "term",
    [
        x + y * sp.sin(x) - sp.cos(x) ** 2,
        sp.sin(x) * (x + 1) * sp.exp(x),
        -x * sp.log(x) * (y - 1),
        Terms((x, Neg(sp.sin(x) + y), sp.Integer(-3) * x)),
        InOrder((Leibniz(sp.Symbol("J"), y), -sp.sin(x), x + 1), strict=True, spaced=True),
        InOrder((sp.sin(x), sp.cos(x) * x), strict=True),
    ],
)
def test_parts_are_the_pieces_with_the_terms_they_print(term):
    parts = LearnerLatexPrinter().parts(term)
    assert [(p.op, p.text) for p in parts] == notation.latex_pieces(term)
    for part in parts:
        printed = notation.latex(part.term)
        assert part.text == (rf"\left({printed}\right)" if part.bracketed else printed)


def sums(k: int) -> sp.Expr:
    return sp.Add(*(sp.sin(j * x) for j in range(1, k)))


@pytest.mark.parametrize(
    ("name", "term"),
    [
        ("product of sums", sp.Mul(*(x + j + sp.sin(j * x) for j in range(1, 9)))),
        ("sum", sums(30)),
        ("fraction", sums(12) / (x**2 + sums(14))),
        ("negative fraction", -sp.sin(x) * sums(12) / sums(14)),
        ("fraction as written", Frac(sums(12), x * sums(8))),
        ("number times a product", 2 * x * sp.Mul(*(sp.cos(j * x) + 1 for j in range(1, 9)))),
        ("function nest", sp.sympify(nest(30))),
        ("derivative of a nest", chainrule.explain(nest(20)).root.expression),
        ("sum to a power", sums(20) ** 2),
    ],
)
def test_a_long_term_is_broken_into_rows_that_fit(name, term):
    room = 200.0
    laid = side_rows(term, room)
    # Rows of the side, and rows of a fraction's numerator or denominator broken inside it.
    lines = [line for row, _ in laid for line in re.split(r"\\\\|&", row)]
    assert len(lines) > 1, name
    for row, estimated in laid:
        assert estimated <= room + 0.01, f"{name}: {row}"
    for line in lines:
        line = re.sub(r"\\(begin|end)\{aligned\}|\\frac", "", line)
        assert tex_width(line) <= room + 1.0, f"{name}: {line}"
    joined = " ".join(row for row, _ in laid)
    # Every bracket opened on one row is closed on another, and nothing is lost.
    opened = len(re.findall(r"(?<!\\left)(?<!\\right)\(", joined))
    closed = len(re.findall(r"(?<!\\left)(?<!\\right)\)", joined))
    assert opened == closed, name
    names = re.findall(r"\\(?:sin|cos|ln)\b", notation.latex(term))
    assert len(re.findall(r"\\(?:sin|cos|ln)\b", joined)) == len(names), name


def test_a_function_nest_breaks_after_a_functions_name_not_inside_a_word():
    laid = side_rows(sp.sympify(nest(40)), 300.0)
    assert laid[0][0].startswith(r"\sin\,(\sin\,(")
    assert all(r"\left(" not in row for row, _ in laid[:-1])
    assert laid[-1][0].endswith(")" * 10)


def test_a_negative_fraction_breaks_inside_its_numerator_and_denominator():
    (row, w), *rest = side_rows(-sp.sin(x) * sums(12) / sums(14), 300.0)
    assert not rest
    assert row.startswith(r"- \frac{\begin{aligned}")
    assert w <= 300.0


def test_a_long_formula_in_a_sentence_may_break_between_pieces():
    u = sp.Symbol("u")
    said = latex.words(("outer ", sp.sin(u), ", inner ", Equals((u, sp.sympify(nest(20))))), 455.0)
    pieces = said.split(INLINE_BREAK)
    assert len(pieces) > 2
    assert pieces[0].startswith(r"outer $\sin{\left(u \right)}$, inner $u$")
    assert pieces[1].startswith("${} = ")
    for piece in pieces[1:]:
        assert tex_width(piece.strip("$")) <= 0.2 * 455.0 + 1.0
    short = latex.words(("inner ", Equals((u, sp.sin(x)))), 455.0)
    assert short == r"inner $u = \sin{\left(x \right)}$"


def test_a_long_fraction_in_a_sentence_is_written_with_a_slash():
    said = latex.words(("of ", 1 / sums(12)), 300.0)
    assert said.startswith("of $1 / (")
    assert r"\frac" not in said and "aligned" not in said


def test_a_long_word_in_a_title_may_break_after_a_bracket():
    assert text("d/dx " + nest(12)).count(r"(\allowbreak{}") == 12
    assert text("sin(x)") == "sin(x)"


# -- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (float("inf"), r"\infty"),
        (float("-inf"), r"-\infty"),
        (float("nan"), r"\text{undefined}"),
        (1.5e-5, r"1.5 \cdot 10^{-5}"),
        (0.25, "0.25"),
    ],
)
def test_numbers(value, expected):
    assert notation.latex_number(value) == expected


def test_an_infinite_value_is_infinity_in_a_table():
    table = Table(("node", "value"), (("z", Num(float("inf"))), ("a", Num(float("nan")))))
    tex = latex.render(Document((table,), title="values"))
    assert r"$\infty$" in tex and r"$\text{undefined}$" in tex
    assert "inf$" not in tex.replace(r"\infty$", "")


# -- every view ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(views()))
@pytest.mark.parametrize("standalone", [False, True])
def test_every_view_is_ascii_and_balanced(name, standalone):
    tex = latex.render(views()[name], standalone=standalone)
    assert tex.isascii()
    assert balanced(tex)
    assert len(re.findall(r"\\left\b", tex)) == len(re.findall(r"\\right\b", tex))
    for env in ("align*", "alignat*", "tabular", "picture", "list", "center"):
        assert tex.count(rf"\begin{{{env}}}") == tex.count(rf"\end{{{env}}}")


def test_unknown_blocks_and_every_kind_show_their_words():
    tex = latex.render(every_block())
    assert "an unknown block still says $x$" in tex
    assert r"\textbf{Try it yourself:}" in tex and r"\textit{Answer:}" in tex
    assert r"\qbezier" in tex  # the curve, drawn without pgfplots
    assert r"\textbf{$\times$ WARNING: wrong}" in tex


@pytest.mark.parametrize("name", list(views()))
def test_jupyter_display_is_one_mathjax_block(name):
    shown = latex.display(views()[name])
    assert shown.startswith("$$\\begin{aligned}\n") and shown.endswith("\\end{aligned}$$")
    assert balanced(shown)
    for missing in (r"\section", r"\intertext", "tabular", r"\noindent", r"\rule"):
        assert missing not in shown


# -- pdflatex -------------------------------------------------------------------------------------


def overfull(tex: str, tmp_path, name: str) -> list[float]:
    """How far each line of the compiled document runs past the margin (points)."""
    path = tmp_path / f"{name.replace(' ', '_')}.tex"
    path.write_text(tex)
    done = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", path.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    log = path.with_suffix(".log").read_text(errors="replace")
    assert done.returncode == 0, f"{name}: {re.findall(r'^!.*', log, re.M)}"
    return [float(pt) for pt in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", log)]


needs_pdflatex = pytest.mark.skipif(
    shutil.which("pdflatex") is None, reason="pdflatex is not installed"
)


@needs_pdflatex
def test_standalone_documents_compile_and_fit_the_page(tmp_path):
    for name in ("course", "partial", "quotient", "w2", "all3", "graph", "training", "every block"):
        tex = latex.render(views()[name], standalone=True)
        wide = overfull(tex, tmp_path, name)
        assert max(wide, default=0.0) < 10.0, f"{name} runs past the margin: {wide}"


@needs_pdflatex
@pytest.mark.parametrize("name", list(long_ones()))
def test_math_wider_than_the_page_is_broken_to_fit_it(name, tmp_path):
    # Before: the 15-deep nest's heading ran 118pt past the margin, the 30-deep's steps up to
    # 355pt, the tanh network's negative fraction 53pt (tanh with cross-entropy, since refused).
    tex = latex.render(long_ones()[name], standalone=True)
    wide = overfull(tex, tmp_path, name)
    assert max(wide, default=0.0) < 10.0, f"{name} runs past the margin: {wide}"


def test_a_run_of_scripts_in_words_is_one_script():
    from chainrule.formats.latex_text import split

    # zˡ = Wˡaˡ⁻¹ + bˡ in a sentence: a^{l}^{-}^{1} would stop pdflatex (double superscript).
    assert (True, "W^{l}a^{l-1}") in split("so Wˡaˡ⁻¹ + bˡ")
    assert (True, r"\tfrac{1}{2}") in split("ŷ above ½")
