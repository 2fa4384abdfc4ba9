"""Alembic environment: runs on the connection ``charterwatch.store.db`` hands over, or on ``$CHARTERWATCH_DB``.

From the command line (``alembic -c src/charterwatch/store/alembic.ini ...``) the URL is taken from
``-x db=URL``, then ``$CHARTERWATCH_DB``, as everywhere else in charterwatch.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from charterwatch.store.db import make_engine, resolve_url
from charterwatch.store.fts import is_search_object
from charterwatch.store.models import Base, load_model_modules

load_model_modules()


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=lambda obj, name, type_, reflected, compare_to: not is_search_object(name),
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = make_engine(resolve_url(context.get_x_argument(as_dictionary=True).get("db")))
    try:
        with engine.connect() as fresh:
            _migrate(fresh)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("charterwatch migrations run online only: give a database, not --sql")
run()
