"""What the parser accepts: each formula as a learner types it, and the expression it means."""

import pytest
import sympy as sp

from chainrule import ParseError, parse
from chainrule.functions import sigmoid

x, y, z, t, i, j = sp.symbols("x y z t i j", real=True)
a, b, p, h = sp.symbols("a b p h", real=True)
w1, b2, x0, a1, z2, theta, alpha = sp.symbols("w1 b2 x0 a1 z2 theta alpha", real=True)
f, g, hf = sp.Function("f"), sp.Function("g"), sp.Function("h")
half = sp.Rational(1, 2)


def table(*rows):
    return pytest.mark.parametrize(("text", "expected"), rows, ids=[r[0] for r in rows])


@table(
    ("3", sp.Integer(3)),
    ("2.5", sp.Rational(5, 2)),
    (".5", half),
    ("0.5", half),
    ("1.", sp.Integer(1)),
    ("1e-3", sp.Rational(1, 1000)),
    ("2.5E+4", sp.Integer(25000)),
    ("2e3x", 2000 * x),
    ("007", sp.Integer(7)),
    ("0.1 + 0.2", sp.Rational(3, 10)),
)
def test_numbers_are_exact(text, expected):
    assert parse(text) == expected


@table(
    ("1 + 2*3", sp.Integer(7)),
    ("x - y - z", x - y - z),
    ("x / y / z", x / y / z),
    ("x^2", x**2),
    ("x**2", x**2),
    ("2^3^2", sp.Integer(512)),
    ("x^y^z", x ** (y**z)),
    ("-x^2", -(x**2)),
    ("-2^2", sp.Integer(-4)),
    ("2^-x", 2 ** (-x)),
    ("2^-x^2", 2 ** (-(x**2))),
    ("x^-1", 1 / x),
    ("x*-y", -x * y),
    ("x/-y", -x / y),
    ("x+-y", x - y),
    ("x--y", x + y),
    ("x++y", x + y),
    ("+x", x),
    ("(x+1)*2", 2 * (x + 1)),
    ("[x+1]^2", (x + 1) ** 2),
    ("[(x+1)^2+1]", (x + 1) ** 2 + 1),
    ("|x|", sp.Abs(x)),
    ("|x - 1|^2", sp.Abs(x - 1) ** 2),
    ("2|x|", 2 * sp.Abs(x)),
    ("|x| |y|", sp.Abs(x) * sp.Abs(y)),
    ("||x| - 1|", sp.Abs(sp.Abs(x) - 1)),
    ("|x(|y|)|", sp.Abs(x * sp.Abs(y))),
    ("x^(1/3)", sp.cbrt(x)),
)
def test_operators_and_precedence(text, expected):
    assert parse(text) == expected


@table(
    ("2x", 2 * x),
    ("2 x", 2 * x),
    ("2(x+1)", 2 * (x + 1)),
    ("(x+1)(x-1)", (x + 1) * (x - 1)),
    ("x y", x * y),
    ("x(x+1)", x * (x + 1)),
    ("3sin(x)", 3 * sp.sin(x)),
    ("2πx", 2 * sp.pi * x),
    ("2x^2", 2 * x**2),
    ("x^2y", x**2 * y),
    ("1/2x", x / 2),
    ("e^2x", sp.exp(2) * x),
    ("e^(2x)", sp.exp(2 * x)),
    ("2√x", 2 * sp.sqrt(x)),
    ("(x)(y)", x * y),
)
def test_implicit_multiplication(text, expected):
    assert parse(text) == expected


