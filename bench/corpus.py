"""Textbook formulas, as a learner types them, for timing ``explain`` over a whole exercise set.

Grouped the way a calculus textbook's exercises on differentiation are: the power rule and
polynomials, products, quotients, exponentials and logarithms, trigonometric, inverse
trigonometric and hyperbolic functions, chains of two to four links, general powers f(x)^g(x),
and a few that mix everything. Every formula is in the one variable x, and each one parses,
explains and verifies (``python bench/corpus.py`` checks that and prints what fails).
"""

from __future__ import annotations

POWERS = (
    "x^5",
    "7x^3",
    "x^(-2)",
    "1/x^3",
    "sqrt(x)",
    "x^(3/2)",
    "cbrt(x)",
    "1/sqrt(x)",
    "3x^4 - 2x^2 + 7",
    "x^3 - 6x^2 + 9x + 1",
    "(x^2 + 1)/x",
    "x^(2/3) + x^(-1/3)",
    "5x^2 - 3/x + 4sqrt(x)",
)

PRODUCTS = (
    "x sin x",
    "x^2*sin(x)",
    "x^2*exp(-x)",
    "x*ln(x)",
    "sqrt(x)*ln(x)",
    "e^x*cos(x)",
    "(x^2 + 1)(x^3 - x)",
    "x^3*e^(2x)",
    "sin(x)*cos(x)",
    "sec(x)*tan(x)",
    "x*atan(x)",
    "x^2*ln(x)*sin(x)",
    "sinh(x)*cosh(x)",
)

QUOTIENTS = (
    "sin(x)/x",
    "(x+1)/(x-1)",
    "x/(x^2 + 1)",
    "ln(x)/x",
    "e^x/x^2",
    "(1 - cos(x))/sin(x)",
    "x^2/(1 + x)",
    "(3x - 2)/(2x + 5)",
    "cos(x)/(1 + sin(x))",
    "1/(1 + exp(-x))",
    "(x^2 - 1)/(x^2 + 1)",
    "sqrt(x)/(1 + x)",
)

EXPONENTIALS_AND_LOGARITHMS = (
    "e^x",
    "exp(3x)",
    "exp(-x^2/2)",
    "2^x",
    "10^x",
    "e^(sin x)",
    "ln(x^2 + 1)",
    "log(2 + cos(x))",
    "ln(ln(x))",
    "log(x, 2)",
    "log10(x)",
    "ln(sqrt(x))",
    "ln((x + 1)/(x - 1))",
    "x*e^x - e^x",
    "ln(1 + e^x)",
    "e^x + e^(-x)",
)

TRIGONOMETRIC = (
    "sin(x)",
    "cos(2x)",
    "tan(3x)",
    "sec(x)",
    "csc(x)",
    "cot x",
    "sin^2 x",
    "cos(x)^2 - sin(x)^2",
    "sin(x)^3",
    "tan(x)^2",
    "sin(x) + cos(x)",
    "sqrt(1 + tan(x)^2)",
    "sin(3x)*cos(2x)",
    "x - sin(x)*cos(x)",
    "sec(x)^2",
    "2sin(x/2)",
)

INVERSE_TRIGONOMETRIC = (
    "asin(x)",
    "acos(x)",
    "atan(x)",
    "asin(2x)",
    "arctan(x^2)",
    "acos(x/2)",
    "atan(1/x)",
    "x*asin(x) + sqrt(1 - x^2)",
    "atan(e^x)",
    "asin(sqrt(x))",
)

HYPERBOLIC = (
    "sinh(x)",
    "cosh(2x)",
    "tanh(x)",
    "sech(x)",
    "coth(x)",
    "tanh(x^2)",
    "ln(cosh(x))",
    "asinh(x)",
    "atanh(x/2)",
    "x*sinh(x) - cosh(x)",
)

CHAINS = (
    "(x^2+1)^5",
    "sqrt(1+x^2)",
    "(3x - 1)^4",
    "(1 - 2x)^(-3)",
    "sin(x^2)",
    "cos(sqrt(x))",
    "exp(sin(x^2))",
    "ln(cos(3x))",
    "sqrt(sin(x))",
    "tan(x^3 + 1)",
    "sin(cos(x))",
    "e^(tan(2x))",
    "ln(sin(x)^2 + 1)",
    "sqrt(1 + sqrt(x))",
    "cos(ln(x^2 + 1))",
    "sin(exp(cos(x)))",
    "ln(ln(ln(x)))",
    "sqrt(ln(1 + x^2))",
    "exp(sqrt(1 + sin(x)))",
    "(sin(x^2) + 1)^3",
    "sin(sin(sin(x)))",
    "tan(sqrt(1 + x^4))",
    "cos(exp(-x^2))^2",
    "atan(sinh(x))",
)

GENERAL_POWERS = (
    "x^x",
    "x^(sin x)",
    "(sin x)^x",
    "x^(1/x)",
    "(ln x)^x",
    "x^(x^2)",
    "(1 + 1/x)^x",
    "2^(x^2)",
    "x^(ln x)",
)

MIXED = (
    "x^2*sqrt(1 - x^2)",
    "e^(-x)*sin(2x)",
    "ln(x)/sqrt(x)",
    "x*e^(-x^2)",
    "sqrt((1 + x)/(1 - x))",
    "(x^2 + 1)^3*(2x - 1)^2",
    "sin(x)/(1 + cos(x)^2)",
    "e^x*ln(x)/x",
    "x^3*atan(x) - ln(1 + x^2)",
    "cosh(x)^2 - sinh(x)^2",
    "exp(x)/(1 + exp(x))^2",
    "abs(x)",
    "x*abs(x)",
)

FORMULAS = (
    *POWERS,
    *PRODUCTS,
    *QUOTIENTS,
    *EXPONENTIALS_AND_LOGARITHMS,
    *TRIGONOMETRIC,
    *INVERSE_TRIGONOMETRIC,
    *HYPERBOLIC,
    *CHAINS,
    *GENERAL_POWERS,
    *MIXED,
)


def main() -> None:
    """Explain every formula once and list those that fail to parse, explain or verify."""
    from chainrule.errors import ChainruleError
    from chainrule.explaining import explain

    failed = 0
    for text in FORMULAS:
        try:
            ok = explain(text).verification.ok
        except ChainruleError as error:
            failed += 1
            print(f"{text}: {type(error).__name__}: {error}")
            continue
        if not ok:
            failed += 1
            print(f"{text}: not verified")
    repeated = len(FORMULAS) - len(set(FORMULAS))
    print(f"{len(FORMULAS)} formulas, {failed} failed, {repeated} repeated")


if __name__ == "__main__":
    main()
