"""Stored comparisons and audits: reused on an exact method id, listed when stale, recomputed by a refresh."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, select, text, update

from charterwatch.incidents.workflow.freshness import extraction_method
from charterwatch.incidents.workflow.models import SourceRow
from charterwatch.incidents.workflow.service import ingest_into_store
from charterwatch.incidents.workflow.store import list_incidents
from charterwatch.rights import service as rights_service
from charterwatch.rights import storage as audit_storage
from charterwatch.rights.audit import audit, audit_method
from charterwatch.rights.models import AuditFindingRow, AuditRow
from charterwatch.rights.service import review_refs
from charterwatch.rights.storage import audit_version, load_audit
from charterwatch.store.db import current_revision, downgrade, make_engine, session_scope, upgrade
from charterwatch.store.freshness import check, refresh
from charterwatch.store.models import Document, Version
from charterwatch.texts.compare import comparison_method
from charterwatch.texts.compare import service as compare_service
from charterwatch.texts.compare.models import ComparisonRow
from charterwatch.texts.compare.service import compare_versions
from charterwatch.texts.storage import load_version, resolve_ref
from test_compare_store import import_ru

OLD_AUDIT = "rights.audit@0.0.9+000000000000"


def never(*args: object, **kwargs: object) -> None:
    raise AssertionError("recomputed a result the store holds under the current method id")


def stale_by_kind(engine: Engine) -> dict[str, list[tuple[str, str, str]]]:
    return {s.kind: [(r.subject, r.stored_method, r.reason) for r in s.stale] for s in check(engine)}


def test_a_current_comparison_and_audit_are_reused_not_recomputed(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_ru(engine, "2019", "2020")
    with session_scope(engine) as session:
        old, new = resolve_ref(session, "RU@2019"), resolve_ref(session, "RU@2020")
        first = compare_versions(session, old, new)
        audited = audit_version(session, new)
    assert first.method == comparison_method() and audited.method == audit_method()
    monkeypatch.setattr(compare_service, "compare", never)
    monkeypatch.setattr(audit_storage, "audit", never)
    with session_scope(engine) as session:
        old, new = resolve_ref(session, "RU@2019"), resolve_ref(session, "RU@2020")
        assert compare_versions(session, old, new) == first
        assert audit_version(session, new) == audited
    assert stale_by_kind(engine) == {"comparison": [], "audit": [], "incident extraction": []}


def test_a_stored_audit_reads_back_as_made_and_its_findings_carry_their_provenance(engine: Engine) -> None:
    import_ru(engine, "2020")
    with session_scope(engine) as session:
        version = resolve_ref(session, "RU@2020")
        made = audit(load_version(session, version), version="RU@2020")
        audit_version(session, version)
    with session_scope(engine) as session:
        version = resolve_ref(session, "RU@2020")
        assert load_audit(session, version, method=audit_method()) == made
        assert load_audit(session, version, method=OLD_AUDIT) is None
        query = (
            select(AuditFindingRow, AuditRow.method, Version.source_text, Document.frbr_work)
            .join(AuditRow, AuditRow.id == AuditFindingRow.audit_id)
            .join(Version, Version.id == AuditRow.version_id)
            .join(Document, Document.id == Version.document_id)
        )
        rows = session.execute(query).all()
    grounds = made.findings
    assert len([r for r, *_ in rows if r.kind == "ground"]) == len(grounds) > 0
    assert len([r for r, *_ in rows if r.kind == "clause"]) == len(made.clauses)
    for finding, method, source, work in rows:
        assert method == made.method and work == "/akn/ru/act/1993/constitution"
        assert finding.article and 0 < finding.confidence <= 1
        assert 0 <= finding.span_start < finding.span_end <= len(source)
    quotes = {(g.evidence.start, g.evidence.end): g.evidence.quote for g in grounds}
    for finding, _, source, _ in rows:
        if finding.kind == "ground":
            assert (
                source[finding.span_start : finding.span_end] == quotes[finding.span_start, finding.span_end]
            )


def test_stale_results_are_listed_and_a_refresh_recomputes_only_them(engine: Engine) -> None:
    import_ru(engine, "2007", "2008", "2019", "2020")
    with session_scope(engine) as session:
        refs = {label: resolve_ref(session, f"RU@{label}") for label in ("2007", "2008", "2019", "2020")}
        compare_versions(session, refs["2007"], refs["2008"])
        compare_versions(session, refs["2019"], refs["2020"])
        audit_version(session, refs["2019"])
        audit_version(session, refs["2020"])
        # what an older charterwatch left behind: its hand-typed aligner name, an older audit id
        session.execute(
            update(ComparisonRow)
            .where(ComparisonRow.new_version_id == refs["2020"].id)
            .values(method="texts.align.v2")
        )
        session.execute(
            update(AuditRow).where(AuditRow.version_id == refs["2019"].id).values(method=OLD_AUDIT)
        )
    with session_scope(engine, write=False) as session:
        kept_comparison = session.scalars(
            select(ComparisonRow.id).where(ComparisonRow.old_ref == "RU@2007")
        ).one()
        kept_audit = session.scalars(select(AuditRow.id).where(AuditRow.version_ref == "RU@2020")).one()
    assert stale_by_kind(engine) == {
        "comparison": [("RU@2019 -> RU@2020", "texts.align.v2", "method")],
        "audit": [("RU@2019", OLD_AUDIT, "method")],
        "incident extraction": [],
    }
    done: list[str] = []
    assert refresh(engine, progress=lambda result: done.append(result.subject)) == 2
    assert done == ["RU@2019 -> RU@2020", "RU@2019"]
    assert stale_by_kind(engine) == {"comparison": [], "audit": [], "incident extraction": []}
    with session_scope(engine, write=False) as session:
        methods = {
            old: method
            for old, method in session.execute(select(ComparisonRow.old_ref, ComparisonRow.method))
        }
        assert methods == {"RU@2007": comparison_method(), "RU@2019": comparison_method()}
        assert set(session.scalars(select(AuditRow.method))) == {audit_method()}
        assert kept_comparison in set(session.scalars(select(ComparisonRow.id)))  # reused, not recomputed
        assert kept_audit in set(session.scalars(select(AuditRow.id)))


def test_a_changed_source_makes_a_result_stale(engine: Engine) -> None:
    import_ru(engine, "2020")
    with session_scope(engine) as session:
        version = resolve_ref(session, "RU@2020")
        audit_version(session, version)
        version.checksum = "0" * 64
    assert stale_by_kind(engine)["audit"] == [("RU@2020", audit_method(), "source")]


def test_a_review_reads_the_stored_audits(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    import_ru(engine, "2019", "2020")
    first = review_refs(engine, "RU@2020", against="RU@2019")
    for module, name in ((audit_storage, "audit"), (rights_service, "audit"), (compare_service, "compare")):
        monkeypatch.setattr(module, name, never)
    again = review_refs(engine, "RU@2020", against="RU@2019")
    assert again.to_dict() == first.to_dict()
    assert again.audit.method == again.against.method == audit_method()  # type: ignore[union-attr]


def test_the_migration_keeps_the_newest_comparison_of_a_pair_and_adds_the_audit_tables(db_url: str) -> None:
    upgrade(db_url, "0012")
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO document (id, jurisdiction, work_date, frbr_work)"
                    " VALUES (1, 'XX', '2001', '/akn/xx/act/2001/constitution')"
                )
            )
            for version_id in (1, 2):
                connection.execute(
                    text(
                        "INSERT INTO version (id, document_id, label, lang, status, source, source_format,"
                        " checksum, source_text, parser, frbr_expression) VALUES (:id, 1, :label, 'en',"
                        " 'adopted', 'x.txt', 'txt', :sum, 'Article 1. Text.', 'test', :uri)"
                    ),
                    {
                        "id": version_id,
                        "label": f"v{version_id}",
                        "sum": str(version_id) * 64,
                        "uri": f"/x{version_id}",
                    },
                )
            for row_id, method in ((1, "texts.align.v1"), (2, "texts.align.v2")):
                connection.execute(
                    text(
                        "INSERT INTO comparison (id, old_version_id, new_version_id, method, old_ref, new_ref,"
                        " old_checksum, new_checksum, stats, sections) VALUES (:id, 1, 2, :method, 'XX@v1',"
                        " 'XX@v2', :old, :new, '{}', '{}')"
                    ),
                    {"id": row_id, "method": method, "old": "1" * 64, "new": "2" * 64},
                )
        upgrade(db_url)
        assert {"audit", "audit_finding"} <= set(inspect(engine).get_table_names())
        assert "method" in {c["name"] for c in inspect(engine).get_columns("incident_source")}
        with engine.connect() as connection:
            assert connection.execute(text("SELECT id, method FROM comparison")).all() == [
                (2, "texts.align.v2")
            ]
        stale = stale_by_kind(engine)["comparison"]
        assert stale == [("XX@v1 -> XX@v2", "texts.align.v2", "method")]
        downgrade(db_url, "0012")
        assert not {"audit", "audit_finding"} & set(inspect(engine).get_table_names())
        assert "method" not in {c["name"] for c in inspect(engine).get_columns("incident_source")}
        assert current_revision(db_url) == "0012"
    finally:
        engine.dispose()


def test_incident_sources_keep_their_extraction_method_and_are_listed_not_re_extracted(
    engine: Engine, tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Police in Shymkent detained the poet Arman Kaliev on 4 June 2024 over a poem.\n", "utf-8"
    )
    with session_scope(engine) as session:
        ingest_into_store(session, [story])
        [source] = session.scalars(select(SourceRow)).all()
        assert source.method == extraction_method()
        incidents = list_incidents(session)
        assert incidents and all(i.source_ids == [source.id] for i in incidents)
        source.method = None  # read before method ids
    assert stale_by_kind(engine)["incident extraction"] == [(str(story), "(none)", "method")]
    [status] = [s for s in check(engine) if s.kind == "incident extraction"]
    assert not status.refreshable and status.stored == 1
    assert refresh(engine) == 0  # reviews rest on incidents: listed, never re-extracted behind people's backs
    assert len(stale_by_kind(engine)["incident extraction"]) == 1
