"""How the commands print: text straight to stdout or stderr, and a user error as one clean
message (exit status 2), in ASCII with the caret still in place on a console without Unicode."""

from __future__ import annotations

import errno
import sys

from chainrule.encoding import HANDLER

#: Errors that only writing gives: the output, not the input, is what failed.
WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EPIPE, errno.EFBIG, errno.EDQUOT})


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Write ``text`` to stdout (or stderr) as it is.

    Not ``typer.echo``: click takes an ASCII stream for a misconfigured one and writes UTF-8
    bytes past it, which would undo ``chainrule.encoding.fit_console``.
    """
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n" if nl else text)
    stream.flush()


def cannot_write(error: OSError) -> int:
    """An output that cannot be written (a full disk, a closed pipe) said once; the exit status
    (1). No bug of chainrule's, so no report is asked for. A closed pipe (``| head``) is the
    reader's choice, and stays quiet."""
    import os

    if error.errno != errno.EPIPE:
        echo(f"chainrule: cannot write the output: {error.strerror or error}", err=True)
    # Nothing more goes to the broken stream, not even the flush at exit; it is kept, not
    # dropped, as closing it would close what it wraps.
    _broken.append(sys.stdout)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - open until the process ends
    return 1


_broken: list = []


def message(error: Exception, *, where: str = "") -> str:
    """The text of a user error: one line, or a formula with a caret under the spot.

    ``where`` (e.g. "line 3: ") leads the message; a caret below moves along with it.
    """
    from chainrule.errors import ParseError

    text = str(error)
    if isinstance(error, ParseError) and getattr(sys.stderr, "errors", None) == HANDLER:
        text = _ascii_caret(error)
    if "\n" not in text:
        return f"error: {where}{text}"
    first, *rest = text.split("\n")
    return "\n".join([where + first, *(" " * len(where) + line for line in rest)])


def _ascii_caret(error) -> str:
    """The formula and its caret as an ASCII console shows them: √x is spelled sqrt(x), so the
    caret moves to where the character it points at is spelled."""
    from chainrule.encoding import spell, spelled_column

    shown = "".join(ch if ch.isprintable() else " " for ch in error.text)
    column = spelled_column(shown, error.position)
    return f"{spell(shown)}\n{' ' * column}^ {spell(error.message)}"


def fail(error: Exception) -> SystemExit:
    """Print a user-facing error to stderr, no traceback, and give the exit to raise (status 2).

    SystemExit rather than typer's Exit: click lets it through to the process, and the
    commands run without typer (``chainrule.cli.app``) need no typer to stop."""
    echo(message(error), err=True)
    return SystemExit(2)


def ascii_console() -> bool:
    """Whether stdout writes ASCII spellings (``chainrule.encoding.fit_console`` switched it)."""
    return getattr(sys.stdout, "errors", None) == HANDLER


def shown(text: str, format: str) -> str:
    """``text`` in ``format`` as this console should get it. On an ASCII console a page keeps
    every character as a reference (&#x3c3; for σ), which a browser reads back exactly; the
    stream spells what is left of the other formats."""
    if format == "html" and ascii_console():
        return text.encode("ascii", "xmlcharrefreplace").decode("ascii")
    return text


def laid_out(obj, fmt: str, *, standalone: bool = False, **view) -> str | None:
    """A result in ``fmt``: the rich view goes straight to the terminal (its width, its
    colours) and None is returned; any other format is returned as text for this console."""
    from chainrule import formats

    if fmt != "rich":
        text = formats.render(
            obj, fmt, width=width(), standalone=standalone, ascii=ascii_console(), **view
        )
        return shown(text, fmt)
    from rich.console import Console

    Console(highlight=False).print(formats.renderable(obj, **view))
    return None


def width() -> int:
    """The terminal's width, at most 100 columns: longer lines are hard to read."""
    import shutil

    return min(shutil.get_terminal_size((80, 24)).columns, 100)


def decoded(raw: bytes, stream) -> str:
    """A line as UTF-8, else in the console's code page: a pasted √ or σ never stops the
    reading, whatever the locale says."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode(getattr(stream, "encoding", None) or "latin-1", errors="replace")
