"""How math is written in each notation: one-line Unicode, LaTeX, or SymPy/Python code.

The printers extend SymPy's own and also print the document's terms (``document.terms``:
∂J/∂ŷ, d/dx (…), products kept in order …), dispatching on the class name as SymPy does. Every
format prints math through ``unicode``, ``latex`` or ``code`` (MathML: ``formats.mathml``), so a
formula reads the same in the terminal, on a slide and in JSON. Nothing here changes the math.
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

from chainrule.document import terms
from chainrule.document.terms import Frac, InOrder, Terms

_TERMS = tuple(getattr(terms, name) for name in terms.__all__)

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


class _Pieces:
    """Where a long formula may break: its top-level terms or factors, each with its operator.

    ``pieces(term)`` gives (operator, text) pairs — operator "" for the first, then "+", "-" or
    "*" — that join back into exactly what the printer prints for the term. A formula that
    cannot be split (a fraction, a single function) is one piece.
    """

    def pieces(self, term) -> list[tuple[str, str]]:
        if isinstance(term, Terms) and len(term.items) > 1:
            return _signed([self._print(item) for item in term.items])
        if isinstance(term, sympy.Add):
            texts = [
                f"({self._print(t)})" if t.is_Add else self._print(t)
                for t in self._as_ordered_terms(term)
            ]
            return _signed(texts)
        if isinstance(term, sympy.Mul) and _no_denominator(term):
            factors = _sums_last(term).as_ordered_factors()
            texts = [self.parenthesize(f, PRECEDENCE["Mul"], strict=False) for f in factors]
            return [("", texts[0]), *(("*", t) for t in texts[1:])]
        if isinstance(term, InOrder) and not term.tight and len(term.items) > 1:
            texts = [self._factor(item, term.strict) for item in term.items]
            return [("", texts[0]), *(("*", t) for t in texts[1:])]
        return [("", self._print(term))]


def _no_denominator(expr: sympy.Mul) -> bool:
    """A product of factors only (no fraction, no leading number): safe to break between."""
    coeff, _ = expr.as_coeff_Mul()
    return coeff is sympy.S.One and not any(f.is_Pow and f.exp.is_negative for f in expr.args)


def _signed(texts: list[str]) -> list[tuple[str, str]]:
    out = [("", texts[0])]
    for text in texts[1:]:
        out.append(("-", text[1:].lstrip()) if text.startswith("-") else ("+", text))
    return out


class _UnicodePrinter(_Pieces, StrPrinter):
    """SymPy's str() layout with the symbols a learner writes on paper."""

    def pieces(self, term) -> list[tuple[str, str]]:
        # On one line a long fraction may break before its slash (LaTeX's \frac cannot).
        if isinstance(term, Frac):
            text = self._print(term)
            top, _, over = text.rpartition("/")
            if top and over == self.parenthesize(term.denominator, PRECEDENCE["Pow"], True):
                return [("", top), ("/", over)]
        if isinstance(term, sympy.Mul) and not _no_denominator(term):
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
        name = expr.func.__name__
        name = symbol(name) if isinstance(expr, AppliedUndef) else _UNICODE_NAMES.get(name, name)
        return f"{name}({self.stringify(expr.args, ', ')})"

    def _print_Derivative(self, expr):
        found = _derivative_of_undefined(expr)
        if found is not None:
            return f"{symbol(found[0].__name__)}′({self._print(found[1])})"
        variables = "".join(f"d{self._print(v)}" for v in expr.variables)
        return f"d/{variables}({self._print(expr.expr)})"

    def _print_Subs(self, expr):
        found = _derivative_of_undefined(expr)
        if found is not None:
            return f"{symbol(found[0].__name__)}′({self._print(found[1])})"
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

    # -- the document's terms (chainrule.document.terms) ----------------------------------------

    def _print_Leibniz(self, t):
        d = "∂" if t.partial else "d"
        return f"{d}{self._print(t.of)}/{d}{self._print(t.wrt)}"

    def _print_DerivativeOf(self, t):
        d = "∂" if t.partial else "d"
        text = self._print(t.expression)
        # On one line, d/dx 1/u could be read as (d/dx 1)/u: a fraction gets brackets too.
        if precedence(t.expression) < PRECEDENCE["Pow"] or text.startswith("-") or "/" in text:
            text = f"({text})"
        return f"{d}/{d}{self._print(t.wrt)} {text}"

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
        shown = _unicode_text(text)  # 2*x is written 2x: one factor, no brackets
        if strict and _compound(item) and ("·" in shown or "/" in shown):
            return f"({text})"
        return text

    def _print_Terms(self, t):
        return _join_terms([self._print(item) for item in t.items], "-") if t.items else "0"

    def _print_Neg(self, t):
        return "-" + self.parenthesize(t.body, PRECEDENCE["Mul"], strict=True)

    def _print_Frac(self, t):
        top = self._print(t.numerator)
        if precedence(t.numerator) < PRECEDENCE["Mul"] or " " in top:
            top = f"({top})"
        return f"{top}/{self.parenthesize(t.denominator, PRECEDENCE['Pow'], strict=True)}"

    def _print_Compose(self, t):
        return "∘".join(symbol(name) for name in t.names)

    def _print_Num(self, t):
        return number(t.value)

    def _print_Update(self, t):
        g = number(t.gradient)
        return f"{number(t.current)} - {number(t.lr)}{_DOT}{f'({g})' if t.gradient < 0 else g}"

    def _print_Equals(self, t):
        return " = ".join(self._print(side) for side in t.sides)

    def _print_Assign(self, t):
        return f"{self._print(t.target)} ← {self._print(t.value)}"


