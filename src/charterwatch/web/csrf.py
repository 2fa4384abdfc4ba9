"""CSRF protection: a random token per session, required on every unsafe request that is not a script's.

Forms carry it as the hidden field ``csrf_token`` (every form template includes ``{{ csrf_field() }}``); htmx
sends it as the ``X-CSRF-Token`` header (set once on ``<body hx-headers>``). Two kinds of request are exempt,
because no other site can make a browser send them: those with a bearer token (a browser never adds that header
by itself), and JSON bodies (``Content-Type: application/json`` is not one a cross-site form or a no-CORS fetch
may send, and the app answers no CORS preflight), so a script may post a proposal without a page's token.
"""

from __future__ import annotations

import secrets
from typing import Final

from fastapi import Request

from charterwatch.errors import CharterwatchError, E
from charterwatch.web.auth import viewer_of

SESSION_KEY: Final = "csrf"
FORM_FIELD: Final = "csrf_token"
HEADER: Final = "x-csrf-token"
SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def csrf_token(request: Request) -> str:
    """This session's token, made on first use (so a page with a form sets the session cookie)."""
    if "session" not in request.scope:
        return ""
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


async def check_csrf(request: Request) -> None:
    """App-wide dependency: an unsafe request without a bearer token must echo the session's token."""
    if request.method in SAFE_METHODS or viewer_of(request).via_token or _is_json(request):
        return
    expected = request.session.get(SESSION_KEY)
    given = request.headers.get(HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(FORM_FIELD)
        given = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not given or not secrets.compare_digest(expected, given):
        raise CharterwatchError(E.CSRF_FAILED)


def _is_json(request: Request) -> bool:
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )
