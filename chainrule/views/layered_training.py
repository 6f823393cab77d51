"""A layered network's training run as a document: its setting, J and the accuracy every few
steps, the curve of J, and how J and the accuracy ended."""

from __future__ import annotations

from chainrule.document import Document, Heading, Num, Para, Plot, Table
from chainrule.network.layered_training import ShapeTrainingRun
from chainrule.views.layered_numbers import convention
from chainrule.views.wording import start_said


def _accuracy(value: float | None):
    return "n/a" if value is None else f"{value:.0%}"


def layered_training_view(run: ShapeTrainingRun) -> Document:
    shape = run.shape
    acts = ", ".join(shape.activations)
    source = (
        "one sample"
        if run.data.rows == 1 and run.data.name == "one sample"
        else f"{run.data.rows} rows of {run.data.name}, J their mean"
    )
    blocks: list = [
        Heading((f"Gradient descent on the {shape.text} network",)),
        convention(shape),
        Para(
            (
                f"Activations {acts}; cost: {shape.cost_kind}. {run.steps} steps on {source}; "
                f"learning rate {run.lr:g}; "
                f"{start_said(shape.param_names, run.started, run.seed)}. Each step runs "
                "backpropagation over the whole batch at once, "
                "compiled once, and moves every parameter against the mean gradient.",
            )
        ),
    ]
    rows = tuple((Num(r.step), Num(r.cost), _accuracy(r.accuracy)) for r in run.records)
    blocks.append(Table(("step", "J", "accuracy"), rows))
    blocks.append(
        Para((f"({shape.params} parameters: --format json lists them every few steps.)",))
    )
    blocks.append(Plot(run.costs, tuple(range(len(run.costs))), "J"))
    start, end = run.costs[0], run.costs[-1]
    change = "stayed at" if end == start else ("fell from" if end < start else "rose from")
    said = ("J ", change, " ", Num(start)) + (() if end == start else (" to ", Num(end)))
    if run.accuracies is None:
        tail = ("; accuracy: n/a (the output is not a probability: a regression).",)
    else:
        first, last = run.accuracies[0], run.accuracies[-1]
        how = "sigmoid outputs read at 0.5" if shape.activations[-1] == "sigmoid" else "argmax"
        tail = (f"; accuracy ({how}) went from {first:.0%} to {last:.0%}.",)
    blocks.append(Para((*said, *tail)))
    return Document(tuple(blocks), title=f"chainrule: training the {shape.text} network")
