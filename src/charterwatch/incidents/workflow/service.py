"""The incidents workflow over the store: ingest, review, merge and unmerge — what the CLI and the web app call.

Each function works in the caller's session (one transaction: ``session_scope``), so a failure leaves the
store as it was. Ingest merges new incidents into stored ones that tell the same event, as it merges them
within a batch; every merge, automatic or a reviewer's, is a row of ``incident_merge`` (the field-level delta
of merge_log.py; the absorbed incident is kept whole in its own hidden row) that ``unmerge`` undoes, and every
review decision a row of ``incident_review`` with the incident before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from charterwatch.errors import CharterwatchError, E
from charterwatch.incidents.extraction.names import index_keys
from charterwatch.incidents.model import Incident
from charterwatch.incidents.workflow.freshness import extraction_method
from charterwatch.incidents.workflow.ingest import IngestReport, ingest
from charterwatch.incidents.workflow.merge_log import undo
from charterwatch.incidents.workflow.merging import MergeRecord, find_home, merge_pair
from charterwatch.incidents.workflow.models import MergeRow, ReviewRow
from charterwatch.incidents.workflow.review import accept, edit, reject
from charterwatch.incidents.workflow.store import (
    Filter,
    incident_row,
    known_checksums,
    list_incidents,
    save_incident,
    save_source,
    to_incident,
)
from charterwatch.texts.readers import DEFAULT_MAX_BYTES

AUTOMATIC = "charterwatch"  # the name merges made by ingest are logged under

Decision = Literal["accept", "edit", "reject"]


@dataclass
class StoredIngest:
    """What an ingest added: the batch's report, the new incidents kept apart, and those merged into
    incidents already in the store (absorbed id, stored id)."""

    report: IngestReport
    added: list[str] = field(default_factory=list)
    merged: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": len(self.report.sources),
            "skipped": list(self.report.skipped),
            "errors": [vars(e) for e in self.report.errors],
            "notes": list(self.report.notes),
            "added": list(self.added),
            "merged": [list(pair) for pair in self.merged],
        }


def ingest_into_store(
    session: Session,
    paths: Iterable[Path | str],
    *,
    default_date: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int, int, str], None] | None = None,
) -> StoredIngest:
    """Ingest ``paths``; sources already stored (same SHA-256) are skipped, so a second run changes nothing."""
    report = ingest(
        paths,
        default_date=default_date,
        known_checksums=known_checksums(session),
        max_bytes=max_bytes,
        progress=progress,
    )
    result = StoredIngest(report)
    for source in report.sources:
        save_source(session, source, report.texts[source.id]).method = extraction_method()
    session.flush()
    stored = list_incidents(session, Filter(states=("machine", "accepted", "edited")))
    index: dict[str, list[int]] = {}  # victim name key -> stored incidents, so each is compared with few
    for position, known in enumerate(stored):
        for key in index_keys(known.victims[0]):
            index.setdefault(key, []).append(position)
    touched: dict[str, Incident] = {}
    joined: list[MergeRecord] = []  # new incidents that tell a stored incident's event
    for incident in report.incidents:
        candidates = sorted({k for key in index_keys(incident.victims[0]) for k in index.get(key, ())})
        found = find_home(incident, [stored[k] for k in candidates])
        if found is None:
            save_incident(session, incident)
            result.added.append(incident.id)
            continue
        k = candidates[found]
        stored[k], record = merge_pair(stored[k], incident)
        touched[stored[k].id] = stored[k]
        joined.append(record)
        result.merged.append((incident.id, stored[k].id))
    for merged in touched.values():
        save_incident(session, merged)
    for record in [*joined, *report.merges]:  # absorbed incidents are kept, hidden, for unmerge
        save_incident(session, record.absorbed, merged_into=record.into)
    for record in [*report.merges, *joined]:
        _log(session, record, by=AUTOMATIC)
    session.flush()
    return result


def _log(session: Session, record: MergeRecord, *, by: str) -> MergeRow:
    row = MergeRow(
        into_id=record.into,
        absorbed_id=record.absorbed.id,
        before={"changes": record.changes},
        absorbed={"id": record.absorbed.id},
        merged_by=by,
    )
    session.add(row)
    return row


def review_incident(
    session: Session,
    incident_id: str,
    decision: Decision,
    *,
    reviewer: str,
    note: str = "",
    at: str | None = None,
    **changes: Any,
) -> Incident:
    """Accept, edit or reject a stored incident (review.py's rules); logged with the incident before and
    after. ``at`` defaults to now (UTC, ISO 8601)."""
    row = incident_row(session, incident_id, visible=True)
    before = to_incident(row)
    when = at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    if decision == "accept":
        after = accept(before, reviewer=reviewer, note=note, at=when)
    elif decision == "reject":
        after = reject(before, reviewer=reviewer, note=note, at=when)
    else:
        after = edit(before, reviewer=reviewer, note=note, at=when, **changes)
    save_incident(session, after)
    entry = after.review_log[-1]
    session.add(
        ReviewRow(
            incident_id=after.id,
            state=after.review,
            reviewer=reviewer,
            at=when,
            note=note or None,
            changes=entry.get("changes"),
            before=before.to_dict(),
            after=after.to_dict(),
        )
    )
    session.flush()
    return after


def review_history(session: Session, incident_id: str) -> list[ReviewRow]:
    row = incident_row(session, incident_id)
    return list(
        session.scalars(select(ReviewRow).where(ReviewRow.incident_id == row.id).order_by(ReviewRow.id))
    )


def merge_stored(session: Session, into_id: str, absorbed_id: str, *, by: str) -> MergeRow:
    """A reviewer's merge: ``absorbed_id`` folds into ``into_id`` (which keeps its id and review state)."""
    into = incident_row(session, into_id, visible=True)
    absorbed = incident_row(session, absorbed_id, visible=True)
    if into.id == absorbed.id:
        raise CharterwatchError(
            E.MERGE_NOT_UNDOABLE, reason=f"incident {into.id} cannot be merged into itself"
        )
    merged, record = merge_pair(to_incident(into), to_incident(absorbed))
    save_incident(session, merged)
    save_incident(session, record.absorbed, merged_into=merged.id)
    row = _log(session, record, by=by)
    session.flush()
    return row


def unmerge(session: Session, merge_id: int, *, by: str) -> tuple[Incident, Incident]:
    """Undo merge ``merge_id``: both incidents as they were before it. What a reviewer decided on the merged
    incident since stays (its review state, and a field the reviewer changed); merge_log.py says how. Merges
    into one incident are undone last first. Rows logged whole (before the delta) restore the whole incident."""
    row = session.get(MergeRow, merge_id)
    if row is None:
        raise CharterwatchError(E.MERGE_NOT_FOUND, merge=merge_id)
    if row.undone_at is not None:
        raise CharterwatchError(E.MERGE_NOT_UNDOABLE, reason=f"merge {merge_id} was already undone")
    later = session.scalar(
        select(MergeRow.id)
        .where(MergeRow.into_id == row.into_id, MergeRow.id > row.id, MergeRow.undone_at.is_(None))
        .order_by(MergeRow.id.desc())
        .limit(1)
    )
    if later is not None:
        reason = f"incident {row.into_id} had a later merge; undo merge {later} first"
        raise CharterwatchError(E.MERGE_NOT_UNDOABLE, reason=reason)
    current = to_incident(incident_row(session, row.into_id, visible=True))
    if "changes" in row.before:
        before = undo(current, row.before["changes"])
        absorbed = to_incident(incident_row(session, row.absorbed_id))
    else:  # a row of the old log, with both incidents whole
        before, absorbed = Incident.from_dict(row.before), Incident.from_dict(row.absorbed)
    save_incident(session, before)
    save_incident(session, absorbed)
    row.undone_by, row.undone_at = by, dt.datetime.now(dt.UTC)
    session.flush()
    return before, absorbed


def merge_log(session: Session) -> list[MergeRow]:
    return list(session.scalars(select(MergeRow).order_by(MergeRow.id)))
