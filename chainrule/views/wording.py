"""The sentences a teacher says, shared by every view and so by every format.

Each function takes math (SymPy expressions or document terms) and returns the parts of a
sentence — words and math in reading order — so the terminal, a slide and a web page tell the
same story and only the typesetting differs.
"""

from __future__ import annotations

from typing import Any

import sympy

from chainrule.document import Equals, Frac, InOrder, Neg, Prime, Terms

#: The rule's name as a heading, keyed by the step's ``rule`` word (``chainrule.steps.RULES``).
TITLES = {
    "constant": "Constant rule",
    "variable": "Variable rule",
    "constant_multiple": "Constant multiple rule",
    "sum": "Sum rule",
    "power": "Power rule",
    "product": "Product rule",
    "quotient": "Quotient rule",
    "exponential": "Exponential (table)",
    "logarithm": "Logarithm (table)",
    "trig": "Trigonometric (table)",
    "inverse_trig": "Inverse trigonometric (table)",
    "hyperbolic": "Hyperbolic (table)",
    "abs": "Absolute value (table)",
    "sign": "Sign (table)",
    "sigmoid": "Sigmoid (table)",
    "relu": "ReLU (table)",
    "general_power": "Logarithmic differentiation",
    "chain": "Chain rule",
    "substitute": "Substitute back",
    "unknown_function": "Undefined function",
    "no_rule": "No rule yet",
}

Parts = tuple[Any, ...]


def title(rule: str) -> str:
    """The heading for a rule word; an unknown word still gets a readable heading."""
    return TITLES.get(rule, rule.replace("_", " ").capitalize() or "Step")


def listing(items, last: str = " and ") -> Parts:
    """a, b and c (or a, b or c), as sentence parts."""
    items = list(items)
    parts: list = []
    for i, item in enumerate(items):
        if i:
            parts.append(last if i == len(items) - 1 else ", ")
        parts.append(item)
    return tuple(parts)


def constant(held: tuple, variable) -> Parts:
    # `held` lists the other symbols in this constant, when it is a partial derivative.
    if held:
        return ("treat ", *listing(held), " as constant: it does not change with ", variable)
    return ("a constant does not change with ", variable)


def variable() -> Parts:
    return ("the variable changes at rate 1",)


def constant_multiple(constant, held: tuple = ()) -> Parts:
    # `held` names the other symbols in the factor, when it is a partial derivative.
    if held:
        return (
            "treat ",
            *listing(held),
            " as constant, so the factor ",
            constant,
            " stays; differentiate the rest",
        )
    return ("the constant factor ", constant, " stays; differentiate what it multiplies")


def sum_rule() -> Parts:
    return ("differentiate term by term, then add",)


def one_term_varies(constants: tuple, term, held=None) -> Parts:
    """A sum in which one term alone varies, as zk = wk·a + bk does: "b₂ is constant; w₂·a₁ by
    the constant multiple rule, a₁ held constant", or "w₂·a₁ is constant; b₂ changes at rate 1"
    when the term is the variable itself (``held`` None)."""
    verb = " is constant; " if len(constants) == 1 else " are constant; "
    if held is None:
        return (*listing(constants), verb, term, " changes at rate 1")
    return (
        *listing(constants),
        verb,
        term,
        " by the constant multiple rule, ",
        held,
        " held constant",
    )


#: The letters the product and quotient rules name their factors by: capital P and Q, which
#: no chain uses (its functions are f, g, k, p, q, …, its placeholders u, v, w, s, t, …, all
#: small), so a letter means one thing in an explanation: (PQ)′ = P′Q + PQ′ beside u = 2x + 1.
#: Every place a learner reads these rules (check's hints, practice, the lessons, the README)
#: uses the same two.
P, Q = sympy.symbols("P Q")


def product_rule() -> Equals:
    """(PQ)′ = P′Q + PQ′, the rule in its letters."""
    return Equals(
        (
            Prime(InOrder((P, Q), tight=True)),
            Terms((InOrder((Prime(P), Q), tight=True), InOrder((P, Prime(Q)), tight=True))),
        )
    )


def quotient_rule() -> Equals:
    """(P/Q)′ = (P′Q − PQ′)/Q², the rule in its letters."""
    top = Terms((InOrder((Prime(P), Q), tight=True), Neg(InOrder((P, Prime(Q)), tight=True))))
    return Equals((Prime(Frac(P, Q)), Frac(top, Q**2)))


def product() -> Parts:
    """The product rule's sentence, the rule stated in P and Q."""
    return (product_rule(), ": differentiate one factor at a time, keep the others")


def quotient() -> Parts:
    return (quotient_rule(), ", numerator and denominator as written")


def table() -> Parts:
    """A derivative-table lookup; the math line beside it is the entry, e.g. d/du ln(u) = 1/u."""
    return ("from the derivative table",)


