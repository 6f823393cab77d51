"""A longer fuzzing run than the test suite affords, over text, expression trees and CLI options.

    python bench/fuzz.py --minutes 10 [--seed 1]

Three kinds of input take turns until the time is up:
- random text: the parser gives an expression or a ParseError, never another exception;
- random expression trees: explained, the derivative equal to sympy.diff at real points (an
  independent check, with mpmath), no verification marked failed, every format renders;
- random command lines for explain, check, network, plot and practice: exit status 0, 1 or 2,
  never the one-line "internal error" of a bug, never a traceback (check may also say 3,
  "cannot tell").
Prints how many inputs of each kind were tried and every failure with its input, so a failure
can be replayed. Not a test: the suite runs the same properties with a fixed, small budget.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback

import mpmath
import sympy

from chainrule import explain
from chainrule.errors import ChainruleError, ParseError
from chainrule.formats import FORMATS, render
from chainrule.functions import sigmoid
from chainrule.parsing import parse

X = sympy.Symbol("x", real=True)
TOKENS = [
    *"xyzabw0123456789.+-*/^()[]|, eπσ√²³",
    *("sin", "cos", "tan", "ln", "log", "exp", "sqrt", "abs", "asin", "atan", "sinh"),
    *("tanh", "sigmoid", "sec", "csc", "cot", "acosh", "pi", "e", "x ", " ", "**", "1e", "2x"),
    *("derivative", "of", "import", "None", "True", "log_2", "x_1", "theta", "f(", "g("),
]
UNARY = [
    sympy.sin, sympy.cos, sympy.tan, sympy.exp, sympy.log, sympy.sqrt, sympy.asin, sympy.atan,
    sympy.sinh, sympy.tanh, sympy.Abs, sigmoid, sympy.cot, sympy.sec, sympy.csc, sympy.acos,
    sympy.acot, sympy.asec, sympy.acsc, sympy.cosh, sympy.asinh, sympy.acosh, sympy.atanh,
    sympy.sign, lambda a: sympy.log(a, 2),
]  # fmt: skip
COMMANDS = [
    ["explain", "{f}"],
    ["explain", "{f}", "-f", "{fmt}"],
    ["explain", "{f}", "--wrt", "{v}"],
    ["check", "{f}", "{g}"],
    ["check", "{f}", "{g}", "-f", "json"],
    ["plot", "{f}", "--range", "{a}", "{b}"],
    ["network", "--param", "{p}", "-f", "{fmt}"],
    ["network", "--at", "x={a},w1={b}", "-f", "{fmt}"],
    ["network", "--layers", "{n}", "--cost", "{cost}", "--activation", "{act}"],
    ["network", "--train", "--steps", "{n}", "--lr", "{a}"],
    ["practice", "--level", "{n}", "--seed", "{n}", "--count", "1", "-f", "json"],
]


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 14)))


def random_tree(rng: random.Random, depth: int = 0) -> sympy.Expr:
    if depth > 3 or rng.random() < 0.25:
        return rng.choice([X, X, X, sympy.Integer(2), sympy.Integer(3), sympy.Rational(1, 2)])
    kind = rng.randrange(6)
    a = random_tree(rng, depth + 1)
    if kind == 0:
        return a + random_tree(rng, depth + 1)
    if kind == 1:
        return a * random_tree(rng, depth + 1)
    if kind == 2:
        return a / random_tree(rng, depth + 1)
    if kind == 3:
        return a ** rng.choice([2, 3, -1, sympy.Rational(1, 2), sympy.Rational(-1, 3)])
    return rng.choice(UNARY)(a)


def agrees(ours: sympy.Expr, expr: sympy.Expr, rng: random.Random) -> bool | None:
    """ours = d expr/dx at real points where expr is real: True, False, or None (no points)."""
    reference = sympy.diff(expr, X)
    seen = 0
    for _ in range(40):
        point = rng.choice([-1, 1]) * rng.uniform(0.05, 4)
        with mpmath.workdps(30):
            try:
                e = complex(expr.evalf(30, subs={X: point}))
                a = complex(ours.evalf(30, subs={X: point}))
                r = complex(reference.evalf(30, subs={X: point}))
            except (TypeError, ValueError, ArithmeticError):
                continue
        values = (e, a, r)
        if any(v != v or abs(v) == float("inf") or abs(v) > 1e12 for v in values):
            continue
        if not _real_throughout(expr, point):
            continue  # |√x| at x < 0 is real, but √x is not: outside the real domain
        if abs(a - r) > 1e-6 * max(1.0, abs(r)):
            return False
        seen += 1
        if seen >= 4:
            return True
    return True if seen else None


def _real_throughout(expr: sympy.Expr, point: float) -> bool:
    """Whether every subexpression of ``expr`` is real at x = point (on the reals a function
    is defined only where all its parts are)."""
    for node in sympy.preorder_traversal(expr):
        if node.is_Atom:
            continue
        try:
            value = complex(node.evalf(20, subs={X: point}))
        except (TypeError, ValueError, ArithmeticError):
            return False
        if abs(value.imag) > 1e-9 * max(1.0, abs(value)):
            return False
    return True


def fuzz_text(rng: random.Random) -> str | None:
    text = random_text(rng)
    try:
        parse(text)
    except ParseError:
        pass
    except Exception:  # noqa: BLE001 - anything else is a failure to report
        return f"parse({text!r}): {traceback.format_exc(limit=3)}"
    return None


def fuzz_tree(rng: random.Random) -> str | None:
    expr = random_tree(rng)
    try:
        e = explain(expr)
    except ChainruleError:
        return None
    except Exception:  # noqa: BLE001
        return f"explain({expr}): {traceback.format_exc(limit=3)}"
    if e.verification.status == "failed":
        return f"explain({expr}): verification failed"
    if agrees(e.derivative, e.expression, rng) is False:
        return f"explain({expr}): derivative {e.derivative} disagrees with sympy.diff"
    for fmt in FORMATS:
        if fmt == "dot":
            continue
        try:
            render(e, fmt)
        except ChainruleError:  # steps too long to show: refused, as it should be
            pass
        except Exception:  # noqa: BLE001
            return f"render({expr}, {fmt}): {traceback.format_exc(limit=3)}"
    return None


def fuzz_cli(rng: random.Random, runner, app) -> str | None:
    pattern = rng.choice(COMMANDS)
    values = {
        "f": random_text(rng) if rng.random() < 0.3 else str(random_tree(rng)).replace("**", "^"),
        "g": random_text(rng),
        "fmt": rng.choice(["rich", "text", "latex", "markdown", "html", "json"]),
        "v": rng.choice(["x", "y", "t", "1", ""]),
        "a": rng.choice(["0", "-1", "0.5", "1e400", "nan", "-6", "pi", "abc"]),
        "b": rng.choice(["1", "6", "2", "-inf", "1e160", "x"]),
        "p": rng.choice(["w1", "b1", "w2", "b2", "all", "w9", ""]),
        "n": str(rng.choice([0, 1, 2, 3, 5, 6, 50, -1])),
        "cost": rng.choice(["squared", "cross-entropy", "bad"]),
        "act": rng.choice(["sigmoid", "tanh", "relu"]),
    }
    args = [part.format(**values) for part in pattern]
    result = runner.invoke(app, args, input="")
    allowed = (0, 1, 2, 3) if args[0] == "check" else (0, 1, 2)
    if result.exit_code not in allowed or "internal error" in result.output:
        return f"chainrule {' '.join(map(repr, args))}: exit {result.exit_code}\n{result.output}"
    if "Traceback" in result.output:
        return f"chainrule {' '.join(map(repr, args))}: a traceback\n{result.output}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    from typer.testing import CliRunner

    from chainrule.cli.app import app

    rng, runner = random.Random(args.seed), CliRunner()
    kinds = {"text": 0, "trees": 0, "command lines": 0}
    failures: list[str] = []
    end = time.monotonic() + 60 * args.minutes
    turn = 0
    while time.monotonic() < end:
        kind = ("text", "trees", "command lines")[turn % 3]
        turn += 1
        if kind == "text":
            failure = fuzz_text(rng)
        elif kind == "trees":
            failure = fuzz_tree(rng)
        else:
            failure = fuzz_cli(rng, runner, app)
        kinds[kind] += 1
        if failure:
            failures.append(failure)
            print(f"FAILURE {len(failures)}: {failure}", flush=True)
    tried = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
    print(f"{args.minutes:g} min, seed {args.seed}: tried {tried}; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
