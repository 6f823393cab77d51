"""The web app: its routes, the guard round them, and the pool of workers it starts and stops.

    >>> from chainrule.web.app import create_app
    >>> app = create_app(workers=2, limit=5)   # an ASGI app: uvicorn serves it

The app keeps nothing between requests (each page's address holds its inputs), so several of
them behind one proxy serve a department as one does a class.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from chainrule.web import routes, routes_api, routes_course, routes_network
from chainrule.web.guard import Clients, Guard
from chainrule.web.pool import Pool, default_workers

#: Seconds a computation may take before its worker is stopped (the CLI's --timeout is 10; a
#: page should answer sooner, and a class shares the workers).
LIMIT = 5.0
#: Computations a client may have running at once, and waiting beyond those.
AT_ONCE, WAITING = 2, 6

_BOTH = ["GET", "POST"]


def _routes() -> list[Route]:
    r, c, j, n = routes, routes_course, routes_api, routes_network
    return [
        Route("/", r.index),
        Route("/explain", r.explain_page, methods=_BOTH),
        Route("/explain/download", r.explain_download),
        Route("/check", r.check_page, methods=_BOTH),
        Route("/practice", c.practice_page, methods=_BOTH),
        Route("/lessons", c.lessons_page),
        Route("/lessons/{number:int}", c.lesson_page, methods=_BOTH),
        Route("/network", n.network_page),
        Route("/network/numbers", n.network_numbers),
        Route("/api/explain", j.api_explain, methods=_BOTH),
        Route("/api/check", j.api_check, methods=_BOTH),
        Route("/api/network", j.api_network, methods=_BOTH),
        Route("/api/parse", j.api_parse, methods=_BOTH),
        Route("/static/{name}", r.static),
        # A browser asks for one on every page; there is none, and no need to log a 404.
        Route("/favicon.ico", lambda request: Response(status_code=204)),
    ]


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    said = {404: "No such page.", 405: "This page does not take that method."}
    return PlainTextResponse(said.get(error.status_code, error.detail), error.status_code)


def create_app(
    workers: int | None = None,
    limit: float = LIMIT,
    *,
    at_once: int = AT_ONCE,
    waiting: int = WAITING,
    wait: float = 10.0,
):
    """The ASGI app with a pool of ``workers`` processes, each computation limited to
    ``limit`` seconds, ``at_once`` computations per client at a time."""
    pool = Pool(workers or default_workers(), limit, wait=wait)

    @asynccontextmanager
    async def lifespan(app):
        await pool.start()
        app.state.pool = pool
        app.state.clients = Clients(at_once, waiting)
        app.state.schema = await pool.run("schema")
        try:
            yield
        finally:
            await pool.close()

    app = Starlette(
        routes=_routes(),
        lifespan=lifespan,
        exception_handlers={HTTPException: _http_error},
    )
    guarded = Guard(app)
    guarded.state = app.state  # type: ignore[attr-defined] - for tests and the bench
    return guarded
