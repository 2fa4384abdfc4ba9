"""Dependencies every page shares: the request's store session, paging and bounded text parameters.

``db`` gives a page one SQLAlchemy session for the request, committed when the page returns and rolled back
whole if it raises, so a form never half-writes. ``Paging`` caps page sizes at the settings' maximum.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from charterwatch.errors import CharterwatchError, E
from charterwatch.store.db import session_scope
from charterwatch.web.settings import WebSettings


def db(request: Request) -> Iterator[Session]:
    """Dependency: a session in one transaction for this request."""
    with session_scope(request.app.state.engine) as session:
        yield session


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


DbSession = Annotated[Session, Depends(db)]
PagingParams = Annotated[Paging, Depends(paging)]
