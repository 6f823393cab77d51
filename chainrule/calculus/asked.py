"""What a formula becomes for the options a learner gives — ``chainrule explain``'s and the web
page's choice, made in one place: an explanation; the derivatives up to ``order``; the derivative
at the point ``at`` with its tangent; with several names in ``wrt`` the gradient; for an equation
(x^2 + y^2 = 25) implicit differentiation, ``of`` naming the function; logarithmic
differentiation for ``method="log"``. Options that do not go together are refused before any
formula is read, one line each."""

from __future__ import annotations


def computation(
    wrt: str | None,
    order: int | None,
    at: str | None,
    of: str | None = None,
    method: str = "rules",
):
    """What each formula becomes: an explanation, the derivatives up to ``order``, the
    derivative at the point ``at``, with several names in ``wrt`` the gradient, for an
    equation (x^2 + y^2 = 25) implicit differentiation, ``of`` naming the function (y), and
    logarithmic differentiation for ``method="log"``."""
    from chainrule.errors import ChainruleError

    if method == "log":
        return _log_method(wrt, order, at, of)

    explicit = _explicit(wrt, order, at)
    if of is not None and (order is not None or (wrt is not None and "," in wrt)):
        raise ChainruleError("--of names y in an equation: it goes without --order and --wrt x,y")

    def run(text: str):
        from chainrule.parsing.equations import read_equation

        if read_equation(text) is None:
            if of is not None:
                raise ChainruleError(
                    f"--of {of} is for an equation in x and {of}, like x^2 + {of}^2 = 25"
                )
            return explicit(text)
        if order is not None or (wrt is not None and "," in wrt):
            raise ChainruleError(
                "an equation is differentiated implicitly, once: leave out --order and --wrt x,y"
            )
        from chainrule.calculus import implicit

        return implicit(text, x=wrt or "x", y=of or "y", at=at)

    return run


def _log_method(wrt: str | None, order: int | None, at: str | None, of: str | None):
    """``_computation`` for ``--method log``: one first derivative of one variable."""
    from chainrule.errors import ChainruleError

    others = [name for name, given in (("--order", order), ("--at", at), ("--of", of)) if given]
    if wrt is not None and "," in wrt:
        others.append("--wrt x,y")
    if others:
        raise ChainruleError(
            f"--method log takes one first derivative: leave out {' and '.join(others)}"
        )

    def run(text: str):
        from chainrule.calculus import log_differentiate
        from chainrule.parsing.equations import read_equation

        if read_equation(text) is not None:
            raise ChainruleError(
                "--method log takes a formula, not an equation: y = … with y alone on the "
                "left, or just the right side"
            )
        return log_differentiate(text, wrt)

    return run


def _explicit(wrt: str | None, order: int | None, at: str | None):
    """``_computation`` for a formula that is not an equation."""
    from chainrule.errors import ChainruleError

    if wrt is not None and "," in wrt:
        if order is not None:
            raise ChainruleError(
                "--order takes one variable; a gradient (--wrt x,y) is first order"
            )
        from chainrule.calculus import gradient

        return lambda text: gradient(text, wrt, at)
    if order is not None:
        from chainrule.calculus.higher import check_order

        check_order(order)
        if at is not None:
            raise ChainruleError(
                "--at goes with the first derivative (the tangent line); leave out --order"
            )
        from chainrule.calculus import derivatives

        return lambda text: derivatives(text, order, wrt)
    from chainrule.explaining import explain

    if at is not None:
        from chainrule.calculus import at_point

        return lambda text: at_point(explain(text, wrt=wrt), at)
    return lambda text: explain(text, wrt=wrt)
