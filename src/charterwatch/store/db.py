"""Where the store lives and how to open it: URLs, engines, transactions and schema migrations.

One store is one SQLAlchemy URL: a SQLite file for a monitor's laptop, PostgreSQL for a shared server. The
schema is owned by the Alembic revisions shipped inside the package, so ``open_store`` works the same from a
checkout, a wheel or a zipapp-free site-packages install.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from charterwatch.errors import CharterwatchError, E

DEFAULT_URL: Final = "sqlite:///./charterwatch.db"
SQLITE_BUSY_TIMEOUT_MS: Final = 10_000
MIGRATIONS_DIR: Final = Path(__file__).resolve().parent / "migrations"
_HOLDS_WRITE_LOCK: Final = "charterwatch_holds_write_lock"
# The execution option that marks a connection as a writer's: on SQLite its transactions begin IMMEDIATE.
WRITE_OPTION: Final = "charterwatch_write"


@dataclass(frozen=True)
class PoolPlan:
    """How many connections a server process keeps, and how long a statement or an idle transaction may last.

    A web server sizes the pool to its worker threads (``web/settings.py``), so a thread never waits for a
    connection that another thread's transaction holds. On PostgreSQL the timeouts are set on each connection,
    so a stuck statement ends and a transaction left open cannot keep its row locks (``idle in transaction``).
    """

    size: int = 5
    overflow: int = 10
    wait_s: float = 30.0
    statement_timeout_s: float | None = None
    idle_in_transaction_s: float | None = None


def resolve_url(explicit: str | None) -> str:
    """The store URL: ``--db`` wins, then ``$CHARTERWATCH_DB`` or ``db`` in the config file, then ``./charterwatch.db``.

    A bare path becomes a SQLite URL and ``postgresql://`` gets the psycopg 3 driver, so users can paste what
    they have.
    """
    from charterwatch.settings import settings  # pydantic-settings only when a command opens the store

    value = explicit or settings().db or DEFAULT_URL
    if "://" not in value:
        return f"sqlite:///{value}"
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    return value


def make_engine(url: str, *, pool: PoolPlan | None = None) -> Engine:
    """An engine for ``url``; SQLite connections get WAL, foreign keys, a busy timeout and real transactions.

    ``pool`` sizes the connection pool and sets PostgreSQL's statement and idle-transaction timeouts.
    """
    options: dict[str, Any] = {"pool_pre_ping": not url.startswith("sqlite")}
    if pool is not None and make_url(url).database not in (None, "", ":memory:"):
        options |= {"pool_size": pool.size, "max_overflow": pool.overflow, "pool_timeout": pool.wait_s}
        if url.startswith("postgresql"):
            options["connect_args"] = {"options": _postgres_timeouts(pool)}
    try:
        engine = create_engine(url, **options)
    except (ArgumentError, ValueError) as e:
        raise CharterwatchError(E.DB_UNREACHABLE, url=_safe(url), reason=str(e)) from e
    except ModuleNotFoundError as e:
        reason = f"missing driver {e.name!r}; for PostgreSQL install 'charterwatch[postgres]'"
        raise CharterwatchError(E.DB_UNREACHABLE, url=_safe(url), reason=reason) from e
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    in_memory = engine.url.database in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions start, so DDL is transactional.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    writers = threading.Lock()  # this process's writers queue here, in turn, instead of polling SQLite

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A writer takes the write lock first and waits for it up to the busy timeout. A deferred transaction
        # that reads and then writes gets SQLITE_BUSY_SNAPSHOT at once, without waiting, when another
        # connection committed since its read: that cannot be retried inside the transaction.
        if not connection.get_execution_options().get(WRITE_OPTION, False):
            connection.exec_driver_sql("BEGIN")
            return
        # SQLite's busy handler retries by sleeping up to 100 ms at a time, so twenty threads polling for the
        # lock let it sit idle between writers; a lock in the process hands it on at once. Other processes
        # (another worker, the CLI) still meet at SQLite's lock, with the busy timeout.
        if not writers.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
            raise OperationalError("BEGIN IMMEDIATE", None, sqlite3.OperationalError("database is locked"))
        connection.info[_HOLDS_WRITE_LOCK] = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _release(connection.info)
            raise

    def _release(info: dict[Any, Any]) -> None:
        if info.pop(_HOLDS_WRITE_LOCK, False):
            writers.release()

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _on_end(connection: Connection) -> None:
        _release(connection.info)

    @event.listens_for(engine.pool, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:  # a connection given back without its transaction's end: never keep the lock
            _release(record.info)


def _postgres_timeouts(pool: PoolPlan) -> str:
    settings = {
        "statement_timeout": pool.statement_timeout_s,
        "idle_in_transaction_session_timeout": pool.idle_in_transaction_s,
    }
    return " ".join(f"-c {name}={int(s * 1000)}" for name, s in settings.items() if s is not None)


def bind_for(engine: Engine, *, write: bool) -> Engine:
    """``engine`` for a writer (its transactions begin IMMEDIATE on SQLite) or a reader (deferred)."""
    return engine.execution_options(**{WRITE_OPTION: write})


@contextmanager
def session_scope(engine: Engine, *, write: bool = True) -> Iterator[Session]:
    """One unit of work: committed if the block succeeds, rolled back whole if anything raises.

    A writer's transaction holds SQLite's one write lock from its first statement to its commit, so keep slow
    work (password hashing, parsing) outside it; ``write=False`` is for blocks that only read.
    """
    session = Session(bind_for(engine, write=write), expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def head_revision() -> str:
    """The newest schema revision this installation ships."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no Alembic revisions in {MIGRATIONS_DIR}")
    return head


