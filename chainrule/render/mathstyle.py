"""How a format writes math around the expressions themselves: d/dx, brackets, sums, products.

``Math`` is one-line Unicode (terminal and plain text); ``latex.LatexMath`` overrides it for
LaTeX and Markdown. Expressions go through ``notation``; this only joins formatted pieces, so
it never changes the math.
"""

from __future__ import annotations

import sympy
from sympy.printing.precedence import PRECEDENCE, precedence

from chainrule.render import notation


class Math:
    """One-line Unicode math (terminal and plain text)."""

    times = "·"
    minus = "−"
    prime = "′"
    compose = "∘"
    ln = "ln "
    check, cross = "✓", "✗"

    def expr(self, expr: sympy.Basic) -> str:
        return notation.unicode(expr)

    def inline(self, math: str) -> str:
        """Math placed inside a sentence (Markdown and LaTeX wrap it in $…$)."""
        return math

    def d(self, variable: sympy.Symbol, partial: bool) -> str:
        name = self.expr(variable)
        return f"∂/∂{name}" if partial else f"d/d{name}"

    def group(self, text: str) -> str:
        return f"({text})"

    def derivative_of(self, expr: sympy.Basic, variable: sympy.Symbol, partial: bool) -> str:
        """d/dx applied to expr: d/dx ln(x), d/dx (cos(x) + 2), d/dx (1/u)."""
        text = self.expr(expr)
        if (
            precedence(expr) < PRECEDENCE["Pow"]
            or text.startswith(("−", "-"))
            or self._slashed(text)
        ):
            text = self.group(text)
        return f"{self.d(variable, partial)} {text}"

    def factor(self, expr: sympy.Basic, strict: bool = False) -> str:
        """expr as one factor of a product: brackets round sums and negative terms.

        ``strict`` also brackets products and fractions, so f′(g(x))·g′(x) shows its two factors.
        """
        text = self.expr(expr)
        if precedence(expr) < PRECEDENCE["Mul"] or text.startswith(("−", "-")):
            return self.group(text)
        # 2x reads as one factor; x·cos(x) or sin(x)/x inside a product needs its brackets.
        if strict and isinstance(expr, sympy.Mul | sympy.Pow) and self._compound(text):
            return self.group(text)
        return text

    def _slashed(self, text: str) -> bool:
        # On one line, d/dx 1/u could be read as (d/dx 1)/u; LaTeX's \frac cannot be misread.
        return "/" in text

    def _compound(self, text: str) -> bool:
        return self.times.strip() in text or "/" in text

    def product(self, factors: list[str]) -> str:
        return self.times.join(factors)

    def sum(self, terms: list[str]) -> str:
        """Terms joined by + and −: 0 − sin(x), never 0 + (−sin(x))."""
        text = terms[0] if terms else "0"
        for term in terms[1:]:
            if term.startswith(("−", "-")):
                text += f" {self.minus} {term[1:].lstrip()}"
            else:
                text += f" + {term}"
        return text

    def quotient(self, numerator: str, denominator: str) -> str:
        return f"({numerator})/{denominator}"

    def square(self, text: str) -> str:
        return f"{text}²"

    def indexed(self, name: str, index: int) -> str:
        """f₁, f₂ … (LaTeX: f_{1})."""
        return notation.symbol(f"{name}_{index}")

    def call(self, name: str, argument: str) -> str:
        return f"{name}({argument})"

    def text(self, words: str) -> str:
        """Plain words inside a math line (LaTeX needs \\text{…})."""
        return words
