"""Numbers from one atomic statement: the next intake positions, never ``max(position) + 1``.

Two transactions that both read ``max(position)`` and add one get the same number: on PostgreSQL the second
then fails on the unique index (or waits for the first and fails after); on SQLite a reader turned writer
gets ``SQLITE_BUSY_SNAPSHOT``. ``take_numbers`` instead bumps a row of the ``counter`` table with one
``INSERT … ON CONFLICT DO UPDATE … RETURNING``: the database hands each caller its own block, whatever runs
beside it. On PostgreSQL the counter's row stays locked until the caller's transaction ends, so takers queue
in order, as SQLite's writers do.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import InstrumentedAttribute, Session

from charterwatch.store.models_counters import CounterRow

# The same statement on SQLite (3.35+) and PostgreSQL, compiled once: the ORM's dialect-specific upsert costs
# ten times as much to build, and it runs inside the write transaction.
_TAKE = """
INSERT INTO {counter} (name, value) VALUES (:name, COALESCE((SELECT MAX({column}) FROM {table}), 0) + :count)
ON CONFLICT (name) DO UPDATE SET value = {counter}.value + :count
RETURNING value
"""


def take_numbers(session: Session, name: str, *, column: InstrumentedAttribute[int], count: int = 1) -> int:
    """Reserve ``count`` consecutive numbers under ``name`` and return the first.

    ``column`` (e.g. ``ProposalRow.position``) is read only when the counter does not exist yet, in the same
    statement: a store made before the counter existed goes on from its highest number.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    table = str(column.class_.__tablename__)  # the names of a mapped table and column, never a caller's text
    sql = _TAKE.format(counter=CounterRow.__tablename__, table=table, column=column.key)
    last = int(session.execute(text(sql), {"name": name, "count": count}).scalar_one())
    return last - count + 1
