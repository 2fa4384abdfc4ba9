"""The web app's tables: users with their role, hashed API tokens, and the audit log of every change.

Passwords are kept only as argon2 hashes and tokens only as SHA-256 digests (a token is 256 random bits, so a
fast digest is enough and lets a request find its token by equality). The audit log is append-only: who, when,
what action on which target, and the target's state before and after as JSON.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from sqlalchemy import JSON, Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from charterwatch.store.models import Base

ROLES: Final = ("admin", "analyst", "working_group", "public")


class UserRow(Base):
    """A person who signs in; ``working_group`` names the group of a ``working_group`` user."""

    __tablename__ = "web_user"
    __table_args__ = (CheckConstraint(f"role IN {ROLES!r}", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    working_group: Mapped[str | None] = mapped_column(String(128))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    # Carried in the signed session cookie; bumped on sign-out, password change and disabling, which ends
    # every session signed with the old value at its next request (web/auth.py).
    session_generation: Mapped[int] = mapped_column(Integer, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    tokens: Mapped[list[TokenRow]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )


class TokenRow(Base):
    """An API token for scripts (``Authorization: Bearer ...``), stored as its SHA-256 digest."""

    __tablename__ = "web_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_user.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))  # the token's first characters, to tell tokens apart
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))  # None: until revoked

    user: Mapped[UserRow] = relationship(back_populates="tokens", lazy="joined")


class AuditLogRow(Base):
    """One change: ``actor`` did ``action`` to ``target``; ``before``/``after`` are the target's JSON states."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str | None] = mapped_column(String(64))  # a user name; None for anonymous or the system
    actor_role: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(64), index=True)
    target: Mapped[str] = mapped_column(Text)
    before: Mapped[Any | None] = mapped_column(JSON)
    after: Mapped[Any | None] = mapped_column(JSON)
