"""What stands between a class typing anything and the workers: limits on the size of a
request, a few computations at once per client, and the headers every response carries (a
Content-Security-Policy that allows nothing from elsewhere and scripts only by their nonce).
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from starlette.exceptions import HTTPException

#: The longest address (path and query) and the largest body a request may have, in bytes:
#: a formula is at most 1000 characters, and a page of working a few lines of them.
MAX_URL = 8 * 1024
MAX_BODY = 16 * 1024

#: Nothing from elsewhere: our own style and script, forms and fetches back to us alone.
CSP = (
    "default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; "
    "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)


class Guard:
    """ASGI middleware: refuse an address or body too long before anything reads it; give
    every response the security headers; hand the page its nonce (``scope["state"]``)."""

    def __init__(self, app, max_url: int = MAX_URL, max_body: int = MAX_BODY) -> None:
        self.app, self.max_url, self.max_body = app, max_url, max_body

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["nonce"] = nonce
        headers = _headers(nonce, scope["path"].startswith("/static/"))

        async def send_guarded(message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [
                    *((k, v) for k, v in message.get("headers", []) if k.lower() not in _OURS),
                    *headers,
                ]
            await send(message)

        url = len(scope.get("raw_path") or scope["path"].encode()) + len(scope["query_string"])
        if url > self.max_url:
            return await _refuse(send_guarded, 414, "The address is too long.")
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            return await _refuse(send_guarded, 413, "The request is too large.")
        received = 0

        async def receive_limited():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise TooLarge
            return message

        try:
            await self.app(scope, receive_limited, send_guarded)
        except TooLarge:
            await _refuse(send_guarded, 413, "The request is too large.")


class TooLarge(HTTPException):
    """A body longer than it said, or than the limit, found while it is read: raised inside
    the route that reads it, so the framework answers 413 as for any HTTP error."""

    def __init__(self) -> None:
        super().__init__(413, "The request is too large.")


_OURS = {b"content-security-policy", b"x-content-type-options", b"referrer-policy"}


def _headers(nonce: str, static: bool) -> list[tuple[bytes, bytes]]:
    out = [
        (b"content-security-policy", CSP.format(nonce=nonce).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
        (b"cross-origin-opener-policy", b"same-origin"),
        (b"cross-origin-resource-policy", b"same-origin"),
    ]
    if not static:
        out.append((b"cache-control", b"no-store"))
    return out


async def _refuse(send, status: int, why: str) -> None:
    body = why.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class TooMany(Exception):
    """A client with more computations running and waiting than it may have."""


@dataclass
class _Client:
    running: asyncio.Semaphore
    holding: int = 0


@dataclass
class Clients:
    """At most ``at_once`` computations per client at a time, and ``waiting`` more in line;
    past that a request is refused at once (429), so one client cannot fill the pool's queue.
    A client is its address; it is forgotten as soon as none of its requests is in hand."""

    at_once: int = 2
    waiting: int = 6
    _by: dict[str, _Client] = field(default_factory=dict)

    @asynccontextmanager
    async def slot(self, who: str) -> AsyncIterator[None]:
        client = self._by.get(who)
        if client is None:
            client = self._by[who] = _Client(asyncio.Semaphore(self.at_once))
        if client.holding >= self.at_once + self.waiting:
            raise TooMany
        client.holding += 1
        try:
            async with client.running:
                yield
        finally:
            client.holding -= 1
            if not client.holding:
                del self._by[who]
