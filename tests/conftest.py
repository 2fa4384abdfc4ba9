"""Fixtures shared by every test module: a fresh store per test (SQLite, and PostgreSQL when one is given).

``db_url`` runs a test once on SQLite and once on PostgreSQL; the PostgreSQL run is marked ``postgres`` and
skipped unless ``CHARTERWATCH_TEST_PG_URL`` names a server (``source .ci/start-postgres.sh`` starts one). Each
test gets its own database: a file in ``tmp_path``, or a new PostgreSQL database dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url
from sqlalchemy.orm import Session

from charterwatch.store.db import open_store, session_scope

pytest_plugins = (
    "web_fixtures",
    "e2e_fixtures",
    "consult_fixtures",
)  # the web app's (tests/web_fixtures.py) and browser tests' fixtures

PG_ENV_VAR = "CHARTERWATCH_TEST_PG_URL"
SHARED_DIR = Path(os.environ.get("CHARTERWATCH_SHARED", Path(__file__).resolve().parents[2] / "shared"))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite store file of this test's own (not created until something opens it)."""
    return f"sqlite:///{tmp_path / 'charterwatch.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server, dropped after the test."""
    server = os.environ.get(PG_ENV_VAR)
    if not server:
        pytest.skip(f"{PG_ENV_VAR} is not set (source .ci/start-postgres.sh)")
    name = f"cw_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty store URL, once per backend."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(fixture)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a fresh store migrated to the current schema."""
    store = open_store(db_url)
    yield store
    store.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session in one transaction, committed after the test."""
    with session_scope(engine) as store_session:
        yield store_session


@pytest.fixture
def shared_dir() -> Path:
    """The project's shared data (``shared/`` beside the checkout, or ``$CHARTERWATCH_SHARED``)."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"no shared data directory at {SHARED_DIR}")
    return SHARED_DIR
