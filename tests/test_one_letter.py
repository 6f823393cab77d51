"""One letter means one thing in one explanation (issue 17, point 4): the product and quotient
rules name their factors P and Q, never a letter a chain of the same explanation uses for its
functions (f, g, k, p, …) or its placeholders (u, v, w, …)."""

from __future__ import annotations

import sys
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy.core.function import AppliedUndef

from chainrule import explain
from chainrule import steps as s
from chainrule.document import Compose, Decomposition, Derivation
from chainrule.formats import render
from chainrule.views import document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from corpus import FORMULAS  # noqa: E402

x = sympy.Symbol("x", real=True)


def names(obj) -> set[str]:
    """Every letter a learner reads in ``obj``: symbols, function names, composed names."""
    if isinstance(obj, sympy.Basic):
        found = {str(t) for t in obj.free_symbols}
        found |= {type(f).__name__ for f in obj.atoms(AppliedUndef)}
        return found
    if isinstance(obj, Compose):
        return set(obj.names)
    if isinstance(obj, tuple | list):
        return set().union(*(names(item) for item in obj)) if obj else set()
    if is_dataclass(obj) and not isinstance(obj, type):
        return names(tuple(getattr(obj, f.name) for f in fields(obj)))
    return set()


def rule_letters_and_chain_letters(ex) -> tuple[set[str], set[str]]:
    """The letters the product and quotient rule lines state their rule in, and every letter a
    chain of the same explanation is written with (its decompositions, its placeholders)."""
    doc = document(ex)
    rules: set[str] = set()
    chains = {str(step.u) for step in ex.steps() if isinstance(step, s.ChainStep)}
    for block in doc.blocks:
        if isinstance(block, Decomposition):
            chains |= names(block) - names(ex.expression)
        if isinstance(block, Derivation):
            for line in block.lines:
                if line.rule in ("product", "quotient"):
                    # The sentence states the rule; its math is the formula's own.
                    rules |= names(line.sentence)
                elif line.rule in ("chain", "substitute"):
                    chains |= names(line.sentence) - names(ex.expression)
    return rules, chains


def _with_product_or_quotient(ex) -> bool:
    return any(isinstance(step, s.ProductStep | s.QuotientStep) for step in ex.steps())


CORPUS = [f for f in FORMULAS if _with_product_or_quotient(explain(f))]


def test_the_corpus_has_products_and_quotients_with_chains_in_them():
    mixed = [f for f in CORPUS if any(isinstance(step, s.ChainStep) for step in explain(f).steps())]
    assert len(CORPUS) > 30 and len(mixed) >= 12


@pytest.mark.parametrize("formula", CORPUS)
def test_a_product_or_quotient_rule_never_names_a_chains_letter(formula):
    ex = explain(formula)
    rules, chains = rule_letters_and_chain_letters(ex)
    assert rules == {"P", "Q"}
    assert not rules & chains, f"{formula}: {sorted(rules & chains)} mean two things"
    assert not rules & names(ex.expression)


UNARY = [sympy.sin, sympy.cos, sympy.exp, sympy.log, sympy.sqrt, sympy.atan, sympy.tanh]
inner = st.sampled_from([x**2 + 1, 2 * x, 3 * x - 1, sympy.sin(x), x**3])
chain = st.builds(lambda f, a: f(a), st.sampled_from(UNARY), inner)
nested = st.builds(lambda f, a: f(a), st.sampled_from(UNARY), chain)
part = st.one_of(chain, nested, st.sampled_from([x, x**2, sympy.exp(x)]))
combined = st.one_of(
    st.builds(lambda a, b: a * b, part, part),
    st.builds(lambda a, b: a / b, part, part),
    st.builds(lambda a, b, c: a * b * c, part, part, part),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(combined)
def test_generated_products_and_quotients_of_chains_keep_one_letter_per_meaning(expr):
    ex = explain(expr)
    rules, chains = rule_letters_and_chain_letters(ex)
    assert not rules & chains


@pytest.mark.parametrize("fmt", ["text", "latex", "markdown", "html"])
def test_every_format_states_the_rules_in_p_and_q(fmt):
    product = render(explain("x^2 sin(3x + 1)"), fmt)
    quotient = render(explain("sin(x^2)/x"), fmt)
    for shown, letters in ((product, "PQ"), (quotient, "PQ")):
        assert all(letter in shown for letter in letters)
    assert "(PQ)′ = P′Q + PQ′" in render(explain("x^2 sin(3x + 1)"), "text")
    assert "(P/Q)′ = (P′Q − PQ′)/Q²" in render(explain("sin(x^2)/x"), "text")


def _learner_texts() -> list[str]:
    """Everything else a learner reads about these rules: check's hints, practice's words, the
    lessons and the README."""
    from chainrule.practising import wording as practice_wording
    from chainrule.views import hints

    root = Path(__file__).resolve().parents[1]
    texts = [*hints.WHAT.values(), *hints.HINT.values(), *practice_wording.TABLE.values()]
    texts.append(Path(practice_wording.__file__).read_text())
    texts += [p.read_text() for p in sorted((root / "lessons").glob("*.py"))]
    texts.append((root / "README.md").read_text())
    return texts


@pytest.mark.parametrize("old", ["(uv)′", "u′v", "uv′", "(u/v)′", "u′ and v′"])
def test_no_text_a_learner_reads_states_the_rules_in_u_and_v(old):
    assert not [t[:60] for t in _learner_texts() if old in t]
