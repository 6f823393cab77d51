"""Graphs of a function and its derivative: h and h′, and the chain's outer f and inner g,
sampled safely (no line across a pole) and drawn in a terminal, a notebook or a figure file.

    >>> import chainrule
    >>> chainrule.plot("log(2+cos(x))", parts=True)  # doctest: +SKIP

``sampling`` turns a formula into points, ``chart`` draws points in character cells, ``sketch``
holds what to draw (``plot`` builds it), ``svg`` and ``figure`` draw it for a notebook and a file.
"""

from __future__ import annotations

from chainrule.graphing.chart import terminal_chart
from chainrule.graphing.figure import write_curves_figure
from chainrule.graphing.sampling import GraphError, sample
from chainrule.graphing.sketch import Curve, Sketch, plot

__all__ = [
    "Curve",
    "GraphError",
    "Sketch",
    "plot",
    "sample",
    "terminal_chart",
    "write_curves_figure",
]