def exponential(ln_base) -> Parts:
    # ln_base None means the base is Euler's number e, whose exponential is its own derivative.
    if ln_base is None:
        return ("from the derivative table: e to a power is its own derivative",)
    return ("from the derivative table: a constant base adds the factor ", ln_base)


def power(exponent) -> Parts:
    return ("bring down the exponent ", exponent, ", lower it by one")


def chain(outer, inner) -> Parts:
    return ("outer ", outer, ", inner ", inner, "; multiply their derivatives")


def substitute(put_back) -> Parts:
    """put_back: u = g(x), the inner function returning in place of its placeholder."""
    return ("put ", put_back, " back in")


def general_power(log_equation, rule) -> Parts:
    """log_equation: ln y = g·ln f; rule: y′ = y·(ln y)′."""
    return (
        "variable base and exponent: take logarithms, ",
        log_equation,
        ", then ",
        rule,
    )


def unknown_function(name, derivative) -> Parts:
    return (name, " is not given, so its derivative stays ", derivative)


def no_rule(unevaluated: bool = False, gamma: bool = False) -> Parts:
    if gamma:
        return (
            "the Gamma function has no rule in elementary functions: its derivative is itself"
            " times the digamma function ψ = Γ′/Γ (SymPy's polygamma(0, ·))",
        )
    if unevaluated:
        return ("neither chainrule nor SymPy has a rule for this: the derivative is left as it is",)
    return ("chainrule has no rule for this yet; the derivative shown is SymPy's",)


def uses(numbers: tuple[int, ...]) -> str:
    """Which earlier steps a combining step builds on: "from steps 2 and 3"."""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"from step {numbers[0]}"
    head = ", ".join(str(n) for n in numbers[:-1])
    return f"from steps {head} and {numbers[-1]}"


# -- the frame around the steps ------------------------------------------------------------------


def folded(variable, kinds: frozenset) -> Parts:
    """Said once above the steps: x′ = 1 and c′ = 0 are written where they are used, as a
    book writes 2·1 + 0, not each on a numbered line of its own."""
    if kinds == {"variable", "constant"}:
        return (
            "The derivative of ",
            variable,
            " (1) and of a constant (0) are written where they are used, not on lines of"
            " their own.",
        )
    said = ("of ", variable, " (1)") if "variable" in kinds else ("of a constant (0)",)
    return ("The derivative ", *said, " is written where it is used, not on a line of its own.")


def heading(expression, variable, partial: bool) -> Parts:
    kind = "partial derivative" if partial else "derivative"
    return (f"The {kind} of ", expression, " with respect to ", variable)


def held_constant(symbols: tuple, partial: bool = True) -> Parts:
    """y is held constant (a partial derivative), or a is a constant (an ordinary one)."""
    one = len(symbols) == 1
    if partial:
        return (*listing(symbols), " is held constant" if one else " are held constant")
    return (*listing(symbols), " is a constant" if one else " are constants")


def absent_variable(variable, symbols: tuple) -> Parts:
    """The variable asked for is not in the formula: a typo, or a lesson in constants."""
    return (
        variable,
        " does not occur in the formula, so all of it is a constant with respect to ",
        variable,
        " and its derivative is 0. (Did you mean ",
        *listing(symbols, last=" or "),
        "?)",
    )


def simplified_first(rewritten) -> Parts:
    """What SymPy rewrote while reading the formula, before any rule: x^2/x is x."""
    pairs = [("“" + typed + "”", " is ", result) for typed, result in rewritten]
    said: list = []
    for i, pair in enumerate(pairs):
        if i:
            said.append(" and " if i == len(pairs) - 1 else ", ")
        said += pair
    return (
        "Simplified as it was read: ",
        *said,
        ". The steps start from the simplified formula.",
    )


def decomposition(composition) -> Parts:
    """composition: h = f∘g."""
    return ("Decomposition: ", composition)


def steps() -> str:
    return "Steps"


def in_letters(links: int) -> Parts:
    """Why a long chain's lines keep the letters of its links."""
    return (
        f"This chain has {links} links, so each line names a link by its letter from the "
        "decomposition (u′ is the derivative of the link u, found on a line above) instead "
        "of writing it out.",
    )


def where(expression, substitutions: tuple) -> Parts:
    """h′ in the letters: what each letter stands for."""
    return ("where h(x) = ", expression, " and ", *listing(substitutions))


def derived() -> str:
    return "As derived"


def result() -> str:
    return "Result"


def simplified() -> str:
    return "Simplified"


def log_rules_first(equation) -> Parts:
    return (
        "First the log rules, ln(ab) = ln a + ln b, ln(a/b) = ln a − ln b and"
        " ln(aⁿ) = n·ln a, as a book does before differentiating a log of a product: ",
        equation,
        ". (The two sides are equal where every factor is positive; their derivatives agree"
        " wherever the log is defined, since d/dx ln|u| = u′/u.)",
    )


