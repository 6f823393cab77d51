"""``chainrule serve``: the tool as web pages, a second shell beside ``chainrule.cli``.

``app`` builds the ASGI app; ``routes``, ``routes_course``, ``routes_network`` and
``routes_api`` read requests and lay out pages (``pages``); ``pool`` runs every computation in
a worker process with a hard time limit, and ``jobs`` are those computations: the library
called, its documents written by the HTML format. ``guard`` limits requests and sets the
headers. No view, rule or format knows this package exists. Needs the ``web`` extra
(Starlette, uvicorn).
"""
