"""The LaTeX printer: SymPy's LaTeX with ln, σ and f′(u) as a learner writes them, and the
document's terms; and, for breaking a formula too long for a line, what it is made of: its
pieces with the terms they print (``parts``), the term inside a function or a minus sign
(``wrap``), a fraction's numerator and denominator (``fraction``)."""

from __future__ import annotations

import math
import re
from typing import Any, NamedTuple

import sympy
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE

from chainrule.document.terms import DerivativeOf, Frac, InOrder, Neg, Num, Terms
from chainrule.formats.printing import (
    FactorsAsGiven,
    LogBase,
    Remembering,
    SharedPrinting,
    as_shown,
    compound,
    no_denominator,
    ordered_terms,
    power_before_argument,
    precedence,
    precedence_traditional,
    sums_last,
    undefined_derivative,
)
from chainrule.formats.typed_forms import alone
from chainrule.functions import sigmoid

#: Names as SymPy writes them with their scripts (w_1 → w_{1}), by name and style.
_NAMES: dict[tuple[str, str], str] = {}
_INDICES = re.compile(r"_\{(\d+(?: \d+)+)\}")
_KEPT_NAMES = 4096
_INVERSE_TRIG = frozenset(
    f"a{name}{h}" for name in ("sin", "cos", "tan", "csc", "sec", "cot") for h in ("", "h")
)


class Part(NamedTuple):
    r"""One of ``pieces(term)`` with what it prints: its operator ("", "+", "-" or \cdot),
    the term (None where the piece is not one term), the text, and whether that text is the
    term in brackets. A piece too wide for a line is broken inside its term."""

    op: str
    term: Any
    text: str
    bracketed: bool = False


class Wrap(NamedTuple):
    r"""A term written round one other term: sin(u) is (\sin\,, u, bracketed), −u is ("- ", u),
    2·u is ("2 ", u), (a + b)³ is ("", a + b, bracketed, "^{3}"). A term too wide for a line
    is broken inside ``inner``; the brackets are the breaker's to choose."""

    head: str
    inner: Any
    bracketed: bool
    tail: str = ""


