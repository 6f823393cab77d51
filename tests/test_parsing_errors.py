"""What the parser refuses: each bad formula, where the caret goes, and what the message says."""

import pytest
from typer.testing import CliRunner

from chainrule import ParseError, parse
from chainrule.cli.app import app
from chainrule.parsing.limits import MAX_DEPTH, MAX_LENGTH


def table(*rows):
    return pytest.mark.parametrize(("text", "position", "message"), rows, ids=[r[0] for r in rows])


def refused(text):
    with pytest.raises(ParseError) as caught:
        parse(text)
    return caught.value


@table(
    ("", 0, "empty formula"),
    ("   ", 0, "empty formula"),
    ("log(2+cos(x)", 12, "missing ')' to close the '(' at column 4"),
    ("(x+1", 4, "missing ')' to close the '(' at column 1"),
    ("[x", 2, "missing ']' to close the '[' at column 1"),
    ("|x", 2, "missing '|' to close the '|' at column 1"),
    ("(x+1))", 5, "unmatched ')'"),
    ("x]", 1, "unmatched ']'"),
    ("(x]", 2, "expected ')' to close the '(' at column 1, found ']'"),
    ("()", 1, "empty brackets"),
    ("(x, y)", 2, "',' only separates function arguments"),
    ("x, y", 1, "',' only separates function arguments"),
)
def test_brackets(text, position, message):
    error = refused(text)
    assert error.position == position
    assert message in error.message


@table(
    ("2+", 2, "expected a number, name or '(' after '+'"),
    ("2**", 3, "after '**'"),
    ("x^", 2, "after '^'"),
    ("*x", 0, "'*' needs something before it"),
    ("/x", 0, "'/' needs something before it"),
    ("^2", 0, "'^' needs something before it"),
    ("x*/y", 2, "unexpected '/' after '*'"),
    ("x//y", 2, "unexpected '/' after '/'"),
    ("x^^2", 2, "unexpected '^'"),
    ("2***3", 3, "unexpected '*'"),
    ("x + * y", 4, "unexpected '*' after '+'"),
    ("2 3", 2, "missing operator before '3'"),
    ("x 2 3", 4, "missing operator before '3'"),  # x 2 is 2x on paper; 2 3 is not 6
    ("(x+1)2", 5, "missing operator before '2'"),
    ("x+)", 2, "before ')'"),
    ("²x", 0, "superscript must follow"),
)
def test_dangling_and_doubled_operators(text, position, message):
    error = refused(text)
    assert error.position == position
    assert message in error.message


@table(
    ("1.2.3", 3, "at most one '.'"),
    ("1..2", 2, "at most one '.'"),
    ("1.5e3.2", 5, "at most one '.'"),
    (".", 0, "must be part of a number"),
    ("x.y", 1, "must be part of a number"),
    ("x⁻", 1, "superscript needs digits"),
    ("x⁻⁻¹", 1, "superscript needs digits"),
)
def test_bad_numbers(text, position, message):
    error = refused(text)
    assert error.position == position
    assert message in error.message


@table(
    ("sqr(x)", 0, "unknown function 'sqr': did you mean 'sqrt'?"),
    ("sine(x)", 0, "did you mean 'sin'?"),
    ("Sin(x)", 0, "did you mean 'sin'?"),
    ("arctg(x)", 0, "did you mean 'arctan'?"),
    ("xsin(x)", 0, "did you mean 'x sin'?"),
    ("xy(x+1)", 0, "to multiply, put spaces or '*' between letters (x y)"),
    ("2 + sinx", 4, "unknown name 'sinx': did you mean 'sin(x)'?"),
    ("sin2x", 0, "did you mean 'sin(2x)'?"),
    ("cost", 0, "did you mean 'cos(t)'?"),
    ("xexp", 0, "did you mean 'x exp(…)'?"),
    ("x_a", 0, "a subscript must be digits"),
    ("log_xy(2)", 0, "unknown logarithm base 'xy'"),
    ("pi2", 0, "unknown name 'pi2'"),
    ("I", 0, "complex numbers are out of scope"),
    ("2xI", 2, "complex numbers are out of scope"),
    ("oo", 0, "infinity"),
    ("nan", 0, "not a number"),
)
def test_unknown_names(text, position, message):
    error = refused(text)
    assert error.position == position
    assert message in error.message


