"""Revoking API tokens, their expiry and disabling users, through the store, the admin pages and the API.

Whatever ends a token or a user takes effect on the very next request: 401 for the token, anonymous for the
session. Every change is in the audit log with its before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert

from charterwatch.errors import CharterwatchError
from charterwatch.store.db import make_engine, session_scope, upgrade
from charterwatch.web.models import AuditLogRow, TokenRow, UserRow
from charterwatch.web.tokens import (
    TokenUse,
    find_token,
    issue_token,
    list_tokens,
    revoke_token,
    token_for,
    user_for_token,
)
from charterwatch.web.users import add_user, get_user, set_active
from web_fixtures import PASSWORD, TEST_SECRET, csrf_from

NOW = dt.datetime.now(dt.UTC)


def _token(app: FastAPI, name: str, *, expires_at: dt.datetime | None = None) -> str:
    with session_scope(app.state.engine) as session:
        return issue_token(session, get_user(session, name), expires_at=expires_at)


def _me(client: TestClient, token: str) -> int:
    return client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code


def test_tokens_expire_at_their_stored_expiry(engine: Engine) -> None:
    with session_scope(engine) as session:
        user, _ = add_user(session, "ana", role="analyst", password=PASSWORD)
        token = issue_token(session, user, expires_at=NOW + dt.timedelta(days=2))
        forever = issue_token(session, user)
    use = TokenUse(engine)
    with session_scope(engine) as session:
        assert user_for_token(session, token, now=NOW) is not None
        assert user_for_token(session, token, now=NOW + dt.timedelta(days=3)) is None
        assert user_for_token(session, forever, now=NOW + dt.timedelta(days=3000)) is not None
        assert list_tokens(session, user="ana")[0].last_used_at is None  # checking a token only reads
    for key in (token, forever):
        with session_scope(engine, write=False) as session:
            row = token_for(session, key)
        assert row is not None and use.note(row)
    with session_scope(engine) as session:
        listed = {info.prefix: info for info in list_tokens(session, user="ana")}
        dated = listed[token[:10]]
        assert (
            dated.expires_at is not None and abs(dated.expires_at - (NOW + dt.timedelta(days=2))).seconds < 2
        )
        assert dated.last_used_at is not None and dated.state() == "active"
        assert dated.state(now=NOW + dt.timedelta(days=3)) == "expired"
        assert listed[forever[:10]].expires_at is None and listed[forever[:10]].last_used_at is not None


def test_revoke_by_id_or_prefix_never_by_the_secret(engine: Engine) -> None:
    with session_scope(engine) as session:
        user, _ = add_user(session, "ana", role="analyst", password=PASSWORD)
        first, second = issue_token(session, user), issue_token(session, user)
    with session_scope(engine) as session:
        assert find_token(session, first[:10]).prefix == first[:10]
        for key in (first, "cw_nothere", "999"):
            try:
                find_token(session, key)
            except CharterwatchError as error:
                assert error.code.name == "TOKEN_NOT_FOUND" and first[10:] not in error.message
            else:
                raise AssertionError(key)
        info = revoke_token(session, second[:10])
        assert info.revoked and info.state() == "revoked"
        assert user_for_token(session, second) is None and user_for_token(session, first) is not None
        revoke_token(session, str(find_token(session, first[:10]).id))
        assert user_for_token(session, first) is None


def test_a_disabled_user_loses_tokens_until_enabled(engine: Engine) -> None:
    with session_scope(engine) as session:
        user, _ = add_user(session, "ana", role="analyst", password=PASSWORD)
        token = issue_token(session, user)
        set_active(session, "ana", active=False)
        assert user_for_token(session, token) is None
        set_active(session, "ana", active=True)
        assert user_for_token(session, token) is not None


def test_admin_revokes_a_token_and_the_next_request_is_401(
    client: TestClient, web_app: FastAPI, sign_in: Callable[..., TestClient], make_user: Callable[..., str]
) -> None:
    make_user("script", "analyst")
    token = _token(web_app, "script", expires_at=NOW + dt.timedelta(days=30))
    assert _me(client, token) == 200
    sign_in("admin")
    listed = client.get("/api/admin/tokens").json()["tokens"]
    assert [(t["user"], t["prefix"], t["state"]) for t in listed] == [("script", token[:10], "active")]
    assert listed[0]["last_used_at"] is not None and listed[0]["expires_at"].startswith(
        str((NOW + dt.timedelta(days=30)).date())
    )
    assert token not in client.get("/admin/tokens").text
    forged = client.post(f"/admin/tokens/{listed[0]['id']}/revoke", data={"csrf_token": "guessed"})
    assert forged.status_code == 403 and _me(client, token) == 200
    page = client.post(
        f"/admin/tokens/{listed[0]['id']}/revoke",
        data={"csrf_token": csrf_from(client, "/admin/tokens")},
        follow_redirects=False,
    )
    assert page.status_code == 303 and page.headers["location"] == "/admin/tokens"
    assert client.get("/api/texts", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert client.get("/api/admin/tokens").json()["tokens"][0]["state"] == "revoked"
    log = client.get("/api/admin/audit-log", params={"action": "token.revoke"}).json()["entries"]
    assert log[0]["actor"] == "admin-user" and log[0]["target"] == f"token:{listed[0]['id']}"
    assert log[0]["before"]["state"] == "active" and log[0]["after"]["state"] == "revoked"
    missing = client.post(
        "/admin/tokens/999/revoke",
        data={"csrf_token": csrf_from(client, "/admin/tokens")},
        headers={"Accept": "application/json"},
    )
    assert missing.status_code == 404 and missing.json()["error"] == "TOKEN_NOT_FOUND"


def test_an_expired_token_is_401(client: TestClient, web_app: FastAPI, make_user: Callable[..., str]) -> None:
    make_user("script", "analyst")
    expired = _token(web_app, "script", expires_at=NOW - dt.timedelta(seconds=1))
    response = client.get("/api/me", headers={"Authorization": f"Bearer {expired}"})
    assert response.status_code == 401 and response.json()["error"] == "TOKEN_INVALID"


def test_only_admins_see_or_revoke_tokens(
    client: TestClient, web_app: FastAPI, sign_in: Callable[..., TestClient]
) -> None:
    assert client.get("/api/admin/tokens").status_code == 403
    sign_in("analyst")
    token = _token(web_app, "analyst-user")
    assert client.get("/admin/tokens").status_code == 403
    own = client.post("/admin/tokens/1/revoke", data={"csrf_token": csrf_from(client, "/")})
    assert own.status_code == 403 and _me(client, token) == 200
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.post("/admin/tokens/1/revoke", headers=bearer).status_code == 403


def test_disabling_a_user_on_the_admin_page_ends_their_session_and_tokens_at_once(
    web_app: FastAPI, sign_in: Callable[..., TestClient], make_user: Callable[..., str]
) -> None:
    make_user("ana", "analyst")
    token = _token(web_app, "ana")
    with TestClient(web_app) as ana:
        data = {"name": "ana", "password": PASSWORD, "csrf_token": csrf_from(ana)}
        assert ana.post("/login", data=data, follow_redirects=False).status_code == 303
        assert ana.get("/api/me").json()["name"] == "ana" and _me(ana, token) == 200
        admin = sign_in("admin")
        response = admin.post(
            "/admin/users/ana",
            # as the page's form sends "may sign in" unticked: only its hidden "false"
            data={"role": "analyst", "active": "false", "csrf_token": csrf_from(admin, "/admin/users")},
            follow_redirects=False,
        )
        assert response.status_code == 303
        assert ana.get("/api/me").json()["signed_in"] is False
        assert _me(ana, token) == 401
        assert ana.post("/login", data={**data, "csrf_token": csrf_from(ana)}).status_code == 401
        entry = admin.get("/api/admin/audit-log", params={"action": "user.update"}).json()["entries"][0]
        assert entry["before"]["active"] is True and entry["after"]["active"] is False


def test_the_secret_key_is_never_in_the_tokens_json(
    client: TestClient, web_app: FastAPI, sign_in: Callable[..., TestClient]
) -> None:
    sign_in("admin")
    token = _token(web_app, "admin-user")
    body = client.get("/api/admin/tokens").text
    assert token not in body and token[10:20] not in body and TEST_SECRET not in body


def test_revision_0007_takes_the_expiry_of_tokens_issued_before_it_from_the_audit_log(db_url: str) -> None:
    """Tokens issued before the column carried their expiry in the ``token.issue`` entry: it is kept."""
    upgrade(db_url, "0006")
    engine = make_engine(db_url)
    expiry = (NOW + dt.timedelta(days=5)).replace(microsecond=0)
    try:
        with engine.begin() as connection:
            connection.execute(
                insert(UserRow.__table__),
                {"id": 1, "name": "ana", "password_hash": "x", "role": "analyst", "active": True},
            )
            connection.execute(
                insert(TokenRow.__table__),
                [
                    {"id": n, "user_id": 1, "digest": f"{n:064d}", "prefix": "cw_x", "revoked": False}
                    for n in (1, 2)
                ],
            )
            connection.execute(
                insert(AuditLogRow.__table__),
                [
                    {"at": NOW, "action": "token.issue", "target": "user:ana", "after": after}
                    for after in (
                        {"id": 1, "prefix": "cw_x", "expires_at": expiry.isoformat()},
                        {"id": 2, "prefix": "cw_x", "expires_at": None},
                    )
                ],
            )
        upgrade(db_url)
        with session_scope(engine) as session:
            found = {info.id: info.expires_at for info in list_tokens(session)}
        assert found == {1: expiry, 2: None}
    finally:
        engine.dispose()


def test_token_use_is_written_at_most_once_a_minute_and_never_fails_the_request(engine: Engine) -> None:
    with session_scope(engine) as session:
        user, _ = add_user(session, "ana", role="analyst", password=PASSWORD)
        token = issue_token(session, user)
    use = TokenUse(engine)
    with session_scope(engine, write=False) as session:
        row = token_for(session, token)
    assert row is not None
    assert use.note(row) and not use.note(row)  # the second within the minute writes nothing
    with session_scope(engine, write=False) as session:
        fresh = token_for(session, token)
    assert fresh is not None and fresh.last_used_at is not None
    assert not TokenUse(engine).note(fresh)  # another process sees the stored time is recent
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2)
    broken = TokenUse(make_engine("sqlite:////nonexistent/dir/store.db"))
    assert not broken.note(fresh, now=later)  # a store that cannot be written: logged, not raised
