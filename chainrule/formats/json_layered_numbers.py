"""A layered network's numbers and training runs as JSON data: ``schema``, ``shape``, and for
the numbers ``values`` (every parameter name → ∂J/∂θ) with the δ vectors beside them."""

from __future__ import annotations

from typing import Any

from chainrule.formats.jsondata import SCHEMA


def layered_data(obj) -> dict[str, Any] | None:
    """The data of a layered network's result, or None for any other object."""
    from chainrule.network.layered_numbers import LayeredEvaluation
    from chainrule.network.layered_training import ShapeTrainingRun

    if isinstance(obj, LayeredEvaluation):
        return layered_numbers(obj)
    if isinstance(obj, ShapeTrainingRun):
        return layered_training(obj)
    from chainrule.network.layered_backprop import LayeredBackprop
    from chainrule.network.layered_graph import LayeredGraph
    from chainrule.network.paths import ParamPaths

    if isinstance(obj, ParamPaths | LayeredBackprop):
        from chainrule.formats.json_layered import backprop_data, paths_data

        return paths_data(obj) if isinstance(obj, ParamPaths) else backprop_data(obj)
    if isinstance(obj, LayeredGraph):
        from chainrule.formats.dot_layered import graph_data

        return graph_data(obj)
    return None


def shape_data(shape) -> dict[str, Any]:
    return {
        "text": shape.text,
        "widths": list(shape.widths),
        "activations": list(shape.activations),
        "cost": shape.cost_kind,
        "params": shape.params,
    }


def layered_numbers(at) -> dict[str, Any]:
    """Every number of ``network.layered_numbers.evaluate_shape``."""
    shape = at.shape
    layers = range(1, shape.layers + 1)
    return {
        "schema": SCHEMA,
        "shape": shape_data(shape),
        "data": at.data_name,
        "rows": at.rows,
        "inputs": [dict(zip(shape.input_names, row, strict=True)) for row in at.X],
        "labels": [dict(zip(shape.label_names, row, strict=True)) for row in at.Y],
        "defaulted": list(at.defaulted),
        "cost": at.cost,
        "values": at.values,
        "deltas": {f"delta{l}": list(at.mean_deltas[l - 1]) for l in layers},
        "deltas_per_row": {f"delta{l}": [list(r) for r in at.deltas[l - 1]] for l in layers},
        "forward": {
            f"layer{l}": {
                "z": [list(r) for r in at.z[l - 1]],
                "a": [list(r) for r in at.a[l]],
            }
            for l in layers
        },
        "gradients": {f"W{l}": [list(r) for r in at.weight_gradients[l - 1]] for l in layers},
        "finite_differences": {g.name: g.finite_difference for g in at.gradients},
        "checks": {g.name: g.check for g in at.gradients},
        "lr": at.lr,
        "updated": {g.name: g.updated for g in at.gradients},
        "cost_after": at.cost_after,
        "clipped": at.clipped,
    }


def layered_training(run) -> dict[str, Any]:
    """The setting, J and accuracy at every step, the parameters every few steps."""
    names = run.shape.param_names
    return {
        "schema": SCHEMA,
        "shape": shape_data(run.shape),
        "data": run.data.name,
        "rows": run.data.rows,
        "lr": run.lr,
        "steps": run.steps,
        "seed": run.seed,
        "costs": list(run.costs),
        "accuracies": None if run.accuracies is None else list(run.accuracies),
        "records": [
            {
                "step": r.step,
                "cost": r.cost,
                "accuracy": r.accuracy,
                "params": dict(zip(names, r.params, strict=True)),
            }
            for r in run.records
        ],
        "final": run.final_params(),
    }
