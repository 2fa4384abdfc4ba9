"""API tokens for scripts: issued once, stored as digests, listed by id and prefix, revoked, and expiring.

A token is ``cw_<43 random characters>``; the store keeps its SHA-256 digest, the first characters to tell it
apart, and its expiry. A request with a revoked or expired token, or a token of a disabled user, is refused at
once. Checking a token only reads; its last use is written by ``TokenUse`` at most once a minute per token, in
a transaction of its own, so fifty scripts reading at once do not queue for the store's write lock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import Engine, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from charterwatch.errors import CharterwatchError, E
from charterwatch.store.db import session_scope
from charterwatch.web.audit import record
from charterwatch.web.models import TokenRow, UserRow

if TYPE_CHECKING:
    from charterwatch.web.users import Viewer

TOKEN_PREFIX: Final = "cw_"
PREFIX_CHARS: Final = 10  # what listings show and revocation accepts: never enough to use the token
MAX_EXPIRY_DAYS: Final = 3650
LAST_USE_EVERY: Final = dt.timedelta(minutes=1)  # how stale a token's last_used_at may get
_REMEMBERED: Final = 10_000  # tokens whose last write TokenUse remembers
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TokenInfo:
    """A token as listings show it: never the token or its digest."""

    id: int
    user: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime | None
    revoked: bool

    def state(self, *, now: dt.datetime | None = None) -> str:
        if self.revoked:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= (now or _now()):
            return "expired"
        return "active"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "user": self.user,
            "prefix": self.prefix,
            "created_at": self.created_at,
            "last_used_at": self.last_used_at,
            "expires_at": self.expires_at,
            "revoked": self.revoked,
            "state": self.state(),
        }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes for timezone-aware columns; they were stored as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def issue_token(
    session: Session, user: UserRow, *, expires_at: dt.datetime | None = None, by: Viewer | None = None
) -> str:
    """A new API token for ``user``, valid until ``expires_at`` (or revoked): returned once, stored as a digest."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = _aware(expires_at) if expires_at is not None else None
    row = TokenRow(
        user_id=user.id,
        digest=token_digest(token),
        prefix=token[:PREFIX_CHARS],
        revoked=False,
        expires_at=expires_at,
    )
    session.add(row)
    session.flush()
    after = {"id": row.id, "prefix": row.prefix, "expires_at": expires_at.isoformat() if expires_at else None}
    record(session, by, "token.issue", f"user:{user.name}", before=None, after=after)
    return token


def expiry_days(days: int) -> dt.datetime:
    """The moment ``days`` days from now, for ``--expires-days``."""
    if not 1 <= days <= MAX_EXPIRY_DAYS:
        raise CharterwatchError(E.BAD_REQUEST, reason=f"expiry must be 1 to {MAX_EXPIRY_DAYS} days")
    return _now() + dt.timedelta(days=days)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_for(session: Session, token: str, *, now: dt.datetime | None = None) -> TokenRow | None:
    """The stored token of an active user, or None for an unknown, revoked or expired token; only reads."""
    row = session.scalars(
        select(TokenRow).where(TokenRow.digest == token_digest(token), TokenRow.revoked.is_(False))
    ).one_or_none()
    if row is None or not row.user.active:
        return None
    if row.expires_at is not None and _aware(row.expires_at) <= (now or _now()):
        return None
    return row


def user_for_token(session: Session, token: str, *, now: dt.datetime | None = None) -> UserRow | None:
    """The active user a bearer token belongs to, or None for an unknown, revoked or expired token."""
    row = token_for(session, token, now=now)
    return row.user if row is not None else None


class TokenUse:
    """Writes a token's ``last_used_at`` at most once per ``every`` and token: bookkeeping, never a failure.

    A request asks ``note`` after reading its token. Within ``every`` of the stored last use, or of this
    process's last write for that token, nothing is written; otherwise one short transaction of its own sets the
    time, and an error (a busy store) is logged and forgotten: the request it came with goes on.
    """

    def __init__(self, engine: Engine, *, every: dt.timedelta = LAST_USE_EVERY) -> None:
        self._engine = engine
        self._every = every
        self._written: dict[int, float] = {}  # token id -> monotonic time of this process's last write
        self._lock = threading.Lock()

    def note(self, row: TokenRow, *, now: dt.datetime | None = None) -> bool:
        """Record that ``row`` was used now, unless it was recently; True when this call wrote."""
        now = now or _now()
        if row.last_used_at is not None and now - _aware(row.last_used_at) < self._every:
            return False
        moment = time.monotonic()
        with self._lock:
            if moment - self._written.get(row.id, -float("inf")) < self._every.total_seconds():
                return False
            self._written[row.id] = moment
            if len(self._written) > _REMEMBERED:
                del self._written[next(iter(self._written))]
        stale = now - self._every
        try:
            with session_scope(self._engine) as session:
                session.execute(
                    update(TokenRow)
                    .where(TokenRow.id == row.id)
                    .where(or_(TokenRow.last_used_at.is_(None), TokenRow.last_used_at < stale))
                    .values(last_used_at=now)
                )
        except SQLAlchemyError as e:
            _log.warning("token %s: last use not recorded: %s", row.prefix, str(e).splitlines()[0])
            return False
        return True


def list_tokens(session: Session, *, user: str | None = None) -> list[TokenInfo]:
    """Every token (or one user's), oldest first."""
    query = select(TokenRow, UserRow.name).join(UserRow, TokenRow.user_id == UserRow.id)
    if user is not None:
        query = query.where(UserRow.name == user)
    rows = session.execute(query.order_by(TokenRow.id)).all()
    return [
        TokenInfo(
            id=row.id,
            user=name,
            prefix=row.prefix,
            created_at=_aware(row.created_at),
            last_used_at=_aware(row.last_used_at) if row.last_used_at is not None else None,
            expires_at=_aware(row.expires_at) if row.expires_at is not None else None,
            revoked=row.revoked,
        )
        for row, name in rows
    ]


def find_token(session: Session, key: str) -> TokenRow:
    """The token with this id (``7``) or prefix (``cw_AbC1234``); an ambiguous prefix is refused."""
    key = key.strip()
    if key.isdigit() and len(key) <= 18:
        row = session.get(TokenRow, int(key))
        if row is None:
            raise CharterwatchError(E.TOKEN_NOT_FOUND, key=key)
        return row
    rows = list(session.scalars(select(TokenRow).where(TokenRow.prefix == key[:PREFIX_CHARS])))
    if len(key) != PREFIX_CHARS or not rows:
        raise CharterwatchError(E.TOKEN_NOT_FOUND, key=key[:PREFIX_CHARS])
    if len(rows) > 1:
        raise CharterwatchError(E.TOKEN_AMBIGUOUS, key=key, count=len(rows))
    return rows[0]


def revoke_token(session: Session, key: str, *, by: Viewer | None = None) -> TokenInfo:
    """Revoke the token with this id or prefix; logged with its state before and after."""
    row = find_token(session, key)
    before = _info(session, row)
    row.revoked = True
    session.flush()
    after = _info(session, row)
    record(session, by, "token.revoke", f"token:{row.id}", before=before.to_dict(), after=after.to_dict())
    return after


def _info(session: Session, row: TokenRow) -> TokenInfo:
    return next(info for info in list_tokens(session, user=row.user.name) if info.id == row.id)
