"""Secure session cookies by default: ``Secure`` unless the request came over plain http to a loopback address.

Starlette's SessionMiddleware sets ``Secure`` for every response or none; this middleware decides per request
instead, so ``charterwatch serve`` on 127.0.0.1 works over http in a local browser while the same app reached
over a network, or over https, always marks the cookie ``Secure``. The scheme is the one uvicorn reports: it
honours ``X-Forwarded-Proto`` only from the proxies given to ``--forwarded-allow-ips``.
"""

from __future__ import annotations

import ipaddress
from typing import Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_NAMES: Final = frozenset({"localhost", "localhost.localdomain"})


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost; any other name or address may be reached over a network."""
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def needs_secure(scope: Scope) -> bool:
    """Whether this request's cookies must be ``Secure``: https, or an address other than loopback."""
    if scope.get("scheme") in ("https", "wss"):
        return True
    server = scope.get("server")
    return server is not None and not is_loopback(str(server[0]))


class SecureCookieMiddleware:
    """Adds ``Secure`` to the ``cookie`` set on a response when ``needs_secure`` says so."""

    def __init__(self, app: ASGIApp, *, cookie: str) -> None:
        self.app = app
        self.prefix = f"{cookie}=".encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not needs_secure(scope):
            await self.app(scope, receive, send)
            return

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [self._secured(name, value) for name, value in message["headers"]]
            await send(message)

        await self.app(scope, receive, send_secure)

    def _secured(self, name: bytes, value: bytes) -> tuple[bytes, bytes]:
        if name.lower() != b"set-cookie" or not value.startswith(self.prefix):
            return name, value
        if b"; secure" in value.lower():
            return name, value
        return name, value + b"; secure"
