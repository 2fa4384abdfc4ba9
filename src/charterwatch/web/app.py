"""The app factory: one FastAPI app over one store, with its pages, API, security and limits wired in one place.

``create_app(db_url=...)`` opens (and migrates) the store once; every request then gets its own session. Page
modules are routers under ``web/pages/``, listed in ``PAGE_MODULES``; a new page module adds itself there.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Final

import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.middleware.sessions import SessionMiddleware

from charterwatch.store.db import PoolPlan, open_store, resolve_url
from charterwatch.web import handlers, openapi
from charterwatch.web.auth import require_own_password, resolve_viewer
from charterwatch.web.cache import ContextCache
from charterwatch.web.cookies import SecureCookieMiddleware
from charterwatch.web.csrf import check_csrf
from charterwatch.web.failures import InternalErrorMiddleware
from charterwatch.web.head import HeadAsGetMiddleware
from charterwatch.web.headers import SecurityHeadersMiddleware
from charterwatch.web.limits import LimitsMiddleware
from charterwatch.web.ratelimit import RateLimiter
from charterwatch.web.render import STATIC_DIR, make_templates
from charterwatch.web.response_cache import ResponseCacheMiddleware
from charterwatch.web.settings import WebSettings
from charterwatch.web.tokens import TokenUse

SESSION_COOKIE: Final = "charterwatch_session"
# Routers, in order; each module exposes ``router``. Add new page modules here.
PAGE_MODULES: Final = (
    "charterwatch.web.pages.dashboard",
    "charterwatch.web.pages.texts",
    "charterwatch.web.pages.compare",
    "charterwatch.web.pages.audit",
    "charterwatch.web.pages.account",
    "charterwatch.web.pages.admin",
    "charterwatch.web.pages.incidents",
    "charterwatch.web.pages.incidents_review",
    "charterwatch.web.pages.consult",
    "charterwatch.web.pages.consult_review",
    "charterwatch.web.pages.consult_uptake",
    "charterwatch.web.pages.consult_follow",
)


def create_app(
    *, db_url: str | None = None, settings: WebSettings | None = None, engine: Engine | None = None
) -> FastAPI:
    """The web app over the store at ``db_url`` (default as the CLI: ``$CHARTERWATCH_DB``, ./charterwatch.db).

    ``engine`` lets tests share one already-open store between apps.
    """
    settings = settings or WebSettings.from_env()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # sync page functions run on anyio's default thread limiter: as many threads as the pool has connections
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="charterwatch",
        summary="Constitutional reform observatory: texts, comparisons, rights audits, incidents, consultation.",
        version=_version(),
        dependencies=[Depends(resolve_viewer), Depends(check_csrf), Depends(require_own_password)],
        generate_unique_id_function=openapi.operation_id,
        openapi_tags=[
            {"name": "texts", "description": "Versions, articles and full-text search."},
            {"name": "compare", "description": "Stored comparisons of two versions."},
            {"name": "audit", "description": "Rights audits of a version, and against an older one."},
            {"name": "account", "description": "Signing in and out, who you are."},
            {"name": "admin", "description": "Users and the audit log (admins only)."},
        ],
    )
    app.state.settings = settings
    app.state.engine = (
        engine if engine is not None else open_store(resolve_url(db_url), pool=pool_plan(settings))
    )
    app.state.token_use = TokenUse(app.state.engine)
    app.state.templates = make_templates()
    app.state.rate_limiter = RateLimiter(limit=settings.rate_limit, window_s=settings.rate_window_s)
    app.state.cache = ContextCache(entries=settings.cache_entries)

    handlers.install(app)
    for name in PAGE_MODULES:
        app.include_router(importlib.import_module(name).router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    openapi.install(app)

    # Middleware: the last added runs first. Limits before anything reads the body; sessions inside them.
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age_s,
        same_site="lax",
        https_only=settings.secure_cookies is True,
    )
    if settings.secure_cookies is None:  # decided per request: Secure unless plain http on loopback
        app.add_middleware(SecureCookieMiddleware, cookie=SESSION_COOKIE)
    app.add_middleware(
        LimitsMiddleware, max_body_bytes=settings.max_body_bytes, max_query_chars=settings.max_query_chars
    )

    app.add_middleware(InternalErrorMiddleware)  # inside the headers: a 500 gets them and the error format
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(
        ResponseCacheMiddleware,
        engine=app.state.engine,
        session_cookie=SESSION_COOKIE,
        entries=settings.response_cache_entries,
        max_bytes=settings.response_cache_bytes,
        ttl_s=settings.response_cache_ttl_s,
    )  # a hit for an anonymous reader skips everything below
    app.add_middleware(HeadAsGetMiddleware)  # outermost: HEAD is a GET without its body

    return app


def pool_plan(settings: WebSettings) -> PoolPlan:
    """A connection for every worker thread, and half as many again for commits finishing after a page returns.

    A page's session is committed on a thread of its own once the page function returns (FastAPI runs the end
    of a dependency outside the thread limit), so a few more connections than threads can be in use at once.
    """
    threads = settings.worker_threads
    return PoolPlan(
        size=threads,
        overflow=max(2, threads // 2),
        wait_s=settings.db_wait_s,
        statement_timeout_s=settings.db_statement_timeout_s,
        idle_in_transaction_s=settings.db_idle_in_transaction_s,
    )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("charterwatch")
    except PackageNotFoundError:
        return "0"
