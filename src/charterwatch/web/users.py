"""Users, passwords and API tokens: what ``charterwatch user ...``, the login page and the demo call.

Passwords are hashed with argon2id (argon2-cffi's defaults, rehashed when they change); a generated password is
a one-time password: the user must choose another at the first sign-in. Tokens are shown once, when made.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import Any, Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from charterwatch.errors import CharterwatchError, E
from charterwatch.store.db import session_scope
from charterwatch.web.audit import record
from charterwatch.web.models import ROLES, UserRow

MIN_PASSWORD_CHARS: Final = 10
MAX_PASSWORD_CHARS: Final = 256
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")
_hasher = PasswordHasher()
# Verified against when a name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH: Final = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Viewer:
    """Who is asking: a signed-in user, a token's user, or nobody (``name`` None, role ``anonymous``)."""

    name: str | None
    role: str
    working_group: str | None = None
    via_token: bool = False
    must_change_password: bool = False
    session_generation: int = 0

    @property
    def signed_in(self) -> bool:
        return self.name is not None

    @property
    def actor(self) -> str:
        """The name a review or merge records: the user's, or the role for a nameless caller."""
        return self.name or self.role

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "working_group": self.working_group}


ANONYMOUS: Final = Viewer(name=None, role="anonymous")


def viewer(user: UserRow, *, via_token: bool = False) -> Viewer:
    return Viewer(
        user.name,
        user.role,
        user.working_group,
        via_token,
        user.must_change_password,
        user.session_generation,
    )


def add_user(
    session: Session,
    name: str,
    *,
    role: str,
    working_group: str | None = None,
    password: str | None = None,
    by: Viewer | None = None,
) -> tuple[UserRow, str | None]:
    """Create a user; without ``password`` one is generated and returned (to be changed at first sign-in)."""
    if not _NAME.fullmatch(name):
        raise CharterwatchError(E.BAD_USER_NAME, value=name)
    if role not in ROLES:
        raise CharterwatchError(E.BAD_ROLE, value=role, choices=", ".join(ROLES))
    if (role == "working_group") != bool(working_group):
        raise CharterwatchError(
            E.BAD_ROLE, value=role, choices="a working_group user needs --group, no other"
        )
    if session.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
        raise CharterwatchError(E.USER_EXISTS, name=name)
    generated = password is None
    password = secrets.token_urlsafe(12) if password is None else password
    check_password(password)
    user = UserRow(
        name=name,
        password_hash=_hasher.hash(password),
        role=role,
        working_group=working_group,
        active=True,
        must_change_password=generated,
    )
    session.add(user)
    session.flush()
    record(session, by, "user.add", f"user:{name}", before=None, after=user_dict(user))
    return user, password if generated else None


def update_user(
    session: Session,
    name: str,
    *,
    role: str | None = None,
    working_group: str | None = None,
    active: bool | None = None,
    by: Viewer,
) -> UserRow:
    """Change what is given of a user's role, group and access, and nothing else; the last active admin keeps
    both. A group is kept while the role stays ``working_group`` and dropped when it changes to another."""
    user = get_user(session, name)
    role = user.role if role is None else role
    if role not in ROLES:
        raise CharterwatchError(E.BAD_ROLE, value=role, choices=", ".join(ROLES))
    if working_group is None and role == "working_group":
        working_group = user.working_group
    elif role != "working_group" and working_group == user.working_group:
        working_group = None  # the old group of a user moved to another role
    if (role == "working_group") != bool(working_group):
        raise CharterwatchError(
            E.BAD_ROLE, value=role, choices="a working_group user needs a group, no other"
        )
    active = user.active if active is None else active
    _keep_an_admin(session, user, role=role, active=active)
    before = user_dict(user)
    if user.active and not active:
        end_sessions(session, user)
    user.role, user.working_group, user.active = role, working_group, active
    session.flush()
    record(session, by, "user.update", f"user:{name}", before=before, after=user_dict(user))
    return user


def end_sessions(session: Session, user: UserRow) -> None:
    """End every session of ``user``: cookies signed with the old generation are refused from now on.

    One atomic ``UPDATE ... + 1``, so two sign-outs at once never leave an old generation valid."""
    user.session_generation = UserRow.session_generation + 1
    session.flush()
    session.refresh(user, ["session_generation"])


def _keep_an_admin(session: Session, user: UserRow, *, role: str, active: bool) -> None:
    """Refuse a change that would leave no active admin (``role`` and ``active`` are the user's new ones)."""
    if (
        user.role == "admin"
        and user.active
        and (role != "admin" or not active)
        and count_admins(session) == 1
    ):
        raise CharterwatchError(E.BAD_ROLE, value=role, choices="the last admin must stay an active admin")


def set_active(session: Session, name: str, *, active: bool, by: Viewer | None = None) -> UserRow:
    """Disable (or enable again) a user: their sessions and tokens stop working on their next request."""
    user = get_user(session, name)
    _keep_an_admin(session, user, role=user.role, active=active)
    before = user_dict(user)
    if user.active and not active:
        end_sessions(session, user)
    user.active = active
    session.flush()
    action = "user.enable" if active else "user.disable"
    record(session, by, action, f"user:{name}", before=before, after=user_dict(user))
    return user


def check_password(password: str) -> None:
    if not MIN_PASSWORD_CHARS <= len(password) <= MAX_PASSWORD_CHARS:
        raise CharterwatchError(E.BAD_PASSWORD, low=MIN_PASSWORD_CHARS, high=MAX_PASSWORD_CHARS)


def user_dict(user: UserRow) -> dict[str, Any]:
    """A user as the audit log and the API show it: never the hash."""
    return {
        "name": user.name,
        "role": user.role,
        "working_group": user.working_group,
        "active": user.active,
        "must_change_password": user.must_change_password,
    }


def get_user(session: Session, name: str) -> UserRow:
    user = session.scalars(select(UserRow).where(UserRow.name == name)).one_or_none()
    if user is None:
        raise CharterwatchError(E.USER_NOT_FOUND, name=name)
    return user


def list_users(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.name)))


def count_admins(session: Session) -> int:
    query = select(func.count()).select_from(UserRow).where(UserRow.role == "admin", UserRow.active)
    return int(session.scalar(query) or 0)


def authenticate(session: Session, name: str, password: str) -> UserRow | None:
    """The active user with this name and password, or None (in about the same time either way).

    The hash is read and checked before ``session``'s transaction starts, in a reader's session of its own:
    argon2 takes a quarter of a second, and on SQLite a writer's transaction holds the store's one write lock
    from its first statement, so fifty sign-ins would otherwise queue behind each other's hashing.
    """
    with session_scope(_engine_of(session), write=False) as reader:
        stored = reader.execute(
            select(UserRow.password_hash).where(UserRow.name == name)
        ).scalar_one_or_none()
    try:
        _hasher.verify(stored if stored is not None else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    user = session.scalars(select(UserRow).where(UserRow.name == name)).one_or_none()
    if user is None or not user.active or user.password_hash != stored:  # changed meanwhile: sign in again
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = dt.datetime.now(dt.UTC)
    return user


def _engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def change_password(session: Session, user: UserRow, new_password: str, *, by: Viewer) -> None:
    """A new password, which ends every session of the user (the caller signs the current one in again)."""
    check_password(new_password)
    user.password_hash = _hasher.hash(new_password)
    user.must_change_password = False
    end_sessions(session, user)
    record(session, by, "user.password", f"user:{user.name}", before=None, after=None)
