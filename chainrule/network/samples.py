"""The (x, y) samples to train on, read from a small CSV file.

The file is read as a stream, one bounded line at a time, and reading stops at the first line
past a limit: a huge file, a line without end or a device never fills the memory, and a FIFO
never blocks (only a regular file is read; a FIFO or a device is refused before any read).
"""

from __future__ import annotations

import csv
import math
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from chainrule.files import kind
from chainrule.network.model import NetworkError
from chainrule.network.numbers import NUMBER

Sample = tuple[float, float]

#: A data file larger than this is not "a small CSV": say so rather than crawl.
MAX_ROWS = 10_000
#: Lines read at most, blank ones included: a file of blank lines ends too.
MAX_LINES = 2 * MAX_ROWS
#: Characters in one line at most: a row is two numbers.
MAX_LINE = 1_000


def load_csv(path: str | Path) -> tuple[Sample, ...]:
    """(x, y) rows from a CSV file: two numeric columns, an optional header naming x and y.

    At most ``MAX_ROWS`` rows of at most ``MAX_LINE`` characters; only a regular file."""
    path = Path(path)
    with _open_regular(path) as f:
        try:
            return _samples(path, f)
        except UnicodeDecodeError:
            raise NetworkError(f"{path}: cannot read it: it is not UTF-8 text") from None
        except OSError as error:
            raise NetworkError(f"{path}: cannot read it: {error.strerror or error}") from None


def _open_regular(path: Path) -> TextIO:
    """The file at ``path`` for reading, if it is a regular file.

    Opened without blocking (a FIFO with no writer would otherwise wait forever), then checked
    on the open file itself, so nothing can swap the file between the check and the read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        if str(path) == "-":
            raise NetworkError(
                "--data reads a file, not standard input: save the rows to a file first"
            ) from None
        raise NetworkError(f"{path}: no such file") from None
    except OSError as error:
        raise NetworkError(f"{path}: cannot read it: {error.strerror or error}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NetworkError(f"{path}: {kind(mode)}, not a file; give a CSV file of x,y rows")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return open(fd, encoding="utf-8-sig", newline="")  # noqa: SIM115 - the caller closes it
    except BaseException:
        os.close(fd)
        raise


def _lines(path: Path, f: TextIO) -> Iterator[str]:
    """The file's lines, each read with a bound, and no more than ``MAX_LINES`` of them."""
    for number in range(1, MAX_LINES + 2):
        line = f.readline(MAX_LINE + 2)  # room for the line's own \r\n
        if not line:
            return
        if number > MAX_LINES:
            raise NetworkError(
                f"{path}: more than {MAX_LINES:,} lines; this teaching tool takes up to"
                f" {MAX_ROWS:,} rows"
            )
        if len(line.rstrip("\r\n")) > MAX_LINE:
            raise NetworkError(
                f"{path}, line {number}: longer than {MAX_LINE:,} characters; a row is two"
                " numbers, x,y"
            )
        yield line


def _samples(path: Path, f: TextIO) -> tuple[Sample, ...]:
    reader = csv.reader(_lines(path, f))
    order: tuple[int, int] | None = None
    samples: list[Sample] = []
    while True:
        try:
            row = next(reader, None)
        except csv.Error as error:
            raise NetworkError(f"{path}, line {reader.line_num}: not a CSV row ({error})") from None
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        if order is None:
            order = _header(path, line, row)
            if order is not None:
                continue
            order = (0, 1)
        if len(samples) == MAX_ROWS:
            raise NetworkError(
                f"{path}: more than {MAX_ROWS:,} rows; this teaching tool takes up to {MAX_ROWS:,}"
            )
        samples.append(_sample(path, line, row, order))
    if not samples:
        if order is None:
            raise NetworkError(f"{path}: no rows; expected x,y pairs such as 0.5,1")
        raise NetworkError(f"{path}: a header but no rows")
    return tuple(samples)


def _header(path: Path, line: int, row: list[str]) -> tuple[int, int] | None:
    """Where x and y are, if the first row is a header naming them; None if it is data."""
    if all(NUMBER.fullmatch(cell.strip()) for cell in row):
        return None
    names = [cell.strip().lower() for cell in row]
    if sorted(names) != ["x", "y"]:
        raise NetworkError(
            f"{path}, line {line}: a header must name the two columns x and y,"
            f" got {','.join(row)!r}"
        )
    return names.index("x"), names.index("y")


def _sample(path: Path, line: int, row: list[str], order: tuple[int, int]) -> Sample:
    if len(row) != 2:
        raise NetworkError(f"{path}, line {line}: expected 2 columns (x,y), got {len(row)}")
    for cell in row:
        if not NUMBER.fullmatch(cell.strip()):
            raise NetworkError(f"{path}, line {line}: {cell.strip()!r} is not a number")
    x, y = (float(row[i]) for i in order)
    if not (math.isfinite(x) and math.isfinite(y)):
        # 1e400 is a well-formed number that no float holds: say so here, not as divergence.
        raise NetworkError(f"{path}, line {line}: a value too large for a float ({row})")
    return x, y
