"""J over a batch without ever forming ln 0: the cost of one output compiled in (ŷ, y, ln ŷ,
ln(1 − ŷ)), the logs handed in from z where the output activation allows it — ln σ(z) =
−ln(1 + e^(−z)), and log-sum-exp for softmax — so J stays exact where ŷ rounds to 0 or 1.
Only where no such form exists is ŷ moved a hair inside (0, 1), and that is reported."""

from __future__ import annotations

import sympy

from chainrule.network.compiled_locals import YHAT, Y

_LOG_YHAT = sympy.Symbol("log_yhat")
_LOG_1M_YHAT = sympy.Symbol("log_1m_yhat")


def inside(np, yhat):
    """ŷ moved off exactly 0 and 1 (where ln ŷ would be −inf), by the least a float can."""
    return np.clip(yhat, np.finfo(float).tiny, np.nextafter(1.0, 0.0))


class StableCost:
    """``cost`` (J of one output in ``YHAT``, ``Y``) summed over the outputs and averaged over
    the rows; called with the output layer's z and ŷ and the labels, it gives (J, clipped)."""

    def __init__(self, cost: sympy.Expr, last: str, modules, np) -> None:
        replaced = cost.xreplace({sympy.log(YHAT): _LOG_YHAT, sympy.log(1 - YHAT): _LOG_1M_YHAT})
        self._logs = tuple(s for s in (_LOG_YHAT, _LOG_1M_YHAT) if replaced.has(s))
        self._term = sympy.lambdify([YHAT, Y, *self._logs], replaced, modules=modules)
        self._last, self._np = last, np

    def __call__(self, z, yhat, Y) -> tuple[float, bool]:
        np = self._np
        logs, clipped = [], False
        for symbol in self._logs:
            if self._last == "sigmoid":  # ln σ(z) = −ln(1 + e^(−z)), ln(1 − σ(z)) = −ln(1 + e^z)
                logs.append(-np.logaddexp(0, -z if symbol == _LOG_YHAT else z))
            elif self._last == "softmax" and symbol == _LOG_YHAT:
                m = z.max(axis=1, keepdims=True)
                logs.append(z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True)))
            else:
                within = inside(np, yhat)
                clipped = clipped or bool((within != yhat).any())
                logs.append(np.log(within if symbol == _LOG_YHAT else 1 - within))
        term = self._term(yhat, Y, *logs)
        return float(np.sum(term)) / yhat.shape[0], clipped
