"""What a teacher says about each usual mistake: what the line is, and a one-sentence hint.

Keyed by the ids of ``chainrule.checking.MISTAKES``; a test checks that every id has both.
"""

from __future__ import annotations

#: The mistake named in a few words, completing "Line 2 …".
WHAT = {
    "forgot_inner_derivative": "is f′(g(x)) without the inner derivative g′(x)",
    "chain_stopped_early": "stops the chain a link early: a deeper link's derivative is left out",
    "outer_not_at_inner": "evaluates the outer derivative at the wrong place, not at g(x)",
    "added_not_multiplied": "adds f′(g(x)) and g′(x) instead of multiplying them",
    "composition_as_product": "treats f(g(x)) as the product f(x)·g(x)",
    "product_of_derivatives": "multiplies the derivatives of the factors: (uv)′ taken as u′v′",
    "quotient_rule_order": "swaps the terms of the quotient rule's numerator: uv′ − u′v",
    "quotient_denominator": "divides by v instead of v² in the quotient rule",
    "sign_error": "has a wrong sign",
    "constant_factor": "is right up to a constant factor",
    "power_not_lowered": "brings the exponent down without lowering it: n·uⁿ",
    "power_rule_on_exponential": "uses the power rule on an exponential: eᵘ taken as u·eᵘ⁻¹",
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
        "The derivative of a product is a sum: (uv)′ = u′v + uv′, each factor differentiated "
        "in turn."
    ),
    "quotient_rule_order": (
        "The quotient rule starts with the numerator's derivative: (u′v − uv′)/v²; because of "
        "the minus, the order matters."
    ),
    "quotient_denominator": (
        "The quotient rule divides by the denominator squared: (u′v − uv′)/v²."
    ),
    "sign_error": (
        "Check each sign: d/dx cos x = −sin x while d/dx sin x = cos x, and a minus in front "
        "stays in front."
    ),
    "constant_factor": (
        "Only a number is off: check the exponents brought down and the constant factors kept."
    ),
    "power_not_lowered": ("The power rule lowers the exponent by one: d/du uⁿ = n·uⁿ⁻¹."),
    "power_rule_on_exponential": (
        "In eˣ the variable is the exponent, so the power rule does not apply: d/dx eˣ = eˣ, "
        "and d/dx aˣ = aˣ·ln a."
    ),
    "unknown": "Compare your line with the steps below, one at a time.",
}

#: For a line no usual mistake explains, when the right steps are not to be shown yet.
INSIDE_OUT = (
    "Work from the inside out: the inner function's derivative first, then the outer one's "
    "from the table, then multiply them."
)
