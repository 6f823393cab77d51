"""The JSON API beside the pages, for an autograder or an LMS: ``/api/explain``,
``/api/check``, ``/api/network`` (GET or POST, a form or a JSON object) answer exactly what
``--format json`` prints, with its ``schema``; ``/api/parse`` is the pages' check as you type.
An error is JSON too: ``{"schema": …, "error": {"message": …}}``, with the spot for a formula."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from chainrule.network.shape import ShapeError
from chainrule.web import routes_shape
from chainrule.web.routes import Refused, compute, explain_options, inputs, variable
from chainrule.web.routes_network import network_arguments


def json_error(request: Request, status: int, error: Any) -> JSONResponse:
    return JSONResponse({"schema": request.app.state.schema, "error": error}, status)


async def _api(request: Request, job: str, make) -> Response:
    try:
        data = await inputs(request)
        out = await compute(request, job, **make(data))
    except Refused as refused:
        return json_error(request, refused.status, {"message": refused.why})
    if "error" in out:
        return json_error(request, 400, out["error"])
    return Response(out["text"], media_type="application/json")


async def api_explain(request: Request) -> Response:
    return await _api(
        request,
        "explain",
        lambda d: {**explain_options(d), "format": "json"},
    )


async def api_check(request: Request) -> Response:
    return await _api(
        request,
        "check",
        lambda d: {
            "f": d.get("f", ""),
            "lines": [d.get("answer", "")],
            "wrt": variable(d),
            "format": "json",
        },
    )


async def api_parse(request: Request) -> Response:
    try:
        data = await inputs(request)
        out = await compute(request, "parse", f=data.get("f", ""))
    except Refused as refused:
        return json_error(request, refused.status, {"message": refused.why})
    return JSONResponse(out)


async def api_network(request: Request) -> Response:
    """The course's network, or with ``shape`` any other: what ``--shape S --at …`` (or
    ``--train``, or ``--check NAME ANSWER`` with ``check`` and ``answer``) prints with
    ``-f json``."""
    try:
        data = await inputs(request)
        shape = routes_shape.chosen(data)
        if "check" in data:  # network --check NAME ANSWER
            arguments = routes_shape.check_arguments(data, shape)
            out = await compute(request, "network_check", **arguments, format="json")
        elif routes_shape.is_course(shape):
            arguments = network_arguments(data, shape.layers - 1)
            out = await compute(request, "network", **arguments, format="json")
        else:
            arguments = routes_shape.shape_arguments(data, shape)
            out = await compute(request, "shape", **arguments, format="json")
    except ShapeError as error:
        return json_error(request, 400, {"message": str(error)})
    except Refused as refused:
        return json_error(request, refused.status, {"message": refused.why})
    if "error" in out:
        return json_error(request, 400, out["error"])
    return Response(out["text"], media_type="application/json")