@table(
    ("sin(x)", sp.sin(x)),
    ("cos x", sp.cos(x)),
    ("tan(x) + cot(x) + sec(x) + csc(x)", sp.tan(x) + sp.cot(x) + sp.sec(x) + sp.csc(x)),
    ("asin(x) + arccos(x) + arctan(x)", sp.asin(x) + sp.acos(x) + sp.atan(x)),
    ("acot(x) + arcsec(x) + arccsc(x)", sp.acot(x) + sp.asec(x) + sp.acsc(x)),
    ("sinh x + cosh x + tanh x", sp.sinh(x) + sp.cosh(x) + sp.tanh(x)),
    ("coth x + sech x + csch x", sp.coth(x) + sp.sech(x) + sp.csch(x)),
    ("asinh x + arcosh x + arctanh x", sp.asinh(x) + sp.acosh(x) + sp.atanh(x)),
    (
        "arsinh(x) + acoth(x) + asech(x) + arccsch(x)",
        sp.asinh(x) + sp.acoth(x) + sp.asech(x) + sp.acsch(x),
    ),
    ("exp(x)", sp.exp(x)),
    ("e^x", sp.exp(x)),
    ("ln x", sp.log(x)),
    ("log(x)", sp.log(x)),
    ("log(x, 2)", sp.log(x, 2)),
    ("log(x, b)", sp.log(x) / sp.log(b)),
    ("log_2(x)", sp.log(x, 2)),
    ("log_2 x", sp.log(x, 2)),
    ("log_10(x)", sp.log(x, 10)),
    ("log_b(x)", sp.log(x) / sp.log(b)),
    ("log_e x", sp.log(x)),
    ("log10(x)", sp.log(x, 10)),
    ("log2(x)", sp.log(x, 2)),
    ("sqrt(x)", sp.sqrt(x)),
    ("cbrt(x)", sp.cbrt(x)),
    ("abs(x)", sp.Abs(x)),
    ("Abs(x)", sp.Abs(x)),
    ("sign(x)", sp.sign(x)),
    ("sgn x", sp.sign(x)),
    ("sigmoid(x)", sigmoid(x)),
    ("σ(x)", sigmoid(x)),
    ("σ(w1 x + b2)", sigmoid(w1 * x + b2)),
    ("sigma(z)", sigmoid(z)),
    ("log(2+cos(x))", sp.log(2 + sp.cos(x))),
    ("sin(cos(tan(x)))", sp.sin(sp.cos(sp.tan(x)))),
    ("sin[x]", sp.sin(x)),
)
def test_functions(text, expected):
    assert parse(text) == expected


@table(
    ("sin x", sp.sin(x)),
    ("sin 2x", sp.sin(2 * x)),
    ("sin x y", sp.sin(x * y)),
    ("sin x + 1", sp.sin(x) + 1),
    ("sin x * y", sp.sin(x) * y),
    ("sin x / 2", sp.sin(x) / 2),
    ("sin x^2", sp.sin(x**2)),
    ("sin x cos x", sp.sin(x) * sp.cos(x)),
    ("2 sin x cos x", 2 * sp.sin(x) * sp.cos(x)),
    ("sin cos x", sp.sin(sp.cos(x))),
    ("sin 2(x+1)", sp.sin(2 * (x + 1))),
    ("sin x f(x)", sp.sin(x) * f(x)),
    ("sin^2 x", sp.sin(x) ** 2),
    ("sin^2(x)", sp.sin(x) ** 2),
    ("sin(x)^2", sp.sin(x) ** 2),
    ("sin²x", sp.sin(x) ** 2),
    ("ln^2 x", sp.log(x) ** 2),
    ("sin^-2 x", sp.sin(x) ** -2),
    ("sin^-1 x", sp.asin(x)),
    ("sin⁻¹(x)", sp.asin(x)),
    ("tanh^-1 x", sp.atanh(x)),
    ("x^sin x", x ** sp.sin(x)),
    ("2x sin^2 x", 2 * x * sp.sin(x) ** 2),
    ("sqrt x + 1", sp.sqrt(x) + 1),
)
def test_functions_without_brackets(text, expected):
    assert parse(text) == expected


@table(
    ("x", x),
    ("t", t),
    ("i + j", i + j),
    ("w1", w1),
    ("b_2", b2),
    ("b2 - b_2", sp.Integer(0)),
    ("x0", x0),
    ("x₁", sp.Symbol("x1", real=True)),
    ("a1 z2", a1 * z2),
    ("theta", theta),
    ("θ", theta),
    ("θ - theta", sp.Integer(0)),
    ("α + beta", alpha + sp.Symbol("beta", real=True)),
    ("θ_1 + theta1", 2 * sp.Symbol("theta1", real=True)),
    ("lambda", sp.Symbol("lambda", real=True)),
    ("e", sp.E),
    ("E", sp.E),
    ("pi", sp.pi),
    ("π", sp.pi),
    ("X + A", sp.Symbol("X", real=True) + sp.Symbol("A", real=True)),
    ("xy", x * y),
    ("xyz", x * y * z),
    ("x2y", sp.Symbol("x2", real=True) * y),
    ("2pix", 2 * sp.pi * x),
    ("ex", sp.E * x),
    ("thetax", theta * x),
    ("xy^2", x * y**2),
    ("e2", sp.Symbol("e2", real=True)),
)
def test_names_and_constants(text, expected):
    assert parse(text) == expected


