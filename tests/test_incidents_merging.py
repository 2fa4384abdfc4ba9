"""Merging: one incident per victim x action x date, by names.py's rule; the log keeps a delta that undoes it."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from charterwatch.incidents.extraction.extract import extract
from charterwatch.incidents.model import Evidence, Incident, IncidentDate, Victim
from charterwatch.incidents.workflow.merge_log import undo
from charterwatch.incidents.workflow.merging import MergeRecord, merge_incidents, merge_pair, undo_merge
from charterwatch.incidents.workflow.review import edit
from charterwatch.incidents.workflow.service import ingest_into_store, merge_log, unmerge
from charterwatch.incidents.workflow.store import list_incidents, load_incident
from charterwatch.store.db import session_scope


def incident(
    name: str, action: str, day: str | None, *, source: str = "s1", number: int = 0, place: str | None = None
) -> Incident:
    quote = f"{name} {action}"
    return Incident(
        id=f"{source}-{number}-{action}",
        victims=[Victim("person", "blogger", name=name)],
        action=action,
        actions=[action],
        date=IncidentDate(day, "day") if day else None,
        place=place,
        country=None,
        sanction=None,
        legal_basis=[],
        rights=["expression"],
        perpetrator=None,
        evidence=[
            Evidence("victims[0].name", source, 0, len(name), name),
            Evidence("action", source, len(name) + 1, len(quote), action),
        ],
        confidence=0.7,
        source_ids=[source],
        extractor="test",
    )


def test_spellings_of_one_victim_merge_and_one_shared_word_does_not() -> None:
    found = merge_incidents(
        [
            incident("Kassym Amanzhol", "detention", "2024-05-03"),
            incident("Kasym Amanozhol", "detention", "2024-05-03", source="s2"),
            incident("Kassym Bekov", "detention", "2024-05-03", source="s3"),
        ]
    )
    assert [(i.victims[0].label, i.source_ids) for i in found] == [
        ("Kassym Amanzhol", ["s1", "s2"]),
        ("Kassym Bekov", ["s3"]),
    ]


def test_one_incident_per_victim_action_and_date() -> None:
    found = merge_incidents(
        [
            incident("Ruslan Abenov", "arrest", "2023-02-10"),
            incident("Ruslan Abenov", "sentence", "2023-09-01", source="s2"),  # a later sentence
            incident("Ruslan Abenov", "detention", "2023-02-10", source="s3"),  # another action, same day
            incident("Ruslan Abenov", "arrest", None, source="s4"),  # the arrest told without its date
            incident("Ruslan Abenov", "arrest", "2023-03-15", source="s5"),  # another arrest
        ]
    )
    summary = [(i.action, i.date.value if i.date else None, i.source_ids) for i in found]
    assert summary == [
        ("arrest", "2023-02-10", ["s1", "s4"]),
        ("sentence", "2023-09-01", ["s2"]),
        ("detention", "2023-02-10", ["s3"]),
        ("arrest", "2023-03-15", ["s5"]),
    ]


def test_two_undated_events_of_one_person_stay_two() -> None:
    text = "Activist Ruslan Abenov was detained by police in Taraz. He was later fined for an unsanctioned picket."
    actions = [(i.victims[0].label, i.action) for i in extract(text)]
    assert actions == [("Ruslan Abenov", "detention"), ("Ruslan Abenov", "fine")]
    found = merge_incidents(
        [incident("Ruslan Abenov", "detention", None), incident("Ruslan Abenov", "fine", None)]
    )
    assert len(found) == 2


def test_the_log_holds_a_delta_that_undoes_each_merge_exactly() -> None:
    copies = [incident("Ruslan Abenov", "detention", "2023-02-10", source=f"s{k}") for k in range(200)]
    copies[1] = incident("Ruslan Abenov", "detention", "2023-02-10", source="s1", place="Taraz")
    log: list[MergeRecord] = []
    [merged] = merge_incidents(copies, log=log)
    assert len(merged.source_ids) == 200 and merged.place == "Taraz" and len(log) == 199
    sizes = [len(json.dumps(record.to_dict())) for record in log]
    assert max(sizes) < 3 * min(sizes)  # the log grows with the changes, not with the merged incident
    record = MergeRecord.from_dict(json.loads(json.dumps(log[-1].to_dict())))
    assert record == log[-1]
    restored = [merged]
    for record in reversed(log):
        restored = undo_merge(restored, record)
    assert restored[0] == copies[0]
    assert sorted(i.source_ids[0] for i in restored) == sorted(f"s{k}" for k in range(200))
    assert next(i for i in restored if i.source_ids == ["s1"]).place == "Taraz"


def test_undo_keeps_what_a_reviewer_changed_after_the_merge() -> None:
    first = incident("Ruslan Abenov", "detention", "2023-02-10")
    merged, record = merge_pair(
        first, incident("Ruslan Abenov", "detention", "2023-02-10", source="s2", place="Taraz")
    )
    reviewed = edit(
        merged, reviewer="kibhr-1", note="checked", at="2026-01-01T00:00:00+00:00", action="arrest"
    )
    restored = undo(reviewed, record.changes)
    assert restored.source_ids == ["s1"] and restored.place is None  # the merge is undone
    assert (restored.action, restored.review) == ("arrest", "edited")  # the reviewer's decision stays
    assert all(e.source_id == "s1" for e in restored.evidence)


def test_stored_merges_log_a_delta_and_old_whole_rows_still_undo(engine: Engine, tmp_path: Path) -> None:
    first = "Blogger Ruslan Abenov was detained by police in Taraz on 3 May 2024 after a post.\n"
    second = (
        "Police in Taraz detained the blogger Ruslan Abenov on 3 May 2024 over a video about the bus fares.\n"
    )
    for name, text in (("one.txt", first), ("two.txt", second)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    with session_scope(engine) as session:
        ingest_into_store(session, [tmp_path / "one.txt"])
        [original] = list_incidents(session)
        ingest_into_store(session, [tmp_path / "two.txt"])
        [row] = merge_log(session)
        assert set(row.before) == {"changes"} and row.absorbed == {"id": row.absorbed_id}
        absorbed = load_incident(session, row.absorbed_id)
        # a row as the log stored it before the delta: both incidents whole
        row.before, row.absorbed = original.to_dict(), absorbed.to_dict()
    with session_scope(engine) as session:
        restored, apart = unmerge(session, row.id, by="kibhr-1")
    assert (restored, apart) == (original, absorbed)
