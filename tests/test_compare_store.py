"""Stored comparisons: the migration up and down, and save / load round trips on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session

from charterwatch.store.db import downgrade, make_engine, session_scope, upgrade
from charterwatch.store.models import Version
from charterwatch.texts.compare import service
from charterwatch.texts.compare.model import AlignedPair, ChangeStats, Comparison, RedlineOp
from charterwatch.texts.compare.models import ComparisonPairRow, ComparisonRow
from charterwatch.texts.compare.service import compare_versions
from charterwatch.texts.compare.storage import load_comparison, save_comparison
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.importer import VersionInfo, import_file
from charterwatch.texts.storage import resolve_ref

STATS = ChangeStats(
    2,
    2,
    {"renumbered": 1, "new": 1, "removed": 1},
    10,
    12,
    3,
    5,
    old_by_kind={"renumbered": 1, "removed": 1},
    new_by_kind={"renumbered": 1, "new": 1},
)
PAIRS = [
    AlignedPair(
        "renumbered",
        ["2"],
        ["3"],
        0.875,
        5,
        6,
        1,
        2,
        [RedlineOp("equal", "Суды "), RedlineOp("delete", "<b>"), RedlineOp("insert", "независимы & 'x'")],
        text_changed=True,
        text_change="amended",
        fed_by=["7"],
    ),
    AlignedPair("new", ["3"], [], 0.0, 0, 6, 0, 6, [RedlineOp("insert", "Курултай\nпринимает законы.")]),
    AlignedPair("removed", [], ["1"], 0.0, 5, 0, 5, 0, [RedlineOp("delete", "Парламент")]),
]
COMPARISON = Comparison("RU@2019", "RU@2020", "test.v1", PAIRS, STATS, {"Глава 1": STATS})


def import_ru(engine: Engine, *labels: str) -> None:
    """Import the bundled Russian editions with these labels."""
    for label in labels:
        entry = corpus_entry(f"RU@{label}-ru")
        info = VersionInfo(
            jurisdiction="RU", label=label, date=entry.date, lang="ru", status=entry.status, work=entry.work
        )
        import_file(engine, entry.path(), info)


def test_migration_adds_and_drops_the_comparison_tables(db_url: str) -> None:
    upgrade(db_url, "0001")
    engine = make_engine(db_url)
    try:
        assert not {"comparison", "comparison_pair"} & set(inspect(engine).get_table_names())
        upgrade(db_url, "0002")
        assert {"comparison", "comparison_pair"} <= set(inspect(engine).get_table_names())
        downgrade(db_url, "0001")
        assert not {"comparison", "comparison_pair"} & set(inspect(engine).get_table_names())
        assert {"document", "version", "provision"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_save_and_load_round_trip(engine: Engine) -> None:
    import_ru(engine, "2019", "2020")
    with session_scope(engine) as session:
        old, new = resolve_ref(session, "RU@2019"), resolve_ref(session, "RU@2020")
        save_comparison(session, COMPARISON, old, new)
    with session_scope(engine) as session:
        old, new = resolve_ref(session, "RU@2019"), resolve_ref(session, "RU@2020")
        assert load_comparison(session, old, new, method="test.v1") == COMPARISON
        assert load_comparison(session, old, new, method="other.v1") is None
        assert load_comparison(session, new, old, method="test.v1") is None


def test_saving_again_replaces_and_deleting_a_version_cascades(engine: Engine) -> None:
    import_ru(engine, "2019", "2020")
    changed = replace(COMPARISON, pairs=PAIRS[:1])
    with session_scope(engine) as session:
        old, new = resolve_ref(session, "RU@2019"), resolve_ref(session, "RU@2020")
        save_comparison(session, COMPARISON, old, new)
        save_comparison(session, changed, old, new)
        assert load_comparison(session, old, new, method="test.v1") == changed
        assert _count(session, ComparisonRow) == 1 and _count(session, ComparisonPairRow) == 1
        session.delete(old)
        session.flush()
        assert _count(session, ComparisonRow) == 0 and _count(session, ComparisonPairRow) == 0


def test_a_changed_checksum_makes_the_stored_comparison_stale(engine: Engine) -> None:
    import_ru(engine, "2019", "2020")
    with session_scope(engine) as session:
        old, new = resolve_ref(session, "RU@2019"), resolve_ref(session, "RU@2020")
        save_comparison(session, COMPARISON, old, new)
        new.checksum = "0" * 64
        session.flush()
        assert load_comparison(session, old, new, method="test.v1") is None


def _count(session: Session, table: type[ComparisonRow | ComparisonPairRow]) -> int:
    return session.scalar(select(func.count()).select_from(table)) or 0


def test_compare_versions_stores_once_and_yields_to_a_concurrent_writer(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_ru(engine, "2007", "2008")
    with session_scope(engine) as session:
        old, new = resolve_ref(session, "RU@2007"), resolve_ref(session, "RU@2008")
        first = compare_versions(session, old, new)
        assert load_comparison(session, old, new, method=first.method) == first

    def save_after_another_process(
        session: Session, comparison: Comparison, old: Version, new: Version
    ) -> None:
        session.add(
            ComparisonRow(
                old_version_id=old.id,
                new_version_id=new.id,
                method=comparison.method,
                old_ref="",
                new_ref="",
                old_checksum="",
                new_checksum="",
                stats={},
                sections={},
            )
        )
        session.flush()  # the unique key is taken: IntegrityError inside the savepoint

    monkeypatch.setattr(service, "save_comparison", save_after_another_process)
    with session_scope(engine) as session:
        old, new = resolve_ref(session, "RU@2007"), resolve_ref(session, "RU@2008")
        assert compare_versions(session, old, new, fresh=True) == first
    with session_scope(engine) as session:
        assert _count(session, ComparisonRow) == 1
        assert load_comparison(session, old, new, method=first.method) == first