@table(
    ("f(x)", f(x)),
    ("f(g(x))", f(g(x))),
    ("h(x)^2", hf(x) ** 2),
    ("g(x, y)", g(x, y)),
    ("f", sp.Symbol("f", real=True)),
    ("f x", sp.Symbol("f", real=True) * x),
    ("p(x+1)", p * (x + 1)),
    ("2f(3x)", 2 * f(3 * x)),
)
def test_abstract_functions(text, expected):
    assert parse(text) == expected


@table(
    ("x − 1", x - 1),
    ("x – 1", x - 1),
    ("2·x", 2 * x),
    ("2⋅x", 2 * x),
    ("2×x", 2 * x),
    ("x÷2", x / 2),
    ("√x", sp.sqrt(x)),
    ("√(x+1)", sp.sqrt(x + 1)),
    ("√2x", sp.sqrt(2) * x),
    ("√x^2", sp.sqrt(x**2)),
    ("∛x", sp.cbrt(x)),
    ("x²", x**2),
    ("x³ + x²", x**3 + x**2),
    ("x⁻¹", 1 / x),
    ("x¹⁰", x**10),
    ("(x+1)²", (x + 1) ** 2),
    ("x\u00a0+\t1", x + 1),
    ("𝑥 + 1", x + 1),
    ("ｘ²", x**2),
    ("ϑ", theta),
)
def test_unicode_as_pasted(text, expected):
    assert parse(text) == expected


@table(
    ("E", sp.E),
    ("exp(-x)", sp.exp(-x)),
    ("x**(1/3)", sp.cbrt(x)),
    ("x**(-2)", x**-2),
    ("2**(1/3)*x", 2 ** sp.Rational(1, 3) * x),
    ("log(x)/log(2)", sp.log(x, 2)),
    ("Abs(x - 1)", sp.Abs(x - 1)),
    ("asin(x)", sp.asin(x)),
    ("-3*x/2", -3 * x / 2),
    ("sigmoid(2*x)", sigmoid(2 * x)),
    ("f(x)*g(y)", f(x) * g(y)),
)
def test_what_sympy_prints(text, expected):
    assert parse(text) == expected


def test_declared_symbols_are_single_names():
    yhat, y_hat = sp.Symbol("yhat", real=True), sp.Symbol("y_hat", real=True)
    with pytest.raises(ParseError, match="unknown word 'yhat'"):
        parse("yhat")  # four letters: too long to be read as y·h·a·t
    assert parse("(yhat - y)^2", symbols=("yhat",)) == (yhat - y) ** 2
    assert parse("2yhat", symbols=["yhat"]) == 2 * yhat
    assert parse("xyhat", symbols={"yhat"}) == x * yhat
    assert parse("y_hat + 1", symbols=("y_hat",)) == y_hat + 1


def test_declared_symbols_keep_their_assumptions():
    real_x = sp.Symbol("x", real=True)
    reference = sp.sin(real_x) ** 2
    answer = parse("sin^2 x", symbols=reference.free_symbols)
    assert answer == reference
    assert parse("x", symbols=(real_x,)).is_real


def test_declaring_a_reserved_name_is_a_programming_error():
    for name in ("sin", "e", "pi", "I", "2x", "x y", ""):
        with pytest.raises(ValueError):
            parse("x", symbols=(name,))
    with pytest.raises(TypeError):
        parse("x", symbols=(3,))
    with pytest.raises(TypeError):
        parse(b"x")


def test_the_same_name_is_the_same_symbol():
    assert parse("x + x") == 2 * x
    assert parse("w1 - w_1") == 0


def test_variables_are_real_symbols_and_declared_ones_stay_as_given():
    assert parse("x") == sp.Symbol("x", real=True)
    assert all(s.is_real for s in parse("θ_1 + w1 x + y").free_symbols)
    assert parse("yhat", symbols=["yhat"]).is_real
    plain = sp.Symbol("x")
    assert parse("x^2 + y", symbols=[plain]) == plain**2 + y
