"""The audit log: every change made through the web app (or ``charterwatch user``) with who, when and what.

Page modules call ``record(session, viewer, action, target, before=..., after=...)`` in the same transaction as
the change, so a change and its log entry are written together or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charterwatch.web.models import AuditLogRow

if TYPE_CHECKING:
    from charterwatch.web.users import Viewer


def record(
    session: Session, actor: Viewer | None, action: str, target: str, *, before: Any, after: Any
) -> AuditLogRow:
    """Log ``action`` (``incident.review``) on ``target`` (``incident:ab12``) by ``actor`` (None: the system).

    ``before`` and ``after`` are JSON-serialisable states of the target (None where it did not exist).
    """
    row = AuditLogRow(
        at=dt.datetime.now(dt.UTC),
        actor=actor.name if actor is not None else None,
        actor_role=actor.role if actor is not None else None,
        action=action,
        target=target,
        before=_jsonable(before),
        after=_jsonable(after),
    )
    session.add(row)
    session.flush()
    return row


def _jsonable(value: Any) -> Any:
    """A copy that JSON columns accept (dates and tuples become strings and lists)."""
    return None if value is None else json.loads(json.dumps(value, default=str))


def entries(
    session: Session,
    *,
    offset: int = 0,
    limit: int = 50,
    action: str | None = None,
    actor: str | None = None,
) -> tuple[int, list[AuditLogRow]]:
    """The total matching and one page of entries, newest first."""
    query = select(AuditLogRow)
    if action:
        query = query.where(AuditLogRow.action == action)
    if actor:
        query = query.where(AuditLogRow.actor == actor)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(AuditLogRow.id.desc()).offset(offset).limit(limit))
    return int(total), list(rows)
