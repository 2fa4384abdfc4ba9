"""Admin pages: the users and the audit log of every change. Admins only, through pages and API alike."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from charterwatch.web.audit import entries
from charterwatch.web.auth import require_role
from charterwatch.web.deps import DbSession, PagingParams
from charterwatch.web.render import page
from charterwatch.web.users import list_users, user_dict

router = APIRouter(tags=["admin"])
ADMIN_ONLY = [Depends(require_role("admin"))]


class AuditEntry(BaseModel):
    id: int
    at: dt.datetime
    actor: str | None
    actor_role: str | None
    action: str
    target: str
    before: Any
    after: Any


class AuditLogPage(BaseModel):
    total: int
    offset: int
    limit: int
    action: str | None
    actor: str | None
    entries: list[AuditEntry]


class UserModel(BaseModel):
    name: str
    role: str
    working_group: str | None
    active: bool
    must_change_password: bool


class UsersPage(BaseModel):
    users: list[UserModel]


@page(
    router,
    "/admin/audit-log",
    template="admin/audit_log.html",
    model=AuditLogPage,
    name="audit_log",
    summary="The audit log",
    dependencies=ADMIN_ONLY,
)
def audit_log(
    request: Request,
    session: DbSession,
    paging: PagingParams,
    action: Annotated[str | None, Query(max_length=64)] = None,
    actor: Annotated[str | None, Query(max_length=64)] = None,
) -> AuditLogPage:
    """Every change, newest first: who, when, what, and the target before and after."""
    total, rows = entries(session, offset=paging.offset, limit=paging.limit, action=action, actor=actor)
    return AuditLogPage(
        total=total,
        offset=paging.offset,
        limit=paging.limit,
        action=action,
        actor=actor,
        entries=[
            AuditEntry(
                id=row.id,
                at=row.at,
                actor=row.actor,
                actor_role=row.actor_role,
                action=row.action,
                target=row.target,
                before=row.before,
                after=row.after,
            )
            for row in rows
        ],
    )


@page(
    router,
    "/admin/users",
    template="admin/users.html",
    model=UsersPage,
    name="users",
    summary="Users",
    dependencies=ADMIN_ONLY,
)
def users(request: Request, session: DbSession) -> UsersPage:
    """Every user with their role and working group (never a password hash or token)."""
    return UsersPage(users=[UserModel(**user_dict(user)) for user in list_users(session)])
