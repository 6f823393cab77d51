"""A training run as blocks (its setting, a table of J and the parameters every few steps, the
curve of J), a text plot of that curve in Unicode block characters, and a PNG by matplotlib.
"""

from __future__ import annotations

from pathlib import Path

from chainrule.network.model import J, NetworkError
from chainrule.network.training import INIT_RANGE, TrainingRun
from chainrule.render.network import equations_section
from chainrule.render.network_blocks import Block, Heading, Number, Para, Plot, Table

#: Wider than this many parameters, the table shows J alone (the rest is in --format json).
TABLE_PARAMS = 6


def training_view(run: TrainingRun) -> list[Block]:
    network = run.network
    blocks = equations_section(network)
    blocks.append(Heading(("Gradient descent",)))
    if len(run.data) == 1:
        ((x, y),) = run.data
        source: tuple = (
            "one sample, ",
            network.x,
            " = ",
            Number(x),
            ", ",
            network.y,
            " = ",
            Number(y),
        )
    else:
        source = (f"{len(run.data)} samples, J their mean",)
    blocks.append(
        Para(
            (
                f"{run.steps} steps on ",
                *source,
                "; learning rate ",
                Number(run.lr),
                f"; weights start uniform in [−{INIT_RANGE:g}, {INIT_RANGE:g}] (seed {run.seed}),"
                " biases at 0. Each step uses the gradient backpropagation derived, compiled once.",
            )
        )
    )
    params = network.params
    wide = len(params) > TABLE_PARAMS
    headers = ("step", J) if wide else ("step", J, *params)
    rows = tuple(
        (Number(r.step), Number(r.cost), *(() if wide else (Number(v) for v in r.params)))
        for r in run.records
    )
    blocks.append(Table(headers, rows))
    if wide:
        blocks.append(Para((f"({len(params)} parameters: --format json lists them all.)",)))
    blocks.append(Plot(run.costs, tuple(range(len(run.costs))), "J"))
    start, end = run.costs[0], run.costs[-1]
    if end == start:  # at a minimum already, or a step too small to move J
        blocks.append(Para(("J stayed at ", Number(start), ".")))
    else:
        change = "fell" if end < start else "rose"
        blocks.append(Para(("J ", change, " from ", Number(start), " to ", Number(end), ".")))
    return blocks


_BARS = " ▁▂▃▄▅▆▇█"


def plot_lines(values: tuple[float, ...], width: int = 60, height: int = 8) -> list[str]:
    """A column chart of ``values`` (resampled to ``width`` columns), 8 levels per row."""
    width = max(10, width - 12)
    n = len(values)
    cols = [values[min(n - 1, round(i * (n - 1) / max(1, width - 1)))] for i in range(width)]
    low, high = min(cols), max(cols)
    span = high - low or 1.0
    # The lowest value still gets one eighth of a block, so the curve never vanishes.
    levels = [1 + round((v - low) / span * (height * 8 - 1)) for v in cols]
    out = []
    for row in range(height, 0, -1):
        base = (row - 1) * 8
        line = "".join(_BARS[min(8, max(0, level - base))] for level in levels)
        label = _num(high) if row == height else _num(low) if row == 1 else ""
        out.append(f"{label:>9} │{line}")
    out.append(f"{'':>9} └{'─' * width}")
    last = f"step {n - 1}"
    out.append(f"{'':>9}  0{last:>{width - 1}}")
    return out


def _num(value: float) -> str:
    return f"{value:.4g}".replace("-", "−")


def write_png(run: TrainingRun, path: str | Path) -> Path:
    """J over the steps as a PNG. Needs matplotlib: ``pip install 'chainrule[plot]'``."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise NetworkError(
            "--plot needs matplotlib, which is optional: pip install 'chainrule[plot]'"
        ) from None
    path = Path(path)
    if not path.parent.is_dir():
        raise NetworkError(f"--plot: the folder {path.parent} does not exist")
    fig, ax = plt.subplots(figsize=(6, 3.5), dpi=120)
    try:
        ax.plot(range(len(run.costs)), run.costs, color="#1f77b4")
        ax.set_xlabel("step")
        ax.set_ylabel("J")
        if all(c > 0 for c in run.costs) and max(run.costs) / min(run.costs) > 100:
            ax.set_yscale("log")
        cost = "squared error" if run.network.cost == "squared" else "cross-entropy"
        ax.set_title(f"Gradient descent, η = {run.lr:g} ({cost})")
        ax.grid(alpha=0.3)
        fig.tight_layout()
        fig.savefig(path, format="png")
    except (OSError, ValueError) as error:
        raise NetworkError(f"--plot: cannot write {path}: {error}") from None
    finally:
        plt.close(fig)
    return path