class _LatexPrinter(_Pieces, LatexPrinter):
    """SymPy's LaTeX with ln, σ and f′(u) as a learner writes them."""

    def __init__(self) -> None:
        super().__init__({"ln_notation": True, "mul_symbol": "dot", "inv_trig_style": "full"})
        self._base_order = self._settings["order"]

    def _as_ordered_terms(self, expr, order=None):
        # Inside a reordered product the printer's order is "none"; sums still sort as usual.
        order = order or ("lex" if self.order == "none" else None)
        return _reading_order(super()._as_ordered_terms(expr, order=order))

    def _print_Derivative(self, expr):
        found = _derivative_of_undefined(expr)
        if found is not None:
            return self._prime_at(*found)
        return super()._print_Derivative(expr)

    def _print_Subs(self, expr):
        found = _derivative_of_undefined(expr)
        if found is not None:
            return self._prime_at(*found)
        return super()._print_Subs(expr)

    def _print_Mul(self, expr):
        ordered = expr if isinstance(expr, _FactorsAsGiven) else _sums_last(expr)
        # SymPy's LaTeX printer re-sorts factors unless its order is "none"; "none" must hold
        # for this product's own factors only, or a product inside it keeps SymPy's internal
        # order (sin·cos here, cos·sin there).
        saved = self._settings["order"]
        self._settings["order"] = "none" if ordered is not expr else self._base_order
        try:
            text = super()._print_Mul(ordered)
        finally:
            self._settings["order"] = saved
        # mul_symbol="dot" would also write 2·x; a number before a letter needs no dot.
        return re.sub(r"(?<![\w.}])(\d+) \\cdot (?=[a-zA-Z\\(])", r"\1 ", text)

    def _print_Function(self, expr, exp=None):
        if isinstance(expr, AppliedUndef) and "_" in expr.func.__name__:
            # f_1(x): SymPy would write the whole name upright; a learner writes f₁.
            name, _, index = expr.func.__name__.partition("_")
            args = ", ".join(self._print(a) for a in expr.args)
            return rf"{name}_{{{index}}}\left({args}\right)"
        return super()._print_Function(expr, exp)

    def _prime_at(self, function, point) -> str:
        name = self._print(sympy.Symbol(function.__name__))
        return rf"{name}'\left({self._print(point)}\right)"

    # -- the document's terms (chainrule.document.terms) ----------------------------------------

    def _print_Leibniz(self, t):
        d = r"\partial " if t.partial else "d"
        return rf"\frac{{{d}{self._print(t.of)}}}{{{d}{self._print(t.wrt)}}}"

    def _print_DerivativeOf(self, t):
        d = r"\partial" if t.partial else "d"
        text = self._print(t.expression)
        if precedence(t.expression) < PRECEDENCE["Pow"] or text.startswith("-"):
            text = rf"\left({text}\right)"
        return rf"\frac{{{d}}}{{{d} {self._print(t.wrt)}}} {text}"

    def _print_Prime(self, t):
        return self.parenthesize(t.body, PRECEDENCE["Atom"], strict=True) + "'"

    def _print_InOrder(self, t):
        joiner = " " if t.tight else r" \cdot "
        return joiner.join(self._factor(item, t.strict) for item in t.items)

    def _factor(self, item, strict: bool) -> str:
        text = self._print(item)
        if precedence(item) < PRECEDENCE["Mul"] or text.startswith("-"):
            return rf"\left({text}\right)"
        # A \frac is visibly one factor; only a product inside a product needs brackets.
        if strict and _compound(item) and r"\cdot" in text:
            return rf"\left({text}\right)"
        return text

    def _print_Terms(self, t):
        return _join_terms([self._print(item) for item in t.items], "-") if t.items else "0"

    def _print_Neg(self, t):
        return "-" + self.parenthesize(t.body, PRECEDENCE["Mul"], strict=True)

    def _print_Frac(self, t):
        return rf"\frac{{{self._print(t.numerator)}}}{{{self._print(t.denominator)}}}"

    def _print_Compose(self, t):
        return r" \circ ".join(self._print(sympy.Symbol(name)) for name in t.names)

    def _print_Num(self, t):
        return latex_number(t.value)

    def _print_Update(self, t):
        g = latex_number(t.gradient)
        g = rf"\left({g}\right)" if t.gradient < 0 else g
        return rf"{latex_number(t.current)} - {latex_number(t.lr)} \cdot {g}"

    def _print_Equals(self, t):
        return " = ".join(self._print(side) for side in t.sides)

    def _print_Assign(self, t):
        return rf"{self._print(t.target)} \leftarrow {self._print(t.value)}"


