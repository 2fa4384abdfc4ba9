"""Signing in and out, CSRF, API tokens, roles, the audit log, limits and error statuses of the web app."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from charterwatch.store.db import session_scope
from charterwatch.web.app import create_app
from charterwatch.web.models import ROLES
from charterwatch.web.settings import WebSettings
from charterwatch.web.tokens import issue_token
from charterwatch.web.users import get_user
from web_fixtures import PASSWORD, TEST_SECRET, csrf_from

PRIVATE_PAGES = ("/admin/audit-log", "/admin/users")


def _token(app: FastAPI, name: str) -> str:
    with session_scope(app.state.engine) as session:
        return issue_token(session, get_user(session, name))


def test_sign_in_and_out(client: TestClient, make_user: Callable[..., str]) -> None:
    make_user("ana", "analyst")
    assert client.get("/api/me").json()["signed_in"] is False
    token = csrf_from(client)
    response = client.post(
        "/login",
        data={"name": "ana", "password": PASSWORD, "csrf_token": token, "next": "/texts"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/texts"
    assert client.get("/api/me").json() == {
        "name": "ana",
        "role": "analyst",
        "working_group": None,
        "signed_in": True,
    }
    assert "ana" in client.get("/").text
    response = client.post("/logout", data={"csrf_token": csrf_from(client, "/")}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/api/me").json()["signed_in"] is False


def test_session_cookie_is_signed_httponly_and_lax(client: TestClient, make_user: Callable[..., str]) -> None:
    make_user("ana", "analyst")
    token = csrf_from(client)
    response = client.post(
        "/login", data={"name": "ana", "password": PASSWORD, "csrf_token": token}, follow_redirects=False
    )
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("charterwatch_session=") and "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower() and "secure" not in cookie.lower()
    signed = client.cookies["charterwatch_session"]
    client.cookies.clear()
    client.cookies.set("charterwatch_session", signed[:-4] + ("AAAA" if signed[-4:] != "AAAA" else "BBBB"))
    assert client.get("/api/me").json()["signed_in"] is False
    client.cookies.clear()
    client.cookies.set("charterwatch_session", signed)
    assert client.get("/api/me").json()["signed_in"] is True


def test_secure_cookies_when_configured(web_db_url: str) -> None:
    app = create_app(db_url=web_db_url, settings=WebSettings(secret_key=TEST_SECRET, secure_cookies=True))
    with TestClient(app, base_url="https://testserver") as client:
        assert "secure" in client.get("/login").headers["set-cookie"].lower()
    app.state.engine.dispose()


def test_wrong_password_and_unknown_user_are_the_same_401(
    client: TestClient, make_user: Callable[..., str]
) -> None:
    make_user("ana", "analyst")
    for name, password in (("ana", "wrong password"), ("nobody", PASSWORD)):
        data = {"name": name, "password": password, "csrf_token": csrf_from(client)}
        response = client.post("/login", data=data, headers={"Accept": "application/json"})
        assert response.status_code == 401
        assert response.json() == {"error": "BAD_LOGIN", "message": "wrong user name or password"}
    page = client.post("/login", data={"name": "ana", "password": "x" * 12, "csrf_token": csrf_from(client)})
    assert page.status_code == 401 and "wrong user name or password" in page.text


def test_unsafe_requests_need_the_csrf_token(client: TestClient, sign_in: Callable[..., TestClient]) -> None:
    sign_in("admin")
    assert client.post("/logout").status_code == 403
    forged = client.post("/logout", data={"csrf_token": "guessed"}, headers={"Accept": "application/json"})
    assert forged.status_code == 403 and forged.json()["error"] == "CSRF_FAILED"
    assert client.get("/api/me").json()["signed_in"] is True  # nothing happened
    header = client.post("/logout", headers={"X-CSRF-Token": csrf_from(client, "/")}, follow_redirects=False)
    assert header.status_code == 303


def test_login_itself_needs_the_csrf_token(client: TestClient, make_user: Callable[..., str]) -> None:
    make_user("ana", "analyst")
    response = client.post("/login", data={"name": "ana", "password": PASSWORD})
    assert response.status_code == 403 and "CSRF_FAILED" in response.text


def test_api_tokens_sign_in_scripts_without_csrf(
    web_app: FastAPI, client: TestClient, make_user: Callable[..., str]
) -> None:
    make_user("boss", "admin")
    make_user("ana", "analyst")
    bearer = {"Authorization": f"Bearer {_token(web_app, 'boss')}"}
    assert client.get("/api/admin/audit-log", headers=bearer).status_code == 200
    response = client.post(
        "/admin/users/ana",
        data={"role": "public", "active": "true"},
        headers={**bearer, "Accept": "application/json"},
    )
    assert response.status_code == 200 and response.json()["role"] == "public"
    bad = client.get("/api/texts", headers={"Authorization": "Bearer cw_not-a-token"})
    assert bad.status_code == 401 and bad.json()["error"] == "TOKEN_INVALID"


@pytest.mark.parametrize("role", [None, "public", "analyst", "working_group"])
def test_only_admins_reach_the_audit_log_and_users(
    client: TestClient, sign_in: Callable[..., TestClient], role: str | None
) -> None:
    if role is not None:
        sign_in(role, group="Rights" if role == "working_group" else None)
    for path in PRIVATE_PAGES:
        for url in (path, "/api" + path):
            response = client.get(url)
            assert response.status_code == 403, url
            assert "audit_log" not in response.text and "password" not in response.text.lower()
    response = client.post("/admin/users/nobody", data={"role": "admin", "csrf_token": csrf_from(client)})
    assert response.status_code == 403


def test_admin_changes_are_logged_with_before_and_after(
    client: TestClient, sign_in: Callable[..., TestClient], make_user: Callable[..., str]
) -> None:
    sign_in("admin", name="boss")
    make_user("ana", "analyst")
    response = client.post(
        "/admin/users/ana",
        data={
            "role": "working_group",
            "working_group": "Rights",
            "active": "true",
            "csrf_token": csrf_from(client, "/"),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    log = client.get("/api/admin/audit-log", params={"action": "user.update"}).json()
    assert log["total"] == 1
    entry = log["entries"][0]
    assert entry["actor"] == "boss" and entry["actor_role"] == "admin" and entry["target"] == "user:ana"
    assert entry["before"]["role"] == "analyst" and entry["before"]["working_group"] is None
    assert entry["after"]["role"] == "working_group" and entry["after"]["working_group"] == "Rights"
    assert "password_hash" not in str(entry)
    actions = {e["action"] for e in client.get("/api/admin/audit-log").json()["entries"]}
    assert {"user.add", "login", "user.update"} <= actions
    html = client.get("/admin/audit-log").text
    assert "user.update" in html and "working_group" in html


def test_a_bad_change_writes_nothing(client: TestClient, sign_in: Callable[..., TestClient]) -> None:
    sign_in("admin", name="boss")
    response = client.post(
        "/admin/users/boss",
        data={"role": "public", "csrf_token": csrf_from(client, "/")},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 422 and response.json()["error"] == "BAD_ROLE"  # the last admin stays
    assert client.get("/api/admin/audit-log", params={"action": "user.update"}).json()["total"] == 0
    assert client.get("/api/me").json()["role"] == "admin"


def test_a_deactivated_user_is_signed_out(
    web_app: FastAPI, client: TestClient, sign_in: Callable[..., TestClient]
) -> None:
    sign_in("analyst", name="ana")
    with session_scope(web_app.state.engine) as session:
        get_user(session, "ana").active = False
    assert client.get("/api/me").json()["signed_in"] is False


def test_one_time_password_leads_to_choosing_one(
    web_app: FastAPI, client: TestClient, make_user: Callable[..., str]
) -> None:
    from charterwatch.web.users import add_user

    with session_scope(web_app.state.engine) as session:
        _, one_time = add_user(session, "new", role="public")
    assert one_time is not None
    data = {"name": "new", "password": one_time, "csrf_token": csrf_from(client)}
    assert client.post("/login", data=data, follow_redirects=False).headers["location"] == "/account/password"
    assert "choose your own" in client.get("/").text
    form = {
        "current": one_time,
        "new": "my own long password",
        "csrf_token": csrf_from(client, "/account/password"),
    }
    assert client.post("/account/password", data=form, follow_redirects=False).status_code == 303
    assert "choose your own" not in client.get("/").text
    client.post("/logout", data={"csrf_token": csrf_from(client, "/")})
    data = {"name": "new", "password": "my own long password", "csrf_token": csrf_from(client)}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303


def test_login_is_rate_limited(client: TestClient) -> None:
    statuses = []
    for _ in range(7):
        data = {"name": "nobody", "password": "wrong password", "csrf_token": csrf_from(client)}
        statuses.append(client.post("/login", data=data, headers={"Accept": "application/json"}))
    assert [r.status_code for r in statuses] == [401] * 5 + [429] * 2
    assert statuses[-1].json()["error"] == "RATE_LIMITED" and int(statuses[-1].headers["retry-after"]) >= 1


def test_limits_on_bodies_queries_and_pages(client: TestClient) -> None:
    big = client.post(
        "/login", content=b"x" * 1_000_001, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert big.status_code == 413 and big.json()["error"] == "BODY_TOO_LARGE"

    def chunks() -> object:
        yield from (b"y" * 100_000 for _ in range(11))

    streamed = client.post(
        "/login", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )  # type: ignore[arg-type]
    assert streamed.status_code == 413
    assert client.get("/api/texts", params={"x": "z" * 2_001}).status_code == 414
    long_search = client.get("/api/search", params={"q": "слово " * 40})
    assert long_search.status_code == 422 and long_search.json()["error"] == "BAD_QUERY"
    too_many = client.get("/api/search", params={"q": "право", "limit": 501})
    assert too_many.status_code == 422 and too_many.json()["error"] == "BAD_REQUEST"
    assert len(client.get("/api/search", params={"q": "право", "limit": 3}).json()["hits"]) == 3


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/texts/XX@2000", 404, "VERSION_NOT_FOUND"),
        ("/api/texts/KZ@1995", 409, "AMBIGUOUS_REF"),
        ("/api/texts/not-a-ref", 422, "BAD_REF"),
        ("/api/texts/KZ@2026/articles/9999", 404, "ARTICLE_NOT_FOUND"),
        ("/api/audit/KZ@2026?verdict=maybe", 422, "BAD_FORMAT"),
        ("/api/search?offset=-1", 422, "BAD_REQUEST"),
        ("/api/nowhere", 404, "PAGE_NOT_FOUND"),
    ],
)
def test_errors_have_their_catalogue_status_and_one_line(
    client: TestClient, url: str, status: int, code: str
) -> None:
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert body["error"] == code and "\n" not in body["message"]
    html = client.get(url.removeprefix("/api"), headers={"Accept": "text/html"})
    assert html.status_code == status and html.headers["content-type"].startswith("text/html")


def test_pages_send_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    docs = client.get("/docs")  # Swagger UI comes from its CDN with an inline script: allowed there only
    assert docs.status_code == 200 and "https://cdn.jsdelivr.net" in docs.headers["content-security-policy"]
    assert "cdn.jsdelivr.net" not in headers["content-security-policy"]


def test_roles_are_the_catalogue(client: TestClient) -> None:
    assert ROLES == ("admin", "analyst", "working_group", "public")
    assert client.get("/static/vendor/htmx.min.js").status_code == 200