@table(
    ("log()", 4, "log needs an argument"),
    ("sin()", 4, "sin needs an argument"),
    ("f()", 2, "f needs an argument"),
    ("sin(x, y)", 0, "sin takes 1 argument, not 2"),
    ("log(x, 2, 3)", 0, "log takes 2 arguments, not 3"),
    ("log_2(x, 3)", 0, "log_2 takes 1 argument, not 2"),
    ("log(x,)", 6, "expected an argument after ','"),
    ("sin", 3, "sin needs an argument"),
    ("sin + 1", 4, "sin needs an argument"),
    ("sin -x", 4, "sin needs an argument"),
    ("2 sin", 5, "sin needs an argument"),
    ("sin^x", 4, "after sin^ write a number"),
    ("ln^-1 x", 0, "ln^-1 is ambiguous"),
    ("log(x, 1)", 0, "base must be positive and not 1"),
    ("log_0(x)", 0, "base must be positive and not 1"),
    ("log(x, -2)", 0, "base must be positive and not 1"),
)
def test_function_arguments(text, position, message):
    error = refused(text)
    assert error.position == position
    assert message in error.message


@table(
    ("1/0", 1, "no finite value"),
    ("x + 1/(x - x)", 5, "no finite value"),
    ("log(0)", 0, "no finite value"),
    ("tan(pi/2)", 0, "no finite value"),
    ("0^-1", 1, "no finite value"),
    ("sqrt(-4)", 0, "not a real number"),
    ("√-1", 0, "not a real number"),
    ("log(-1)", 0, "not a real number"),
    ("(-8)^(1/3)", 4, "not a real number"),
    ("x*asin(2)", 2, "not a real number"),
    ("acos(3) + x", 0, "not a real number"),
    ("sin(4)^(2/3)", 6, "not a real number"),
)
def test_values_that_are_not_finite_reals(text, position, message):
    error = refused(text)
    assert error.position == position
    assert message in error.message


@table(
    ("$", 0, "unexpected character '$'"),
    ("x;y", 1, "without ';'"),
    ("f'(x)", 1, "primes"),
    ('"x"', 0, "quotes"),
    ("\\frac{1}{x}", 0, "backslashes"),
    ("x@y", 1, "unexpected character '@'"),
    ("_", 0, "'_' must follow a name"),
    ("x_", 1, "'_' must be followed by a subscript"),
    ("x=1", 1, "not an equation"),
    ("3!", 1, "factorials are not supported"),
    ("{x}", 0, "use ( ) or [ ]"),
    ("x\ny", 1, "line breaks"),
    ("x\r\ny", 1, "line breaks"),
    ("x\u200by", 1, "U+200B ZERO WIDTH SPACE"),
    ("\ufeffx", 0, "U+FEFF"),
    ("x\u202e+1", 1, "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("x\x00", 1, "control character"),
    ("x\u0301", 1, "combining mark"),
    ("а + 1", 0, "CYRILLIC SMALL LETTER A"),
    ("ο", 0, "GREEK SMALL LETTER OMICRON"),
    ("Δx", 0, "GREEK CAPITAL LETTER DELTA"),
    ("xⁿ", 1, "write powers with ^"),
    ("x₊", 1, "write powers with ^"),
    ("½", 0, "VULGAR FRACTION ONE HALF"),
    ("ﬁ", 0, "LATIN SMALL LIGATURE FI"),
    ("2₁", 1, "subscript digit must follow a name"),
)
def test_unexpected_characters(text, position, message):
    error = refused(text)
    assert error.position == position
    assert message in error.message


@table(
    ("x" * (MAX_LENGTH + 1), MAX_LENGTH, "formula too long"),
    ("(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1), MAX_DEPTH, "nested too deeply"),
    ("-" * 60 + "x", MAX_DEPTH, "nested too deeply"),
    ("x" + "^x" * 60, 2 * MAX_DEPTH + 1, "nested too deeply"),
    ("sin " * 60 + "x", 4 * MAX_DEPTH, "nested too deeply"),
    ("√" * 60 + "x", MAX_DEPTH, "nested too deeply"),
    ("1e1000000", 1, "exponent of this number is too large"),
    ("1e-1001", 1, "exponent of this number is too large"),
    ("9^9^9^9", 3, "exponent is too large"),
    ("10^10^10", 2, "exponent is too large"),
    ("2^10^9", 1, "exponent is too large"),
    ("((9^9)^9999)^9999", 6, "power is too large"),
    ("2^4000", 1, "power is too large"),
    ("(2x)^4000", 4, "power is too large"),
    ("(√2)^8000", 4, "power is too large"),
    ("x^(10^100)", 1, "exponent is too large"),
    ("x^100001", 1, "exponent is too large"),
    ("x^(1/100001)", 1, "exponent is too large"),
    ("(x^1000)^1000", 8, "exponent is too large"),
    ("x²⁰⁰⁰⁰", 1, "exponent is too large"),
    ("sin^100001 x", 0, "exponent is too large"),
    ("2^2^1e9^pi", 3, "value is too large"),
    ("pi^pi^pi^pi", 2, "value is too large"),
    ("e^5000", 1, "value is too large"),
    ("exp(exp(100))", 0, "value is too large"),
    ("sinh(3000)", 0, "value is too large"),
    ("exp(10^400)", 0, "value is too large"),
    ("sinh(10^400)", 0, "value is too large"),
    ("cosh(-10^400)", 0, "value is too large"),
    ("x + exp(10^400)", 4, "value is too large"),
    ("(1+√2)^9999", 6, "too large"),
    ("10^999*10^999", 6, "more than 1000 digits"),
    ("1/10^999/10^9", 8, "more than 1000 digits"),
)
def test_limits(text, position, message):
    error = refused(text)
    assert error.position == position
    assert message in error.message


def test_limits_allow_ordinary_large_numbers():
    assert parse("2^3000") == 2**3000
    assert parse("9" * 999) == 10**999 - 1
    assert parse("x^10000").as_base_exp()[1] == 10000
    assert parse("(" * 40 + "x" + ")" * 40).is_Symbol
    assert parse("10^400") == 10**400  # 401 digits: within the limit of 1000
    assert "pi**(pi**pi)" in str(parse("pi^pi^pi + e^1000 + 1"))


def test_error_shows_the_text_and_a_caret():
    error = refused("log(2+cos(x)")
    assert str(error) == "log(2+cos(x)\n            ^ missing ')' to close the '(' at column 4"
    assert error.text == "log(2+cos(x)"
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("x\t+$", "x +$\n   ^"),
        ("ｘ＋$", "ｘ＋$\n    ^"),
        ("x\u0301+1", "x\u0301+1\n^"),
        ("x\u200by", "x y\n ^"),
    ],
)
def test_the_caret_sits_under_the_character_on_screen(text, shown):
    assert str(refused(text)).startswith(shown + " ")


