"""What a teacher says about each usual mistake: what the line is, and a one-sentence hint.

Keyed by the ids of ``chainrule.checking.MISTAKES``; a test checks that every id has both. The
product and quotient rules are stated in their own letters, P and Q (``views.wording``), never
in a chain's u and v.
"""

from __future__ import annotations

#: The mistake named in a few words, completing "Line 2 …".
WHAT = {
    "forgot_inner_derivative": "is f′(g(x)) without the inner derivative g′(x)",
    "chain_stopped_early": "stops the chain a link early: a deeper link's derivative is left out",
    "outer_not_at_inner": "evaluates the outer derivative at the wrong place, not at g(x)",
    "added_not_multiplied": "adds f′(g(x)) and g′(x) instead of multiplying them",
    "composition_as_product": "treats f(g(x)) as the product f(x)·g(x)",
    "product_of_derivatives": "multiplies the derivatives of the factors: (PQ)′ taken as P′Q′",
    "product_rule_term_missing": "leaves a term out of the product rule: P′Q or PQ′ alone",
    "quotient_rule_order": "swaps the terms of the quotient rule's numerator: PQ′ − P′Q",
    "quotient_denominator": "divides by Q instead of Q² in the quotient rule",
    "sign_error": "has a wrong sign",
    "constant_factor": "is right up to a constant factor",
    "power_not_lowered": "brings the exponent down without lowering it: n·uⁿ",
    "power_rule_on_exponential": "uses the power rule on an exponential: eᵘ taken as u·eᵘ⁻¹",
    "power_rule_on_variable_exponent": (
        "uses the power rule on a variable exponent: f^g taken as g·f^(g−1)·f′"
    ),
    "exponential_rule_on_variable_base": (
        "uses the exponential rule on a variable base: f^g taken as f^g·ln f·g′"
    ),
    "forgot_log_of_base": "leaves out the factor ln a of a constant base a, as if a were e",
    "function_typed_back": "is the function itself, not its derivative",
    "part_not_differentiated": "copies a part of the function where its derivative belongs",
    "algebra_slip": "does not follow by algebra from the line before it, which was right",
    "unknown": "is not the derivative, and no usual mistake gives it",
}

#: One sentence in the course's words: what to do instead.
HINT = {
    "forgot_inner_derivative": (
        "The chain rule has two factors: after f′(g(x)), multiply by the derivative of the "
        "inner function, g′(x)."
    ),
    "chain_stopped_early": (
        "Every link of the chain adds a factor: keep multiplying by inner derivatives until "
        "the innermost function of x is done."
    ),
    "outer_not_at_inner": (
        "Take f′ from the table, then put the inner function in: f′(g(x)), not f′(x) or f′(g′(x))."
    ),
    "added_not_multiplied": (
        "The chain rule multiplies the outer and inner derivatives, f′(g(x))·g′(x); it never "
        "adds them."
    ),
    "composition_as_product": (
        "f(g(x)) is one function inside another, not a product: split it as outer f and inner "
        "g and use the chain rule."
    ),
    "product_of_derivatives": (
        "The derivative of a product is a sum: (PQ)′ = P′Q + PQ′, each factor differentiated "
        "in turn."
    ),
    "quotient_rule_order": (
        "The quotient rule starts with the numerator's derivative: (P′Q − PQ′)/Q²; because of "
        "the minus, the order matters."
    ),
    "quotient_denominator": (
        "The quotient rule divides by the denominator squared: (P′Q − PQ′)/Q²."
    ),
    "sign_error": (
        "Check each sign: d/dx cos x = −sin x while d/dx sin x = cos x, and a minus in front "
        "stays in front."
    ),
    "constant_factor": (
        "Only a number is off: check the exponents brought down and the constant factors kept."
    ),
    "product_rule_term_missing": (
        "The product rule has a term for each factor: (PQ)′ = P′Q + PQ′, each factor "
        "differentiated in turn while the other is kept."
    ),
    "power_not_lowered": ("The power rule lowers the exponent by one: d/du uⁿ = n·uⁿ⁻¹."),
    "power_rule_on_exponential": (
        "In eˣ the variable is the exponent, so the power rule does not apply: d/dx eˣ = eˣ, "
        "and d/dx aˣ = aˣ·ln a."
    ),
    "power_rule_on_variable_exponent": (
        "The power rule needs a constant exponent: with x in the exponent too, take logarithms, "
        "ln y = g·ln f, and then y′ = y·(g·ln f)′."
    ),
    "exponential_rule_on_variable_base": (
        "aˣ·ln a needs a constant base: with x in the base too, take logarithms, "
        "ln y = g·ln f, and then y′ = y·(g·ln f)′."
    ),
    "forgot_log_of_base": (
        "Only eˣ is its own derivative: a constant base a adds the factor ln a, "
        "d/dx aˣ = aˣ·ln a and d/dx logₐ x = 1/(x·ln a)."
    ),
    "function_typed_back": (
        "Differentiate: find the function's outermost operation (a sum, a product, a chain …) "
        "and apply its rule."
    ),
    "part_not_differentiated": (
        "Each part a rule differentiates is replaced by its derivative: check each P′, Q′ and "
        "g′ (a constant's is 0, x′ is 1)."
    ),
    "algebra_slip": (
        "The calculus was done a line earlier: redo the algebra from there, expanding both "
        "lines or putting a number in for x to see where they part."
    ),
    "unknown": "Compare your line with the steps below, one at a time.",
}

#: For a line no usual mistake explains, when the right steps are not to be shown yet.
INSIDE_OUT = (
    "Work from the inside out: the inner function's derivative first, then the outer one's "
    "from the table, then multiply them."
)
