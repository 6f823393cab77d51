"""Curves of a cost over the steps of gradient descent: a column chart in text for any terminal,
and a figure file (PNG, SVG or PDF) by matplotlib when it is installed.

Both switch to a logarithmic scale when the values span more than two decades: a cost that falls
from 0.5 to 1e-6 is otherwise one tall bar and a flat line.
"""

from __future__ import annotations

import errno
import math
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from chainrule.errors import ChainruleError
from chainrule.files import kind

#: The file types a figure can be written as, named by the file's suffix.
FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
#: max/min above which a positive curve is drawn on a log scale: more than two decades.
LOG_SPAN = 100

_BARS = " ▁▂▃▄▅▆▇█"
#: Columns of the value labels left of the chart.
_LABEL = 9


class PlotError(ChainruleError):
    """A figure that cannot be written: its type, its folder, or matplotlib missing."""


def wants_log_scale(values: Sequence[float]) -> bool:
    """True when the finite values are all positive and span more than two decades."""
    finite = [v for v in values if math.isfinite(v)]
    return bool(finite) and min(finite) > 0 and max(finite) / min(finite) > LOG_SPAN


def plot_lines(values: Sequence[float], width: int = 60, height: int = 8) -> list[str]:
    """A column chart of ``values`` over the steps: ``height`` rows of eight levels each, every
    line ``width - 1`` characters (21 at least). Values that are not finite leave their column
    empty."""
    if not values:
        return []
    width, height = max(10, width - 12), max(1, height)
    n = len(values)
    cols = [values[min(n - 1, round(i * (n - 1) / max(1, width - 1)))] for i in range(width)]
    finite = [v for v in cols if math.isfinite(v)]
    log = wants_log_scale(finite)
    low, high = (min(finite), max(finite)) if finite else (0.0, 0.0)
    scale = math.log10 if log else float

    def level(v: float) -> int:
        if not math.isfinite(v):
            return 0
        # Halved so that a range as wide as the floats themselves does not overflow to inf.
        part = (scale(v) / 2 - scale(low) / 2) / ((scale(high) / 2 - scale(low) / 2) or 1.0)
        # The lowest value still gets one eighth of a block, so the curve never vanishes.
        return 1 + round(part * (height * 8 - 1))

    levels = [level(v) for v in cols]
    labels = {1: _label(low), height: _label(high)} if finite else {}
    note = "log scale" if log else ""
    out = []
    for row in range(height, 0, -1):
        base = (row - 1) * 8
        line = "".join(_BARS[min(8, max(0, level - base))] for level in levels)
        # The y axis says it is logarithmic where its labels are, halfway between max and min.
        label = labels.get(row, note if row == (height + 1) // 2 else "")
        out.append(f"{label:>{_LABEL}} │{line}")
    out.append(f"{'':>{_LABEL}} └{'─' * width}")
    last = f"step {n - 1}"
    room = width - 1 - len(last)  # between the first step and the last on the step axis
    if note and height < 3 and len(note) + 4 <= room:
        out.append(f"{'':>{_LABEL}}  0{f'({note})':^{room}}{last}")
    else:
        out.append(f"{'':>{_LABEL}}  0{last:>{width - 1}}")
    return out


def _label(value: float) -> str:
    """The shortest of a few precisions that fits the label column."""
    for digits in (4, 3, 2, 1):
        text = f"{value:.{digits}g}".replace("-", "−")
        if len(text) <= _LABEL:
            return text
    return text


def check_figure_path(path: str | Path) -> Path:
    """Refuse, before any work, a figure that could not be written: a suffix other than .png,
    .svg or .pdf, a folder that does not exist, or matplotlib not installed."""
    path = Path(path)
    if path.suffix.lower() not in FIGURE_SUFFIXES:
        kinds = ", ".join(FIGURE_SUFFIXES[:-1]) + f" or {FIGURE_SUFFIXES[-1]}"
        if path.suffix:
            why = f"{path.suffix} is not a kind of figure chainrule writes; use {kinds}"
        else:
            why = f"end the name in {kinds} to say which kind of figure"
        raise PlotError(f"cannot write {path}: {why}")
    if not path.parent.is_dir():
        raise PlotError(f"cannot write {path}: the folder {path.parent} does not exist")
    check_output_path(path)
    try:
        import matplotlib  # noqa: F401 - only whether it imports
    except ImportError:
        raise PlotError(
            'writing a figure needs matplotlib, which is optional: pip install "chainrule[plot]"'
        ) from None
    return path


def write_figure(costs: Sequence[float], path: str | Path, *, title: str) -> Path:
    """Draw ``costs`` over the steps into ``path``, as the file type its suffix names."""
    path = check_figure_path(path)
    # A Figure of its own, not pyplot: no global state, no GUI backend, nothing left open.
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 3.5), dpi=120)
    ax = fig.add_subplot()
    ax.plot(range(len(costs)), costs, color="#1f77b4")
    ax.set_xlabel("step")
    log = wants_log_scale(costs)
    ax.set_ylabel("J (log scale)" if log else "J")
    if log:
        ax.set_yscale("log")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    try:
        with open_output(path, binary=True) as f:
            fig.savefig(f, format=path.suffix.lower()[1:])
    except (OSError, ValueError) as error:
        raise PlotError(
            f"cannot write {path}: {getattr(error, 'strerror', None) or error}"
        ) from None
    return path


# -- writing a file the user named ---------------------------------------------------------------

_ONLY = "chainrule writes only to a regular file or a new path"


def check_output_path(path: str | Path) -> Path:
    """Refuse a file to write that is neither a regular file nor a new path: a symbolic link
    (writing through it would change the file it points to), a FIFO (which would wait for a
    reader forever), a device or a folder. The link itself is looked at, not what it names."""
    path = Path(path)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    except OSError as error:
        raise PlotError(f"cannot write {path}: {error.strerror or error}") from None
    if not stat.S_ISREG(mode):
        raise PlotError(f"cannot write {path}: it is {kind(mode)}; {_ONLY}")
    return path


@contextmanager
def open_output(path: str | Path, *, binary: bool = False) -> Iterator[IO]:
    """``path`` opened for writing, as ``check_output_path`` allows, without a window between
    the check and the open: a symbolic link is not followed, a FIFO is not waited on, and the
    open file is checked again. Raises PlotError with the reason."""
    path = Path(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as error:
        check_output_path(path)  # a link or a FIFO that appeared since: say which
        why = {errno.ELOOP: "it is a symbolic link", errno.ENXIO: "it is a pipe (FIFO)"}
        raise PlotError(
            f"cannot write {path}: {why.get(error.errno) or error.strerror or error}"
        ) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise PlotError(f"cannot write {path}: it is {kind(mode)}; {_ONLY}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        f = open(fd, "wb") if binary else open(fd, "w", encoding="utf-8")  # noqa: SIM115
    except BaseException:
        os.close(fd)
        raise
    with f:
        yield f
