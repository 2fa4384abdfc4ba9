"""Who is asking, and may they: the viewer of each request and the ``require_role`` dependency.

A request is signed in by the session cookie (signed by Starlette's SessionMiddleware, HttpOnly, SameSite=Lax,
Secure when configured) or by ``Authorization: Bearer <token>`` for scripts. The viewer is resolved once per
request by an app-wide dependency and kept on ``request.state``; pages ask for it with ``Depends(get_viewer)``
or restrict themselves with ``Depends(require_role("admin", "analyst"))``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Final

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from charterwatch.audience import Audience
from charterwatch.errors import CharterwatchError, E
from charterwatch.store.db import session_scope
from charterwatch.web.tokens import TokenUse, token_for
from charterwatch.web.users import ANONYMOUS, Viewer, viewer

SESSION_USER: Final = "user"
SESSION_GENERATION: Final = "generation"  # the user's session generation when this session signed in
# What a user with a one-time password may still reach: choosing their own, signing out, who they are.
ONE_TIME_PASSWORD_PATHS: Final = frozenset({"/account/password", "/logout", "/login", "/api/me"})
# Who may see what other modules treat as private (victims' names, reviewers' notes) and act on reviews.
PRIVATE_ROLES: Final = ("admin", "analyst")
REVIEW_ROLES: Final = ("admin", "analyst", "working_group")


async def resolve_viewer(request: Request) -> Viewer:
    """App-wide dependency: the bearer token's user, else the session's user, else anonymous.

    Asynchronous, so an anonymous request (a burst of citizens) costs no trip through a worker thread; only
    a token or a session is looked up in the store, on a worker thread.
    """
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if header and scheme.lower() == "bearer" and token.strip():
        found = await run_in_threadpool(_token_viewer, request, token.strip())
    elif (name := request.session.get(SESSION_USER)) is not None:
        generation = request.session.get(SESSION_GENERATION)
        found = await run_in_threadpool(_session_viewer, request, str(name), generation)
    else:
        found = ANONYMOUS
    request.state.viewer = found
    return found


def _token_viewer(request: Request, token: str) -> Viewer:
    with session_scope(request.app.state.engine, write=False) as session:
        row = token_for(session, token)
        if row is None:
            raise CharterwatchError(E.TOKEN_INVALID)
        found = viewer(row.user, via_token=True)
    token_use: TokenUse = request.app.state.token_use
    token_use.note(row)
    return found


def _session_viewer(request: Request, name: str, generation: object) -> Viewer:
    """The session's user as the store has them now: a session of a deactivated or deleted user, or one signed
    in before the user's last sign-out or password change (an older generation), is signed out."""
    from charterwatch.web.users import get_user

    with session_scope(request.app.state.engine, write=False) as session:
        try:
            user = get_user(session, name)
        except CharterwatchError:
            user = None
        if user is None or not user.active or generation != user.session_generation:
            request.session.clear()
            return ANONYMOUS
        return viewer(user)


async def require_own_password(request: Request) -> None:  # memory only: no worker thread
    """App-wide dependency: a user signed in with a one-time password reaches nothing but choosing their own.

    Pages answer with a redirect to the password form (web/handlers.py), the API with 403
    ``PASSWORD_CHANGE_REQUIRED``; the same holds for their API tokens."""
    if viewer_of(request).must_change_password and request.url.path not in ONE_TIME_PASSWORD_PATHS:
        raise CharterwatchError(E.PASSWORD_CHANGE_REQUIRED)


def viewer_of(request: Request) -> Viewer:
    """The viewer resolved for this request (anonymous before resolution, e.g. on a 404 for an unknown path)."""
    found = getattr(request.state, "viewer", None)
    return found if isinstance(found, Viewer) else ANONYMOUS


async def get_viewer(request: Request) -> Viewer:
    """Dependency: the viewer of this request, whoever it is."""
    return viewer_of(request)


def require_role(*roles: str) -> Callable[[Request], Awaitable[Viewer]]:
    """Dependency factory: the viewer, if their role is one of ``roles``; else 403 (with a reason)."""

    async def dependency(request: Request) -> Viewer:  # no I/O: no worker thread
        found = viewer_of(request)
        if not found.signed_in:
            raise CharterwatchError(E.SIGN_IN_REQUIRED)
        if found.role not in roles:
            raise CharterwatchError(E.FORBIDDEN, role=found.role)
        return found

    dependency.__name__ = f"require_role_{'_'.join(roles)}"
    return dependency


def can_see_private(found: Viewer) -> bool:
    return found.role in PRIVATE_ROLES


def audience_of(found: Viewer) -> Audience:
    """The audience a viewer reads as: staff for analysts and admins, the public for everyone else."""
    return Audience.STAFF if can_see_private(found) else Audience.PUBLIC


def sign_in(request: Request, found: Viewer) -> None:
    """Start a session: a new CSRF token, so one set before signing in cannot be replayed."""
    request.session.clear()
    request.session[SESSION_USER] = found.name
    request.session[SESSION_GENERATION] = found.session_generation
    request.state.viewer = found


def sign_out(request: Request) -> None:
    """Forget this browser's session; ``users.end_sessions`` ends the user's others."""
    request.session.clear()
    request.state.viewer = ANONYMOUS