def _compound(item) -> bool:
    """A product or a fraction: one factor that strict brackets set apart."""
    return isinstance(item, sympy.Mul | sympy.Pow | InOrder | Frac) or (
        isinstance(item, sympy.Basic) and item.is_Mul
    )


def _join_terms(texts: list[str], minus: str) -> str:
    """Terms joined by + and −: 0 − sin(x), never 0 + (−sin(x))."""
    out = texts[0]
    for text in texts[1:]:
        if text.startswith(minus):
            out += f" {minus} {text[len(minus) :].lstrip()}"
        else:
            out += f" + {text}"
    return out


def number(value: float) -> str:
    """Six significant digits (a true minus sign comes with the rest of the Unicode)."""
    return f"{value:.6g}"


def latex_number(value: float) -> str:
    """Six significant digits; 1e-05 written 1 \\cdot 10^{-5}."""
    text = f"{value:.6g}"
    mantissa, e, exponent = text.partition("e")
    if not e:
        return text
    power = f"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else rf"{mantissa} \cdot {power}"


def _as_expr(value) -> sympy.Basic:
    # Formats also hand us plain numbers (a coefficient, a count) and terms; never text.
    if isinstance(value, (sympy.Basic, *_TERMS)):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a SymPy expression or a number, got {type(value).__name__}")
    return sympy.Integer(value) if isinstance(value, int) else sympy.Float(value)


def unicode(expr) -> str:
    """One line of Unicode math: −sin(x)/(cos(x) + 2), σ(z₂)·(1 − σ(z₂)), 2x², √(x + 1)."""
    return _unicode_text(_UnicodePrinter().doprint(_as_expr(expr)))


def _unicode_text(text: str) -> str:
    text = text.replace("*", "·").replace("-", "−")
    return _COEFFICIENT_DOT.sub(r"\1", text).replace(_DOT, "·")


# The dot between factors a term keeps in order: unlike SymPy's own "*", never dropped after a
# number (1·ln(x) must not read 1ln(x)).
_DOT = "\x1f"


def unicode_pieces(term) -> list[tuple[str, str]]:
    """``unicode(term)`` cut where a long line may break: (operator, text) pairs."""
    return [
        (_MINUS.get(op, op), _unicode_text(text))
        for op, text in _UnicodePrinter().pieces(_as_expr(term))
    ]


def latex_pieces(term) -> list[tuple[str, str]]:
    r"""``latex(term)`` cut where a long line may break: operators "+", "-" and "\cdot"."""
    return [
        (r"\cdot" if op == "*" else op, text) for op, text in _LatexPrinter().pieces(_as_expr(term))
    ]


_MINUS = {"-": "−", "*": "·", "/": "/"}


def latex(expr) -> str:
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
