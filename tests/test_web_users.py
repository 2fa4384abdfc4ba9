"""Users, tokens and the audit log over the store, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from charterwatch.errors import CharterwatchError
from charterwatch.store.db import session_scope
from charterwatch.web.audit import entries, record
from charterwatch.web.models import AuditLogRow, TokenRow, UserRow
from charterwatch.web.ratelimit import RateLimiter
from charterwatch.web.tokens import issue_token, user_for_token
from charterwatch.web.users import ANONYMOUS, add_user, authenticate, update_user, viewer


def test_passwords_are_argon2_hashes_and_tokens_digests(engine: Engine) -> None:
    with session_scope(engine) as session:
        user, generated = add_user(session, "ana", role="analyst", password="a long password")
        assert generated is None and user.password_hash.startswith("$argon2id$")
        token = issue_token(session, user)
    with session_scope(engine) as session:
        stored = session.scalars(select(TokenRow)).one()
        assert token not in (stored.digest, stored.prefix) and len(stored.digest) == 64
        found = user_for_token(session, token)
        assert found is not None and found.name == "ana"
        assert user_for_token(session, token + "x") is None
        assert authenticate(session, "ana", "a long password") is not None
        assert authenticate(session, "ana", "a wrong password") is None
        assert authenticate(session, "bob", "a long password") is None


def test_changes_and_their_log_are_one_transaction(engine: Engine) -> None:
    with session_scope(engine) as session:
        add_user(session, "boss", role="admin", password="a long password")
    with pytest.raises(CharterwatchError), session_scope(engine) as session:
        admin = viewer(session.scalars(select(UserRow)).one())
        add_user(
            session, "wg", role="working_group", working_group="Rights", password="another password", by=admin
        )
        update_user(session, "boss", role="public", working_group=None, active=True, by=admin)  # last admin
    with session_scope(engine) as session:
        assert [u.name for u in session.scalars(select(UserRow))] == ["boss"]
        total, rows = entries(session)
        assert total == 1 and rows[0].action == "user.add" and rows[0].actor is None
        assert rows[0].after["role"] == "admin" and rows[0].before is None


def test_audit_entries_keep_json_states_and_page_newest_first(engine: Engine) -> None:
    with session_scope(engine) as session:
        for n in range(5):
            record(
                session,
                ANONYMOUS,
                "proposal.submit",
                f"proposal:{n}",
                before=None,
                after={"n": n, "t": (1, 2)},
            )
    with session_scope(engine) as session:
        total, rows = entries(session, offset=1, limit=2, action="proposal.submit")
        assert total == 5 and [r.target for r in rows] == ["proposal:3", "proposal:2"]
        assert rows[0].after == {"n": 3, "t": [1, 2]} and rows[0].actor_role == "anonymous"
        assert session.scalar(select(AuditLogRow.at).where(AuditLogRow.id == rows[0].id)) is not None


def test_the_rate_limiter_slides() -> None:
    now = [0.0]
    limiter = RateLimiter(limit=2, window_s=10, clock=lambda: now[0])
    assert [limiter.hit("a"), limiter.hit("a"), limiter.hit("a"), limiter.hit("b")] == [
        True,
        True,
        False,
        True,
    ]
    assert limiter.retry_after("a") == 10
    now[0] = 10.5
    assert limiter.hit("a") and limiter.hit("a") and not limiter.hit("a")


def test_session_generations_move_on_and_one_field_changes_alone(engine: Engine) -> None:
    from charterwatch.web.users import change_password, end_sessions, get_user, set_active

    with session_scope(engine) as session:
        add_user(session, "boss", role="admin", password="a long password")
        add_user(session, "wg", role="working_group", working_group="Rights", password="a long password")
    with session_scope(engine) as session:
        boss, wg = get_user(session, "boss"), get_user(session, "wg")
        assert (boss.session_generation, wg.session_generation) == (0, 0)
        end_sessions(session, boss)
        change_password(session, boss, "another long one", by=viewer(boss))
        set_active(session, "wg", active=False)
        set_active(session, "wg", active=False)  # already disabled: nothing more to end
        assert (boss.session_generation, wg.session_generation) == (2, 1)
        update_user(session, "wg", active=True, by=viewer(boss))
        assert (wg.role, wg.working_group, wg.active, wg.session_generation) == (
            "working_group",
            "Rights",
            True,
            1,
        )
        update_user(session, "wg", role="analyst", by=viewer(boss))
        assert (wg.role, wg.working_group, wg.active) == ("analyst", None, True)
    with session_scope(engine) as session:
        assert get_user(session, "boss").session_generation == 2
