"""Functions chainrule adds to SymPy: the logistic sigmoid σ, kept whole as networks use it."""

from __future__ import annotations

import math

import sympy


class sigmoid(sympy.Function):  # noqa: N801 - named like SymPy's own functions (sin, exp)
    """σ(u) = 1/(1 + e^(−u)).

    It stays a named function so that its derivative reads the way a learner writes it,
    σ′(u) = σ(u)·(1 − σ(u)), instead of an exponential mess.
    """

    nargs = 1

    @classmethod
    def eval(cls, arg):
        if arg.is_zero:
            return sympy.S.Half
        return None

    def fdiff(self, argindex=1):
        if argindex != 1:
            raise sympy.ArgumentIndexError(self, argindex)
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, arg, **kwargs):
        return _logistic(arg)

    def _eval_evalf(self, prec):
        return _logistic(self.args[0])._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_positive(self):
        # 0 < σ(u) < 1 for every real u.
        return True if self.args[0].is_real else None

    def _eval_is_finite(self):
        return True if self.args[0].is_real else None

    def _latex(self, printer, exp=None):
        body = rf"\sigma\left({printer._print(self.args[0])}\right)"
        return rf"{body}^{{{exp}}}" if exp else body

    def _pretty(self, printer):
        return printer._print_Function(self, func_name="σ")

    def _sympystr(self, printer):
        return f"sigmoid({printer._print(self.args[0])})"


def _logistic(u: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-u))


def expand_sigmoid(expr: sympy.Expr) -> sympy.Expr:
    """Write every σ(u) as 1/(1 + exp(−u)), for numeric code and for plain-syntax output.

    A targeted replace, not ``rewrite(exp)``, which would also turn x**2 into exp(2·log x).
    """
    return expr.replace(sigmoid, _logistic) if expr.has(sigmoid) else expr


def numeric_sigmoid(u: float) -> float:
    """σ(u) for a float, without overflow."""
    # Split by sign so neither branch overflows exp() for large |u|.
    if u >= 0:
        return 1.0 / (1.0 + math.exp(-u))
    z = math.exp(u)
    return z / (1.0 + z)


# lambdify has no numeric sigmoid of its own: hand it this mapping.
LAMBDIFY_MODULES = [{"sigmoid": numeric_sigmoid}, "math"]


def on_the_reals(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with re(u) written u and im(u) written 0, as they are for real u.

    chainrule differentiates on the reals, but SymPy's symbols may be complex: it writes
    |eˣ| as e^(re x) and |2ˣ·x| as 2^(re x)·|x|, and re has no derivative on the complex plane.
    """
    if not expr.has(sympy.re, sympy.im):
        return expr
    return expr.replace(sympy.re, lambda u: u).replace(sympy.im, lambda u: sympy.S.Zero)