def test_cli_prints_the_caret_to_stderr_and_exits_2():
    result = CliRunner().invoke(app, ["explain", "log(2+cos(x)"])
    assert result.exit_code == 2
    assert "            ^ missing ')' to close the '(' at column 4" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_cli_refuses_huge_powers_without_computing_them():
    result = CliRunner().invoke(app, ["explain", "9^9^9^9"])
    assert result.exit_code == 2
    assert "exponent is too large" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_module_demo_prints_the_expression_or_the_caret(capsys):
    from chainrule.parsing.__main__ import main

    assert main(["2x sin^2 x"]) == 0
    assert capsys.readouterr().out == "2*x*sin(x)**2\n"
    assert main(["log(2+cos(x)"]) == 2
    assert "^ missing ')'" in capsys.readouterr().err


@table(
    ("d/dx x^2", 0, "without d/dx"),
    ("dy/dx = x^2", 0, "without d/dx"),
    ("d/dt (sin t)", 0, "without d/dx"),
    ("∂/∂x x y", 0, "without d/dx"),
)
def test_leibniz_notation_is_the_question_not_the_function(text, position, message):
    error = refused(text)
    assert error.position == position
    assert message in error.message


@table(
    ("(-2)^x", 4, "negative number or zero to a variable power"),
    ("0^x", 1, "negative number or zero to a variable power"),
    ("acsc((-2/3)^x)", 11, "negative number or zero to a variable power"),
)
def test_nonpositive_base_with_a_variable_exponent(text, position, message):
    error = refused(text)
    assert error.position == position
    assert message in error.message


def test_nonpositive_bases_with_numbers_for_exponents_are_fine():
    assert parse("(-2)^3") == -8
    assert str(parse("2^x")) == "2**x"


def test_variables_are_real_so_abs_of_a_positive_power_reads_back():
    # Found by hypothesis: SymPy writes |2^x| as 2^re(x) for a possibly complex x, which no
    # formula can spell; on the reals it is 2^x.
    assert str(parse("|2^x|")) == "2**x"
    assert parse(str(parse("||2|**x|"))) == parse("||2|**x|")
