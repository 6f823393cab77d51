"""Renderers on hand-built step trees: exact layouts at 80 columns, dispatch, every format's story.

The trees here are written out by hand (they are plain data), so these tests pin the renderers
alone; tests/test_render_explained.py renders what the rule engine actually builds.
"""

from __future__ import annotations

import io
import re

import pytest
import sympy as sp
from rich.console import Console

from chainrule import steps as S
from chainrule.formats import FORMATS, render, renderable
from chainrule.formats.latex_text import text as latex_text
from chainrule.formats.notation import unicode
from chainrule.formats.writer import Writer
from chainrule.views.explanation import document

x, y, u, v = sp.symbols("x y u v")
ANSI = re.compile(r"\x1b\[")


def course() -> S.ChainStep:
    """h(x) = ln(2 + cos x): f(u) = ln u, g(x) = cos x + 2 (the course's example)."""
    inner = sp.cos(x) + 2
    return S.ChainStep(
        expression=sp.log(inner),
        variable=x,
        outer=sp.log(u),
        u=u,
        inner=inner,
        outer_derivative=1 / u,
        inner_derivative=-sp.sin(x),
        written_at=1 / inner,
        derivative=-sp.sin(x) / inner,
        substeps=(
            S.SumStep(
                expression=inner,
                variable=x,
                derivative=-sp.sin(x),
                terms=(sp.Integer(2), sp.cos(x)),
                substeps=(
                    S.ConstantStep(expression=sp.Integer(2), variable=x, derivative=sp.Integer(0)),
                    S.TrigStep(expression=sp.cos(x), variable=x, derivative=-sp.sin(x)),
                ),
            ),
            S.LogarithmStep(expression=sp.log(u), variable=u, derivative=1 / u, base=sp.E),
        ),
    )


def nested() -> S.ChainStep:
    """ln(sin(x²)): ln(u), u = sin(v), v = x²."""
    sx2 = sp.sin(x**2)
    link = S.ChainStep(
        expression=sx2,
        variable=x,
        outer=sp.sin(v),
        u=v,
        inner=x**2,
        outer_derivative=sp.cos(v),
        inner_derivative=2 * x,
        written_at=sp.cos(x**2),
        derivative=2 * x * sp.cos(x**2),
        substeps=(
            S.PowerStep(expression=x**2, variable=x, derivative=2 * x, exponent=sp.Integer(2)),
            S.TrigStep(expression=sp.sin(v), variable=v, derivative=sp.cos(v)),
        ),
    )
    return S.ChainStep(
        expression=sp.log(sx2),
        variable=x,
        outer=sp.log(u),
        u=u,
        inner=sx2,
        outer_derivative=1 / u,
        inner_derivative=2 * x * sp.cos(x**2),
        written_at=1 / sx2,
        derivative=2 * x * sp.cos(x**2) / sx2,
        substeps=(
            link,
            S.LogarithmStep(expression=sp.log(u), variable=u, derivative=1 / u, base=sp.E),
        ),
    )


def partial() -> S.SumStep:
    """∂/∂y (x·y² + x), x held constant."""
    term = S.ConstantMultipleStep(
        expression=x * y**2,
        variable=y,
        derivative=2 * x * y,
        constant=x,
        factor=y**2,
        substeps=(
            S.PowerStep(expression=y**2, variable=y, derivative=2 * y, exponent=sp.Integer(2)),
        ),
    )
    held = S.ConstantStep(expression=x, variable=y, derivative=sp.Integer(0))
    return S.SumStep(
        expression=x * y**2 + x,
        variable=y,
        derivative=2 * x * y,
        terms=(x * y**2, x),
        substeps=(term, held),
    )


def explanation(
    root: S.Step, constants=(), ok=True, derivative=None, simplified=True
) -> S.Explanation:
    return S.Explanation(
        input=None,
        expression=root.expression,
        variable=root.variable,
        constants=tuple(constants),
        root=root,
        derivative=root.derivative if derivative is None else derivative,
        simplified=simplified,
        verification=S.Verification(
            ok=ok,
            method="symbolic",
            steps_checked=sum(1 for _ in root.walk()),
            failures=() if ok else (root.expression,),
        ),
    )


