"""HEAD answered wherever GET is: the same status and headers, no body (RFC 9110, section 9.3.2).

FastAPI routes answer only the methods they declare, so ``HEAD /incidents`` was a 405. This outermost ASGI
middleware runs a HEAD request as a GET and drops the body, so link checkers, monitoring probes and ``curl -I``
see what a GET would get, including Content-Length, from the same code and the same visibility rule.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGetMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the rest of a streamed body: dropped, and the end is sent once
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
