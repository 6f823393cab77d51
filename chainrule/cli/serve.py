"""``chainrule serve``: the whole tool as web pages, for a learner at home or a class on the
projector. Needs the ``web`` extra (Starlette and uvicorn); without it, says how to get it."""

from __future__ import annotations

from typing import Annotated

import typer

#: Mirrors of chainrule.web.app values, kept here so --help imports neither Starlette nor SymPy.
LIMIT = 5.0
INSTALL = 'chainrule serve needs the web extra: pip install "chainrule[web]"'


def serve(
    host: Annotated[
        str,
        typer.Option(
            metavar="ADDRESS",
            help="Where to listen: 127.0.0.1 is this computer alone; 0.0.0.0 is every "
            "network it is on (a classroom).",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="The port to listen on.")] = 8000,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=64,
            metavar="N",
            help="Worker processes that compute (default: two per core, at least 4).",
        ),
    ] = None,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the page in this computer's browser.")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            min=0.1,
            max=600,
            help="Stop any one computation after SECONDS; its worker is replaced.",
        ),
    ] = LIMIT,
) -> None:
    """Serve explain, check, practice, the lessons and the network as web pages.

    Nothing is fetched from the internet: every page, style and script comes from this server.
    Every computation runs in a worker process with a time limit.

    [bold]Examples[/bold]

      chainrule serve --open                 on this computer, in its browser

      chainrule serve --host 0.0.0.0         for a class on the same network

      chainrule serve --workers 8 --port 8080
    """
    from importlib.util import find_spec

    from chainrule.cli.output import echo

    if find_spec("starlette") is None or find_spec("uvicorn") is None:
        echo(f"error: {INSTALL}", err=True)
        raise SystemExit(2)
    import uvicorn

    from chainrule.web.app import create_app

    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{_bracketed(shown)}:{port}/"
    echo(f"chainrule serve: {url} (Ctrl-C stops it)")
    if host in ("0.0.0.0", "::"):
        for address in _addresses():
            echo(f"Give out: http://{_bracketed(address)}:{port}/")
        echo(
            "warning: anyone on these networks can use this server (there is no login); "
            "stop it after class.",
            err=True,
        )
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.5, webbrowser.open, (url,)).start()
    app = create_app(workers, timeout)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _addresses() -> list[str]:
    """This computer's address on the network a route out goes through (no packet is sent:
    connecting a UDP socket only picks the route)."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))
            found = s.getsockname()[0]
    except OSError:
        found = ""
    return [found] if found and not found.startswith("127.") else [socket.gethostname()]
