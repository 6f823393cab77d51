"""``chainrule practice``: generated problems, asked part by part, judged as functions, with
a hint or the worked steps on request and a score at the end. Exit status 0 however it ends."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from chainrule.cli import options
from chainrule.cli.explain import Format
from chainrule.cli.running import TIMEOUT

# Mirrors of chainrule.practising values, kept here so --help never imports SymPy; tests check
# that the two agree.
MAX_LEVEL = 5
MAX_COUNT = 20
DEFAULT_COUNT = 5
#: Each topic's highest level (chainrule.practising.topics.TOPICS).
TOPIC_LEVELS = {"rules": 5, "higher": 5, "tangent": 5, "implicit": 3}


class Topic(StrEnum):
    rules = "rules"
    higher = "higher"
    tangent = "tangent"
    implicit = "implicit"


_WORKSHEETS = (Format.latex, Format.markdown, Format.html)


def practice(
    level: Annotated[
        int,
        typer.Option(
            "--level",
            "-l",
            min=1,
            max=MAX_LEVEL,
            help="1: one table rule (sin x, eˣ, x⁵, ln x); 2: a sum, product or quotient of "
            "two; 3: a product with a chain (x²·sin(3x+1)); 4: a chain of three links "
            "(ln(cos(x²+1))); 5: a quotient with a chain, or a variable power (xˣ). For higher "
            "and tangent, the level of the function; implicit has 1 to 3: y in terms of its "
            "own (x²+y²=5), x·y (xy+y²=6), a function of x·y or x³+y³=9xy.",
        ),
    ] = 1,
    topic: Annotated[
        Topic,
        typer.Option(
            "--topic",
            "-t",
            help="rules: the rules of differentiation; higher: h′ then h″; tangent: h(a), "
            "h′(a) and the tangent line at a point; implicit: dy/dx of a curve, then its value "
            "at a point of it.",
        ),
    ] = Topic.rules,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            "-s",
            min=0,
            help="The same seed gives the same problems, on every computer. Default: a new "
            "one, shown at the top.",
        ),
    ] = None,
    count: Annotated[
        int,
        typer.Option("--count", "-n", min=1, max=MAX_COUNT, help="How many problems."),
    ] = DEFAULT_COUNT,
    format: options.format_option(
        Format,
        "rich or text: the questions, one after another; json: the problems and the "
        "answer to every part, asking nothing; latex, markdown or html: a worksheet with "
        "the answers in its key.",
    ) = Format.rich,
    standalone: options.Standalone = False,
    timeout: options.TimeoutPerAnswer = TIMEOUT,
) -> None:
    """Practise differentiating: generated problems, asked one part at a time.

    A chain h = f∘g asks for f (in u: ln(u)), g(x), g′(x), f′(u), then h′(x).

    u + v, u·v or u/v of table functions asks for u′ and v′, then h′; a power f^g for ln h first.

    Answers are judged as functions; a wrong derivative is diagnosed as chainrule check does.

    ? gives a hint, ?? the worked steps; after 3 wrong tries the answer is shown; q stops.

    Answers may be piped in, one per line; the end of the input ends the set with its score.

    --topic higher asks h′ then h″; tangent h(a), h′(a) and the line (y = …); implicit dy/dx
    of a curve in x and y, then its value at a point of the curve.

    [bold]Examples[/bold]

      chainrule practice                         five problems at level 1

      chainrule practice --level 3 --seed 7      the same five again, anywhere

      chainrule practice -l 4 -n 2 < answers.txt answers piped in, one per line

      chainrule practice -l 5 --format json      every part's answer, as data

      chainrule practice -l 2 -f markdown        a worksheet with its key

      chainrule practice -t higher -l 2          h′ then h″ of five functions

      chainrule practice -t tangent -s 3         tangent lines, the same ones anywhere

      chainrule practice -t implicit -l 3        dy/dx of curves like x³ + y³ = 9xy
    """
    from chainrule.cli.output import echo, fail, laid_out
    from chainrule.cli.running import computing
    from chainrule.errors import ChainruleError
    from chainrule.practising import new_seed
    from chainrule.practising import practice as generate

    if standalone and format is not Format.latex:
        raise fail(ValueError("--standalone goes with --format latex"))
    seed = new_seed() if seed is None else seed
    with computing(timeout):
        try:
            problems = generate(level, seed, count, topic=topic.value)
        except ChainruleError as error:
            raise fail(error) from None
        if format is Format.json:
            echo(_json(problems, level, seed, topic.value), nl=False)
        elif format in _WORKSHEETS:
            from chainrule.practising.view import worksheet

            text = laid_out(worksheet(problems, seed), format.value, standalone=standalone)
            echo(text, nl=not text.endswith("\n"))
        else:
            from chainrule.practising.session import run

            run(problems, _dialogue(format), seed=seed)


def _json(problems, level: int, seed: int, topic: str) -> str:
    import json

    from chainrule.cli.output import ascii_console
    from chainrule.formats.jsondata import SCHEMA

    # The rules' document is as it was before there were topics: no "topic" key.
    named = {} if topic == "rules" else {"topic": topic}
    document = {
        "schema": SCHEMA,
        **named,
        "level": level,
        "seed": seed,
        "problems": [p.as_data() for p in problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=ascii_console()) + "\n"


def _dialogue(format: Format):
    """The session's dialogue on this console: the terminal's own line editing when stdin is
    one, else stdin's lines written after their prompts, as a transcript."""
    from chainrule.cli.output import ascii_console, echo, width
    from chainrule.practising.session import Plain

    # Defined here, not at the top: the session's modules load SymPy, which --help must not.
    class Terminal(Plain):
        def __init__(self) -> None:
            stdin = sys.stdin
            self.tty = stdin is not None and stdin.isatty()
            super().__init__(
                _lines(stdin),
                lambda text: echo(text, nl=False),
                width=width(),
                ascii=ascii_console(),
            )
            self.console = None
            if format is Format.rich:
                from rich.console import Console

                self.console = Console(highlight=False)

        def ask(self, prompt: tuple) -> str | None:
            from chainrule.budget import waiting

            # The learner's time is theirs: --timeout counts only the computing around it.
            with waiting():
                if not self.tty:
                    return super().ask(prompt)
                try:
                    return input(self.said(prompt))
                except EOFError:  # Ctrl-D: the set ends with its score
                    echo("")
                    return None

        def show(self, doc) -> None:
            if self.console is None:
                return super().show(doc)
            from chainrule.formats import renderable

            if self.apart(doc):
                self.console.line()
            self.console.print(renderable(doc))

    return Terminal()


def _lines(stream):
    """The lines of ``stream``, decoded as UTF-8 or else in the console's code page."""
    from chainrule.cli.output import decoded

    if stream is None or stream.isatty():
        return
    binary = getattr(stream, "buffer", None)
    for raw in binary if binary is not None else stream:
        yield decoded(raw, stream) if isinstance(raw, bytes) else raw
