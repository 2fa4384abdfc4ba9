"""Dependencies every page shares: the request's store session, paging and bounded text parameters.

``db`` gives a page one SQLAlchemy session in one transaction. A page that writes ends it with ``commit``
before it builds its answer, in its own worker thread: the write is stored, or the page fails with an error
response, before a byte is sent, so a client that reads ``201`` can read its row back, and the store's write
lock is never held while FastAPI serialises a response (which needs another worker thread: with every thread
waiting for that lock, nothing would move). Whatever a page leaves open is committed when the page function
returns, still before the response is sent (``scope="function"``); a page that raises is rolled back whole,
so a form never half-writes. ``POST`` and the other unsafe methods get a writer's session (on SQLite it begins
``IMMEDIATE`` and queues for the write lock up to the busy timeout), ``GET`` a reader's. A store too busy to
answer in time is ``DB_BUSY`` (503 with ``Retry-After``). ``Paging`` caps page sizes at the settings' maximum.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Final

from fastapi import Depends, Query, Request
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session

from charterwatch.errors import CharterwatchError, E
from charterwatch.store.db import session_scope
from charterwatch.web.csrf import SAFE_METHODS
from charterwatch.web.settings import WebSettings

RETRY_AFTER_S: Final = 1
# PostgreSQL's codes for a wait that ran out: lock_not_available, query_canceled (statement_timeout),
# idle_in_transaction_session_timeout, serialization_failure, deadlock_detected
_BUSY_SQLSTATES: Final = frozenset({"55P03", "57014", "25P03", "40001", "40P01"})


def db(request: Request) -> Iterator[Session]:
    """Dependency: a session in one transaction for this request, ended before the response is sent."""
    try:
        with session_scope(request.app.state.engine, write=request.method not in SAFE_METHODS) as session:
            yield session
    except (DBAPIError, PoolTimeoutError) as e:
        if not is_busy(e):
            raise
        raise _busy(e) from e


def commit(session: Session) -> None:
    """End a writing page's transaction now, before its answer is built: stored, or ``DB_BUSY`` (503)."""
    try:
        session.commit()
    except (DBAPIError, PoolTimeoutError) as e:
        session.rollback()
        if not is_busy(e):
            raise
        raise _busy(e) from e


def _busy(error: Exception) -> CharterwatchError:
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0][:200]
    return CharterwatchError(E.DB_BUSY, reason=reason, seconds=RETRY_AFTER_S)


def is_busy(error: Exception) -> bool:
    """A lock or pool wait that ran out (SQLite's busy timeout, PostgreSQL's timeouts): worth a retry later."""
    if isinstance(error, PoolTimeoutError):
        return True
    cause = getattr(error, "orig", None)
    if getattr(cause, "sqlstate", None) in _BUSY_SQLSTATES:
        return True
    text = str(cause).lower()
    return "database is locked" in text or "database table is locked" in text or "busy" in text


def settings_of(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


@dataclass(frozen=True)
class Paging:
    offset: int
    limit: int


def paging(
    request: Request,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int | None, Query(ge=1, description="page size, up to the server's maximum")] = None,
) -> Paging:
    """Dependency: ``?offset=&limit=``; the default page size and the cap come from the settings."""
    settings = settings_of(request)
    size = settings.page_size if limit is None else limit
    if size > settings.max_page_size:
        raise CharterwatchError(
            E.BAD_REQUEST, reason=f"limit {size} is over the maximum page size {settings.max_page_size}"
        )
    return Paging(offset, size)


def search_text(request: Request, q: Annotated[str, Query(description='words or "a phrase"')] = "") -> str:
    """Dependency: the search box, stripped and no longer than the settings allow."""
    limit = settings_of(request).max_search_chars
    if len(q) > limit:
        raise CharterwatchError(E.BAD_QUERY, query=q[:40] + "…", reason=f"over {limit} characters")
    return q.strip()


DbSession = Annotated[Session, Depends(db, scope="function")]
PagingParams = Annotated[Paging, Depends(paging)]
