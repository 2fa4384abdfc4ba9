"""Fixtures for the web app's tests: the bundled corpus loaded once per session, a fresh copy of it per test.

``tests/conftest.py`` loads this module as a plugin, so every test may ask for these fixtures by name.
``client`` is a FastAPI ``TestClient`` over an app whose store is a private copy of the loaded corpus (with the
KZ 1995 → 2026 comparison stored), so a test may write freely; copying the file takes milliseconds where
loading takes seconds.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from charterwatch.store.db import open_store, session_scope
from charterwatch.texts.compare.service import compare_refs
from charterwatch.texts.importer import load_corpus
from charterwatch.web.app import create_app
from charterwatch.web.settings import WebSettings
from charterwatch.web.users import add_user

SHOWCASE = ("KZ@1995-ru", "KZ@2026")
TEST_SECRET = "a-test-secret-key-of-some-length"
PASSWORD = "correct horse battery"
_CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session")
def corpus_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store with the nine bundled versions and the showcase comparison, made once per session."""
    path = tmp_path_factory.mktemp("web-store") / "corpus.db"
    engine = open_store(f"sqlite:///{path}")
    try:
        load_corpus(engine)
        compare_refs(engine, *SHOWCASE)
    finally:
        engine.dispose()  # the last connection closing folds the WAL into the file, so one file is the store
    return path


@pytest.fixture
def web_db_url(corpus_store_file: Path, tmp_path: Path) -> str:
    """This test's own copy of the corpus store."""
    copy = tmp_path / "web.db"
    shutil.copyfile(corpus_store_file, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def web_settings() -> WebSettings:
    # TestClient speaks plain http to "testserver", where the default would mark the cookie Secure
    return WebSettings(secret_key=TEST_SECRET, rate_limit=5, rate_window_s=60, secure_cookies=False)


@pytest.fixture
def web_app(web_db_url: str, web_settings: WebSettings) -> Iterator[FastAPI]:
    app = create_app(db_url=web_db_url, settings=web_settings)
    yield app
    engine: Engine = app.state.engine
    engine.dispose()


@pytest.fixture
def client(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app) as test_client:
        yield test_client


@pytest.fixture
def make_user(web_app: FastAPI) -> Callable[..., str]:
    """``make_user("ana", "analyst")`` adds a user whose password is ``PASSWORD``; returns the name."""

    def make(name: str, role: str, *, group: str | None = None) -> str:
        with session_scope(web_app.state.engine) as session:
            add_user(session, name, role=role, working_group=group, password=PASSWORD)
        return name

    return make


def csrf_from(client: TestClient, path: str = "/login") -> str:
    """The session's CSRF token, as a page's form carries it."""
    found = _CSRF_FIELD.search(client.get(path).text)
    assert found is not None, f"no CSRF field on {path}"
    return found.group(1)


@pytest.fixture
def sign_in(client: TestClient, make_user: Callable[..., str]) -> Callable[..., TestClient]:
    """``sign_in("analyst")`` makes a user of that role and signs the client in as them."""

    def do(role: str, *, name: str | None = None, group: str | None = None) -> TestClient:
        user = make_user(name or f"{role}-user", role, group=group)
        response = client.post(
            "/login",
            data={"name": user, "password": PASSWORD, "csrf_token": csrf_from(client)},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        return client

    return do
