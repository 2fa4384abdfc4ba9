"""Limits on what a request may carry: body size (checked while it streams) and query-string length.

A pure ASGI middleware: a declared Content-Length over the limit is refused at once; otherwise the body is read
(up to the limit, whatever the client declared) before the app sees it, so no handler ever gets more. Per-parameter limits (search length, page size) live with the parameters in
``deps.py``.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from charterwatch.errors import CharterwatchError, E


class LimitsMiddleware:
    """Answer 413 to bodies over ``max_body_bytes`` and 414 to query strings over ``max_query_chars``."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, max_query_chars: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_query_chars = max_query_chars

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_query_chars:
            await _refuse(send, CharterwatchError(E.QUERY_TOO_LONG, limit=self.max_query_chars))
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await _refuse(send, CharterwatchError(E.BODY_TOO_LARGE, limit=self.max_body_bytes))
            return
        body = bytearray()
        more = scope["method"] not in ("GET", "HEAD")
        while more:  # read the whole body first (it is small by definition), refusing it once over the limit
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body.extend(message.get("body", b""))
            if len(body) > self.max_body_bytes:
                await _refuse(send, CharterwatchError(E.BODY_TOO_LARGE, limit=self.max_body_bytes))
                return
            more = bool(message.get("more_body", False))
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _refuse(send: Send, error: CharterwatchError) -> None:
    body = json.dumps(error_body(error)).encode("utf-8")
    headers: list[tuple[bytes, bytes]] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": error.http_status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def error_body(error: CharterwatchError) -> dict[str, Any]:
    """The one JSON shape of every error: ``{"error": CODE, "message": one line}``."""
    return {"error": error.code.name, "message": error.message}
