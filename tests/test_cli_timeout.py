"""--timeout SECONDS on every command: work that cannot finish in time stops with one line and
exit status 2; the time a learner takes to answer is not counted. Each test asserts the
outcome, never how long anything took."""

from __future__ import annotations

import io
import json
import sys
import time

import pytest
from typer.testing import CliRunner

from chainrule.budget import within
from chainrule.cli.app import app
from chainrule.cli.running import TIMEOUT

runner = CliRunner()
ENV = {"COLUMNS": "80", "NO_COLOR": "1"}
COMMANDS = ["explain", "check", "network", "plot", "practice", "lesson"]

#: The product rule over 111 factors: seconds of work, far past half a second on any machine.
PRODUCT = "*".join(f"(x+{k})" for k in range(1, 112))


def assert_gave_up(result, seconds: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: gave up after {seconds} s: ")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_timeout(command):
    text = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
    assert "--timeout" in text and "SECONDS" in text


def test_explain_gives_up_on_work_it_cannot_finish_in_time():
    assert len(PRODUCT) <= 1000  # the parser's own limit lets it through
    assert_gave_up(runner.invoke(app, ["explain", PRODUCT, "--timeout", "0.5"], env=ENV), "0.5")


def test_network_training_gives_up_in_time():
    # 75,000 steps of a 50-layer chain: within the work the command accepts, seconds to run.
    args = ["network", "--layers", "50", "--train", "--steps", "75000", "--timeout", "0.5"]
    assert_gave_up(runner.invoke(app, args, env=ENV), "0.5")


def test_check_gives_up_in_time():
    result = runner.invoke(app, ["check", PRODUCT, "1", "--timeout", "0.5"], env=ENV)
    assert_gave_up(result, "0.5")


def test_timeout_zero_is_no_limit_and_the_default_is_ten_seconds():
    result = runner.invoke(app, ["explain", "x^2", "--timeout", "0", "-f", "json"], env=ENV)
    assert result.exit_code == 0, result.stderr
    assert TIMEOUT == 10


@pytest.mark.parametrize("value", ["-1", "soon"])
def test_a_timeout_that_is_no_number_of_seconds_is_refused(value):
    result = runner.invoke(app, ["explain", "x^2", "--timeout", value], env=ENV)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


class SlowTypist(io.BytesIO):
    """stdin whose every line takes ``pause`` seconds to arrive, like a learner thinking.
    (CliRunner takes only text for stdin, so these tests call the commands themselves.)"""

    def __init__(self, text: str, pause: float) -> None:
        super().__init__(text.encode())
        self.pause = pause

    def __next__(self) -> bytes:
        time.sleep(self.pause)
        return super().__next__()

    def readline(self, size: int = -1) -> bytes:
        time.sleep(self.pause)
        return super().readline(size)


def typed(monkeypatch, text: str, pause: float) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(SlowTypist(text, pause)))


def test_practice_does_not_count_the_time_taken_to_answer(monkeypatch, capsys):
    from chainrule.cli.explain import Format
    from chainrule.cli.practice import practice

    # Four answers, 0.35 s each to arrive: 1.4 s of waiting under a budget of 1 s.
    typed(monkeypatch, "y\ny\ny\ny\n", 0.35)
    practice(level=1, seed=5, count=2, format=Format.text, timeout=1)
    assert "Score" in capsys.readouterr().out


def test_explain_from_stdin_does_not_count_the_wait_for_each_line(monkeypatch, capsys):
    from chainrule.cli.explain import Format, explain

    typed(monkeypatch, "x^2\nsin(x)\nexp(x)\nx^3\n", 0.35)
    explain("-", format=Format.json, timeout=1)
    assert len(json.loads(capsys.readouterr().out)) == 4


def test_a_lesson_does_not_count_the_time_taken_to_answer():
    from chainrule.teaching.runner import Reader

    class Slow(io.StringIO):
        def readline(self, size: int = -1) -> str:
            time.sleep(0.3)
            return super().readline(size)

    reader = Reader(Slow("a\nb\nc\n"), write=lambda text: None)
    with within(0.5):
        assert [reader.line("? ") for _ in range(3)] == ["a", "b", "c"]
