"""practice names the rule a wrong derivative parts from, as check does (issue 17, point 6),
never showing the answer while tries are left; an algebra slip in a part's working is named."""

from __future__ import annotations

import sympy

from chainrule import practice
from chainrule import steps as s
from chainrule.formats.notation import code
from chainrule.practising.session import Plain, run
from chainrule.rules.combining import at


def _session(p, answers: list[str]) -> str:
    lines: list[str] = []
    run([p], Plain([*answers, "q"], lines.append, width=200))
    return " ".join("".join(lines).replace("│", " ").split())  # the box's sides dropped


def _chain_of_a_power():
    """A level-4 problem h = f∘g whose g is itself a chain with a power outside: (x² + 1)³."""
    (p,) = practice(level=4, seed=3, count=1)
    g = p.chain.inner_step
    assert isinstance(g, s.ChainStep) and isinstance(g.outer_step, s.PowerStep)
    return p, g


def test_a_wrong_g_prime_says_which_rule_it_came_from():
    p, g = _chain_of_a_power()
    f_answer, g_answer = code(p.chain.outer), code(g.expression)
    # g′ without its inner derivative: the chain rule of g taken wrongly, at g itself.
    forgot = code(at(g.outer_derivative, g.u, g.inner))
    # g′ with the power rule's exponent not lowered: n·uⁿ at the power step inside g.
    n = g.outer_step.exponent
    unlowered = code(n * g.inner**n * g.inner_step.derivative)
    out = _session(p, [f_answer, g_answer, forgot, unlowered])
    assert "(forgot_inner_derivative)" in out and "(power_not_lowered)" in out
    assert "It parts from the right path at d/dx" in out and "(Chain rule)." in out
    assert "It parts from the right path at d/du u" in out
    assert "(Power rule): Taken wrongly: d/du u" in out
    # Tries were left: the right g′ is not given away.
    assert "Right: d/dx" not in out


def test_a_wrong_h_prime_names_the_product_rule():
    (p,) = practice(level=3, seed=8, count=1)
    h = p.explanation.root
    assert isinstance(h, s.ProductStep) and len(h.factors) == 2
    # One term of the product rule only: u·v′.
    u, dv = h.factors[0], h.substeps[1].derivative
    answers = [code(p.parts[0].answer), code(p.parts[1].answer)]
    answers += [str(sympy.diff(part.of, part.variable)) for part in p.parts[2:4]]
    out = _session(p, [*answers, code(u * dv)])
    assert "(product_rule_term_missing)" in out
    assert "It parts from the right path at d/dx" in out and "(Product rule)." in out


def test_an_algebra_slip_in_a_part_is_named_with_both_lines():
    p, g = _chain_of_a_power()
    right = code(g.derivative)
    slipped = code(sympy.expand(g.derivative) + 1)
    out = _session(p, [code(p.chain.outer), code(g.expression), f"{right} = {slipped}"])
    assert "An algebra slip between line 1 and line 2 (algebra_slip)" in out
    assert "Line 1:" in out and "Line 2:" in out and "At x = " in out
