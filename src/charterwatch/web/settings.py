"""What an operator may tune about the web app, in one validated object (config file, secrets, environment).

Every limit lives here, so the tests, ``charterwatch serve`` and docs/web.md name the same values. The secret
that signs session cookies comes from ``$CHARTERWATCH_SECRET_KEY``; without one, a random key is made at start,
which is fine for one process (sessions end when it restarts) and wrong for several workers.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from pydantic import Field

from charterwatch.errors import E
from charterwatch.settings import LayeredSettings


class WebSettings(LayeredSettings):
    """The web app's settings: ``<name>`` in the config file, ``CHARTERWATCH_<NAME>`` in the environment.

    Sources and their order are charterwatch/settings.py's, shared with the command line.
    """

    invalid: ClassVar[E] = E.WEB_SETTINGS_INVALID

    secret_key: str = Field(default_factory=lambda: secrets.token_urlsafe(32), min_length=16)
    # None: Secure unless a request comes over plain http to a loopback address (web/cookies.py);
    # true: always; false: never (plain http on a trusted network)
    secure_cookies: bool | None = None
    session_max_age_s: int = Field(default=8 * 3600, gt=0)
    max_body_bytes: int = Field(default=1_000_000, gt=0)  # any request body, forms and JSON alike
    max_query_chars: int = Field(default=2_000, gt=0)  # the whole query string
    max_search_chars: int = Field(default=200, gt=0)  # one search query
    page_size: int = Field(default=50, gt=0)
    max_page_size: int = Field(default=500, gt=0)
    rate_limit: int = Field(default=10, gt=0)  # requests per window and client on rate-limited routes
    rate_window_s: float = Field(default=60.0, gt=0)
    cache_entries: int = Field(default=64, ge=0)  # page contexts kept per process (audits take a second)
    response_cache_entries: int = Field(default=512, ge=0)  # anonymous GET responses kept per process; 0: off
    response_cache_bytes: int = Field(default=32_000_000, ge=0)  # their bodies' total size per process
    response_cache_ttl_s: float = Field(default=5.0, gt=0)  # their longest life when the store is not SQLite
    # threads that run page functions; the store's connection pool is sized from it (web/app.py), so no
    # request waits for a connection another request's transaction holds
    worker_threads: int = Field(default=20, gt=0, le=200)
    db_wait_s: float = Field(default=10.0, gt=0)  # longest wait for a pooled connection, then 503
    db_statement_timeout_s: float = Field(default=30.0, gt=0)  # PostgreSQL: longest statement, lock waits too
    db_idle_in_transaction_s: float = Field(default=30.0, gt=0)  # PostgreSQL: an open, idle transaction ends

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> WebSettings:
        """Settings from every source, or from ``environ`` alone (``CHARTERWATCH_SECRET_KEY`` and so on)."""
        return cls.load(environ)