def plain_rich(obj, width: int = 80) -> str:
    """The rich view as a colourless terminal of ``width`` columns shows it."""
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    console.print(obj)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"


COURSE_RICH = """\
The derivative of ln(cos(x) + 2) with respect to x

╭─ Decomposition: h = f∘g ──────────────────────╮
│ h(x) = ln(cos(x) + 2) = f(g(x))               │
│ outer  f(u) = ln(u)           f′(u) = 1/u     │
│ inner  u = g(x) = cos(x) + 2  g′(x) = −sin(x) │
│ h′(x) = f′(g(x))·g′(x)                        │
╰───────────────────────────────────────────────╯

Steps
─────
The derivative of a constant (0) is written where it is used, not on a line of
its own.
1. Trigonometric (table) — from the derivative table
     d/dx cos(x) = −sin(x)
2. Sum rule — differentiate term by term, then add (from step 1)
     d/dx (cos(x) + 2) = 0 − sin(x) = −sin(x)
3. Logarithm (table) — from the derivative table; for u > 0
     d/du ln(u) = 1/u
4. Chain rule — outer ln(u), inner u = cos(x) + 2; multiply their derivatives
   (from steps 2 and 3)
     d/dx ln(cos(x) + 2) = (1/u)·(−sin(x))
5. Substitute back — put u = cos(x) + 2 back in (from step 4)
     d/dx ln(cos(x) + 2) = (1/(cos(x) + 2))·(−sin(x)) = −sin(x)/(cos(x) + 2)

╭─ Answer ──────────────────────────────────────────────────╮
│ Result: d/dx ln(cos(x) + 2) = −sin(x)/(cos(x) + 2)        │
│ ✓ checked against sympy.diff (symbolically), step by step │
╰───────────────────────────────────────────────────────────╯
"""

NESTED_TEXT = """\
The derivative of ln(sin(x²)) with respect to x

╭─ Decomposition: h = f∘g∘k ────────────────╮
│ h(x) = ln(sin(x²)) = f(g(k(x)))           │
│ outer   f(u) = ln(u)       f′(u) = 1/u    │
│ middle  u = g(v) = sin(v)  g′(v) = cos(v) │
│ inner   v = k(x) = x²      k′(x) = 2x     │
│ h′(x) = f′(u)·g′(v)·k′(x)                 │
╰───────────────────────────────────────────╯

Steps
─────
1. Power rule — bring down the exponent 2, lower it by one
     d/dx x² = 2x
2. Trigonometric (table) — from the derivative table
     d/dv sin(v) = cos(v)
3. Chain rule — outer sin(v), inner v = x²; multiply their derivatives (from
   steps 1 and 2)
     d/dx sin(x²) = cos(v)·2x
4. Substitute back — put v = x² back in (from step 3)
     d/dx sin(x²) = 2x·cos(x²)
5. Logarithm (table) — from the derivative table; for u > 0
     d/du ln(u) = 1/u
6. Chain rule — outer ln(u), inner u = sin(x²); multiply their derivatives (from
   steps 4 and 5)
     d/dx ln(sin(x²)) = (1/u)·(2x·cos(x²))
7. Substitute back — put u = sin(x²) back in (from step 6)
     d/dx ln(sin(x²)) = (1/sin(x²))·(2x·cos(x²)) = 2x·cos(x²)/sin(x²)

╭─ Answer ──────────────────────────────────────────────────╮
│ Result: d/dx ln(sin(x²)) = 2x·cos(x²)/sin(x²)             │
│ ✓ checked against sympy.diff (symbolically), step by step │
╰───────────────────────────────────────────────────────────╯
"""


# -- whole layouts at a fixed width ----------------------------------------------------------------


def test_course_example_in_an_80_column_terminal():
    assert plain_rich(explanation(course())) == COURSE_RICH


