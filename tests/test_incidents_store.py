"""Incidents in the store, on SQLite and PostgreSQL: the revision, exact round trips, idle re-ingest,
merges and unmerges, review decisions and organisations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session

from charterwatch.errors import CharterwatchError
from charterwatch.incidents.extraction.extract import extract, make_source
from charterwatch.incidents.model import Sanction, Victim
from charterwatch.incidents.workflow.ingest import ingest
from charterwatch.incidents.workflow.models import (
    EvidenceRow,
    IncidentRow,
    IncidentSourceRow,
    MergeRow,
    OrganisationRow,
    ReviewRow,
    SourceRow,
    VictimRow,
)
from charterwatch.incidents.workflow.review import accept
from charterwatch.incidents.workflow.service import (
    ingest_into_store,
    merge_log,
    merge_stored,
    review_history,
    review_incident,
    unmerge,
)
from charterwatch.incidents.workflow.store import (
    Filter,
    list_incidents,
    load_incident,
    organisations,
    save_incident,
    save_source,
    source_text,
)
from charterwatch.store.db import downgrade, make_engine, session_scope, upgrade

TABLES = {
    "incident",
    "incident_source",
    "incident_source_link",
    "incident_victim",
    "incident_evidence",
    "incident_review",
    "incident_merge",
    "organisation",
}
ROW_TYPES = (SourceRow, IncidentRow, IncidentSourceRow, VictimRow, EvidenceRow, OrganisationRow, MergeRow)
FIRST = "Blogger Aidos Sadykov was detained by police in Almaty on 3 May 2024 for a Facebook post.\n"
SECOND = (
    "Police in Almaty detained the blogger Aidos Sadykov on 3 May 2024 over a video about the draft law. "
    "He was later fined 100,000 tenge.\n"
)


def _counts(session: Session) -> dict[str, int]:
    return {t.__tablename__: session.scalar(select(func.count()).select_from(t)) or 0 for t in ROW_TYPES}


def _files(tmp_path: Path, **texts: str) -> dict[str, Path]:
    paths = {}
    for name, text in texts.items():
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def test_the_revision_goes_up_and_down(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        assert set(inspect(engine).get_table_names()) >= TABLES
        downgrade(db_url, "0002")
        assert not set(inspect(engine).get_table_names()) & TABLES
        upgrade(db_url)
        assert set(inspect(engine).get_table_names()) >= TABLES
    finally:
        engine.dispose()


def test_seed_incidents_round_trip_exactly(engine: Engine, shared_dir: Path) -> None:
    report = ingest([shared_dir / "seeds"], default_date="2026-03-01")
    with session_scope(engine) as session:
        for source in report.sources:
            save_source(session, source, report.texts[source.id])
        for incident in report.incidents:
            save_incident(session, incident)
    with session_scope(engine) as session:
        stored = list_incidents(session)
        assert stored == report.incidents
        for incident in stored:  # every span still points at its words in the stored text
            for evidence in incident.evidence:
                text = source_text(session, evidence.source_id)
                assert text[evidence.start : evidence.end] == evidence.quote


def test_every_field_round_trips_and_replacing_keeps_one_copy(engine: Engine) -> None:
    [incident] = extract(FIRST, source=make_source(FIRST, location="a.txt"))
    incident.victims.append(Victim("group", "journalist", None, "two journalists"))
    incident.sanction = Sanction("fined 1,000.5 EUR", 15, 1000.5, "EUR", 6)
    incident.legal_basis = ["article 174 of the Criminal Code"]
    incident.private_fields = ["victims[0].name", "place"]
    reviewed = accept(incident, reviewer="kibhr-1", note="checked with the lawyer", at="2024-05-10T10:00:00Z")
    with session_scope(engine) as session:
        save_source(session, make_source(FIRST, location="a.txt"), FIRST)
        save_incident(session, incident)
        save_incident(session, reviewed)
    with session_scope(engine) as session:
        assert load_incident(session, incident.id) == reviewed
        assert load_incident(session, incident.id[:6]) == reviewed  # a unique prefix will do
        assert json.dumps(load_incident(session, incident.id).to_dict()) == json.dumps(reviewed.to_dict())
        assert session.scalar(select(func.count()).select_from(VictimRow)) == 2
        with pytest.raises(CharterwatchError, match="INCIDENT_NOT_FOUND"):
            load_incident(session, "ffffffffffff")


def test_reingesting_the_same_files_changes_nothing(engine: Engine, shared_dir: Path) -> None:
    with session_scope(engine) as session:
        first = ingest_into_store(session, [shared_dir / "seeds"], default_date="2026-03-01")
    assert len(first.added) == len(list(first.report.incidents)) > 20
    with session_scope(engine) as session:
        before = (
            _counts(session),
            [i.to_dict() for i in list_incidents(session, Filter(include_merged=True))],
        )
    with session_scope(engine) as session:
        again = ingest_into_store(session, [shared_dir / "seeds"], default_date="2026-04-01")
    assert (again.added, again.merged, len(again.report.skipped)) == ([], [], 5)
    with session_scope(engine) as session:
        after = (
            _counts(session),
            [i.to_dict() for i in list_incidents(session, Filter(include_merged=True))],
        )
    assert after == before


def test_a_later_source_merges_into_the_stored_incident_and_unmerges(engine: Engine, tmp_path: Path) -> None:
    paths = _files(tmp_path, first=FIRST, second=SECOND)
    with session_scope(engine) as session:
        ingest_into_store(session, [paths["first"]])
        [original] = list_incidents(session)
    with session_scope(engine) as session:
        second = ingest_into_store(session, [paths["second"]])
    [(absorbed_id, into_id)] = second.merged
    [fine_id] = second.added  # the fine is an incident of its own: one per victim x action x date
    assert into_id == original.id
    with session_scope(engine) as session:
        merged, fine = list_incidents(session)
        assert len(merged.source_ids) == 2 and merged.actions == ["detention"]
        assert (fine.id, fine.action) == (fine_id, "fine")
        assert len(list_incidents(session, Filter(include_merged=True))) == 3
        [log] = merge_log(session)
        assert (log.into_id, log.absorbed_id, log.merged_by) == (into_id, absorbed_id, "charterwatch")
        assert log.absorbed == {"id": absorbed_id} and set(log.before) == {"changes"}
        restored, apart = unmerge(session, log.id, by="kibhr-1")
    assert restored == original
    with session_scope(engine) as session:
        assert [i.id for i in list_incidents(session)] == [original.id, fine_id, absorbed_id]
        assert load_incident(session, original.id) == original
        assert load_incident(session, absorbed_id) == apart
        with pytest.raises(CharterwatchError, match="already undone"):
            unmerge(session, log.id, by="kibhr-1")


def test_reviewer_merges_undo_last_first(engine: Engine, shared_dir: Path) -> None:
    with session_scope(engine) as session:
        ingest_into_store(session, [shared_dir / "seeds"], default_date="2026-03-01")
        a, b, c = list_incidents(session)[:3]
        first = merge_stored(session, a.id, b.id, by="kibhr-1")
        second = merge_stored(session, a.id, c.id, by="kibhr-1")
        with pytest.raises(CharterwatchError, match="INCIDENT_MERGED"):
            merge_stored(session, b.id, a.id, by="kibhr-1")
        with pytest.raises(CharterwatchError, match=f"undo merge {second.id} first"):
            unmerge(session, first.id, by="kibhr-1")
        unmerge(session, second.id, by="kibhr-1")
        unmerge(session, first.id, by="kibhr-1")
    with session_scope(engine) as session:
        assert list_incidents(session)[:3] == [a, b, c]
        with pytest.raises(CharterwatchError, match="MERGE_NOT_FOUND"):
            unmerge(session, 999, by="kibhr-1")


def test_review_decisions_are_logged_with_before_and_after(engine: Engine, shared_dir: Path) -> None:
    with session_scope(engine) as session:
        ingest_into_store(session, [shared_dir / "seeds"], default_date="2026-03-01")
        incident = next(i for i in list_incidents(session) if i.victims[0].name == "Olesya Khalabuzar")
        review_incident(session, incident.id, "accept", reviewer="kibhr-1", at="2026-03-02T09:00:00+00:00")
        review_incident(
            session, incident.id, "edit", reviewer="kibhr-2", note="public figure", private_fields=[]
        )
        review_incident(session, list_incidents(session)[0].id, "reject", reviewer="kibhr-1")
    with session_scope(engine) as session:
        stored = load_incident(session, incident.id)
        assert stored.review == "edited" and stored.private_fields == []
        assert [e["state"] for e in stored.review_log] == ["accepted", "edited"]
        accepted, edited = review_history(session, incident.id)
        assert (accepted.reviewer, accepted.at, accepted.before["review"]) == (
            "kibhr-1",
            "2026-03-02T09:00:00+00:00",
            "machine",
        )
        assert (edited.note, edited.changes, edited.after["private_fields"]) == (
            "public figure",
            {"private_fields": []},
            [],
        )
        assert session.scalar(select(func.count()).select_from(ReviewRow)) == 3
        assert len(list_incidents(session, Filter(states=("rejected",)))) == 1
        assert {i.action for i in list_incidents(session, Filter(actions=("fine",)))} == {"fine"}


def test_organisations_have_their_history(engine: Engine, shared_dir: Path) -> None:
    with session_scope(engine) as session:
        ingest_into_store(session, [shared_dir / "seeds"], default_date="2026-03-01")
        found = {o.name: o for o in organisations(session)}
    assert {"KazTAG", "Ratel.kz", "Confederation of Independent Trade Unions of Kazakhstan"} <= set(found)
    assert found["Ratel.kz"].kind == "media_outlet"
    assert [i.action for i in found["Ratel.kz"].incidents] == ["lawsuit"]


def test_private_names_are_marked_on_ingest(engine: Engine, shared_dir: Path) -> None:
    with session_scope(engine) as session:
        ingest_into_store(session, [shared_dir / "seeds"], default_date="2026-03-01")
        for incident in list_incidents(session):
            named = [f"victims[{i}].name" for i, v in enumerate(incident.victims) if v.kind == "person"]
            assert incident.private_fields == named