@cache
def _known_revisions() -> frozenset[str]:
    return frozenset(
        script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()
    )


def _connect(engine: Engine) -> Connection:
    try:
        return engine.connect()
    except DBAPIError as e:
        raise _unreachable(engine, e) from e


def _run(engine: Engine, action: str, revision: str) -> None:
    config = _alembic_config()
    with _connect(bind_for(engine, write=True)) as connection, connection.begin():
        config.attributes["connection"] = connection
        try:
            getattr(command, action)(config, revision)
        finally:
            del config.attributes["connection"]


def upgrade(url: str, rev: str = "head") -> None:
    """Migrate the store at ``url`` up to ``rev``."""
    engine = make_engine(url)
    try:
        _run(engine, "upgrade", rev)
    finally:
        engine.dispose()


def downgrade(url: str, rev: str = "base") -> None:
    """Migrate the store at ``url`` down to ``rev``; ``base`` drops every table charterwatch made."""
    engine = make_engine(url)
    try:
        _run(engine, "downgrade", rev)
    finally:
        engine.dispose()


def current_revision(url: str) -> str | None:
    """The schema revision the store is at, or None for an empty database."""
    engine = make_engine(url)
    try:
        return _current(engine)
    finally:
        engine.dispose()


def _current(engine: Engine) -> str | None:
    with _connect(engine) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def open_store(url: str, *, migrate: bool = True, pool: PoolPlan | None = None) -> Engine:
    """An engine on a store at the current schema: migrated up if needed, or ``DB_NOT_MIGRATED`` if not allowed."""
    engine = make_engine(url, pool=pool)
    try:
        current = _current(engine)
        if current is not None and current not in _known_revisions():
            reason = f"its schema ({current}) is newer than this charterwatch; upgrade charterwatch"
            raise CharterwatchError(E.DB_UNREACHABLE, url=_safe(url), reason=reason)
        if current != head_revision():
            if not migrate:
                raise CharterwatchError(E.DB_NOT_MIGRATED, url=_safe(url))
            _run(engine, "upgrade", "head")
    except BaseException:
        engine.dispose()
        raise
    return engine


def _unreachable(engine: Engine, error: SQLAlchemyError) -> CharterwatchError:
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    return CharterwatchError(E.DB_UNREACHABLE, url=str(engine.url), reason=reason)


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