def tidying_up() -> Parts:
    return (
        "Then the tidy-up, one move a line; the answer is the shortest form they reach"
        " (fewest operations, as SymPy's count_ops counts them):",
    )


def also_written() -> str:
    return "Also written"


def kept_as_derived() -> str:
    return "left as derived: simplifying it further would take too long"


def verified(method: str, count: int) -> Parts:
    # ``count`` is the rules applied; a chain takes two lines (multiply, put u back), so the
    # sentence does not repeat a number the reader could not match to the lines.
    how = {"symbolic": "symbolically", "numeric": "numerically, at random points"}.get(
        method, method
    )
    return (f"checked against sympy.diff ({how}), step by step",)


def not_verified(failures: tuple) -> Parts:
    where = listing(failures) if failures else ("some step",)
    return (
        "WARNING: this does NOT agree with sympy.diff at ",
        *where,
        ". This is a bug in chainrule: do not trust these steps, and please report it.",
    )


def not_checked(expression, reason: str, more: bool, others: bool) -> Parts:
    """A step the points could not decide: said calmly, for it is no sign of a bug."""
    if reason == "too_large":
        why = ("the values of ", expression, " are too large to compare")
    else:
        why = ("too few real points where ", expression, " is defined")
    return (
        "not checked against sympy.diff: ",
        *why,
        *((", nor for some other steps",) if more else ()),
        *(("; every other step agrees with sympy.diff",) if others else ()),
    )


def answer() -> str:
    return "Answer"


# -- the network -----------------------------------------------------------------------------


def cost_name(cost: str) -> str:
    """The cost as a sentence names it: "squared error", "cross-entropy"."""
    return "squared error" if cost == "squared" else cost


def figure_title(cost: str, lr: float) -> str:
    """The title of the figure of J over gradient-descent steps."""
    return f"Gradient descent, η = {lr:g} ({cost_name(cost)})"


def difference_agrees(gradients: tuple, h: float, rel: float, absolute: float) -> Parts:
    """The chain rule's values beside the central finite difference: the same. ``gradients``
    names them when only some of a view's gradients are meant."""
    which = (" for ", *listing(gradients)) if gradients else ()
    return (
        "the chain rule agrees with the central finite difference",
        *which,
        f" (h = {h:g}, within {rel:g} relative or {absolute:g} absolute)",
    )


def difference_disagrees(gradients: tuple) -> Parts:
    """A chain-rule value the finite difference shows wrong: only this is a bug."""
    which = (" for ", *listing(gradients)) if gradients else ()
    return (
        "the chain rule and the finite difference DISAGREE",
        *which,
        ": a bug in chainrule, please report it",
    )


def difference_cannot_tell(gradients: tuple, overflow: bool, overflowed: tuple = ()) -> Parts:
    """A check the floats cannot make, said calmly with why: a number past the floats on the way
    (``overflowed`` names those of the forward pass), or a difference they cannot resolve."""
    which = (" for ", *listing(gradients)) if gradients else ()
    if overflowed:
        verb = " is" if len(overflowed) == 1 else " are"
        why: Parts = (*listing(overflowed), verb, " past what a float holds")
    elif overflow:
        why = ("a number on the way is past what a float holds",)
    else:
        why = ("floats lose J's change over the step, or J bends within it",)
    return ("finite difference not meaningful at these magnitudes", *which, ": ", *why)


def natural_log() -> Parts:
    """log typed without a base: the course's log, which a learner from school reads as log₁₀."""
    return (
        "Here log is the natural logarithm ln (base e), as in the course; for base 10 write"
        " log_10(x).",
    )


#: Past this many parameters given a start, a training view counts them instead of naming them.
NAMED_STARTS = 6


def start_said(params: tuple[str, ...], started: tuple[str, ...], seed: int) -> str:
    """Where training started, as the run really did: the parameters given a start (``--at``,
    the page's start=point) at those values, the other weights uniform in [−1, 1] from the
    seed, the other biases at 0. The seed is named only where it chose something."""
    weights = [p for p in params if p.startswith("w")]
    biases = [p for p in params if p.startswith("b")]
    given = [p for p in params if p in started]
    if given and len(given) == len(params):
        return "every weight and bias starts at the value given"
    parts = []
    if given:
        names = ", ".join(given) if len(given) <= NAMED_STARTS else f"{len(given)} parameters"
        one = len(given) == 1
        parts.append(f"{names} start{'s' if one else ''} at the value{'' if one else 's'} given")
    other = "the other " if set(given) & set(weights) else ""
    if any(w not in started for w in weights):
        verb = "" if given else "start "
        parts.append(f"{other}weights {verb}uniform in [−1, 1] (seed {seed})")
    other = "the other " if set(given) & set(biases) else ""
    if any(b not in started for b in biases):
        parts.append(f"{other}biases at 0")
    return ", ".join(parts)