class LearnerLatexPrinter(Remembering, SharedPrinting, LatexPrinter):
    """SymPy's LaTeX with ln, σ and f′(u) as a learner writes them."""

    def __init__(self) -> None:
        super().__init__({"ln_notation": True, "mul_symbol": "dot", "inv_trig_style": "full"})
        self._base_order = self._settings["order"]

    def _deal_with_super_sub(self, string: str, style="plain") -> str:
        # Every symbol and function name goes through here, and SymPy works out its scripts
        # afresh each time: a long formula names the same few again and again.
        key = (string, style)
        if key not in _NAMES:
            if len(_NAMES) >= _KEPT_NAMES:
                _NAMES.clear()
            named = super()._deal_with_super_sub(string, style=style)
            if "__" in string:  # a layered network's w²₁,₃: two indices, as MathML writes them
                named = _INDICES.sub(lambda m: "_{" + m.group(1).replace(" ", ",") + "}", named)
            _NAMES[key] = named
        return _NAMES[key]

    def parenthesize(self, item, level, is_neg=False, strict=False) -> str:
        # LatexPrinter's, with the precedence remembered (``printing.precedence_traditional``).
        value = precedence_traditional(item)
        if (is_neg and strict) or value < level or (not strict and value <= level):
            return self._add_parens(self._print(item))
        return self._print(item)

    def _as_ordered_terms(self, expr, order=None):
        # Inside a reordered product the printer's order is "none"; sums still sort as usual.
        order = order or ("lex" if self.order == "none" else None)
        return ordered_terms(self, expr, order)

    def _print_Derivative(self, expr):
        found = undefined_derivative(expr)
        if found is not None:
            return self._prime_at(*found)
        return super()._print_Derivative(expr)

    def _print_Subs(self, expr):
        found = undefined_derivative(expr)
        if found is not None:
            return self._prime_at(*found)
        return super()._print_Subs(expr)

    def _print_Pow(self, expr):
        if (typed := alone(expr)) is not None:
            return self._print(typed)
        if expr.exp.is_Rational and expr.exp.is_negative and sympy.fraction(expr)[1] == 1:
            # An unevaluated power SymPy would simplify (sign²u is 1 for u ≠ 0) leaves fraction()
            # no denominator, and SymPy's printer would call itself on the power for ever.
            positive = self._print(sympy.Pow(expr.base, -expr.exp, evaluate=False))
            return rf"\frac{{1}}{{{positive}}}"
        return super()._print_Pow(expr)

    def _print_exp(self, expr, exp=None):
        if exp is None and (typed := alone(expr)) is not None:
            return self._print(typed)  # 1/eˣ, as typed
        return self._print_ExpBase(expr, exp)

    def _print_Raised(self, expr):
        base, exponent = expr.args  # (5 − 2x)^{-2}, as typed
        text = self._print(base)
        if not (base.is_Symbol or base.is_Integer and base > 0):
            text = rf"\left({text}\right)"
        return f"{text}^{{{self._print(exponent)}}}"

    def _print_Mul(self, expr):
        if (written := as_shown(expr)) is not expr:
            return self._print(written)
        ordered = expr if isinstance(expr, FactorsAsGiven) else sums_last(expr)
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

    def _print_polygamma(self, expr, exp=None):
        n, u = expr.args
        order = "" if n == 0 else rf"^{{({self._print(n)})}}"
        text = rf"\psi{order}\left({self._print(u)}\right)"
        return text if exp is None else rf"\left({text}\right)^{{{exp}}}"

    def _print_LogBase(self, expr, exp=None):
        # The way SymPy writes ln: \log_{2}{\left(x \right)}^{2} as \ln{\left(x \right)}^{2}.
        u, b = (self._print(arg) for arg in expr.args)
        text = _log_name(b) + rf"{{\left({u} \right)}}"
        return text if exp is None else f"{text}^{{{exp}}}"

    def _prime_at(self, function, point) -> str:
        name = self._print(sympy.Symbol(function.__name__))
        return rf"{name}'\left({self._print(point)}\right)"

    # -- what a formula is made of, for breaking it across rows ---------------------------------

    def parts(self, term) -> list[Part]:
        """``pieces(term)``, each with the term it prints: the same structure walked the same
        way (top-level terms of a sum, factors of a product without a denominator, the factors
        of an ``InOrder``), so the texts join back into what the printer prints."""
        mul = PRECEDENCE["Mul"]
        term = as_shown(term)
        if isinstance(term, Terms) and len(term.items) > 1:
            return self._signed([(item, self._print(item), False) for item in term.items])
        if isinstance(term, sympy.Add):
            return self._signed(
                [
                    (t, f"({self._print(t)})", True) if t.is_Add else (t, self._print(t), False)
                    for t in self._as_ordered_terms(term)
                ]
            )
        if isinstance(term, sympy.Mul) and no_denominator(term):
            # sums_last's order (as typed or derived, else sums last), as _print_Mul prints it.
            shown = sums_last(term)
            factors = list(shown.args) if shown is not term else term.as_ordered_factors()
            return [self._part(r"\cdot" if i else "", f, mul) for i, f in enumerate(factors)]
        if isinstance(term, InOrder) and not term.tight and len(term.items) > 1:
            out = []
            for i, item in enumerate(term.items):
                text, bracketed = self._factor_bracketed(item, term.strict)
                text = rf"\left({text}\right)" if bracketed else text
                out.append(Part(r"\cdot" if i else "", item, text, bracketed))
            return out
        return [Part("", term, self._print(term))]

    def _signed(self, items: list[tuple[Any, str, bool]]) -> list[Part]:
        """Terms of a sum: a subtracted one is its negation after a "-"."""
        out = [Part("", *items[0])]
        for term, text, bracketed in items[1:]:
            if not text.startswith("-"):
                out.append(Part("+", term, text, bracketed))
                continue
            negated, bracketed = _negated(term)
            out.append(Part("-", negated, text[1:].lstrip(), bracketed))
        return out

    def wrap(self, term) -> Wrap | None:
        """The term as a head and a tail round one inner term, or None: a function of one
        argument (sin, ln, σ, f′, sin²), d/dx of an expression, a minus sign or a whole number
        in front of a product, a sum to a power."""
        term = as_shown(term)
        if isinstance(term, Neg):
            return Wrap("-", term.body, self._negated_in_brackets(term.body))
        if isinstance(term, DerivativeOf):
            head, _, bracketed = self._derivative_of(term)
            return Wrap(head, term.expression, bracketed)
        if not isinstance(term, sympy.Basic):
            return None
        found = undefined_derivative(term)
        if found is not None:
            return Wrap(self._print(sympy.Symbol(found[0].__name__)) + r"'\,", found[1], True)
        if isinstance(term, LogBase):
            return Wrap(_log_name(self._print(term.args[1])) + r"\,", term.args[0], True)
        if isinstance(term, sympy.Function) and len(term.args) == 1:
            name = self._function_name(term)
            return None if name is None else Wrap("".join(name), term.args[0], True)
        if isinstance(term, sympy.Mul) and term.could_extract_minus_sign():
            # SymPy writes a negative product as "- " and the product without its sign.
            return Wrap("- ", -term, (-term).is_Add)
        if isinstance(term, sympy.Mul) and sympy.fraction(term, exact=True)[1] == 1:
            coeff, rest = term.as_coeff_Mul()
            if coeff.is_Integer and coeff != 1:
                return Wrap(f"{coeff} ", rest, rest.is_Add)
        if isinstance(term, sympy.Pow) and term.exp.is_Integer and term.exp > 1:
            base, exp = term.args
            if power_before_argument(base, exp) and (name := self._function_name(base)):
                return Wrap(rf"{name[0]}^{{{exp}}}{name[1]}", base.args[0], True)
            if base.is_Add:
                return Wrap("", base, True, f"^{{{exp}}}")
        return None

    def fraction(self, term) -> tuple[Any, Any] | None:
        """(numerator, denominator) of a term printed as one \\frac, else None."""
        term = as_shown(term)
        if isinstance(term, Frac):
            return term.numerator, term.denominator
        negative_power = isinstance(term, sympy.Pow) and (
            term.exp.is_Rational and term.exp.is_negative
        )
        if isinstance(term, sympy.Mul) and not term.could_extract_minus_sign() or negative_power:
            # How SymPy's _print_Mul splits a product (a power 1/x is printed as a product).
            numerator, denominator = sympy.fraction(term, exact=True)
            if denominator != 1:
                return numerator, denominator
        return None

    def slashed(self, numerator, denominator) -> list[Part]:
        """A fraction written on one line as in running text, a/b, with the brackets it then
        needs: (a + b)/c, a/(b·c)."""
        mul = PRECEDENCE["Mul"]
        return [self._part("", numerator, mul, strict=True), self._part("/", denominator, mul)]

    def _part(self, op: str, term, level: int, strict: bool = False) -> Part:
        """A piece printed as ``parenthesize`` prints it, in brackets below ``level``."""
        text = self.parenthesize(term, level, strict=strict)
        return Part(op, term, text, _bracketed(term, level, strict))

    def _function_name(self, expr) -> tuple[str, str] | None:
        """How a function of one argument is named before its bracket (\\sin, \\ln, \\sigma,
        f_{1}), and the thin space SymPy's printing leaves after the name of an operator (but
        not after f in f(x)); None where it is written some other way (e^{x}, |x|)."""
        func = expr.func.__name__
        if isinstance(expr, AppliedUndef):
            name, _, index = func.partition("_")
            if index:
                return rf"{name}_{{{index}}}", r"\,"
            return self._hprint_Function(func), r"\," if len(func) > 1 else ""
        if isinstance(expr, sigmoid):
            return r"\sigma", r"\,"
        if isinstance(expr, sympy.log):
            return r"\ln", r"\,"
        for cls in type(expr).__mro__:
            if cls is sympy.Function:
                break
            if hasattr(self, f"_print_{cls.__name__}"):
                return None  # a printer of its own (e^{x}, |x|, Γ(x))
        if func in _INVERSE_TRIG:  # inv_trig_style "full": arcsin, arsinh
            func = ("ar" if func.endswith("h") else "arc") + func[1:]
        return self._hprint_Function(func), r"\,"

    # -- the document's terms (chainrule.document.terms) ----------------------------------------

    def _print_Leibniz(self, t):
        d = r"\partial " if t.partial else "d"
        return rf"\frac{{{d}{self._print(t.of)}}}{{{d}{self._print(t.wrt)}}}"

    def _print_DerivativeOf(self, t):
        head, text, bracketed = self._derivative_of(t)
        return head + (rf"\left({text}\right)" if bracketed else text)

    def _derivative_of(self, t) -> tuple[str, str, bool]:
        """d/dx, the expression it applies to, and whether that needs brackets."""
        d = r"\partial" if t.partial else "d"
        text = self._print(t.expression)
        bracketed = precedence(as_shown(t.expression)) < PRECEDENCE["Pow"] or text.startswith("-")
        return rf"\frac{{{d}}}{{{d} {self._print(t.wrt)}}} ", text, bracketed

    def _print_Nth(self, t):
        n, name, x = t.order, self._print(t.name), self._print(t.argument)
        if t.leibniz:
            power = f"^{{{n}}}" if n > 1 else ""
            return rf"\frac{{d{power} {name}}}{{d {x}{power}}}"
        marks = "'" * n if n <= 3 else f"^{{({n})}}"
        return rf"{name}{marks}\left({x}\right)"

    def _print_Prime(self, t):
        return self.parenthesize(t.body, PRECEDENCE["Atom"], strict=True) + "'"

    def _print_Neg(self, t):
        text = self._print(t.body)
        return rf"-\left({text}\right)" if self._negated_in_brackets(t.body) else f"-{text}"

    def _negated_in_brackets(self, body) -> bool:
        """Whether −body needs brackets round body: a sum, and a term that starts with its own
        minus sign, −(−csc²x) (SymPy's LaTeX precedence ranks −u as a product)."""
        return _bracketed(body, PRECEDENCE["Mul"], strict=True) or self._print(body).startswith("-")

    def _print_InOrder(self, t):
        joiner = " " if t.tight else r" \cdot "
        return joiner.join(self._factor(item, t.strict) for item in t.items)

    def _factor(self, item, strict: bool) -> str:
        text, bracketed = self._factor_bracketed(item, strict)
        return rf"\left({text}\right)" if bracketed else text

    def _factor_bracketed(self, item, strict: bool) -> tuple[str, bool]:
        """A factor of an ``InOrder``, and whether it needs brackets."""
        text = self._print(item)
        if precedence(item) < PRECEDENCE["Mul"] or text.startswith("-"):
            return text, True
        # A \frac is visibly one factor; only a product inside a product needs brackets.
        return text, strict and compound(item) and r"\cdot" in text

    def _print_Frac(self, t):
        return rf"\frac{{{self._print(t.numerator)}}}{{{self._print(t.denominator)}}}"

    def _print_Compose(self, t):
        return r" \circ ".join(self._print(sympy.Symbol(name)) for name in t.names)

    def _print_Transposed(self, t):
        body = self._print(t.body)
        if not isinstance(t.body, sympy.Symbol) or "^" in body or "_" in body:
            body = rf"\left({body}\right)"
        return rf"{body}^{{\mathsf{{T}}}}"

    def _print_Hadamard(self, t):
        return r" \odot ".join(self._factor(item, True) for item in t.items)

    def _print_Grid(self, t):
        rows = r" \\ ".join(" & ".join(self._print(c) for c in row) for row in t.rows)
        return rf"\begin{{bmatrix}} {rows} \end{{bmatrix}}"

    def _print_Num(self, t):
        return latex_number(t.value)

    def _print_Update(self, t):
        g = latex_number(t.gradient)
        g = rf"\left({g}\right)" if t.gradient < 0 else g
        return rf"{latex_number(t.current)} - {latex_number(t.lr)} \cdot {g}"

    def _print_Assign(self, t):
        return rf"{self._print(t.target)} \leftarrow {self._print(t.value)}"


