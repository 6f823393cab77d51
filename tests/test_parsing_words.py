"""Words are not products: a short run of letters is (xy is x·y), a longer unknown word, a
Python keyword or a word of the question is refused with the spot marked; and 1e is an
incomplete number, not 1·e."""

import keyword

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chainrule import ParseError, parse
from chainrule.cli.app import app

x, y, z, w, a, b, s = sp.symbols("x y z w a b s", real=True)
theta, alpha, beta, x2 = sp.symbols("theta alpha beta x2", real=True)


def refused(text):
    with pytest.raises(ParseError) as caught:
        parse(text)
    return caught.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("xy", x * y),
        ("xyz", x * y * z),
        ("2pix", 2 * sp.pi * x),
        ("2πx", 2 * sp.pi * x),
        ("2pixy", 2 * sp.pi * x * y),
        ("thetax", theta * x),
        ("alphabeta", alpha * beta),
        ("x2y", x2 * y),
        ("w x y z", w * x * y * z),
        ("a*b*s*x", a * b * s * x),
        ("ex", sp.E * x),
        ("lambda", sp.Symbol("lambda", real=True)),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_short_runs_of_letters_are_products(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("derivative of sin x", 0, "'derivative' belongs to the question, not the formula"),
        ("the derivative of x^2", 0, "'the' belongs to the question"),
        ("sin of x", 4, "'of' belongs to the question"),
        ("x^2 wrt x", 4, "choose the variable with --wrt"),
        ("diff(x^2, x)", 0, "type only the function to differentiate"),
        ("Differentiate x^2", 0, "belongs to the question"),
        ("import os", 0, "'import' is a Python keyword, and chainrule reads formulas, never code"),
        ("from os import system", 0, "'from' is a Python keyword"),
        ("del x", 0, "'del' is a Python keyword, and chainrule reads formulas, never code; "),
        ("del x", 0, "to multiply, write d*e*l or d e l"),
        ("None", 0, "'None' is a Python keyword"),
        ("True", 0, "'True' is a Python keyword"),
        ("x + False", 4, "'False' is a Python keyword"),
        ("x if y else z", 2, "'if' is a Python keyword"),
        ("not(x)", 0, "'not' is a Python keyword"),
        ("2as", 1, "to multiply, write a*s or a s"),
        ("yhat", 0, "unknown word 'yhat': to multiply letters, write y*h*a*t or put spaces"),
        ("abcd", 0, "write a*b*c*d or put spaces between them (a b c d)"),
        ("x + hello", 4, "unknown word 'hello': to multiply letters, write h*e*l*… or"),
        ("position", 0, "unknown word 'position'"),
        ("exponent x", 0, "unknown word 'exponent': to multiply letters, write e*x*p*…"),
        ("thetta", 0, "unknown word 'thetta': did you mean 'theta'?"),
        ("sigmoidd(x)", 0, "did you mean 'sigmoid'?"),
        ("cosine x", 0, "unknown word 'cosine': did you mean 'cos'?"),
        ("sine(x)", 0, "unknown function 'sine': did you mean 'sin'?"),
        ("tg x", 0, "did you mean 'tan'?"),
        ("sqr x", 0, "did you mean 'sqrt'?"),
        ("Sin x", 0, "did you mean 'sin'? (names are in lower case)"),
        ("LN(x)", 0, "did you mean 'ln'?"),
        ("2PI", 1, "did you mean 'pi'?"),
        ("Theta", 0, "did you mean 'theta'?"),
    ],
)
def test_words_that_are_not_maths_are_refused(text, position, message):
    error = refused(text)
    assert error.position == position
    assert message in error.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sinx", "did you mean 'sin(x)'?"),
        ("sinxyz", "did you mean 'sin(xyz)'?"),
        ("xsin(x)", "did you mean 'x sin'?"),
        ("xsin", "did you mean 'x sin(…)'?"),
        ("cost", "did you mean 'cos(t)'?"),
        ("sin2x", "did you mean 'sin(2x)'?"),
    ],
)
def test_a_function_glued_to_letters_is_refused_with_the_call_it_looks_like(text, message):
    assert message in refused(text).message


@pytest.mark.parametrize(
    ("text", "position", "shown"),
    [
        ("1e", 1, "'1e'"),
        ("2e", 1, "'2e'"),
        ("3e-", 1, "'3e-'"),
        ("3e+", 1, "'3e+'"),
        ("2.5E", 3, "'2.5E'"),
        ("x + 2e", 5, "'2e'"),
        ("(1e-)", 2, "'1e-'"),
        ("log(1e+, 2)", 5, "'1e+'"),
    ],
)
def test_an_exponent_without_digits_is_an_incomplete_number(text, position, shown):
    error = refused(text)
    assert error.position == position
    assert error.message.startswith(f"incomplete number {shown}: after e write the exponent's")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1e5", sp.Integer(100000)),
        ("1e-3", sp.Rational(1, 1000)),
        ("2.5E+4", sp.Integer(25000)),
        ("e", sp.E),
        ("2e^x", 2 * sp.exp(x)),
        ("2e + 1", 2 * sp.E + 1),
        ("(2e)", 2 * sp.E),
        ("3e-x", 3 * sp.E - x),
        ("2ex", 2 * sp.E * x),
        ("2e x", 2 * sp.E * x),
    ],
)
def test_e_after_a_number_is_otherwise_a_power_of_ten_or_euler(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["derivative of sin x", "import os", "1e", "None"])
def test_the_cli_refuses_words_with_a_caret_and_status_2(text):
    result = CliRunner().invoke(app, ["explain", text])
    assert result.exit_code == 2
    assert result.stderr.startswith(text + "\n")
    assert "^ " in result.stderr
    assert "Traceback" not in result.output + result.stderr


WORDS = [
    *keyword.kwlist,
    "derivative", "of", "the", "sin", "cos", "exp", "ln", "log", "sqrt", "abs", "sigmoid",
    "theta", "alpha", "pi", "e", "E", "I", "x", "y", "xy", "xyz", "2pix", "yhat", "hello",
    "cosine", "tg", "Sin", "PI", "import", "os", "system", "print", "open",
]  # fmt: skip
pieces = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")),
    st.sampled_from(list("0123456789")),
    st.sampled_from([" ", "+", "-", "*", "/", "^", "(", ")", ",", ".", "e", "e-", "1e", "_"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(pieces, max_size=12).map("".join))
def test_random_words_and_letters_give_an_expression_or_a_parse_error(text):
    try:
        result = parse(text)
    except ParseError as error:
        assert 0 <= error.position <= len(text)
        assert error.message
    else:
        assert isinstance(result, sp.Expr)
