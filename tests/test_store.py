"""The store: URLs, engine settings, transactions and migrations on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from charterwatch.errors import CharterwatchError, E
from charterwatch.store import (
    Base,
    Document,
    current_revision,
    downgrade,
    make_engine,
    open_store,
    resolve_url,
    session_scope,
    upgrade,
)
from charterwatch.store.db import head_revision
from charterwatch.store.fts import is_search_object
from charterwatch.store.models import load_model_modules

TABLES = {"document", "version", "provision"}


def test_resolve_url_prefers_explicit_then_env_then_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHARTERWATCH_DB", raising=False)
    assert resolve_url(None) == "sqlite:///./charterwatch.db"
    monkeypatch.setenv("CHARTERWATCH_DB", "sqlite:////srv/env.db")
    assert resolve_url(None) == "sqlite:////srv/env.db"
    assert resolve_url("sqlite:///explicit.db") == "sqlite:///explicit.db"


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("store.db", "sqlite:///store.db"),
        ("/var/lib/cw/store.db", "sqlite:////var/lib/cw/store.db"),
        ("postgresql://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgres://h/db", "postgresql+psycopg://h/db"),
        ("postgresql+psycopg://h/db", "postgresql+psycopg://h/db"),
    ],
)
def test_resolve_url_normalises(given: str, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url(given) == url
    monkeypatch.setenv("CHARTERWATCH_DB", given)
    assert resolve_url(None) == url


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    engine.dispose()


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////nonexistent-dir/sub/charterwatch.db",
        "postgresql+psycopg://nobody@127.0.0.1:1/nothing?connect_timeout=2",
        "nosuchdb://host/x",
    ],
)
def test_unreachable_database_is_a_coded_error(url: str) -> None:
    with pytest.raises(CharterwatchError) as caught:
        open_store(url)
    assert caught.value.code is E.DB_UNREACHABLE


def test_password_is_not_shown_in_errors() -> None:
    with pytest.raises(CharterwatchError) as caught:
        open_store("postgresql+psycopg://user:s3cret@127.0.0.1:1/db?connect_timeout=2")
    assert "s3cret" not in str(caught.value)


def test_migrations_up_and_down(db_url: str) -> None:
    assert current_revision(db_url) is None
    upgrade(db_url)
    assert current_revision(db_url) == head_revision()
    engine = make_engine(db_url)
    try:
        assert set(inspect(engine).get_table_names()) >= TABLES
        assert _search_objects(engine)
        downgrade(db_url)
        assert current_revision(db_url) is None
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        assert _search_objects(engine) == set()
        upgrade(db_url)
        assert current_revision(db_url) == head_revision()
    finally:
        engine.dispose()


def _search_objects(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name LIKE 'provision_fts%'"
            )
        else:
            rows = connection.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE indexname IN"
                " ('ix_provision_text_fts', 'ix_provision_search_forms', 'ix_provision_search_lemmas')"
            )
        return {row[0] for row in rows}


def test_models_match_the_migrations(engine: Engine) -> None:
    load_model_modules()
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"include_object": lambda obj, name, type_, reflected, other: not is_search_object(name)},
        )
        assert compare_metadata(context, Base.metadata) == []


def test_open_store_migrates_once_and_can_refuse(db_url: str) -> None:
    with pytest.raises(CharterwatchError) as caught:
        open_store(db_url, migrate=False)
    assert caught.value.code is E.DB_NOT_MIGRATED
    open_store(db_url).dispose()
    open_store(db_url).dispose()
    open_store(db_url, migrate=False).dispose()
    assert current_revision(db_url) == head_revision()


def test_a_store_from_a_newer_charterwatch_is_refused(engine: Engine, db_url: str) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    with pytest.raises(CharterwatchError) as caught:
        open_store(db_url)
    assert caught.value.code is E.DB_UNREACHABLE
    assert "newer" in str(caught.value)


def test_session_scope_commits(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(Document(jurisdiction="KZ", work_date="1995", frbr_work="/akn/kz/act/1995/constitution"))
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1


def test_session_scope_rolls_back_everything_on_error(engine: Engine) -> None:
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        session.add(Document(jurisdiction="KZ", work_date="1995", frbr_work="/akn/kz/act/1995/constitution"))
        session.flush()
        session.add(Document(jurisdiction="RU", work_date="1993", frbr_work="/akn/ru/act/1993/constitution"))
        session.flush()
        raise RuntimeError("boom")
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(IntegrityError, match=r"(?i)foreign key"), session_scope(engine) as session:
        session.execute(
            text(
                "INSERT INTO version (document_id, label, lang, status, source, source_format, checksum,"
                " source_text, parser, frbr_expression) VALUES (999, 'x', 'ru', 'draft', 's', 'txt', 'c', '',"
                " 'p', 'e')"
            )
        )


def test_migrations_are_shipped_as_package_data() -> None:
    root = Path(__file__).resolve().parents[1]
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    migrations = root / "src" / "charterwatch" / "store" / "migrations"
    assert (migrations / "env.py").is_file()
    assert list((migrations / "versions").glob("*.py"))
    for pattern in ("store/migrations/*.py", "store/migrations/versions/*.py"):
        assert pattern in pyproject
