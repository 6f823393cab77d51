"""Markdown: headings, words, $…$ and $$…$$ math, pipe tables; pandoc turns it into a PDF.

Outside the math there must be nothing pdflatex rejects (✓, −, δ, ₁ …), so the Markdown of
every view goes through ``pandoc -o out.pdf`` with pandoc's default engine.
"""

import re
import shutil
import subprocess

import pytest
from test_format_latex import every_block, long_ones, views  # the documents, built once

import chainrule
from chainrule.formats import markdown, render
from chainrule.formats.latex_width import tex_width
from chainrule.formats.markdown import ROOM, SAFE, escape


def outside_math(md: str) -> str:
    """The text a Markdown reader sets as words: fenced code and $…$ math taken out."""
    md = re.sub(r"```.*?```", "", md, flags=re.S)
    md = re.sub(r"\$\$.*?\$\$", "", md, flags=re.S)
    return re.sub(r"\$[^$\n]+\$", "", md)


def test_course_example():
    md = render(chainrule.explain("log(2+cos(x))"), "markdown")
    g = r"2 + \cos{\left(x \right)}"  # as typed, not SymPy's cos(x) + 2
    assert md.startswith(rf"# The derivative of $\ln{{\left({g} \right)}}$ with respect to $x$")
    assert "\n### Steps\n" in md
    assert (
        rf"4. **Chain rule** — outer $\ln{{\left(u \right)}}$, inner $u = {g}$; multiply their"
        " derivatives (from steps 2 and 3)\n"
        "\n"
        "   $$\n"
        rf"   \frac{{d}}{{d x}} \ln{{\left({g} \right)}} = \frac{{1}}{{u}}"
        r" \cdot \left(- \sin{\left(x \right)}\right)"
        "\n   $$\n"
        "\n"
        rf"5. **Substitute back** — put $u = {g}$ back in (from step 4)"
        "\n\n   $$\n"
        rf"   \frac{{d}}{{d x}} \ln{{\left({g} \right)}} = \frac{{1}}{{{g}}}"
        r" \cdot \left(- \sin{\left(x \right)}\right)"
        rf" = - \frac{{\sin{{\left(x \right)}}}}{{{g}}}"
        "\n   $$\n"
    ) in md
    assert "> **Answer**\n>\n> $$\n" in md
    assert md.endswith("> $\\checkmark$ checked against sympy.diff (symbolically), step by step\n")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("a*b_c [x] #1 | $5 <b>", r"a\*b\_c \[x\] \#1 \| \$5 \<b\>"),
        ("(brackets stay) — and … stay", "(brackets stay) — and … stay"),
        ("δ₂ ✓ [−1, 1]", r"$\delta_{2}$ $\checkmark$ \[$-1$, 1\]"),
    ],
)
def test_escape(words, expected):
    assert escape(words) == expected


def test_a_paragraph_never_starts_a_list():
    assert markdown.words(("1. not a list",)) == r"1.\ not a list"
    assert markdown.words(("- not a bullet",)) == r"-\ not a bullet"


@pytest.mark.parametrize("name", list(views()))
def test_words_outside_math_are_ascii_or_safe(name):
    md = markdown.render(views()[name])
    assert md.count("$$") % 2 == 0
    unsafe = {ch for ch in outside_math(md) if not ch.isascii() and ch not in SAFE}
    assert not unsafe, f"{name}: {sorted(unsafe)}"


def test_plot_is_an_ascii_text_block_and_every_block_shows():
    md = markdown.render(every_block())
    fenced = re.search(r"```text\n(.*?)```", md, re.S).group(1)
    assert fenced.isascii() and "#" in fenced
    assert "**Try it yourself:**" in md and "<details><summary>Answer</summary>" in md
    assert "an unknown block still says $x$" in md
    assert "> **$\\times$ Answer**" in md


def test_tables_are_pipe_tables_with_numbers_to_the_right():
    md = markdown.render(views()["training"])
    header = next(line for line in md.splitlines() if line.startswith("| step |"))
    rule = md.splitlines()[md.splitlines().index(header) + 1]
    assert all(cell.endswith(":") for cell in rule.strip("|").split("|"))


@pytest.mark.parametrize("name", list(long_ones()))
def test_math_wider_than_the_page_is_broken_into_rows_that_fit(name):
    md = markdown.render(long_ones()[name])
    shown = re.findall(r"\$\$\n(.*?)\n[ >]*\$\$", md, re.S)
    # Each row of a display, and of a numerator or a denominator broken inside it.
    rows = [row for body in shown for row in re.split(r"\\\\|&|\n", body)]
    rows = [re.sub(r"^[ >]*|\\(begin|end)\{aligned(at)?\}(\{2\})?|\\frac", "", r) for r in rows]
    assert rows and max(tex_width(row) for row in rows) <= ROOM


@pytest.mark.skipif(
    shutil.which("pandoc") is None or shutil.which("pdflatex") is None,
    reason="pandoc and pdflatex are not both installed",
)
def test_pandoc_makes_a_pdf_of_every_view(tmp_path):
    for name in ("course", "partial", "w2", "all3", "graph", "training", "every block"):
        source = tmp_path / f"{name.replace(' ', '_')}.md"
        source.write_text(markdown.render(views()[name]))
        done = subprocess.run(
            ["pandoc", "-f", "markdown", source.name, "-o", source.with_suffix(".pdf").name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, f"{name}: {done.stderr}"
        assert source.with_suffix(".pdf").stat().st_size > 1000
