"""The work of ``chainrule explain``: formulas explained one after another and shown in the
chosen format. Free of typer, so ``chainrule explain FORMULA`` can run it straight from
``chainrule.cli.app`` (``chainrule.cli.explain`` declares the command's options and help)."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

from chainrule.cli.running import TIMEOUT

#: The SVG is drawn at a fixed width so it looks the same on every slide.
SVG_WIDTH = 80


def explain_all(
    formula: str,
    *,
    wrt: str | None = None,
    format: str = "rich",
    standalone: bool = False,
    svg: Path | None = None,
    timeout: float = TIMEOUT,
    order: int | None = None,
    at: str | None = None,
    of: str | None = None,
    method: str = "rules",
) -> None:
    """``chainrule explain``: FORMULA, or with - each line of stdin, explained in ``format``.
    The defaults are the command's. ``order`` asks for the derivatives up to that one, ``at``
    for the derivative at a point and its tangent; several names in ``wrt`` for the gradient;
    ``method="log"`` for logarithmic differentiation."""
    # Imported here so that `chainrule --help` does not load SymPy.
    from chainrule.cli.output import echo, fail, message
    from chainrule.cli.running import computing
    from chainrule.errors import ChainruleError

    try:
        from chainrule.calculus.asked import computation

        run = computation(wrt, order, at, of, method)
    except ChainruleError as error:
        raise fail(error) from None

    if svg is not None:
        from chainrule.plotting import PlotError, check_output_path

        # Refuse before printing anything, so a typo in the path does not cost the output.
        if not svg.parent.is_dir():
            raise fail(OSError(f"cannot write {svg}: no directory {svg.parent}"))
        try:
            check_output_path(svg)
        except PlotError as error:
            raise fail(error) from None
    many = formula == "-"
    if standalone and format != "latex":
        raise fail(ValueError("--standalone goes with --format latex"))
    with computing(timeout):
        screen = _Screen(format, svg, many=many, standalone=standalone)
        read = bad = 0
        for number, text in _formulas(sys.stdin) if many else [(0, formula)]:
            read += 1
            try:
                # Shown inside: steps too long to show are refused as they are laid out.
                screen.show(run(text))
            except ChainruleError as error:
                if not many:
                    raise fail(error) from None
                sys.stdout.flush()  # the explanations so far come before the complaint
                echo(message(error, where=f"line {number}: "), err=True)
                bad += 1
        if not read:
            raise fail(
                ValueError("no formulas on stdin (one per line; lines starting with # are skipped)")
            )
        screen.close()
    if bad:
        raise SystemExit(2)


def _formulas(stream) -> Iterator[tuple[int, str]]:
    """(line number, formula) for every line of ``stream`` that is not blank or a # comment."""
    if stream is None:  # no stdin at all (pythonw, or a closed descriptor)
        return
    from chainrule.budget import waiting
    from chainrule.cli.output import decoded, echo

    if stream.isatty():
        echo("One formula per line; end with Ctrl-D (Ctrl-Z, Enter on Windows).", err=True)
    binary = getattr(stream, "buffer", None)
    lines = iter(binary if binary is not None else stream)
    for number in itertools.count(1):
        with waiting():  # reading the next line may wait for whoever is typing them
            raw = next(lines, None)
        if raw is None:
            return
        line = decoded(raw, stream) if isinstance(raw, bytes) else raw
        line = line.removeprefix("\ufeff").strip()
        if line and not line.startswith("#"):
            yield number, line


#: Formats whose output is one whole document (a page, a LaTeX file): many formulas go into it.
_WHOLE = ("html", "latex")


class _Screen:
    """Shows explanations one after another in the chosen format, a blank line between them;
    records the terminal view of them all for --svg; gathers the JSON of many into one array
    and the explanations of many into one page or one LaTeX document (two pretty-printed JSON
    documents, or two pages, in one stream would not be one document any more)."""

    def __init__(
        self, format: str, svg: Path | None, *, many: bool, standalone: bool = False
    ) -> None:
        self.format, self.svg, self.many, self.standalone = format, svg, many, standalone
        self.shown = 0
        self.documents: list = []
        self.console = None
        if format == "rich" or svg is not None:
            import io

            from rich.console import Console

            # One fixed-width console draws both the screen and the SVG, so the image is what
            # was shown.
            screen = None if format == "rich" else io.StringIO()
            self.console = (
                Console(highlight=False)
                if svg is None
                else Console(width=SVG_WIDTH, record=True, highlight=False, file=screen)
            )

    def show(self, explanation) -> None:
        from chainrule.cli.output import ascii_console, echo, shown
        from chainrule.formats import render

        if self.console is not None:
            from chainrule.formats import renderable

            if self.shown:
                self.console.line()
            self.console.print(renderable(explanation))
        if self.format == "json":
            import json

            self.documents.append(json.loads(render(explanation, "json")))
        elif self.format in _WHOLE:
            from chainrule.views import document

            # A page or a LaTeX file holds one document: every formula goes into it, at close.
            self.documents.append(document(explanation))
        elif self.format != "rich":
            import shutil

            width = shutil.get_terminal_size((80, 24)).columns
            fmt = self.format
            text = render(
                explanation, fmt, width=width, standalone=self.standalone, ascii=ascii_console()
            )
            text = shown(text, fmt)
            echo("\n" + text if self.shown else text, nl=False)
        self.shown += 1

    def close(self) -> None:
        from chainrule.cli.output import echo, fail

        if self.format == "json":
            echo(_json(self.documents if self.many else self.documents[0]), nl=False)
        elif self.format in _WHOLE and self.documents:
            from chainrule.cli.output import shown
            from chainrule.document import joined
            from chainrule.formats import render

            fmt = self.format
            text = render(joined(self.documents), fmt, standalone=self.standalone)
            echo(shown(text, fmt), nl=False)
        if self.svg is not None and self.shown:
            from chainrule.plotting import PlotError, open_output

            image = self.console.export_svg(title="chainrule explain")
            try:
                # Never through a symbolic link, never waiting on a FIFO: a regular file or new.
                with open_output(self.svg) as f:
                    f.write(image)
            except PlotError as error:
                raise fail(error) from None
            except OSError as error:
                raise fail(OSError(f"cannot write {self.svg}: {error.strerror or error}")) from None


def _json(data) -> str:
    """JSON text; a console without Unicode gets escapes (\\u221a for √), so it reads back the
    same."""
    import json

    from chainrule.cli.output import ascii_console

    return json.dumps(data, indent=2, ensure_ascii=ascii_console()) + "\n"
