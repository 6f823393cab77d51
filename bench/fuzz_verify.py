"""Random expression trees explained, and every verdict the verifier gives judged independently.

    python bench/fuzz_verify.py [--seconds 120] [--inputs N] [--seed 0] [--render] [--verbose]

Each tree is explained; the script counts the verdicts (ok, undecided, failed) and
every error that is not a clean ``ChainruleError``. Each "failed" verdict is then decided
independently of chainrule's verifier: SymPy differentiates the failing step's expression
afresh (symbols real, so d|u|/du is sign u) and both derivatives are compared with mpmath at
30 digits at many real points where every part of the expression is real. "wrong" means a
real bug in chainrule; "right" means a false alarm; "undecidable" means too few such points.
With ``--render`` every explanation is also laid out in every format. Not a test: it prints
what it found and exits 0, or 1 if chainrule gave a wrong derivative or an internal error.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import time
import traceback
from collections import Counter

import mpmath
import sympy
from sympy.core.function import AppliedUndef

from chainrule.errors import ChainruleError
from chainrule.explaining import explain
from chainrule.functions import expand_sigmoid, sigmoid

x, y = sympy.symbols("x y")
f, g = sympy.Function("f"), sympy.Function("g")

UNARY = [
    sympy.sin,
    sympy.cos,
    sympy.tan,
    sympy.cot,
    sympy.sec,
    sympy.csc,
    sympy.exp,
    sympy.log,
    sympy.sqrt,
    sympy.cbrt,
    sympy.asin,
    sympy.acos,
    sympy.atan,
    sympy.acot,
    sympy.asec,
    sympy.acsc,
    sympy.sinh,
    sympy.cosh,
    sympy.tanh,
    sympy.coth,
    sympy.asinh,
    sympy.acosh,
    sympy.atanh,
    sympy.acoth,
    sympy.Abs,
    sympy.sign,
    sigmoid,
    f,
    g,
]
#: Inverse functions, drawn again as the outer link of nested inverse trig (acsc(acsc(x))).
INVERSE = [sympy.asin, sympy.acos, sympy.asec, sympy.acsc, sympy.acot, sympy.acoth, sympy.atanh]
LEAVES = [x, x, x, y, sympy.Integer(2), sympy.Integer(3), sympy.Rational(1, 2), sympy.pi]
EXPONENTS = [2, 3, -1, -2, sympy.Rational(1, 2), sympy.Rational(-1, 3)]


def tree(rng: random.Random, depth: int) -> sympy.Expr:
    """A random expression at most ``depth`` levels deep. A part free of x and y is only ever
    a leaf: SymPy evaluates constant parts (acoth(atanh(1/2))) as it builds them, slowly."""
    if depth <= 0 or rng.random() < 0.2:
        return rng.choice(LEAVES)
    kind = rng.random()
    if kind < 0.45:
        a = tree(rng, depth - 1)
        return rng.choice(UNARY)(a) if a.free_symbols else a
    if kind < 0.55:
        a = tree(rng, depth - 2)
        return rng.choice(INVERSE)(rng.choice(INVERSE)(a)) if a.free_symbols else a
    a, b = tree(rng, depth - 1), tree(rng, depth - 1)
    if not (a.free_symbols or b.free_symbols):
        return a
    return rng.choice(
        [
            lambda: a + b,
            lambda: a - b,
            lambda: a * b,
            lambda: a / b,
            lambda: a ** rng.choice(EXPONENTS),
            lambda: a**b,
        ]
    )()


# -- the independent judge ---------------------------------------------------------------------

_CONCRETE = {
    "f": sympy.Lambda(sympy.Symbol("s"), sympy.sin(sympy.Symbol("s")) + sympy.Symbol("s") ** 2),
    "g": sympy.Lambda(sympy.Symbol("s"), sympy.exp(sympy.Symbol("s") / 3) + 1),
}
DIGITS = 30
mpmath.mp.dps = DIGITS


def _concrete(expr: sympy.Expr) -> sympy.Expr:
    """f and g replaced by fixed functions, derivatives of them carried out."""
    if not expr.has(AppliedUndef):
        return expr

    def at_point(d: sympy.Derivative) -> sympy.Expr:
        # d f(g)/dg, with g not a symbol, is "f′(t) at t = g" once f is a concrete function.
        (v, n), *rest = d.variable_count
        t = sympy.Dummy("t")
        return sympy.Subs(sympy.Derivative(d.expr.xreplace({v: t}), (t, n), *rest), t, v)

    expr = expr.replace(
        lambda e: isinstance(e, sympy.Derivative) and not e.variables[0].is_Symbol, at_point
    )
    for name, body in _CONCRETE.items():
        expr = expr.replace(sympy.Function(name), lambda *args, body=body: body(*args))
    return expr.doit()


def _numeric(expr: sympy.Expr, symbols: list[sympy.Symbol]):
    """``expr`` as an mpmath function of ``symbols``: None where it has no finite value."""
    fn = sympy.lambdify(symbols, expr, modules="mpmath")

    def at(values: list) -> mpmath.mpc | None:
        try:
            v = mpmath.mpc(fn(*values))
        except (TypeError, ValueError, ArithmeticError, AttributeError):
            return None
        return v if mpmath.isfinite(v) else None

    return at


def _real(v: mpmath.mpc | None) -> bool:
    return v is not None and abs(v.imag) <= mpmath.mpf(10) ** (-20) * max(1, abs(v))


def sympy_derivative(expr: sympy.Expr, var: sympy.Symbol) -> sympy.Expr:
    real = {s: sympy.Symbol(s.name, real=True) for s in expr.free_symbols}
    back = {r: s for s, r in real.items()}
    d = sympy.diff(expr.xreplace(real), real.get(var, var)).xreplace(back)
    # sign's derivative 2δ(u) is 0 wherever the table's d/du sign u = 0 holds (u ≠ 0); so is
    # d/dx sign u, which SymPy leaves unevaluated when it cannot tell that u is real.
    return d.replace(sympy.DiracDelta, lambda *_: sympy.S.Zero).replace(
        lambda e: isinstance(e, sympy.Derivative) and isinstance(e.expr, sympy.sign),
        lambda _: sympy.S.Zero,
    )


def judge(
    ours: sympy.Expr, expr: sympy.Expr, var: sympy.Symbol, rng: random.Random, tries: int = 400
) -> str:
    """ "right", "wrong" or "undecidable": ours against sympy.diff where expr is real."""
    theirs = _concrete(expand_sigmoid(sympy_derivative(expr, var)))
    ours, expr = _concrete(expand_sigmoid(ours)), _concrete(expand_sigmoid(expr))
    symbols = sorted(expr.free_symbols | ours.free_symbols | theirs.free_symbols, key=str)
    # Calculus on the reals holds where every part of the expression is real (d|g|/dx = g′·g/|g|
    # needs g real), so every part is evaluated, not only the whole.
    parts = [_numeric(p, symbols) for p in {*sympy.preorder_traversal(expr)} if p.free_symbols]
    a_at, b_at = _numeric(ours, symbols), _numeric(theirs, symbols)
    agreed = 0
    for k in range(tries):
        scale = (0.3, 1.0, 1.2, 3.0, 30.0)[k % 5]
        point = [mpmath.mpf(rng.uniform(-scale, scale)) for _ in symbols]
        if not all(_real(part(point)) for part in parts):
            continue
        a, b = a_at(point), b_at(point)
        if a is None or b is None or max(abs(a), abs(b)) > 1e12:
            continue
        if abs(a - b) > mpmath.mpf(10) ** -15 * max(1, abs(a), abs(b)):
            where = ", ".join(
                f"{s} = {mpmath.nstr(v, 17)}" for s, v in zip(symbols, point, strict=True)
            )
            return f"wrong (at {where}: ours {mpmath.nstr(a, 12)}, sympy {mpmath.nstr(b, 12)})"
        agreed += 1
        if agreed >= 12:
            return "right"
    return "right" if agreed >= 3 else "undecidable"


# -- the run -----------------------------------------------------------------------------------


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def judge_in_time(ours, expr, var, rng: random.Random, seconds: float) -> str:
    """``judge``, within ``seconds``: a judge that cannot finish or evaluate is undecidable."""
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return judge(ours, expr, var, rng)
    except _Timeout:
        return "undecidable (judge over the time limit)"
    except Exception as error:  # noqa: BLE001 - whatever stops the judge, it has no verdict
        return f"undecidable (judge could not evaluate: {type(error).__name__})"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _status(e) -> str:
    v = e.verification
    return getattr(v, "status", "ok" if v.ok else "failed")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--inputs", type=int, default=0, help="stop after this many (0: no limit)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--depth", type=int, default=5)
    parser.add_argument("--limit", type=float, default=20, help="seconds per input at most")
    parser.add_argument("--render", action="store_true", help="lay out every format too")
    parser.add_argument("--verbose", action="store_true", help="print every input tried")
    parser.add_argument(
        "--judge-all", action="store_true", help="judge every final derivative, not only failures"
    )
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    judge_rng = random.Random(args.seed + 1)
    signal.signal(signal.SIGALRM, _alarm)
    verdicts: Counter[str] = Counter()
    judged: Counter[str] = Counter()
    everything: Counter[str] = Counter()
    problems: list[str] = []
    tried = 0
    seen: set[sympy.Expr] = set()
    start = time.monotonic()
    end = start + args.seconds
    while time.monotonic() < end and not (args.inputs and tried >= args.inputs):
        # SymPy's own arithmetic may fail or stall building a tree: not chainrule's doing.
        signal.setitimer(signal.ITIMER_REAL, args.limit)
        try:
            expr = tree(rng, args.depth)
            if expr in seen or expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
                continue
        except (_Timeout, RecursionError, AttributeError, TypeError, ValueError):
            continue
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        seen.add(expr)
        var = x if x in expr.free_symbols or not expr.free_symbols else y
        tried += 1
        if args.verbose:
            print(f"{tried}: {expr}  (d/d{var})", flush=True)
        signal.setitimer(signal.ITIMER_REAL, args.limit)
        try:
            e = explain(expr, wrt=var)
            if args.render:
                from chainrule.formats import render

                for fmt in ("text", "latex", "markdown", "html", "json"):
                    render(e, fmt, width=60)
        except ChainruleError:
            verdicts["refused"] += 1
            continue
        except _Timeout:
            verdicts["over the time limit"] += 1
            print(f"slow: {expr}", flush=True)
            continue
        except BaseException as error:  # what fuzzing is for: anything else is a bug
            if isinstance(error, KeyboardInterrupt):
                raise
            verdicts[f"error {type(error).__name__}"] += 1
            where = traceback.extract_tb(error.__traceback__)[-1]
            problems.append(f"{type(error).__name__} at {where.filename}:{where.lineno}: {expr}")
            print(f"ERROR {type(error).__name__}: {expr}", flush=True)
            continue
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        status = _status(e)
        verdicts[status] += 1
        if args.judge_all:
            verdict = judge_in_time(e.derivative, expr, e.variable, judge_rng, 4 * args.limit)
            everything[f"{verdict.split(' ')[0]} ({status})"] += 1
            if verdict.startswith("wrong"):
                print(f"WRONG {expr}: {verdict}", flush=True)
                problems.append(f"wrong derivative of {expr}, verdict {status}: {verdict}")
        if status != "failed":
            continue
        steps = {step.expression: step for step in e.steps()}
        for failed in e.verification.failures:
            step = steps.get(failed)
            ours = step.derivative if step is not None else e.derivative
            verdict = judge_in_time(ours, failed, e.variable, judge_rng, 4 * args.limit)
            judged[verdict.split(" ")[0]] += 1
            print(f"FAILED {expr}: step {failed} judged {verdict}", flush=True)
            if verdict.startswith("wrong"):
                problems.append(f"wrong derivative of {failed} in {expr}: {verdict}")

    took = time.monotonic() - start
    print(f"\n{tried} inputs tried in {took:.0f} s (seed {args.seed}, depth {args.depth})")
    for name, count in sorted(verdicts.items()):
        print(f"  {name}: {count}")
    if judged:
        print("failed steps, judged independently:")
        for name, count in sorted(judged.items()):
            print(f"  {name}: {count}")
    if everything:
        print("every final derivative, judged independently (verdict in brackets):")
        for name, count in sorted(everything.items()):
            print(f"  {name}: {count}")
    for problem in problems:
        print(f"  BUG {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
