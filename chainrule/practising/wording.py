"""What practice says: each part's name, the sentence that sets a problem, and the hint for
each part, in the course's words. Words are str, math is SymPy or a ``document.terms`` term."""

from __future__ import annotations

import sympy

from chainrule import steps as s
from chainrule.document import DerivativeOf, Equals
from chainrule.practising.problems import Part, Problem, given
from chainrule.views.wording import P, Q

#: Tries at one part before its answer is shown.
TRIES = 3


def _d(name: str, arg: sympy.Expr) -> sympy.Subs:
    """name′(arg), printed so in every notation (SymPy's derivative at a point)."""
    t = sympy.Dummy("t")
    return sympy.Subs(sympy.Derivative(sympy.Function(name)(t), t), t, arg)


def name(problem: Problem, part: Part):
    """The part's own name, as the left side of its answer: f(u), g′(x), h′(x) …"""
    if problem.topic != "rules":
        from chainrule.practising import topic_wording

        return topic_wording.name(problem, part)
    x, v = problem.variable, part.variable
    h = sympy.Function("h")(x)
    return {
        "f": sympy.Function("f")(v),
        "g": sympy.Function("g")(x),
        "g_prime": _d("g", x),
        "f_prime": _d("f", v),
        # The parts' keys stay u and v (the JSON's); a learner reads the product rule's P and Q.
        "u_prime": _d(str(P), x),
        "v_prime": _d(str(Q), x),
        "ln_h": sympy.log(h),
        "ln_h_prime": DerivativeOf(sympy.log(h), x),
        "derivative": _d("h", x),
    }[part.key]


def setting(problem: Problem) -> tuple:
    """The sentence that sets the problem and says what will be asked."""
    if problem.topic != "rules":
        from chainrule.practising import topic_wording

        return topic_wording.setting(problem)
    x, root = problem.variable, problem.explanation.root
    f, g, h = (sympy.Function(letter) for letter in "fgh")
    whole = Equals((h(x), problem.expression))
    chain, shown = problem.chain, given(problem)
    if chain is not None and chain is root:
        return (
            "Differentiate ",
            whole,
            " by the chain rule, h = f∘g: the outer function f, written in ",
            chain.u,
            ", and the inner function g(x); their derivatives; then ",
            _d("h", x),
            ".",
        )
    if chain is not None:
        return (
            "Differentiate ",
            whole,
            ". First its chain, ",
            Equals((shown["chain"], f(g(x)))),
            ", with f written in ",
            chain.u,
            "; then ",
            _d("h", x),
            ".",
        )
    if "u" in shown:
        # P and Q, the product rule's letters (``views.wording``): never a chain's u.
        kind = {s.SumStep: ("a sum ", P + Q), s.ProductStep: ("a product ", P * Q)}
        return (
            "Differentiate ",
            whole,
            ", ",
            *kind.get(type(root), ("a quotient ", P / Q)),
            " with ",
            Equals((P, shown["u"])),
            " and ",
            Equals((Q, shown["v"])),
            ": first ",
            _d(str(P), x),
            " and ",
            _d(str(Q), x),
            ", then ",
            _d("h", x),
            ".",
        )
    if isinstance(root, s.GeneralPowerStep):
        return (
            "Differentiate ",
            whole,
            ": its base and its exponent both vary, so take logarithms first: ",
            sympy.log(h(x)),
            ", its derivative, then ",
            _d("h", x),
            ".",
        )
    return ("Differentiate ", whole, ".")


#: The derivative table, for a hint about one entry.
TABLE = {
    "power": "The power rule: d/dx xⁿ = n·xⁿ⁻¹ (√x is x^(1/2), 1/xⁿ is x⁻ⁿ).",
    "exponential": "From the table: d/dx eˣ = eˣ, and d/dx aˣ = aˣ·ln a.",
    "logarithm": "From the table: d/dx ln x = 1/x.",
    "trig": "From the table: d/dx sin x = cos x, d/dx cos x = −sin x, d/dx tan x = 1/cos²x.",
    "inverse_trig": "From the table: d/dx atan x = 1/(1 + x²).",
    "constant_multiple": "A constant factor stays: d/dx (c·u) = c·u′; then the table.",
    "variable": "The variable changes at rate 1: d/dx x = 1.",
}


def hint(problem: Problem, part: Part) -> tuple:
    """A nudge for ``part``, short of its answer."""
    if problem.topic != "rules":
        from chainrule.practising import topic_wording

        return topic_wording.hint(problem, part)
    key, chain, x = part.key, problem.chain, problem.variable
    if key == "f":
        return (
            "f is the outer function, the last thing done to x. Write it in the placeholder ",
            part.variable,
            ": for ln(2 + cos x), f(u) = ln(u).",
        )
    if key == "g":
        return ("g is what sits inside the outer function: all of what f is applied to, in x.",)
    if key == "g_prime":
        inside = _holds_chain(chain.inner_step)
        return (
            "Differentiate the inner function ",
            Equals((sympy.Function("g")(x), chain.inner)),
            " with respect to x.",
            " It holds a chain of its own: the chain rule applies inside it too." if inside else "",
        )
    if key == "f_prime":
        return (
            "Differentiate the outer function ",
            Equals((sympy.Function("f")(part.variable), chain.outer)),
            " with respect to ",
            part.variable,
            ", from the table, and leave it in ",
            part.variable,
            ": g goes back in at the end.",
        )
    if key in ("u_prime", "v_prime"):
        letter = str(P) if key == "u_prime" else str(Q)
        named = Equals((sympy.Function(letter)(x), part.of))
        return ("Differentiate ", named, " on its own. ", _table(part.step))
    root = problem.explanation.root
    if key == "ln_h":
        return (
            "Take logarithms: ln(f^g) = g·ln f, here with f = ",
            root.base,
            " and g = ",
            root.exponent,
            ".",
        )
    if key == "ln_h_prime":
        inside = " (and the chain rule inside ln)" if _holds_chain(part.step) else ""
        return ("Differentiate ", root.log_form, f", a product: (PQ)′ = P′Q + PQ′{inside}.")
    return _final(problem)


def _final(problem: Problem) -> tuple:
    root, chain = problem.explanation.root, problem.chain
    inside = " The chain is one part: its derivative is f′(g(x))·g′(x)." if chain else ""
    if isinstance(root, s.ChainStep):
        return ("Multiply: h′(x) = f′(g(x))·g′(x), with g(x) put back into f′ for ", chain.u, ".")
    if isinstance(root, s.ProductStep):
        return ("The product rule: (PQ)′ = P′Q + PQ′." + inside,)
    if isinstance(root, s.QuotientStep):
        return ("The quotient rule: (P/Q)′ = (P′Q − PQ′)/Q²." + inside,)
    if isinstance(root, s.SumStep):
        return ("Term by term: (P + Q)′ = P′ + Q′.",)
    if isinstance(root, s.GeneralPowerStep):
        return ("(ln h)′ = h′/h, so h′ = h·(ln h)′: multiply by h itself.",)
    return (_table(root),)


def _table(step: s.Step) -> str:
    return TABLE.get(step.rule, "Take it one rule at a time, as the worked steps (??) do.")


def _holds_chain(step: s.Step) -> bool:
    return any(isinstance(sub, s.ChainStep) for sub in step.walk())
