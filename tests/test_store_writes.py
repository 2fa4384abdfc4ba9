"""Concurrent writers on each backend: numbers handed out once, writers that wait their turn, timeouts.

SQLite writers begin ``IMMEDIATE`` and queue; a deferred read-then-write would fail at once with
SQLITE_BUSY_SNAPSHOT. ``take_numbers`` gives every caller its own block whatever runs beside it. PostgreSQL
connections of a server's pool end a statement or an idle transaction that runs too long.
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.exc import DBAPIError, OperationalError

from charterwatch.consult.models import ProposalRow
from charterwatch.store.counters import take_numbers
from charterwatch.store.db import PoolPlan, make_engine, session_scope

THREADS = 8
ROUNDS = 25


def _in_threads(work: list[threading.Thread]) -> None:
    for thread in work:
        thread.start()
    for thread in work:
        thread.join(timeout=120)


def test_concurrent_takers_get_distinct_consecutive_numbers(engine: Engine) -> None:
    taken: list[int] = []
    errors: list[BaseException] = []

    def take() -> None:
        try:
            for _ in range(ROUNDS):
                with session_scope(engine) as session:
                    first = take_numbers(session, "test.position", column=ProposalRow.position, count=2)
                taken.extend((first, first + 1))
        except BaseException as e:  # reported below, with the numbers
            errors.append(e)

    _in_threads([threading.Thread(target=take) for _ in range(THREADS)])
    assert not errors
    assert sorted(taken) == list(range(1, THREADS * ROUNDS * 2 + 1))


def test_a_new_counter_goes_on_from_the_highest_stored_number(engine: Engine) -> None:
    row = {"id": "old:1", "position": 41, "text": "A proposal stored before the counter.", "language": "en"}
    with session_scope(engine) as session:
        session.execute(
            insert(ProposalRow),
            [row | {"channel": "web", "submitter_kind": "citizen", "articles": [], "meta": {}}],
        )
    with session_scope(engine) as session:
        assert take_numbers(session, "proposal.position", column=ProposalRow.position) == 42
        assert take_numbers(session, "proposal.position", column=ProposalRow.position, count=3) == 43
    with pytest.raises(ValueError, match="at least 1"), session_scope(engine) as session:
        take_numbers(session, "proposal.position", column=ProposalRow.position, count=0)


def test_writers_that_read_first_wait_their_turn_instead_of_failing(engine: Engine) -> None:
    """Each writer reads the count and then inserts: on SQLite a deferred transaction would meet another's
    commit between the two and fail with SQLITE_BUSY_SNAPSHOT; IMMEDIATE makes it wait for the lock."""
    errors: list[BaseException] = []

    def write(k: int) -> None:
        try:
            for n in range(ROUNDS):
                with session_scope(engine) as session:
                    session.scalar(select(func.count()).select_from(ProposalRow))
                    position = take_numbers(session, "proposal.position", column=ProposalRow.position)
                    time.sleep(0.001)  # another writer would commit here, were it not waiting
                    session.add(
                        ProposalRow(
                            id=f"t:{k}:{n}",
                            position=position,
                            text="A proposal written by a test thread.",
                            language="en",
                            channel="web",
                            submitter_kind="citizen",
                            articles=[],
                            meta={},
                        )
                    )
        except BaseException as e:  # reported below
            errors.append(e)

    _in_threads([threading.Thread(target=write, args=(k,)) for k in range(THREADS)])
    assert not errors
    with session_scope(engine, write=False) as session:
        assert session.scalar(select(func.count()).select_from(ProposalRow)) == THREADS * ROUNDS


@pytest.mark.postgres
def test_postgres_ends_idle_transactions_and_long_statements(pg_url: str) -> None:
    engine = make_engine(pg_url, pool=PoolPlan(size=2, statement_timeout_s=1, idle_in_transaction_s=1))
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SHOW idle_in_transaction_session_timeout").scalar() == "1s"
            with pytest.raises(OperationalError, match="statement timeout"):
                connection.execute(text("SELECT pg_sleep(3)"))
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            time.sleep(2)  # idle in transaction: the server ends the session, and with it any lock held
            with pytest.raises(DBAPIError, match="idle-in-transaction timeout"):
                connection.execute(text("SELECT 1"))
    finally:
        engine.dispose()
