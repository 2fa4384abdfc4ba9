"""Sessions end everywhere on sign-out, password change and disabling; one-time passwords open nothing else;
a user's fields change one at a time; credential endpoints are rate limited; a crash keeps the error format."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from fastapi import FastAPI
from fastapi.testclient import TestClient

from charterwatch.store.db import session_scope
from charterwatch.web.tokens import issue_token
from charterwatch.web.users import add_user, get_user, set_active
from web_fixtures import PASSWORD, csrf_from

JSON = {"Accept": "application/json"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _signed_in_client(app: FastAPI, name: str, password: str = PASSWORD) -> TestClient:
    client = TestClient(app)
    data = {"name": name, "password": password, "csrf_token": csrf_from(client)}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303
    return client


def _me(client: TestClient) -> str | None:
    name: str | None = client.get("/api/me").json()["name"]
    return name


def test_signing_out_ends_every_session_of_the_user_and_an_old_cookie(
    web_app: FastAPI, make_user: Callable[..., str]
) -> None:
    make_user("boss", "admin")
    laptop, phone = _signed_in_client(web_app, "boss"), _signed_in_client(web_app, "boss")
    stolen = laptop.cookies["charterwatch_session"]
    assert _me(laptop) == _me(phone) == "boss"
    out = laptop.post("/logout", data={"csrf_token": csrf_from(laptop, "/")}, follow_redirects=False)
    assert out.status_code == 303
    assert _me(laptop) is None and _me(phone) is None
    replayed = TestClient(web_app, cookies={"charterwatch_session": stolen})
    assert replayed.get("/api/admin/users").status_code == 403 and _me(replayed) is None
    again = _signed_in_client(web_app, "boss")  # signing in afresh works, under the new generation
    assert _me(again) == "boss" and _me(phone) is None


def test_changing_the_password_ends_the_other_sessions_but_not_this_one(
    web_app: FastAPI, make_user: Callable[..., str]
) -> None:
    make_user("ana", "analyst")
    here, elsewhere = _signed_in_client(web_app, "ana"), _signed_in_client(web_app, "ana")
    form = {
        "current": PASSWORD,
        "new": "a brand new password",
        "csrf_token": csrf_from(here, "/account/password"),
    }
    assert here.post("/account/password", data=form, follow_redirects=False).status_code == 303
    assert _me(here) == "ana" and _me(elsewhere) is None
    assert _me(_signed_in_client(web_app, "ana", "a brand new password")) == "ana"


def test_disabling_ends_sessions_for_good_even_when_enabled_again(
    web_app: FastAPI, make_user: Callable[..., str]
) -> None:
    make_user("ana", "analyst")
    ana = _signed_in_client(web_app, "ana")
    with session_scope(web_app.state.engine) as session:
        set_active(session, "ana", active=False)
    with session_scope(web_app.state.engine) as session:
        set_active(session, "ana", active=True)
    assert _me(ana) is None


def test_a_one_time_password_opens_nothing_but_choosing_ones_own(web_app: FastAPI) -> None:
    with session_scope(web_app.state.engine) as session:
        add_user(session, "keeper", role="admin", password="the keeper's password")
        _, one_time = add_user(session, "fresh", role="admin")
        token = issue_token(session, get_user(session, "fresh"))
    assert one_time is not None
    fresh = _signed_in_client(web_app, "fresh", one_time)
    for path in ("/api/admin/users", "/api/texts", "/api/admin/audit-log"):
        refused = fresh.get(path)
        assert refused.status_code == 403 and refused.json()["error"] == "PASSWORD_CHANGE_REQUIRED", path
        assert refused.headers["x-frame-options"] == "DENY"
    page = fresh.get("/admin/users", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/account/password"
    edit = fresh.post(
        "/admin/users/keeper",
        data={"active": "false", "csrf_token": csrf_from(fresh, "/account/password")},
        headers=JSON,
    )
    assert edit.status_code == 403 and edit.json()["error"] == "PASSWORD_CHANGE_REQUIRED"
    bearer = {"Authorization": f"Bearer {token}"}
    assert fresh.get("/api/texts", headers=bearer).json()["error"] == "PASSWORD_CHANGE_REQUIRED"
    assert _me(fresh) == "fresh"  # who you are stays answerable
    form = {
        "current": one_time,
        "new": "fresh's own password",
        "csrf_token": csrf_from(fresh, "/account/password"),
    }
    assert fresh.post("/account/password", data=form, follow_redirects=False).status_code == 303
    assert fresh.get("/api/admin/users").status_code == 200
    assert fresh.get("/api/texts", headers=bearer).status_code == 200
    with session_scope(web_app.state.engine) as session:
        assert get_user(session, "keeper").active  # the refused edit wrote nothing


def test_changing_one_field_of_a_user_leaves_the_others(
    client: TestClient, sign_in: Callable[..., TestClient], make_user: Callable[..., str]
) -> None:
    sign_in("admin", name="boss")
    make_user("wg", "working_group", group="Rights")
    make_user("ana", "analyst")

    def edit(name: str, **fields: str) -> dict[str, object]:
        response = client.post(
            f"/admin/users/{name}", data={**fields, "csrf_token": csrf_from(client, "/")}, headers=JSON
        )
        assert response.status_code == 200, response.text
        state: dict[str, object] = response.json()
        return state

    assert edit("ana", role="public") == {
        "name": "ana",
        "role": "public",
        "working_group": None,
        "active": True,
        "must_change_password": False,
    }
    assert edit("wg", working_group="Courts")["role"] == "working_group"
    moved = edit("wg", role="analyst")  # the group goes with the role
    assert moved["working_group"] is None and moved["active"] is True
    assert edit("ana", active="false")["role"] == "public"
    assert edit("ana", active="true")["active"] is True
    html = client.post(  # as the admin page's form posts an unticked "may sign in"
        "/admin/users/ana",
        content=urlencode(
            [
                ("role", "public"),
                ("working_group", ""),
                ("active", "false"),
                ("csrf_token", csrf_from(client, "/")),
            ]
        ),
        headers=FORM,
        follow_redirects=False,
    )
    assert html.status_code == 303
    assert client.get("/api/admin/users").json()["users"][0] == {
        "name": "ana",
        "role": "public",
        "working_group": None,
        "active": False,
        "must_change_password": False,
    }
    ticked = [
        ("role", "public"),
        ("active", "false"),
        ("active", "true"),
        ("csrf_token", csrf_from(client, "/")),
    ]
    answer = client.post("/admin/users/ana", content=urlencode(ticked), headers={**FORM, **JSON})
    assert answer.json()["active"] is True


def test_choosing_a_password_is_rate_limited(client: TestClient, sign_in: Callable[..., TestClient]) -> None:
    sign_in("public", name="pat")
    statuses = []
    for _ in range(6):
        form = {
            "current": "not my password",
            "new": "whatever it is now",
            "csrf_token": csrf_from(client, "/"),
        }
        statuses.append(client.post("/account/password", data=form, headers=JSON))
    assert [r.status_code for r in statuses] == [401] * 5 + [429]
    assert statuses[-1].json()["error"] == "RATE_LIMITED" and int(statuses[-1].headers["retry-after"]) >= 1


def test_a_route_that_raises_answers_the_error_format_with_the_security_headers(web_app: FastAPI) -> None:
    def broken() -> None:
        raise RuntimeError("a secret value from the store")

    web_app.add_api_route("/api/broken", broken)
    web_app.add_api_route("/broken", broken)
    with TestClient(web_app, raise_server_exceptions=False) as client:
        api = client.get("/api/broken")
        assert api.status_code == 500 and api.json()["error"] == "INTERNAL_ERROR"
        assert "secret" not in api.text and "\n" not in api.json()["message"]
        page = client.get("/broken", headers={"Accept": "text/html"})
        assert page.status_code == 500 and "INTERNAL_ERROR" in page.text and "secret" not in page.text
        for response in (api, page):
            assert "script-src 'self'" in response.headers["content-security-policy"]
            assert response.headers["x-content-type-options"] == "nosniff"


def test_a_wrong_method_answers_the_error_format(client: TestClient) -> None:
    page = client.get("/logout", headers={"Accept": "text/html"})
    assert page.status_code == 405 and "METHOD_NOT_ALLOWED" in page.text and page.headers["allow"] == "POST"
    api = client.put("/api/texts")
    assert api.status_code == 405 and api.json()["error"] == "METHOD_NOT_ALLOWED"
    assert "script-src 'self'" in page.headers["content-security-policy"]
