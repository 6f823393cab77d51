"""Properties over generated expression trees: every step's derivative is sympy.diff's.

The comparison here is independent of chainrule's own verifier: SymPy differentiates each
step's expression afresh and both answers are evaluated with SymPy's evalf at real points.
"""

import math

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chainrule import steps as s
from chainrule.explaining import explain
from chainrule.functions import expand_sigmoid, sigmoid

x, y = sympy.symbols("x y")

UNARY = [
    sympy.sin,
    sympy.cos,
    sympy.tan,
    sympy.exp,
    sympy.log,
    sympy.sqrt,
    sympy.asin,
    sympy.atan,
    sympy.sinh,
    sympy.tanh,
    sympy.Abs,
    sigmoid,
    sympy.cot,
    sympy.sec,
    sympy.csc,
    sympy.acos,
    sympy.acot,
    sympy.asec,
    sympy.cosh,
    sympy.asinh,
    sympy.acosh,
    sympy.atanh,
    sympy.sech,
    lambda a: sympy.log(a, 2),
]

leaves = st.sampled_from([x, x, x, y, sympy.Integer(2), sympy.Integer(3), sympy.Rational(1, 2)])


def _extend(children: st.SearchStrategy) -> st.SearchStrategy:
    exponents = st.sampled_from([2, 3, -1, -2, sympy.Rational(1, 2), sympy.Rational(-1, 3)])
    return st.one_of(
        st.builds(lambda a, b: a + b, children, children),
        st.builds(lambda a, b: a - b, children, children),
        st.builds(lambda a, b: a * b, children, children),
        st.builds(lambda a, b: a / b, children, children),
        st.builds(lambda a, n: a**n, children, exponents),
        st.builds(lambda a, b: a**b, children, children),
        st.builds(lambda f, a: f(a), st.sampled_from(UNARY), children),
    )


expressions = st.recursive(leaves, _extend, max_leaves=6).filter(
    # Off the reals (∞, zoo, a complex constant such as ln(−cos 2)) explain refuses: not here.
    lambda e: not e.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.I)
)


def _real(expr: sympy.Expr) -> tuple[sympy.Expr, dict]:
    real = {symbol: sympy.Symbol(symbol.name, real=True) for symbol in expr.free_symbols}
    return expr.xreplace(real), real


def sympy_derivative(expr: sympy.Expr, var: sympy.Symbol) -> sympy.Expr:
    """sympy.diff, with real symbols so that d|u|/du comes out as sign(u)."""
    real_expr, real = _real(expr)
    back = {r: symbol for symbol, r in real.items()}
    return sympy.diff(real_expr, real.get(var, var)).xreplace(back)


def _at(expr: sympy.Expr, point: dict) -> complex | None:
    try:
        value = complex(sympy.N(expand_sigmoid(expr).xreplace(point), 20))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not (math.isfinite(value.real) and math.isfinite(value.imag)):
        return None
    return value


def _real_throughout(expr: sympy.Expr, point: dict) -> bool:
    """Whether every part of ``expr`` is real and finite at ``point``: calculus on the reals
    (d|g|/dx = g′·g/|g|, for one) holds where the whole composition is real."""
    for part in sympy.preorder_traversal(expr):
        value = _at(part, point)
        if value is None or abs(value.imag) > 1e-12 * max(1, abs(value)):
            return False
    return True


POINTS = [0.37, -0.61, 1.43, 0.83, -1.27, 2.3]


def agree(ours: sympy.Expr, theirs: sympy.Expr, expr: sympy.Expr) -> bool:
    """Equal at every real point where ``expr`` is real and both sides are finite."""
    if ours == theirs or sympy.expand(ours - theirs) == 0:
        return True
    symbols = sorted(expr.free_symbols | ours.free_symbols | theirs.free_symbols, key=str)
    for k, base in enumerate(POINTS):
        point = {sym: sympy.Float(base + 0.29 * j * (-1) ** k) for j, sym in enumerate(symbols)}
        if not _real_throughout(expr, point):
            continue
        a, b = _at(ours, point), _at(theirs, point)
        if a is None or b is None:
            continue
        if max(abs(a), abs(b)) > 1e6:
            continue  # too close to a pole to judge
        if abs(a - b) > 1e-7 * max(1.0, abs(a), abs(b)):
            return False
    return True


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(expressions, st.sampled_from([x, y]))
def test_every_step_is_sympys_derivative(expr, var):
    if var not in expr.free_symbols and expr.free_symbols:
        var = next(iter(sorted(expr.free_symbols, key=str)))
    e = explain(expr, wrt=var)
    # Never a failure; "undecided" where too few points are real (asec of asec …) is honest.
    assert e.verification.status != "failed", e.verification.failures
    for step in e.steps():
        theirs = sympy_derivative(step.expression, step.variable)
        assert agree(step.derivative, theirs, step.expression), step
    assert agree(e.derivative, sympy_derivative(expr, e.variable), expr)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions)
def test_tree_shape_is_sound(expr):
    e = explain(expr, wrt=x) if x in expr.free_symbols or not expr.free_symbols else None
    if e is None:
        return
    # A repeated subtree is derived once and its step shared, so count distinct steps.
    chains = {id(step): step for step in e.steps() if isinstance(step, s.ChainStep)}
    letters = [step.u for step in chains.values()]
    assert len(set(letters)) == len(letters)
    assert not {letter.name for letter in letters} & {"x", "y"}
    for step in e.steps():
        assert step.rule in s.RULES
        if isinstance(step, s.ChainStep):
            assert step.outer.xreplace({step.u: step.inner}) == step.expression
            assert step.outer_step.variable == step.u
            assert step.inner_step.expression == step.inner
        elif isinstance(step, s.TableStep):
            assert step.substeps == ()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions)
def test_every_format_lays_out_what_the_engine_builds(expr):
    # Any generated tree, any format: a document laid out without error, the LaTeX pure ASCII
    # with balanced braces, the page well-formed enough to parse, the text within its width.
    import json
    from html.parser import HTMLParser

    from chainrule.formats import render

    var = x if x in expr.free_symbols or not expr.free_symbols else y
    e = explain(expr, wrt=var)
    text = render(e, "text", width=60)
    assert max(len(line) for line in text.splitlines()) <= 60
    tex = render(e, "latex", standalone=True)
    assert tex.isascii() and tex.count("{") - tex.count(r"\{") == tex.count("}") - tex.count(r"\}")
    HTMLParser().feed(render(e, "html"))
    assert render(e, "markdown").count("$$") % 2 == 0
    assert json.loads(render(e, "json"))["schema"] == 2
