"""ASCII spellings for consoles without Unicode: the codec error handler, ``spell``, where a
caret lands, and which streams ``fit_console`` switches."""

from __future__ import annotations

import io
import os
import sys
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chainrule import encoding
from chainrule.encoding import HANDLER, fit_console, spell, spelled_column


@pytest.fixture(autouse=True)
def _registered():
    encoding.register()


@pytest.mark.parametrize(
    ("shown", "ascii"),
    [
        ("d/dx cos(x) = −sin(x)", "d/dx cos(x) = -sin(x)"),
        ("∂J/∂w₂", "dJ/dw2"),
        ("σ′(z₁)", "sigma'(z1)"),
        ("(ŷ − y)·σ(z₂)·a₁", "(yhat - y)*sigma(z2)*a1"),
        ("θ ← θ − η·∂J/∂θ", "theta <- theta - eta*dJ/dtheta"),
        ("δ₂ = ∂J/∂z₂", "delta2 = dJ/dz2"),
        ("h = f∘g", "h = f o g"),
        ("2×3", "2x3"),
        ("x²", "x^2"),
        ("x¹²", "x^12"),
        ("x⁻¹", "x^-1"),
        ("sin²(x)", "sin^2(x)"),
        ("x²y", "x^2 y"),
        ("eˣ = eˣ", "e^x = e^x"),
        ("eˣʸ", "e^(xy)"),
        ("x⁽ⁿ⁺¹⁾", "x^(n+1)"),
        ("√x", "sqrt(x)"),
        ("1/(2√u)", "1/(2*sqrt(u))"),
        ("2σ(2x)", "2*sigma(2x)"),
        ("σ(z)·(1 − σ(z))", "sigma(z)*(1 - sigma(z))"),
        ("√(tan²(x) + 1)", "sqrt(tan^2(x) + 1)"),
        ("√2x", "sqrt(2)x"),
        ("√2.5", "sqrt(2.5)"),
        ("√x₁", "sqrt(x1)"),
        ("log₂(x)", "log_2(x)"),  # a base, as typed: log3(x) would read as a function log3
        ("3log₁₀(x² + 1)", "3log_10(x^2 + 1)"),
        ("log₂(x)²", "log_2(x)^2"),
        ("√θ", "sqrt(theta)"),
        ("∛(x + 1)", "cbrt(x + 1)"),
        ("√", "sqrt"),
        ("x → y ← z", "x -> y <- z"),
        ("✓ checked", "[ok] checked"),
        ("✗ failed", "[X] failed"),
        ("a – b — c…", "a - b -- c..."),
        ("Δ λ ω", "Delta lambda omega"),
        ("ς", "sigma"),
        ("µ", "mu"),
        ("½", "1/2"),
        ("𝑥 ｘ", "x x"),
        ("café", "cafe"),
        ("╭─ Answer ─╮", "+- Answer -+"),
        ("│ a │", "| a |"),
        ("╰──┴──╯ └┼┤═║", "+--+--+ +++=|"),
        ("▁▂▃▄▅▆▇█", "__..::|#"),
        ("▼ ◀", "v <"),
        ("😀", "?"),
    ],
)
def test_ascii_spellings(shown, ascii):
    assert spell(shown) == ascii
    assert shown.encode("ascii", errors=HANDLER) == ascii.encode()


def test_the_course_example_reads_in_ascii():
    line = "d/dx ln(cos(x) + 2) = (1/(cos(x) + 2))·(−sin(x)) = −sin(x)/(cos(x) + 2)"
    assert spell(line) == "d/dx ln(cos(x) + 2) = (1/(cos(x) + 2))*(-sin(x)) = -sin(x)/(cos(x) + 2)"


def test_a_code_page_keeps_what_it_can_encode():
    # cp1252 has · and ¹ but not − or ⁻: the exponent is still spelled as one run.
    assert "a·b − c".encode("cp1252", errors=HANDLER) == "a·b - c".encode("cp1252")
    assert "x⁻¹".encode("cp1252", errors=HANDLER) == b"x^-1"


def test_decoding_errors_are_not_ours():
    with pytest.raises(UnicodeDecodeError):
        b"\xff".decode("ascii", errors=HANDLER)


@given(st.text())
def test_every_text_has_an_ascii_spelling(text):
    assert spell(text).isascii()
    assert text.encode("ascii", errors=HANDLER).decode("ascii") == spell(text)


@pytest.mark.parametrize(
    ("text", "position", "column"),
    [
        ("x +", 2, 2),
        ("√x +", 3, 8),  # sqrt(x) +
        ("√x +", 1, 5),  # the x inside sqrt(x)
        ("σ(", 1, 5),
        ("e\u0301+", 1, 0),  # a combining accent: the letter it sits on
    ],
)
def test_spelled_column_follows_the_spelling(text, position, column):
    assert spelled_column(text, position) == column


def _stream(name: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=name)


def test_a_code_page_console_is_switched_to_ascii(monkeypatch):
    monkeypatch.setattr(encoding, "_ascii_locale", lambda: False)
    stream = _stream("cp1252")
    fit_console(stream)
    assert (stream.encoding, stream.errors) == ("ascii", HANDLER)
    stream.write("∂/∂x x¹⁰ = 10x⁹")
    stream.flush()
    assert stream.buffer.getvalue() == b"d/dx x^10 = 10x^9"


def test_a_utf8_console_is_left_alone(monkeypatch):
    monkeypatch.setattr(encoding, "_ascii_locale", lambda: False)
    stream = _stream("utf-8")
    fit_console(stream, io.StringIO(), None)  # streams without an encoding are skipped
    assert (stream.encoding, stream.errors) == ("utf-8", "strict")


def test_a_utf8_console_in_the_c_locale_gets_ascii(monkeypatch):
    monkeypatch.setattr(encoding, "_ascii_locale", lambda: True)
    stream = _stream("utf-8")
    fit_console(stream)
    assert stream.encoding == "ascii"


@pytest.mark.skipif(os.name != "posix" or sys.version_info >= (3, 15), reason="PEP 540 rule")
@pytest.mark.parametrize(
    ("utf8_mode", "env", "ascii"),
    [
        (1, {}, True),  # UTF-8 mode came on by itself: the locale is C or POSIX
        (0, {}, False),
        (1, {"PYTHONUTF8": "1"}, False),  # asked for
        (1, {"PYTHONIOENCODING": "utf-8"}, False),
    ],
)
def test_the_c_locale_is_told_by_utf8_mode_nobody_asked_for(monkeypatch, utf8_mode, env, ascii):
    for name in ("PYTHONUTF8", "PYTHONIOENCODING"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "flags", SimpleNamespace(utf8_mode=utf8_mode))
    monkeypatch.setattr(sys, "_xoptions", {})
    assert encoding._ascii_locale() is ascii


@pytest.mark.parametrize(
    ("name", "utf"), [("utf-8", True), ("UTF8", True), ("cp1252", False), ("ascii", False)]
)
def test_is_utf(name, utf):
    assert encoding.is_utf(name) is utf
