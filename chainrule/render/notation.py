"""How one expression is written in each output: one-line Unicode, LaTeX, or SymPy/Python code.

Every renderer formats math through these three functions, so a formula reads the same in the
terminal, on a slide and in JSON. They only print: nothing here changes the math.
"""

from __future__ import annotations

import re
import unicodedata

import sympy
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE, precedence
from sympy.printing.pretty.pretty_symbology import pretty_symbol
from sympy.printing.str import StrPrinter

_SUPERSCRIPT = str.maketrans("0123456789-+()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾ⁿ")
_SUPERSCRIPT_LETTERS = str.maketrans("abcdefghijklmnoprstuvwxyz", "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ")
# Functions written the textbook way, without SymPy's spelling.
_UNICODE_NAMES = {
    "log": "ln",
    "sigmoid": "σ",
    **{f"a{name}": f"arc{name}" for name in ("sin", "cos", "tan", "cot", "sec", "csc")},
}
# Written sin²(x) rather than sin(x)², as textbooks do.
_POWER_BEFORE_ARGUMENT = frozenset(
    ("sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth", "sech", "csch")
)
# A number right before a letter or bracket is written without a dot: 2x, 3sin(x), 2(x + 1).
_COEFFICIENT_DOT = re.compile(r"(?<![\w./⁰¹²³⁴⁵⁶⁷⁸⁹])(\d+)·(?=[^\d\s·])")


def _derivative_of_undefined(expr: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr] | None:
    """(f, argument) when expr is f′ of an undefined f evaluated at its one argument, else None.

    SymPy writes f′(g(x)) either as Derivative(f(g(x)), g(x)) or as
    Subs(Derivative(f(u), u), u, g(x)); a learner writes both as f′(g(x)).
    """
    if isinstance(expr, sympy.Subs):
        inner, (var,), (point,) = expr.args[0], expr.variables, expr.point
        found = _derivative_of_undefined(inner)
        if found is not None and found[1] == var:
            return found[0], point
        return None
    if isinstance(expr, sympy.Derivative) and len(expr.variable_count) == 1:
        (var, count), applied = expr.variable_count[0], expr.expr
        if (
            count == 1
            and isinstance(applied, AppliedUndef)
            and len(applied.args) == 1
            and applied.args[0] == var
        ):
            return applied.func, var
    return None


def _reading_order(terms: list[sympy.Expr]) -> list[sympy.Expr]:
    """SymPy's term order, adjusted to the way a learner writes a sum (the sum is unchanged).

    Terms with more distinct symbols come first (w₁·x + b₁, not b₁ + w₁·x), and the sum starts
    with a positive term when it has one (ŷ − y, not −y + ŷ).
    """
    terms = sorted(terms, key=lambda term: -len(term.free_symbols))  # stable
    if terms and terms[0].could_extract_minus_sign():
        for i, term in enumerate(terms):
            if not term.could_extract_minus_sign():
                return [term, *terms[:i], *terms[i + 1 :]]
    return terms


class _FactorsAsGiven(sympy.Mul):
    """A product that prints its factors in the order it was built with, not SymPy's."""

    def as_ordered_factors(self, order=None):
        return list(self.args)


def _sums_last(expr: sympy.Mul) -> sympy.Mul:
    """The same product with bracketed sums moved to the end: σ(z)·(1 − σ(z)), 3x·(x + 1).

    SymPy sorts (1 − σ(z)) before σ(z); a learner reads σ(z)(1 − σ(z)) as the sigmoid rule.
    """
    factors = expr.as_ordered_factors()
    ordered = sorted(factors, key=lambda factor: factor.is_Add)  # stable: the rest keep order
    return expr if ordered == factors else _FactorsAsGiven._from_args(ordered)


