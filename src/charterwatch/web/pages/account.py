"""Signing in and out, choosing a new password, and ``/api/me``: who the request is made as.

Forms post ``application/x-www-form-urlencoded`` with the CSRF field; the same routes answer JSON to scripts
that ask for it (``Accept: application/json``), so the login can be tested without a browser.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from charterwatch.errors import CharterwatchError, E
from charterwatch.web.audit import record
from charterwatch.web.auth import get_viewer, require_role, sign_in, sign_out
from charterwatch.web.deps import DbSession, commit
from charterwatch.web.models import ROLES
from charterwatch.web.ratelimit import rate_limited
from charterwatch.web.render import render
from charterwatch.web.users import Viewer, authenticate, change_password, end_sessions, get_user, viewer

router = APIRouter(tags=["account"])


class Me(BaseModel):
    name: str | None
    role: str  # one of the roles, or "anonymous"
    working_group: str | None
    signed_in: bool


class LoginPage(BaseModel):
    next: str
    message: str | None = None


def _safe_next(target: str) -> str:
    """Only a local path: never redirect a signed-in user to another site."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


@router.get("/api/me", response_model=Me, summary="Who you are")
def me(found: Annotated[Viewer, Depends(get_viewer)]) -> Me:
    return Me(name=found.name, role=found.role, working_group=found.working_group, signed_in=found.signed_in)


@router.get("/login", include_in_schema=False, name="login")
def login_form(request: Request, next: str = "/") -> Response:
    return render(request, "account/login.html", LoginPage(next=_safe_next(next)))


@router.post(
    "/login",
    name="login_post",
    dependencies=[Depends(rate_limited("login"))],
    response_model=Me,
    summary="Sign in (form fields name, password, csrf_token)",
)
def login(
    request: Request,
    session: DbSession,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    next: Annotated[str, Form(max_length=512)] = "/",
) -> Response:
    user = authenticate(session, name, password)
    if user is None:
        raise CharterwatchError(E.BAD_LOGIN)
    found = viewer(user)
    record(session, found, "login", f"user:{name}", before=None, after=None)
    commit(session)  # stored before the session cookie says who signed in
    sign_in(request, found)
    if "application/json" in request.headers.get("accept", ""):
        return _json_me(found)
    target = "/account/password" if found.must_change_password else _safe_next(next)
    return RedirectResponse(target, status_code=303)


def _json_me(found: Viewer) -> Response:
    from fastapi.responses import JSONResponse

    return JSONResponse(me(found).model_dump())


@router.post("/logout", name="logout", summary="Sign out (ends every session of the user)", status_code=303)
def logout(request: Request, session: DbSession, found: Annotated[Viewer, Depends(get_viewer)]) -> Response:
    """Sign out here and everywhere: the user's other sessions end at their next request too."""
    if found.name is not None:
        end_sessions(session, get_user(session, found.name))
        record(session, found, "logout", f"user:{found.name}", before=None, after=None)
        commit(session)
    sign_out(request)
    return RedirectResponse("/", status_code=303)


@router.get("/account/password", include_in_schema=False, name="password")
def password_form(request: Request, found: Annotated[Viewer, Depends(require_role(*ROLES))]) -> Response:
    return render(request, "account/password.html", None)


@router.post(
    "/account/password",
    include_in_schema=False,
    name="password_post",
    dependencies=[Depends(rate_limited("password"))],
)
def password(
    request: Request,
    session: DbSession,
    found: Annotated[Viewer, Depends(require_role(*ROLES))],
    current: Annotated[str, Form(max_length=256)],
    new: Annotated[str, Form(max_length=256)],
) -> Response:
    assert found.name is not None  # require_role lets only signed-in users through
    user = authenticate(session, found.name, current)
    if user is None:
        raise CharterwatchError(E.BAD_LOGIN)
    change_password(session, user, new, by=found)  # ends every session of the user, this one included
    commit(session)
    sign_in(request, viewer(user))  # ... which goes on under the new generation
    return RedirectResponse("/", status_code=303)
