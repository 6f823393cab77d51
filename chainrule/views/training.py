"""A training run as a document: its setting, a table of J and the parameters every few steps,
the curve of J, and what happened to J."""

from __future__ import annotations

from chainrule.document import Document, Equals, Heading, Num, Para, Plot, Table
from chainrule.network.model import J
from chainrule.network.training import TrainingRun
from chainrule.views.network import equations_section
from chainrule.views.wording import start_said

#: Wider than this many parameters, the table shows J alone (the rest is in --format json).
TABLE_PARAMS = 6


def training_view(run: TrainingRun) -> Document:
    network = run.network
    blocks = equations_section(network)
    blocks.append(Heading(("Gradient descent",)))
    if len(run.data) == 1:
        ((x, y),) = run.data
        source: tuple = (
            "one sample, ",
            Equals((network.x, Num(x))),
            ", ",
            Equals((network.y, Num(y))),
        )
    else:
        source = (f"{len(run.data)} samples, J their mean",)
    blocks.append(
        Para(
            (
                f"{run.steps} steps on ",
                *source,
                "; learning rate ",
                Num(run.lr),
                "; ",
                start_said(network.param_names, run.started, run.seed),
                ". Each step uses the gradient backpropagation derived, compiled once.",
            )
        )
    )
    params = network.params
    wide = len(params) > TABLE_PARAMS
    headers = ("step", J) if wide else ("step", J, *params)
    rows = tuple(
        (Num(r.step), Num(r.cost), *(() if wide else (Num(v) for v in r.params)))
        for r in run.records
    )
    blocks.append(Table(headers, rows))
    if wide:
        blocks.append(Para((f"({len(params)} parameters: --format json lists them all.)",)))
    blocks.append(Plot(run.costs, tuple(range(len(run.costs))), "J"))
    start, end = run.costs[0], run.costs[-1]
    if end == start:  # at a minimum already, or a step too small to move J
        blocks.append(Para((J, " stayed at ", Num(start), ".")))
    else:
        change = "fell" if end < start else "rose"
        blocks.append(Para((J, f" {change} from ", Num(start), " to ", Num(end), ".")))
    return Document(tuple(blocks), title="chainrule: gradient descent", order=network.order)