def test_nested_chain_as_plain_text():
    assert render(explanation(nested()), "text", width=80) == NESTED_TEXT


@pytest.mark.parametrize("width", [40, 60, 80])
def test_text_and_rich_fit_the_width(width):
    ex = explanation(nested())
    for shown in (render(ex, "text", width=width), plain_rich(ex, width)):
        assert max(len(line) for line in shown.splitlines()) <= width


def test_long_equations_break_at_the_equals_signs():
    shown = render(explanation(nested()), "text", width=44)
    assert (
        "     d/dx ln(sin(x²))\n       = (1/sin(x²))·(2x·cos(x²))\n       = 2x·cos(x²)/sin(x²)"
        in shown
    )


# -- dispatch ---------------------------------------------------------------------------


def test_visit_walks_the_mro_to_the_closest_method():
    class Probe(Writer):
        def _print_Step(self, step):
            return "Step"

        def _print_TableStep(self, step):
            return "TableStep"

        def _print_ChainStep(self, step):
            return "ChainStep"

    probe = Probe()
    assert probe.write(course()) == "ChainStep"
    assert probe.write(course().outer_step) == "TableStep"  # LogarithmStep → TableStep
    assert probe.write(course().inner_step) == "Step"  # SumStep → fallback


def test_an_unknown_kind_of_step_still_shows_its_math():
    from dataclasses import dataclass
    from typing import ClassVar

    @dataclass(frozen=True, kw_only=True)
    class NewRuleStep(S.Step):
        rule: ClassVar[str] = "brand_new"

    step = NewRuleStep(expression=x**2, variable=x, derivative=2 * x)
    (line,) = document(step).blocks[-1].lines
    assert line.title == "Brand new"
    assert tuple(unicode(side) for side in line.math) == ("d/dx x²", "2x")
    assert "d/dx x² = 2x" in render(step, "text")


def test_render_refuses_what_is_not_a_step():
    with pytest.raises(TypeError):
        render(sp.sin(x), "text")
    with pytest.raises(ValueError, match="unknown format"):
        render(course(), "pdf")


# -- essential content in every format -----------------------------------------------------------


@pytest.mark.parametrize("format", [f for f in FORMATS if f != "dot"])
def test_no_escape_codes_except_in_rich(format):
    shown = render(explanation(course()), format)
    assert bool(ANSI.search(shown)) == (format == "rich")


def test_rich_view_without_colour_is_the_text_story():
    ex = explanation(course())
    plain = " ".join(plain_rich(ex).split())
    for line in render(ex, "text").splitlines():
        words = " ".join(line.split())
        assert words in plain, words


def test_course_example_in_every_format():
    ex = explanation(course())
    text = render(ex, "text")
    for part in (
        "f(u) = ln(u)",
        "f′(u) = 1/u",
        "g(x) = cos(x) + 2",
        "g′(x) = −sin(x)",
        "−sin(x)/(cos(x) + 2)",
    ):
        assert part in text
    tex = render(ex, "latex")
    for part in (
        r"f{\left(u \right)} & = \ln{\left(u \right)}",
        r"f'\left(u\right) & = \frac{1}{u}",
        r"\textbf{4. Chain rule}",
    ):
        assert part in tex
    md = render(ex, "markdown")
    assert r"f'\left(u\right) & = \frac{1}{u}" in md
    assert "4. **Chain rule**" in md
    page = render(ex, "html")
    assert page.startswith("<!doctype html>") and "<math" in page and "Chain rule" in page


def test_partial_derivatives_say_what_is_held_constant():
    ex = explanation(partial(), constants=(x,))
    text = render(ex, "text")
    assert "The partial derivative of x·y² + x with respect to y" in text
    assert "(x is held constant)" in text
    assert "treat x as constant" in text
    assert "∂/∂y (x·y² + x) = 2x·y + 0 = 2x·y" in text
    assert r"\frac{\partial}{\partial y}" in render(ex, "latex")
    assert "($x$ is held constant)" in render(ex, "markdown")