def _log_name(base: str) -> str:
    """log_b as LaTeX writes it, the base already printed: \\log_{2}, \\log_{\\pi}."""
    return rf"\log_{{{base}}}"


def _bracketed(item, level: int, strict: bool) -> bool:
    """Whether ``parenthesize(item, level, strict)`` puts brackets round the item."""
    value = precedence_traditional(item)
    return value < level or (not strict and value <= level)


def _negated(term) -> tuple[Any, bool]:
    """The term a subtracted one is without its minus sign, and whether it is in brackets
    there; None for a sum, which has no one term to break inside."""
    if isinstance(term, Neg):
        return term.body, _bracketed(term.body, PRECEDENCE["Mul"], strict=True)
    if isinstance(term, Num):
        return Num(-term.value), False
    if isinstance(term, sympy.Basic) and not term.is_Add:
        return -term, False
    return None, False


def latex_number(value: float) -> str:
    """Six significant digits; 1e-05 written 1 \\cdot 10^{-5}; ±∞ as \\infty and NaN (0·∞, ∞ − ∞)
    as undefined."""
    if math.isnan(value):
        return r"\text{undefined}"
    if math.isinf(value):
        return r"\infty" if value > 0 else r"-\infty"
    text = f"{value:.6g}"
    mantissa, e, exponent = text.partition("e")
    if not e:
        return text
    power = f"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else rf"{mantissa} \cdot {power}"
