"""The language of each web request, decided once from the scope so the page and the response cache agree.

``?lang=ru`` (the switch on every page) wins and is kept in a cookie for the next pages; then the cookie; then
Accept-Language; then English (charterwatch/i18n). The answer carries ``Content-Language``; anonymous pages
are cached per language (web/response_cache.py keys on this function's answer).
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from charterwatch.i18n import COOKIE, LANGUAGES, negotiate

ONE_YEAR_S = 365 * 24 * 3600


def asked_language(scope: Scope) -> str | None:
    """The switch's choice in the query string, if it names a language of the interface."""
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [])
    return values[-1] if values and values[-1] in LANGUAGES else None


def scope_language(scope: Scope) -> str:
    """The request's language: the switch, the cookie, Accept-Language, English."""
    headers = {name.lower(): value for name, value in scope.get("headers", [])}
    cookie = None
    if b"cookie" in headers:
        jar: SimpleCookie = SimpleCookie()
        jar.load(headers[b"cookie"].decode("latin-1"))
        cookie = jar[COOKIE].value if COOKIE in jar else None
    accept = headers.get(b"accept-language", b"").decode("latin-1") or None
    return negotiate(asked=asked_language(scope), cookie=cookie, accept_language=accept)


class LanguageMiddleware:
    """Puts the language in ``scope["state"]["lang"]``; answers with Content-Language, and keeps a switch."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lang = scope_language(scope)
        scope.setdefault("state", {})["lang"] = lang
        keep = asked_language(scope) is not None

        async def with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Language", lang)
                headers.add_vary_header("Accept-Language")
                if keep:
                    headers.append(
                        "Set-Cookie", f"{COOKIE}={lang}; Path=/; Max-Age={ONE_YEAR_S}; SameSite=Lax"
                    )
            await send(message)

        await self.app(scope, receive, with_language)
