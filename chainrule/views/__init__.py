"""Views: what chainrule says about a result, as a ``chainrule.document.Document``.

``document(obj, **options)`` picks the view for an explanation, a step, a network result or a
training run; a format (``chainrule.formats``) then lays the document out.
"""

from __future__ import annotations

from typing import Any

from chainrule.document import Document


def document(obj: Any, *, param: str = "all", at: Any = None) -> Document:
    """The document for ``obj``: an ``Explanation`` or ``Step``, a network ``Backprop`` (one
    parameter's chain, or backpropagation for ``param="all"``, with numbers ``at`` a point),
    a ``TrainingRun`` or a ``Graph``. A ``Document`` is returned as it is."""
    from chainrule.steps import Explanation, Step

    if isinstance(obj, Document):
        return obj
    own = getattr(obj, "document", None)
    if callable(own):  # a result that says itself: a practice problem, a lesson
        return own()
    if isinstance(obj, Explanation | Step):
        if param != "all" or at is not None:
            raise TypeError("an explanation takes no view options (param, at)")
        from chainrule.views.explanation import document as explained

        return explained(obj)
    from chainrule.checking import Check

    if isinstance(obj, Check):
        from chainrule.views.check import check_view

        return check_view(obj)
    from chainrule.network.backprop import Backprop
    from chainrule.network.graph import Graph
    from chainrule.network.training import TrainingRun

    if isinstance(obj, Backprop):
        if param == "all" and len(obj.gradients) == 1:
            param = obj.gradients[0].param.name  # one gradient: its own chain, not backprop
        if param == "all":
            from chainrule.views.backprop import backprop_view

            return backprop_view(obj, at)
        from chainrule.views.network import gradient_view

        return gradient_view(obj, param, at)
    if isinstance(obj, TrainingRun):
        from chainrule.views.training import training_view

        return training_view(obj)
    if isinstance(obj, Graph):
        from chainrule.views.graph import graph_view

        return graph_view(obj)
    from chainrule.network.layered_backprop import LayeredBackprop
    from chainrule.network.layered_graph import LayeredGraph
    from chainrule.network.layered_numbers import LayeredEvaluation
    from chainrule.network.layered_training import ShapeTrainingRun
    from chainrule.network.paths import ParamPaths

    if isinstance(obj, ParamPaths):
        from chainrule.views.layered_paths import paths_view

        return paths_view(obj)
    if isinstance(obj, LayeredBackprop):
        from chainrule.views.layered_backprop import backprop_view

        return backprop_view(obj)
    if isinstance(obj, LayeredGraph):
        from chainrule.views.layered_graph import layered_graph_view

        return layered_graph_view(obj)

    if isinstance(obj, LayeredEvaluation):
        from chainrule.views.layered_numbers import layered_numbers_view

        return layered_numbers_view(obj)
    if isinstance(obj, ShapeTrainingRun):
        from chainrule.views.layered_training import layered_training_view

        return layered_training_view(obj)
    raise TypeError(f"no view shows a {type(obj).__name__}: explain() or a network result")
