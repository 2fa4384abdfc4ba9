"""Admin pages: the users and the audit log of every change. Admins only, through pages and API alike."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from charterwatch.web.audit import entries
from charterwatch.web.auth import require_role
from charterwatch.web.deps import DbSession, PagingParams, commit
from charterwatch.web.models import ROLES
from charterwatch.web.render import after_action, page
from charterwatch.web.tokens import list_tokens, revoke_token
from charterwatch.web.users import Viewer, list_users, update_user, user_dict

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


class TokenModel(BaseModel):
    id: int
    user: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime | None
    revoked: bool
    state: str  # active, revoked or expired


class TokensPage(BaseModel):
    tokens: list[TokenModel]


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


@router.post("/admin/users/{name}", response_model=UserModel, summary="Change a user's role, group or access")
def edit_user(
    request: Request,
    session: DbSession,
    name: str,
    admin: Annotated[Viewer, Depends(require_role("admin"))],
    role: Annotated[str | None, Form(description=", ".join(ROLES) + "; unchanged if not sent")] = None,
    working_group: Annotated[
        str | None, Form(max_length=128, description="unchanged if not sent; dropped with the role")
    ] = None,
    active: Annotated[
        bool | None, Form(description="whether they may sign in; unchanged if not sent")
    ] = None,
) -> Response:
    """Set what is sent of a user's role, working group and access (a field not sent keeps its value);
    logged with before and after. Disabling a user ends their sessions."""
    user = update_user(session, name, role=role, working_group=working_group or None, active=active, by=admin)
    commit(session)
    return after_action(request, "/admin/users", user_dict(user))


@page(
    router,
    "/admin/tokens",
    template="admin/tokens.html",
    model=TokensPage,
    name="tokens",
    summary="API tokens",
    dependencies=ADMIN_ONLY,
)
def tokens(request: Request, session: DbSession) -> TokensPage:
    """Every API token by id and prefix, with its user, dates and state (never the token itself)."""
    return TokensPage(tokens=[TokenModel(**info.to_dict()) for info in list_tokens(session)])


@router.post("/admin/tokens/{token_id}/revoke", response_model=TokenModel, summary="Revoke an API token")
def revoke(
    request: Request,
    session: DbSession,
    token_id: Annotated[int, Path(ge=1, le=2**62)],
    admin: Annotated[Viewer, Depends(require_role("admin"))],
) -> Response:
    """Revoke a token: its next request is refused (401); logged with before and after."""
    info = revoke_token(session, str(token_id), by=admin)
    commit(session)
    return after_action(request, "/admin/tokens", TokenModel(**info.to_dict()).model_dump(mode="json"))
