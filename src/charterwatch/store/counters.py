"""Numbers from one atomic statement: the next intake positions, never ``max(position) + 1``.

Two transactions that both read ``max(position)`` and add one get the same number: on PostgreSQL the second
then fails on the unique index (or waits for the first and fails after); on SQLite a reader turned writer
gets ``SQLITE_BUSY_SNAPSHOT``. ``take_numbers`` instead bumps a row of the ``counter`` table with one
``INSERT … ON CONFLICT DO UPDATE … RETURNING``: the database hands each caller its own block, whatever runs
beside it. On PostgreSQL the counter's row stays locked until the caller's transaction ends, so takers queue
in order, as SQLite's writers do.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from charterwatch.store.models_counters import CounterRow


def take_numbers(session: Session, name: str, *, count: int = 1, highest_used: ColumnElement[Any]) -> int:
    """Reserve ``count`` consecutive numbers under ``name`` and return the first.

    ``highest_used`` (a scalar SQL expression, e.g. ``select(func.max(Row.position)).scalar_subquery()``)
    is read only when the counter does not exist yet, inside the same statement: a store made before the
    counter existed goes on from its highest number.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    new = insert(CounterRow).values(name=name, value=func.coalesce(highest_used, 0) + count)
    bump = new.on_conflict_do_update(
        index_elements=[CounterRow.name], set_={"value": CounterRow.value + count}
    )
    last = int(session.execute(bump.returning(CounterRow.value)).scalar_one())
    return last - count + 1
