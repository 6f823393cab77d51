"""The one-line Unicode printer: SymPy's str() layout with the symbols a learner writes on
paper (−sin(x)/(cos(x) + 2), σ(z₂)·(1 − σ(z₂)), 2x², √(x + 1)), and the document's terms."""

from __future__ import annotations

import math
import re

import sympy
from sympy.core.function import AppliedUndef
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.str import StrPrinter

from chainrule.document.terms import Frac
from chainrule.formats.printing import (
    UNICODE_NAMES,
    FactorsAsGiven,
    Remembering,
    SharedPrinting,
    as_shown,
    compound,
    no_denominator,
    ordered_terms,
    power_before_argument,
    precedence,
    sums_last,
    symbol,
    undefined_derivative,
)
from chainrule.formats.typed_forms import alone

#: The marks of the first three derivatives: h′, h″, h‴ (then h⁽⁴⁾).
PRIMES = {1: "′", 2: "″", 3: "‴"}
_SUPERSCRIPT = str.maketrans("0123456789-+()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾ⁿ")
_SUPERSCRIPT_LETTERS = str.maketrans("abcdefghijklmnoprstuvwxyz", "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
# A number right before a letter or bracket is written without a dot: 2x, 3sin(x), 2(x + 1).
# Not after a root sign: √2·x must not read √2x, the root of 2x.
_COEFFICIENT_DOT = re.compile(r"(?<![\w./⁰¹²³⁴⁵⁶⁷⁸⁹√∛])(\d+)·(?=[^\d\s·])")


class UnicodePrinter(Remembering, SharedPrinting, StrPrinter):
    """SymPy's str() layout with the symbols a learner writes on paper."""

    def pieces(self, term) -> list[tuple[str, str]]:
        term = as_shown(term)
        # On one line a long fraction may break before its slash (LaTeX's \frac cannot).
        if isinstance(term, Frac):
            text = self._print(term)
            top, _, over = text.rpartition("/")
            if top and over == self.parenthesize(term.denominator, PRECEDENCE["Pow"], True):
                return [("", top), ("/", over)]
        if isinstance(term, sympy.Mul) and not no_denominator(term):
            top, bottom = sympy.fraction(term)
            text = self._print(term)
            over = self.parenthesize(bottom, PRECEDENCE["Pow"], strict=True)
            # Only where the printer wrote exactly top/bottom, so the pieces join back to it.
            if bottom != 1 and text.endswith("/" + over) and not text.startswith("-"):
                return [("", text[: -len(over) - 1]), ("/", over)]
        return super().pieces(term)

    # Our own hook name, so functions that print themselves for str() (σ) come through here.
    printmethod = "_chainrule_unicode"

    def _as_ordered_terms(self, expr, order=None):
        return ordered_terms(self, expr, order)

    def parenthesize(self, item, level, strict=False):
        # StrPrinter's, with the precedence remembered (``printing.precedence``).
        value = precedence(item)
        if value < level or (not strict and value <= level):
            return f"({self._print(item)})"
        return self._print(item)

    def _print_Mul(self, expr):
        if (written := as_shown(expr)) is not expr:
            return self._print(written)
        if isinstance(expr, FactorsAsGiven):
            return super()._print_Mul(expr)
        over = [f for f in expr.args if f.is_Pow and f.exp == -1 and _fraction(f.base)]
        if over:
            # Divided by a fraction, kept unevaluated: −1/(1/2), never −1/1/2.
            top = [f for f in expr.args if f not in over]
            numerator = self._print(sympy.Mul(*top, evaluate=False)) if top else "1"
            return numerator + "/" + "/".join(f"({self._print(f.base)})" for f in over)
        coeff, rest = expr.as_coeff_Mul()
        if coeff is sympy.S.One:
            return super()._print_Mul(sums_last(expr))
        if coeff.is_Integer and rest.is_Mul and no_denominator(rest):
            # SymPy's printer would multiply the coefficient back into a sum: 3 − 3σ(z). (A
            # fraction it writes whole, 2/(x·y), never 2·1/(x·y).)
            prefix = "-" if coeff == -1 else f"{coeff.p}*"
            return prefix + self._print_Mul(rest)
        return super()._print_Mul(expr)

    def _print_Unequality(self, expr):
        return f"{self._print(expr.lhs)} ≠ {self._print(expr.rhs)}"

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
        if (typed := alone(expr)) is not None:
            return self._print(typed)  # 1/eˣ, as typed
        return self._power_text("e", expr.args[0])

    def _print_Raised(self, expr):
        base, exponent = expr.args  # (5 − 2x)⁻², as typed
        return self._power_text(self._power_base(base), exponent)

    def _print_Function(self, expr):
        name = expr.func.__name__
        name = symbol(name) if isinstance(expr, AppliedUndef) else UNICODE_NAMES.get(name, name)
        return f"{name}({self.stringify(expr.args, ', ')})"

    def _print_polygamma(self, expr):
        # Γ′ = Γ·ψ: the digamma function ψ, and ψ⁽ⁿ⁾ its n-th derivative, as tables write them.
        n, u = expr.args
        order = "" if n == 0 else f"⁽{str(n).translate(_SUPERSCRIPT)}⁾"
        return f"ψ{order}({self._print(u)})"

    def _print_LogBase(self, expr):
        u, b = expr.args
        if b.is_Integer:
            return f"log{str(b).translate(_SUBSCRIPT)}({self._print(u)})"
        # No subscript letters for most names (there is no subscript b): log_b(x), log_π(x).
        base = self._print(b)
        return f"log_{base if base.isalnum() else f'({base})'}({self._print(u)})"

    def _print_Derivative(self, expr):
        found = undefined_derivative(expr)
        if found is not None:
            return f"{symbol(found[0].__name__)}′({self._print(found[1])})"
        variables = "".join(f"d{self._print(v)}" for v in expr.variables)
        return f"d/{variables}({self._print(expr.expr)})"

    def _print_Subs(self, expr):
        found = undefined_derivative(expr)
        if found is not None:
            return f"{symbol(found[0].__name__)}′({self._print(found[1])})"
        return super()._print_Subs(expr)

    def _print_Pow(self, expr, rational=False):
        if (typed := alone(expr)) is not None:
            return self._print(typed)
        # Its own base and exponent: as_base_exp() would read (1/2)² as 2⁻².
        base, exponent = expr.args
        if exponent is sympy.S.Half:
            return f"√{self._radicand(base)}"
        if exponent == sympy.Rational(1, 3):
            return f"∛{self._radicand(base)}"
        if exponent.is_negative and exponent.is_Rational:
            # Only reached outside a product (Mul prints its own fractions): 1/x, 1/x².
            if exponent == -1:
                text = self.parenthesize(base, PRECEDENCE["Mul"], strict=False)
                fraction = base.is_Pow and base.exp.is_negative or base.is_Rational and base.q != 1
                return f"1/({text})" if fraction and text[0] != "(" else f"1/{text}"
            return f"1/{self._print(sympy.Pow(base, -exponent, evaluate=False))}"
        if power_before_argument(base, exponent):
            # Textbooks write sin²(x) for (sin x)².
            raised = str(exponent).translate(_SUPERSCRIPT)
            return f"{base.func.__name__}{raised}({self._print(base.args[0])})"
        return self._power_text(self._power_base(base), exponent)

    def _power_base(self, base: sympy.Expr) -> str:
        """The base of a power, in brackets unless it is one letter, number or function: a
        power of a power is (x²)², not x²², and (eˣ)², (√x)³, (1/x)², (−x)², (sin²(x))³."""
        text = self._print(base)
        if isinstance(base, sympy.exp) or text.startswith("-"):
            return f"({text})"
        return self.parenthesize(base, PRECEDENCE["Pow"], strict=False)

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
        # √(1/2) and √(−2): a fraction or a sign under the root needs its bracket too.
        return text if base.is_Atom and text.isalnum() else f"({text})"

    # -- the document's terms (chainrule.document.terms) ----------------------------------------

    def _print_Leibniz(self, t):
        d = "∂" if t.partial else "d"
        return f"{d}{self._print(t.of)}/{d}{self._print(t.wrt)}"

    def _print_DerivativeOf(self, t):
        d = "∂" if t.partial else "d"
        text = self._print(t.expression)
        low = precedence(as_shown(t.expression)) < PRECEDENCE["Pow"]  # log₂(x) is one function
        # On one line, d/dx 1/u could be read as (d/dx 1)/u: a fraction gets brackets too.
        if low or text.startswith("-") or "/" in text:
            text = f"({text})"
        return f"{d}/{d}{self._print(t.wrt)} {text}"

    def _print_Nth(self, t):
        n, x = t.order, self._print(t.argument)
        raised = str(n).translate(_SUPERSCRIPT) if n > 1 else ""
        if t.leibniz:
            return f"d{raised}{self._print(t.name)}/d{x}{raised}"
        marks = PRIMES.get(n) or f"⁽{raised}⁾"
        return f"{self._print(t.name)}{marks}({x})"

    def _print_Prime(self, t):
        # u′ and f′, but (ln y)′: a prime on a function's bracket would read as f′ of it.
        return self.parenthesize(t.body, PRECEDENCE["Atom"], strict=True) + "′"

    def _print_InOrder(self, t):
        joiner = "" if t.tight else f" {_DOT} " if t.spaced else _DOT
        return joiner.join(self._factor(item, t.strict) for item in t.items)

    def _factor(self, item, strict: bool) -> str:
        """One factor of a product: brackets round sums and negative terms; ``strict`` also
        round products and fractions, so f′(g(x))·g′(x) shows its two factors."""
        text = self._print(item)
        if precedence(item) < PRECEDENCE["Mul"] or text.startswith("-"):
            return f"({text})"
        if isinstance(item, sympy.Rational) and item.q != 1:
            return f"({text})"  # eᵘ·(1/2): eᵘ·1/2 would read as a factor 1
        shown = finish(text)  # 2*x is written 2x: one factor, no brackets
        if strict and compound(item) and ("·" in shown or "/" in shown):
            return f"({text})"
        return text

    def _print_Frac(self, t):
        top = self._print(t.numerator)
        if precedence(t.numerator) < PRECEDENCE["Mul"] or " " in top:
            top = f"({top})"
        return f"{top}/{self.parenthesize(t.denominator, PRECEDENCE['Pow'], strict=True)}"

    def _print_Compose(self, t):
        return "∘".join(symbol(name) for name in t.names)

    def _print_Transposed(self, t):
        text = self._print(t.body)  # (W²)ᵀ: a script on W would run into the ᵀ
        return (text if len(text) == 1 else f"({text})") + "ᵀ"

    def _print_Hadamard(self, t):
        return " ⊙ ".join(self._factor(item, True) for item in t.items)

    def _print_Grid(self, t):
        # One line a row, rows apart by "; ", as a matrix is typed (MATLAB, NumPy's np.matrix).
        return "[" + "; ".join(", ".join(self._print(c) for c in row) for row in t.rows) + "]"

    def _print_Num(self, t):
        return number(t.value)

    def _print_Update(self, t):
        g = number(t.gradient)
        return f"{number(t.current)} - {number(t.lr)}{_DOT}{f'({g})' if t.gradient < 0 else g}"

    def _print_Assign(self, t):
        return f"{self._print(t.target)} ← {self._print(t.value)}"


def number(value: float) -> str:
    """Six significant digits (a true minus sign comes with the rest of the Unicode); ∞ and
    "undefined" for what is not a finite number (1e308 squared, 0/0)."""
    if math.isnan(value):
        return "undefined"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return f"{value:.6g}"


def finish(text: str) -> str:
    """The printer's ASCII operators as a learner writes them: ·, −, and 2x without a dot."""
    text = text.replace("*", "·").replace("-", "−")
    if "·" in text:  # else there is no dot to drop
        text = _COEFFICIENT_DOT.sub(r"\1", text)
    return text.replace(_DOT, "·")


# The dot between factors a term keeps in order: unlike SymPy's own "*", never dropped after a
# number (1·ln(x) must not read 1ln(x)).
_DOT = "\x1f"


#: The operators ``pieces`` names, as the Unicode line writes them.
OPERATORS = {"-": "−", "*": "·", " * ": " · ", "/": "/"}


def _fraction(number: sympy.Expr) -> bool:
    return number.is_Rational and not number.is_Integer
