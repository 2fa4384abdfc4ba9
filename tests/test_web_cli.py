"""``charterwatch user ...`` and the demo's admin: users made from the command line sign in to the web app."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient

from charterwatch.cli.app import run
from charterwatch.web.app import create_app
from charterwatch.web.settings import WebSettings
from web_fixtures import TEST_SECRET, csrf_from


def _sign_in(client: TestClient, name: str, password: str) -> int:
    data = {"name": name, "password": password, "csrf_token": csrf_from(client)}
    return client.post("/login", data=data, follow_redirects=False).status_code


def test_user_add_prints_a_one_time_password_that_signs_in(
    web_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", web_db_url, "user", "add", "ana", "--role", "analyst"]) == 0
    password = re.search(r"one-time password: (\S+)", capsys.readouterr().out)
    assert password is not None
    app = create_app(db_url=web_db_url, settings=WebSettings(secret_key=TEST_SECRET, secure_cookies=False))
    with TestClient(app) as client:
        response = client.post(
            "/login",
            data={"name": "ana", "password": password.group(1), "csrf_token": csrf_from(client)},
            follow_redirects=False,
        )
        assert response.status_code == 303 and response.headers["location"] == "/account/password"
        assert client.get("/api/me").json() == {
            "name": "ana",
            "role": "analyst",
            "working_group": None,
            "signed_in": True,
        }
    app.state.engine.dispose()


def test_user_add_reads_a_password_lists_and_makes_tokens(
    web_db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    argv = ["--db", web_db_url, "user", "add", "wg1", "--role", "working_group", "--group", "Rights"]
    assert run([*argv, "--password-stdin"]) == 0
    assert "one-time" not in capsys.readouterr().out
    assert run(["--db", web_db_url, "user", "list"]) == 0
    assert re.search(r"wg1\s+working_group\s+Rights", capsys.readouterr().out)
    assert run(["--db", web_db_url, "user", "token", "wg1"]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("cw_")
    app = create_app(db_url=web_db_url, settings=WebSettings(secret_key=TEST_SECRET, secure_cookies=False))
    with TestClient(app) as client:
        me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()
        assert me["name"] == "wg1" and me["working_group"] == "Rights"
        assert _sign_in(client, "wg1", "a long enough password") == 303
    app.state.engine.dispose()


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["user", "add", "x", "--role", "king"], "BAD_ROLE"),
        (["user", "add", "x", "--role", "working_group"], "BAD_ROLE"),
        (["user", "add", "bad name", "--role", "public"], "BAD_USER_NAME"),
        (["user", "token", "nobody"], "USER_NOT_FOUND"),
    ],
)
def test_user_errors_are_one_line(
    web_db_url: str, capsys: pytest.CaptureFixture[str], argv: list[str], code: str
) -> None:
    assert run(["--db", web_db_url, *argv]) in (2, 3)
    err = capsys.readouterr().err
    assert code in err and len(err.strip().splitlines()) == 1


def test_a_second_user_of_the_same_name_is_refused(
    web_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", web_db_url, "user", "add", "ana", "--role", "public"]) == 0
    assert run(["--db", web_db_url, "user", "add", "ana", "--role", "admin"]) == 3
    assert "USER_EXISTS" in capsys.readouterr().err


def test_demo_makes_one_admin_whose_password_signs_in(
    web_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", web_db_url, "demo"]) == 0
    password = re.search(r"sign in as admin with the one-time password (\S+)", capsys.readouterr().out)
    assert password is not None
    assert run(["--db", web_db_url, "demo"]) == 0
    assert "an admin exists already" in capsys.readouterr().out
    app = create_app(db_url=web_db_url, settings=WebSettings(secret_key=TEST_SECRET, secure_cookies=False))
    with TestClient(app) as client:
        assert _sign_in(client, "admin", password.group(1)) == 303
        refused = client.get("/api/admin/users")  # the one-time password opens nothing but choosing one
        assert refused.status_code == 403 and refused.json()["error"] == "PASSWORD_CHANGE_REQUIRED"
        page = client.get("/admin/users", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/account/password"
        form = {"current": password.group(1), "new": "the admin's own password"}
        changed = client.post(
            "/account/password", data={**form, "csrf_token": csrf_from(client, "/account/password")}
        )
        assert changed.status_code == 200
        assert client.get("/api/admin/users").json()["users"][0]["role"] == "admin"
    app.state.engine.dispose()


def test_user_tokens_are_listed_revoked_and_expire_from_the_command_line(web_db_url: str) -> None:
    from typer.testing import CliRunner

    from charterwatch.cli.app import app as cli

    runner = CliRunner()
    db = ["--db", web_db_url]
    assert runner.invoke(cli, [*db, "user", "add", "ana", "--role", "analyst"]).exit_code == 0
    made = runner.invoke(cli, [*db, "user", "token", "ana", "--expires-days", "7"])
    assert made.exit_code == 0 and "expires" in made.stderr
    dated = made.stdout.strip()
    plain = runner.invoke(cli, [*db, "user", "token", "new", "ana"]).stdout.strip()
    assert dated.startswith("cw_") and plain.startswith("cw_") and dated[:10] in made.stderr
    listing = runner.invoke(cli, [*db, "user", "tokens", "ana"]).stdout
    assert dated not in listing and plain not in listing
    rows = {line.split("\t")[2]: line.split("\t") for line in listing.splitlines()[1:]}
    assert rows[dated[:10]][5] != "-" and rows[dated[:10]][6] == "active" and rows[plain[:10]][5] == "-"
    app = create_app(db_url=web_db_url, settings=WebSettings(secret_key=TEST_SECRET, secure_cookies=False))
    with TestClient(app) as client:
        for token in (dated, plain):
            assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        revoked = runner.invoke(cli, [*db, "user", "token", "revoke", dated[:10]])
        assert revoked.exit_code == 0 and "revoked" in revoked.stdout
        assert client.get("/api/me", headers={"Authorization": f"Bearer {dated}"}).status_code == 401
        assert runner.invoke(cli, [*db, "user", "token", "revoke", rows[plain[:10]][0]]).exit_code == 0
        assert client.get("/api/me", headers={"Authorization": f"Bearer {plain}"}).status_code == 401
    app.state.engine.dispose()
    states = [
        line.split("\t")[6] for line in runner.invoke(cli, [*db, "user", "tokens"]).stdout.splitlines()[1:]
    ]
    assert states == ["revoked", "revoked"]


def test_user_disable_ends_sessions_and_tokens_at_once(web_db_url: str) -> None:
    from typer.testing import CliRunner

    from charterwatch.cli.app import app as cli

    runner = CliRunner()
    db = ["--db", web_db_url]
    runner.invoke(
        cli, [*db, "user", "add", "ana", "--role", "analyst", "--password-stdin"], input="a long password\n"
    )
    token = runner.invoke(cli, [*db, "user", "token", "ana"]).stdout.strip()
    app = create_app(db_url=web_db_url, settings=WebSettings(secret_key=TEST_SECRET, secure_cookies=False))
    with TestClient(app) as client:
        assert _sign_in(client, "ana", "a long password") == 303
        assert client.get("/api/me").json()["signed_in"] is True
        assert runner.invoke(cli, [*db, "user", "disable", "ana"]).stdout.strip() == "user ana disabled"
        assert client.get("/api/me").json()["signed_in"] is False
        assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
        assert _sign_in(client, "ana", "a long password") == 401
        assert "(inactive)" in runner.invoke(cli, [*db, "user", "list"]).stdout
        assert runner.invoke(cli, [*db, "user", "enable", "ana"]).exit_code == 0
        assert _sign_in(client, "ana", "a long password") == 303
    app.state.engine.dispose()


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["user", "token", "revoke", "cw_nothere"], "TOKEN_NOT_FOUND"),
        (["user", "token", "revoke", "12345"], "TOKEN_NOT_FOUND"),
        (["user", "disable", "nobody"], "USER_NOT_FOUND"),
        (["user", "tokens", "nobody"], "USER_NOT_FOUND"),
    ],
)
def test_token_and_disable_errors_are_one_line(
    web_db_url: str, capsys: pytest.CaptureFixture[str], argv: list[str], code: str
) -> None:
    assert run(["--db", web_db_url, *argv]) == 3
    err = capsys.readouterr().err
    assert code in err and len(err.strip().splitlines()) == 1


def test_the_last_admin_cannot_be_disabled(web_db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", web_db_url, "user", "add", "boss", "--role", "admin"]) == 0
    assert run(["--db", web_db_url, "user", "disable", "boss"]) == 2
    assert "last admin" in capsys.readouterr().err