class _UnicodePrinter(StrPrinter):
    """SymPy's str() layout with the symbols a learner writes on paper."""

    # Our own hook name, so functions that print themselves for str() (σ) come through here.
    printmethod = "_chainrule_unicode"

    def _as_ordered_terms(self, expr, order=None):
        return _reading_order(super()._as_ordered_terms(expr, order=order))

    def _print_Mul(self, expr):
        if isinstance(expr, _FactorsAsGiven):
            return super()._print_Mul(expr)
        coeff, rest = expr.as_coeff_Mul()
        if coeff is sympy.S.One:
            return super()._print_Mul(_sums_last(expr))
        if coeff.is_Integer and rest.is_Mul:
            # SymPy's printer would multiply the coefficient back into a sum: 3 − 3σ(z).
            prefix = "-" if coeff == -1 else f"{coeff}*"
            return prefix + self._print_Mul(rest)
        return super()._print_Mul(expr)

    def _print_Symbol(self, expr):
        return symbol(expr.name)

    _print_Dummy = _print_Symbol

    def _print_Exp1(self, expr):
        return "e"

    def _print_Pi(self, expr):
        return "π"

    def _print_ImaginaryUnit(self, expr):
        return "i"

    def _print_Infinity(self, expr):
        return "∞"

    def _print_NegativeInfinity(self, expr):
        return "-∞"

    def _print_Abs(self, expr):
        return f"|{self._print(expr.args[0])}|"

    def _print_exp(self, expr):
        return self._power_text("e", expr.args[0])

    def _print_Function(self, expr):
        name = _UNICODE_NAMES.get(expr.func.__name__, expr.func.__name__)
        return f"{name}({self.stringify(expr.args, ', ')})"

    def _print_Derivative(self, expr):
        found = _derivative_of_undefined(expr)
        if found is not None:
            return f"{found[0].__name__}′({self._print(found[1])})"
        variables = "".join(f"d{self._print(v)}" for v in expr.variables)
        return f"d/{variables}({self._print(expr.expr)})"

    def _print_Subs(self, expr):
        found = _derivative_of_undefined(expr)
        if found is not None:
            return f"{found[0].__name__}′({self._print(found[1])})"
        return super()._print_Subs(expr)

    def _print_Pow(self, expr, rational=False):
        base, exponent = expr.as_base_exp()
        if exponent is sympy.S.Half:
            return f"√{self._radicand(base)}"
        if exponent == sympy.Rational(1, 3):
            return f"∛{self._radicand(base)}"
        if exponent.is_negative and exponent.is_Rational:
            # Only reached outside a product (Mul prints its own fractions): 1/x, 1/x².
            if exponent == -1:
                return f"1/{self.parenthesize(base, PRECEDENCE['Mul'], strict=False)}"
            return f"1/{self._print(sympy.Pow(base, -exponent, evaluate=False))}"
        if (
            isinstance(base, sympy.Function)
            and not isinstance(base, AppliedUndef)
            and base.func.__name__ in _POWER_BEFORE_ARGUMENT
            and exponent.is_Integer
            and exponent > 1
        ):
            # Textbooks write sin²(x) for (sin x)².
            raised = str(exponent).translate(_SUPERSCRIPT)
            return f"{base.func.__name__}{raised}({self._print(base.args[0])})"
        return self._power_text(self.parenthesize(base, PRECEDENCE["Pow"], strict=True), exponent)

    def _power_text(self, base_text: str, exponent: sympy.Expr) -> str:
        shown = self._print(exponent)
        if exponent.is_Integer or (exponent.is_Symbol and len(shown) == 1):
            raised = shown.replace("−", "-").translate(_SUPERSCRIPT).translate(_SUPERSCRIPT_LETTERS)
            if not re.search(r"[\x21-\x7e]", raised):  # every character found a superscript
                return base_text + raised
        if precedence(exponent) < PRECEDENCE["Atom"] or shown.startswith(("-", "−")):
            shown = f"({shown})"
        return f"{base_text}^{shown}"

    def _radicand(self, base: sympy.Expr) -> str:
        text = self._print(base)
        return text if base.is_Atom else f"({text})"


class _LatexPrinter(LatexPrinter):
    """SymPy's LaTeX with ln, σ and f′(u) as a learner writes them."""

    def __init__(self) -> None:
        super().__init__({"ln_notation": True, "mul_symbol": "dot", "inv_trig_style": "full"})

    def _as_ordered_terms(self, expr, order=None):
        # Inside a reordered product the printer's order is "none"; sums still sort as usual.
        order = order or ("lex" if self.order == "none" else None)
        return _reading_order(super()._as_ordered_terms(expr, order=order))

    def _print_Derivative(self, expr):
        found = _derivative_of_undefined(expr)
        if found is not None:
            return rf"{found[0].__name__}'\left({self._print(found[1])}\right)"
        return super()._print_Derivative(expr)

    def _print_Subs(self, expr):
        found = _derivative_of_undefined(expr)
        if found is not None:
            return rf"{found[0].__name__}'\left({self._print(found[1])}\right)"
        return super()._print_Subs(expr)

    def _print_Mul(self, expr):
        ordered = expr if isinstance(expr, _FactorsAsGiven) else _sums_last(expr)
        if ordered is expr:
            text = super()._print_Mul(expr)
        else:
            # SymPy's LaTeX printer re-sorts factors unless its order is "none".
            saved = self._settings["order"]
            self._settings["order"] = "none"
            try:
                text = super()._print_Mul(ordered)
            finally:
                self._settings["order"] = saved
        # mul_symbol="dot" would also write 2·x; a number before a letter needs no dot.
        return re.sub(r"(?<![\w.}])(\d+) \\cdot (?=[a-zA-Z\\(])", r"\1 ", text)


def _as_expr(value) -> sympy.Basic:
    # Renderers also hand us plain numbers (a coefficient, a count); never text.
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a SymPy expression or a number, got {type(value).__name__}")
    return sympy.Integer(value) if isinstance(value, int) else sympy.Float(value)


def unicode(expr: sympy.Expr) -> str:
    """One line of Unicode math: −sin(x)/(cos(x) + 2), σ(z₂)·(1 − σ(z₂)), 2x², √(x + 1)."""
    text = _UnicodePrinter().doprint(_as_expr(expr))
    text = text.replace("*", "·").replace("-", "−")
    return _COEFFICIENT_DOT.sub(r"\1", text)


def latex(expr: sympy.Expr) -> str:
    r"""LaTeX math (no surrounding $): \frac{- \sin{\left(x \right)}}{\cos{\left(x \right)} + 2}."""
    return _LatexPrinter().doprint(_as_expr(expr))


def code(expr: sympy.Expr) -> str:
    """SymPy/Python syntax, exactly as ``str()`` prints it: ``-sin(x)/(cos(x) + 2)``, ``x**2``."""
    return str(expr)


def symbol(name: str | sympy.Symbol) -> str:
    """A variable's name as a learner writes it: w₁, θ, ŷ."""
    text = pretty_symbol(name.name if isinstance(name, sympy.Symbol) else name)
    # pretty_symbol builds ŷ from y + a combining accent; one composed character copies cleanly.
    return unicodedata.normalize("NFC", text)
