"""A request that fails with an unexpected exception still gets the app's error format and security headers.

Starlette answers an unhandled exception in its outermost ``ServerErrorMiddleware``, outside every middleware
the app adds, so that plain-text 500 carries no Content-Security-Policy and is not ``{"error", "message"}``.
This pure ASGI middleware sits inside the security headers: it logs the exception with its traceback and
answers ``INTERNAL_ERROR`` as JSON or as the error page, like any catalogue error. The exception's text is
logged under a short reference the answer names, never sent, since it may hold a value from the store.
"""

from __future__ import annotations

import logging
import secrets

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from charterwatch.errors import CharterwatchError, E

log = logging.getLogger("charterwatch.web")


class InternalErrorMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            ref = secrets.token_hex(4)  # names the logged traceback in the answer, so a report can find it
            log.exception("%s %s failed (ref %s)", scope.get("method"), scope.get("path"), ref)
            if started:  # too late to answer otherwise: the server closes the connection
                raise
            response = _error_response(Request(scope), CharterwatchError(E.INTERNAL_ERROR, ref=ref))
            await response(scope, receive, send)


def _error_response(request: Request, error: CharterwatchError) -> Response:
    """The error page or JSON body of ``handlers.error_response``; JSON if even the page cannot render."""
    from fastapi.responses import JSONResponse

    from charterwatch.web.handlers import error_response
    from charterwatch.web.limits import error_body

    try:
        return error_response(request, error)
    except Exception:
        log.exception("the error page failed to render; answering JSON")
        return JSONResponse(error_body(error), status_code=error.http_status)