def test_simplified_form_is_shown_beside_the_derived_one():
    assert "Result:" in render(explanation(course()), "text")  # nothing left to simplify
    other = explanation(course(), derivative=sp.Symbol("simple"))
    text = render(other, "text")
    assert "As derived: d/dx ln(cos(x) + 2) = −sin(x)/(cos(x) + 2)" in text
    assert "Simplified: d/dx ln(cos(x) + 2) = simple" in text


def test_budget_note_when_not_simplified():
    assert "left as derived" in render(explanation(course(), simplified=False), "text")


def test_a_failed_verification_is_loud_everywhere():
    ex = explanation(course(), ok=False)
    for format in ("text", "rich", "markdown", "latex"):
        assert "WARNING" in render(ex, format)
    assert "✗ WARNING: this does NOT agree with sympy.diff" in render(ex, "text")
    assert "✓" not in render(ex, "text")


def test_a_bare_step_renders_without_the_frame():
    text = render(course(), "text")
    assert "Decomposition" in text.splitlines()[0]
    assert "Answer" not in text


# -- LaTeX ---------------------------------------------------------------------------


def _balanced(tex: str) -> bool:
    depth = 0
    for match in re.finditer(r"\\[{}]|[{}]", tex):
        if match.group() in "{}":
            depth += 1 if match.group() == "{" else -1
            if depth < 0:
                return False
    return depth == 0


@pytest.mark.parametrize("tree", [course, nested, partial])
def test_latex_environments_and_braces_balance(tree):
    tex = render(explanation(tree(), constants=(x,) if tree is partial else ()), "latex")
    assert tex.count(r"\begin{align*}") == tex.count(r"\end{align*}") >= 1
    assert _balanced(tex)
    assert tex.count(r"\left") == tex.count(r"\right")
    assert tex.count("$") % 2 == 0
    # Text-mode specials in our sentences are escaped; Unicode that pdflatex refuses is absent.
    assert tex.isascii()


def test_latex_text_escapes_specials_outside_math():
    assert latex_text("50% of a_b & c — $1") == r"50\% of a\_b \& c --- \$1"


# -- rich and Jupyter hooks -----------------------------------------------------------------------


@pytest.mark.parametrize("obj", [course(), explanation(course())])
def test_rich_and_jupyter_hooks(obj):
    assert "(1/(cos(x) + 2))·(−sin(x))" in plain_rich(obj)
    assert plain_rich(obj) == plain_rich(renderable(obj))
    tex = obj._repr_latex_()
    assert tex.startswith("$$") and tex.endswith("$$")
    assert _balanced(tex)
    assert r"f'\left(u\right) = \frac{1}{u}" in tex


def test_printing_a_deep_tree_gets_room_on_the_stack():
    import sys

    from chainrule.formats import stack_room

    before = sys.getrecursionlimit()
    with stack_room(explanation(nested())):
        assert sys.getrecursionlimit() >= 1000 + 40 * 3  # three levels: chain, chain, power
    assert sys.getrecursionlimit() == before


def test_a_chain_longer_than_the_alphabet_numbers_its_functions():
    step = S.PowerStep(expression=x**2, variable=x, derivative=2 * x, exponent=sp.Integer(2))
    for name in "uvwabcdemn":
        ph = sp.Symbol(name)
        outer = sp.sin(ph)
        expr = sp.sin(step.expression)
        step = S.ChainStep(
            expression=expr,
            variable=x,
            outer=outer,
            u=ph,
            inner=step.expression,
            outer_derivative=sp.cos(ph),
            inner_derivative=step.derivative,
            written_at=sp.cos(step.expression),
            derivative=sp.cos(step.expression) * step.derivative,
            substeps=(step, S.TrigStep(expression=outer, variable=ph, derivative=sp.cos(ph))),
        )
    text = render(step, "text", width=200)
    assert "f₁(n) = sin(n)" in text and "f₁₁′(x) = 2x" in text
    assert r"f_{11}'\left(x\right) & = 2 x" in render(step, "latex")
