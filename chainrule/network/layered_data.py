"""Rows to run a layered network on: a small CSV file whose header names the columns x1…, y1…
(x, y for one input or one output), or a built-in set a learner knows, chosen by name:

    xor    4 rows: the four corners of the unit square, y = x1 XOR x2 (2 inputs)
    moons  100 rows: two interleaved half-moons with a little noise from seed 0 (2 inputs)

Both have two classes: one output takes the class as y (0 or 1); two outputs take it one-hot.
The file is opened as ``network.samples`` opens one (a regular file only, read line by line with
the same limits), so a pipe never blocks and a huge file never fills the memory.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from pathlib import Path

from chainrule.network.numbers import NUMBER
from chainrule.network.samples import MAX_ROWS, _lines, _open_regular
from chainrule.network.shape import Shape, ShapeError

Rows = tuple[tuple[float, ...], ...]
BUILT_IN = ("xor", "moons")
MOONS_ROWS = 100
MOONS_SEED = 0
MOONS_NOISE = 0.1


@dataclass(frozen=True, kw_only=True)
class Dataset:
    """``X`` (rows × inputs) and ``Y`` (rows × outputs), and where they came from."""

    name: str
    X: Rows
    Y: Rows

    @property
    def rows(self) -> int:
        return len(self.X)


def load_data(source: str | Path, shape: Shape) -> Dataset:
    """A built-in set by name (``BUILT_IN``), else the CSV file at ``source``."""
    if str(source).strip().lower() in BUILT_IN:
        return built_in(str(source).strip().lower(), shape)
    return load_csv(source, shape)


def built_in(name: str, shape: Shape) -> Dataset:
    """``xor`` or ``moons`` for ``shape``: two inputs, and one output (y) or two (one-hot)."""
    if name not in BUILT_IN:
        raise ShapeError(f"no built-in data set {name!r}; choose {' or '.join(BUILT_IN)}")
    if shape.widths[0] != 2 or shape.widths[-1] not in (1, 2):
        raise ShapeError(
            f"--data {name} has 2 inputs and 2 classes: it needs a shape like 2-2-1 (one "
            f"output, y the class) or 2-3-2 (two outputs, one-hot), not {shape.text}"
        )
    points, classes = _xor() if name == "xor" else _moons()
    labels = tuple(
        (float(c),) if shape.widths[-1] == 1 else (float(c == 0), float(c == 1)) for c in classes
    )
    return Dataset(name=name, X=points, Y=labels)


def _xor() -> tuple[Rows, tuple[int, ...]]:
    points = ((0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0))
    return points, tuple(int(a) ^ int(b) for a, b in points)


def _moons() -> tuple[Rows, tuple[int, ...]]:
    """Half a circle each, the second turned over and tucked into the first (as in the usual
    two-moons picture), points evenly spaced along them, then a little Gaussian noise."""
    rng = random.Random(MOONS_SEED)
    half = MOONS_ROWS // 2
    points, classes = [], []
    for c in (0, 1):
        for i in range(half):
            t = math.pi * i / (half - 1)
            x, y = (math.cos(t), math.sin(t)) if c == 0 else (1 - math.cos(t), 0.5 - math.sin(t))
            points.append((x + rng.gauss(0, MOONS_NOISE), y + rng.gauss(0, MOONS_NOISE)))
            classes.append(c)
    return tuple(points), tuple(classes)


def columns(shape: Shape) -> tuple[str, ...]:
    return (*shape.input_names, *shape.label_names)


def load_csv(path: str | Path, shape: Shape) -> Dataset:
    """Rows from a CSV file whose first row names every column of ``columns(shape)`` (in any
    order, each once); at most ``MAX_ROWS`` rows of plain decimal numbers."""
    path = Path(path)
    try:
        with _open_regular(path) as f:
            X, Y = _read(path, f, shape)
    except UnicodeDecodeError:
        raise ShapeError(f"{path}: cannot read it: it is not UTF-8 text") from None
    except OSError as error:
        raise ShapeError(f"{path}: cannot read it: {error.strerror or error}") from None
    return Dataset(name=str(path), X=X, Y=Y)


def _read(path: Path, f, shape: Shape) -> tuple[Rows, Rows]:
    wanted = columns(shape)
    reader = csv.reader(_lines(path, f))
    where: list[int] | None = None
    X, Y = [], []
    n_in = shape.widths[0]
    while True:
        try:
            row = next(reader, None)
        except csv.Error as error:
            raise ShapeError(f"{path}, line {reader.line_num}: not a CSV row ({error})") from None
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        if where is None:
            where = _header(path, line, row, wanted, shape)
            continue
        if len(X) == MAX_ROWS:
            raise ShapeError(
                f"{path}: more than {MAX_ROWS:,} rows; this teaching tool takes up to {MAX_ROWS:,}"
            )
        if len(row) != len(wanted):
            raise ShapeError(
                f"{path}, line {line}: expected {len(wanted)} columns "
                f"({','.join(wanted)}), got {len(row)}"
            )
        values = []
        for i in where:
            cell = row[i].strip()
            if not NUMBER.fullmatch(cell):
                raise ShapeError(f"{path}, line {line}: {cell!r} is not a number")
            value = float(cell)
            if not math.isfinite(value):
                raise ShapeError(f"{path}, line {line}: {cell} is too large for a float")
            values.append(value)
        X.append(tuple(values[:n_in]))
        Y.append(tuple(values[n_in:]))
    if where is None:
        raise ShapeError(f"{path}: empty; expected a header naming {','.join(wanted)}, then rows")
    if not X:
        raise ShapeError(f"{path}: a header but no rows")
    return tuple(X), tuple(Y)


def _header(path: Path, line: int, row: list[str], wanted, shape: Shape) -> list[int]:
    """Where each wanted column is, from the header; a clear error for any other header."""
    names = [cell.strip().lower() for cell in row]
    if all(NUMBER.fullmatch(n) for n in names):
        raise ShapeError(
            f"{path}, line {line}: the first row must be a header naming the columns "
            f"{','.join(wanted)}"
        )
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ShapeError(f"{path}, line {line}: the column {twice[0]} is named twice")
    missing = [w for w in wanted if w not in names]
    extra = [n for n in names if n not in wanted]
    if extra:
        raise ShapeError(
            f"{path}, line {line}: no column {extra[0]!r} in a {shape.text} network; its "
            f"columns are {','.join(wanted)}"
        )
    if missing:
        raise ShapeError(
            f"{path}, line {line}: no column {missing[0]} (a {shape.text} network needs "
            f"{','.join(wanted)})"
        )
    return [names.index(w) for w in wanted]
