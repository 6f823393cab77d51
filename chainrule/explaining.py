"""``explain``: an expression (or its text) in, the whole step-by-step derivative out.

python -m chainrule.explaining "log(2+cos(x))" [--wrt x]
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator

import sympy

from chainrule import ordering
from chainrule.errors import ChainruleError, TooDeep, VariableError
from chainrule.functions import on_the_reals
from chainrule.parsing import Reading
from chainrule.recursion import deep
from chainrule.rules import derive
from chainrule.steps import ChainStep, Explanation, Step
from chainrule.tidying import tidy
from chainrule.tidying.log_rules import log_rules
from chainrule.verifying import verify

#: Deeper expressions are refused: SymPy and the rules recurse once per level.
MAX_DEPTH = 400


def explain(
    expr_or_text: str | sympy.Expr,
    wrt: str | sympy.Symbol | None = None,
    *,
    timeout: float | None = None,
) -> Explanation:
    """Differentiate an expression step by step, verify every step, simplify the answer.

    ``expr_or_text`` is a formula (parsed by ``chainrule.parsing.parse``) or a SymPy expression.
    ``wrt`` names the variable; by default x if present, else the only symbol. Every other
    symbol is held constant. A ``wrt`` that does not occur in the expression gives 0 by the
    constant rule, and the explanation says so.

    ``timeout`` bounds the work to that many seconds (None or 0: no limit), as the command
    line's --timeout does: past it, ``chainrule.budget.OutOfTime`` (a ChainruleError). The
    budget is kept on the main thread only (``chainrule.budget``).
    """
    from chainrule.budget import within

    with within(timeout):
        return _explained(expr_or_text, wrt)


def explain_again(previous: Explanation, *, timeout: float | None = None) -> Explanation:
    """The derivative of ``previous.derivative`` as it was simplified, by the same variable, its
    sums and products written in the order ``previous`` wrote them: the next higher derivative.
    """
    from chainrule.budget import within

    with within(timeout):
        return _explained(previous.derivative, previous.variable, typed=dict(previous.order))


def _explained(
    expr_or_text: str | sympy.Expr, wrt: str | sympy.Symbol | None, typed: dict | None = None
) -> Explanation:
    # An expression's depth is measured (and refused past MAX_DEPTH) before anything walks it:
    # SymPy's own walks recurse. A formula's is known once it is parsed.
    levels = _levels(expr_or_text) if isinstance(expr_or_text, sympy.Basic) else None

    def read():
        text, reading = _expression(expr_or_text)
        expr = reading.expression
        # h(t) = … names its variable: t, unless wrt says otherwise.
        named = reading.name.args[0] if reading.name is not None and reading.name.args else None
        var = choose_variable(expr, wrt if wrt is not None or named is None else named)
        return text, reading, expr, var, expr.free_symbols - {var}

    text, reading, expr, var, others = deep(levels or 0, read)
    order, rewritten = reading.order, reading.rewritten
    if typed:
        order = {**typed, **order}
    if levels is None:
        levels = _levels(expr)
    constants = tuple(sorted(others, key=lambda s: s.name))

    def work():
        # The rules take sums and products in the order they were typed (g + h: g′ then h′).
        with ordering.typed(order):
            # ln(a·b/c) is first split by the log rules, as a book does.
            split = log_rules(expr, var)
            root = derive(expr if split is None else split, var)
            tidying = tidy(root.derivative, var)
            of = None if split is None else expr
            also = tidying.other_form
            return split, root, tidying, verify(root, tidying=tidying.moves, of=of, also=also)

    split, root, tidying, verification = deep(levels, work)
    derivative = tidying.moves[-1].after if tidying.moves else root.derivative
    return Explanation(
        input=text,
        expression=expr,
        variable=var,
        constants=constants,
        root=root,
        derivative=derivative,
        simplified=tidying.tried,
        verification=verification,
        order=tuple(order.items()),
        rewritten=rewritten,
        name=reading.name,
        log_is_ln=reading.log_is_ln,
        tidying=tidying.moves,
        other_form=tidying.other_form,
        log_rules=split,
    )


def _expression(expr_or_text: object) -> tuple[str | None, Reading]:
    if isinstance(expr_or_text, str):
        from chainrule.parsing import reading

        return expr_or_text, reading(expr_or_text)
    if isinstance(expr_or_text, int) and not isinstance(expr_or_text, bool):
        return None, Reading(expression=sympy.Integer(expr_or_text), order={}, rewritten=())
    if isinstance(expr_or_text, float):
        return None, Reading(expression=sympy.Float(expr_or_text), order={}, rewritten=())
    if isinstance(expr_or_text, sympy.Expr):
        _refuse_off_the_reals(expr_or_text)
        _refuse_too_large(expr_or_text)
        # parse() already reads variables as real; an expression built in SymPy may hold re, im.
        return None, Reading(expression=on_the_reals(expr_or_text), order={}, rewritten=())
    raise TypeError(
        f"explain() takes a formula or a SymPy expression, not {type(expr_or_text).__name__}"
    )


def _refuse_off_the_reals(expr: sympy.Expr) -> None:
    """An expression built in SymPy may hold what no real function does: ∞, an undefined
    number (zoo, nan, from a division by zero) or the imaginary unit."""
    S = sympy.S
    if expr.has(S.ComplexInfinity, S.NaN, S.Infinity, S.NegativeInfinity):
        raise ChainruleError(f"{expr} has no finite value (∞ or a division by zero in it)")
    if expr.has(S.ImaginaryUnit):
        raise ChainruleError(f"{expr} holds the imaginary unit: chainrule works on the reals")


def _refuse_too_large(expr: sympy.Expr) -> None:
    """The parser's limits on numbers, for an expression built in SymPy: at most
    ``MAX_DIGITS`` digits, and a decimal's exponent within e±MAX_DIGITS. Every printer writes
    a number out in full, so 1e100000 alone would be a hundred thousand digits on every line."""
    from chainrule.parsing.limits import MAX_DIGITS

    bits = math.ceil(MAX_DIGITS * math.log2(10))
    for number in expr.atoms(sympy.Number):
        if number.is_Rational and max(abs(number.p), number.q).bit_length() > bits:
            raise ChainruleError(
                f"a number in the expression has more than {MAX_DIGITS} digits, the limit for a"
                " typed formula too"
            )
        if isinstance(number, sympy.Float) and number and abs(_exponent(number)) > MAX_DIGITS:
            raise ChainruleError(
                f"a number in the expression, about 10^{_exponent(number):.0f}, is out of range:"
                f" the limit is e±{MAX_DIGITS}, as in a typed formula"
            )


def _exponent(number: sympy.Float) -> float:
    """log10 |number| for a nonzero Float, read from its binary exponent (printing it could
    take minutes: that is what is being refused)."""
    _, mantissa, exponent, _ = number._mpf_
    return (exponent + mantissa.bit_length()) * math.log10(2)


def choose_variable(expr: sympy.Expr, wrt: str | sympy.Symbol | None = None) -> sympy.Symbol:
    """The symbol to differentiate by: ``wrt`` (matched by name), else x, else the only one."""
    symbols = {s.name: s for s in expr.free_symbols if isinstance(s, sympy.Symbol)}
    names = ", ".join(sorted(symbols))
    if wrt is None:
        if "x" in symbols:
            return symbols["x"]
        if len(symbols) == 1:
            return next(iter(symbols.values()))
        if not symbols:
            # d/dx c = 0: a constant still has a derivative, with respect to anything.
            return sympy.Symbol("x")
        raise VariableError(
            f"{expr} has several variables ({names}) and none is x: say which one to "
            f"differentiate by (--wrt {min(symbols)} on the command line, "
            f"wrt={min(symbols)!r} in Python)"
        )
    if isinstance(wrt, sympy.Symbol):
        name = wrt.name
    elif isinstance(wrt, str):
        name = _spelled_as_in_formulas(wrt.strip())
        if not name.isidentifier():
            raise VariableError(f"{wrt!r} is not a variable name")
    else:
        raise TypeError(f"wrt must be a name or a SymPy Symbol, not {type(wrt).__name__}")
    if name in symbols:
        return symbols[name]
    # A variable the formula does not hold: the whole formula is a constant with respect to
    # it, so the derivative is 0 by the constant rule (the explanation says so, and names the
    # formula's own variables in case of a typo).
    return wrt if isinstance(wrt, sympy.Symbol) else sympy.Symbol(name)


def _spelled_as_in_formulas(name: str) -> str:
    """The name the parser gives the symbol written ``name``: θ is theta, x_1 is x1, ｘ is x."""
    from chainrule.parsing import parse

    try:
        symbol = parse(name) if name else None
    except ChainruleError:
        return name
    return symbol.name if isinstance(symbol, sympy.Symbol) else name


def _depth(expr: sympy.Basic) -> int:
    """Nesting depth, without recursion (this is what guards the recursion)."""
    height: dict[sympy.Basic, int] = {}
    stack = [expr]
    while stack:
        node = stack[-1]
        waiting = [arg for arg in node.args if arg not in height]
        if waiting:
            stack.extend(waiting)
        else:
            stack.pop()
            height[node] = 1 + max((height[arg] for arg in node.args), default=0)
    return height[expr]


def _levels(expr: sympy.Basic) -> int:
    """The expression's depth, refused past ``MAX_DEPTH``: the rules and SymPy recurse once per
    level, and deeper would take more stack than is safe."""
    depth = _depth(expr)
    if depth > MAX_DEPTH:
        raise TooDeep(f"the expression is nested {depth} deep; at most {MAX_DEPTH} is supported")
    return depth


# -- the module demo: the raw step tree, one line per step, as no renderer shows it ----------


def outline(step: Step, indent: str = "") -> Iterator[str]:
    """One line per step: rule, d/dvariable expression = derivative; chains also show u = g."""
    yield f"{indent}[{step.rule}] d/d{step.variable} {step.expression} = {step.derivative}"
    if isinstance(step, ChainStep):
        yield f"{indent}    f = {step.outer}, {step.u} = {step.inner}"
        yield f"{indent}    f'({step.u}) = {step.outer_derivative}, g' = {step.inner_derivative}"
    for sub in step.substeps:
        yield from outline(sub, indent + "    ")


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Show the steps of a derivative, plainly.")
    parser.add_argument("formula")
    parser.add_argument("--wrt", default=None)
    args = parser.parse_args(argv)
    try:
        explanation = explain(args.formula, wrt=args.wrt)
    except ChainruleError as error:
        sys.exit(f"error: {error}")
    print("\n".join(outline(explanation.root)))
    print(f"derivative: {explanation.derivative}")
    if explanation.constants:
        print(f"held constant: {', '.join(map(str, explanation.constants))}")
    v = explanation.verification
    print(f"checked against sympy.diff: {v.status} ({v.method}, {v.steps_checked} steps)")
    for unchecked in v.unchecked:
        print(f"  not checked ({unchecked.reason}): {unchecked.expression}")


if __name__ == "__main__":
    main()
