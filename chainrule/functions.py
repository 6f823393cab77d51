"""Functions chainrule adds to SymPy, kept whole as networks use them: the logistic sigmoid σ,
the rectifier ReLU and its derivative, the unit step H with H(0) = 0."""

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


#: ReLU has a kink at 0 and no derivative there; like PyTorch and NumPy code we take
#: ReLU′(0) = H(0) = 0 (``chainrule.network.shape.RELU_AT_ZERO`` is the same choice).
STEP_AT_ZERO = 0


class relu(sympy.Function):  # noqa: N801 - named like SymPy's own functions
    """ReLU(u) = max(0, u): u where u > 0, else 0.

    Named, like σ, so that its derivative reads ReLU′(u) = H(u), the unit step, rather than
    SymPy's Heaviside of a Max.
    """

    nargs = 1

    @classmethod
    def eval(cls, arg):
        if arg.is_number and arg.is_real:
            return arg if arg > 0 else sympy.S.Zero
        return None

    def fdiff(self, argindex=1):
        if argindex != 1:
            raise sympy.ArgumentIndexError(self, argindex)
        return heaviside(self.args[0])

    def _eval_rewrite_as_Max(self, arg, **kwargs):
        return sympy.Max(0, arg)

    def _eval_evalf(self, prec):
        return sympy.Max(0, self.args[0])._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_nonnegative(self):
        return True if self.args[0].is_real else None

    def _latex(self, printer, exp=None):
        body = rf"\operatorname{{ReLU}}\left({printer._print(self.args[0])}\right)"
        return rf"{body}^{{{exp}}}" if exp else body

    def _sympystr(self, printer):
        return f"relu({printer._print(self.args[0])})"


class heaviside(sympy.Function):  # noqa: N801 - named like SymPy's own functions
    """H(u) = 1 for u > 0 and 0 for u ≤ 0: ReLU′, with the kink at 0 taken as 0
    (``STEP_AT_ZERO``). SymPy's ``Heaviside(u, 0)`` is the same function."""

    nargs = 1

    @classmethod
    def eval(cls, arg):
        if arg.is_number and arg.is_real:
            return sympy.S.One if arg > 0 else sympy.Integer(STEP_AT_ZERO)
        return None

    def fdiff(self, argindex=1):
        # Flat on each side of the jump; at 0 there is no derivative, as for sign(u).
        if argindex != 1:
            raise sympy.ArgumentIndexError(self, argindex)
        return sympy.S.Zero

    def _eval_rewrite_as_Heaviside(self, arg, **kwargs):
        return sympy.Heaviside(arg, STEP_AT_ZERO)

    def _eval_evalf(self, prec):
        return sympy.Heaviside(self.args[0], STEP_AT_ZERO)._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_nonnegative(self):
        return True if self.args[0].is_real else None

    def _latex(self, printer, exp=None):
        body = rf"H\left({printer._print(self.args[0])}\right)"
        return rf"{body}^{{{exp}}}" if exp else body

    def _sympystr(self, printer):
        return f"heaviside({printer._print(self.args[0])})"


def numeric_relu(u: float) -> float:
    return u if u > 0 else 0.0


def numeric_heaviside(u: float) -> float:
    return 1.0 if u > 0 else float(STEP_AT_ZERO)


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
LAMBDIFY_MODULES = [
    {"sigmoid": numeric_sigmoid, "relu": numeric_relu, "heaviside": numeric_heaviside},
    "math",
]


def _mp_sigmoid(u):
    import mpmath

    return 1 / (1 + mpmath.exp(-u))


#: The same for lambdify with mpmath's numbers (a derivative's value at a point, to 30 digits).
MPMATH_MODULES = [
    {"sigmoid": _mp_sigmoid, "relu": numeric_relu, "heaviside": numeric_heaviside},
    "mpmath",
]


def on_the_reals(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with re(u) written u and im(u) written 0, as they are for real u.

    chainrule differentiates on the reals, but SymPy's symbols may be complex: it writes
    |eˣ| as e^(re x) and |2ˣ·x| as 2^(re x)·|x|, and re has no derivative on the complex plane.
    """
    if not expr.has(sympy.re, sympy.im):
        return expr
    return expr.replace(sympy.re, lambda u: u).replace(sympy.im, lambda u: sympy.S.Zero)
