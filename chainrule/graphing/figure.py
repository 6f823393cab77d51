"""A sketch as a figure file (PNG, SVG or PDF, by the suffix) drawn by matplotlib, which is
optional: ``pip install "chainrule[plot]"``. The same checks and errors as the training curve's
figure (``chainrule.plotting``), so a wrong suffix or a missing matplotlib is said the same way.
"""

from __future__ import annotations

from pathlib import Path

from chainrule.graphing.sampling import segments, window
from chainrule.plotting import PlotError, check_figure_path


def write_curves_figure(sketch, path: str | Path) -> Path:
    """Draw ``sketch`` (from ``chainrule.plot``) into ``path``: one panel for h and h′, one more
    for f and g, each curve broken where it is undefined or jumps."""
    path = check_figure_path(path)
    # A Figure of its own, not pyplot: no global state, no GUI backend, nothing left open.
    from matplotlib.figure import Figure

    from chainrule.graphing.sketch import COLOURS, FIGURE_POINTS

    panels = sketch.panels
    lo, hi = sketch.span
    fig = Figure(figsize=(7, 0.6 + 3.4 * len(panels)), dpi=120)
    for i, (title, panel) in enumerate(zip(sketch.titles(), panels, strict=True)):
        ax = fig.add_subplot(len(panels), 1, i + 1)
        curves = [curve.points(lo, hi, FIGURE_POINTS) for curve in panel]
        for k, (curve, pts) in enumerate(zip(panel, curves, strict=True)):
            colour = COLOURS[(2 * i + k) % len(COLOURS)]
            legend = sketch.legend(curve)
            pieces = segments(pts)
            if not pieces:
                ax.plot([], [], color=colour, label=f"{legend}   (not defined here)")
            # The legend shows a line: it goes with the first piece that is one.
            labelled = next((p for p in pieces if len(p) > 1), pieces[0] if pieces else None)
            for piece in pieces:
                xs, ys = zip(*piece, strict=True)
                style = "-" if len(piece) > 1 else "o"  # a lone point (sign(0) = 0) as a dot
                label = legend if piece is labelled else None
                ax.plot(xs, ys, style, color=colour, linewidth=1.6, markersize=3, label=label)
        ax.set_xlim(lo, hi)
        ax.set_ylim(*window(curves))
        ax.axhline(0, color="0.55", linewidth=0.8)
        if lo < 0 < hi:
            ax.axvline(0, color="0.55", linewidth=0.8)
        ax.grid(alpha=0.3)
        ax.set_title(title, fontsize=10)
        x = str(panel[-1].variable)
        # f is a function of u, read along the same axis as x (the title says so too).
        ax.set_xlabel(x if i == 0 else f"{x}, and {panel[0].variable} for {panel[0].name}")
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="best", fontsize=9)
    fig.tight_layout()
    try:
        from chainrule.plotting import open_output

        # Never through a symbolic link, never waiting on a FIFO: a regular file or a new one.
        with open_output(path, binary=True) as f:
            fig.savefig(f, format=path.suffix.lower()[1:])
    except (OSError, ValueError) as error:
        raise PlotError(
            f"cannot write {path}: {getattr(error, 'strerror', None) or error}"
        ) from None
    return path
