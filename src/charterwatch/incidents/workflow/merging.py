"""Merging the same incident told by several sources, with a log that lets a reviewer undo any merge.

Two incidents are one when names.py says their victims are one (never on one shared word) and they tell the
same action on compatible dates (dedup.related). A merge is a judgement a monitor may dispute, so each one is
recorded: the absorbed incident as it was, and a field-level delta of what the merge changed in the incident
it merged into (merge_log.py), so undoing restores both while the log grows with the changes only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from charterwatch.incidents.extraction.dedup import merge, related
from charterwatch.incidents.extraction.lexicon import lexicon
from charterwatch.incidents.extraction.names import index_keys, same_victim
from charterwatch.incidents.model import Incident
from charterwatch.incidents.workflow.merge_log import Delta, delta, undo


@dataclass(frozen=True)
class MergeRecord:
    """``absorbed`` was folded into the incident ``into``; ``changes`` is what that changed in it."""

    into: str
    absorbed: Incident
    changes: Delta = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"into": self.into, "absorbed": self.absorbed.to_dict(), "changes": self.changes}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MergeRecord:
        return cls(data["into"], Incident.from_dict(data["absorbed"]), data["changes"])


def merge_incidents(incidents: list[Incident], *, log: list[MergeRecord] | None = None) -> list[Incident]:
    """One incident per victim x action x date, with the evidence and sources of each telling; merges go to
    ``log``.

    Incidents are indexed by names.index_keys of their victims, so a batch of thousands compares each
    incident only with those that could be the same victim.
    """
    merged: list[Incident] = []
    index: dict[str, list[int]] = {}
    for incident in incidents:
        keys = index_keys(incident.victims[0])
        candidates = sorted({k for key in keys for k in index.get(key, ())})
        found = find_home(incident, [merged[k] for k in candidates])
        if found is None:
            for key in keys:
                index.setdefault(key, []).append(len(merged))
            merged.append(_own(incident))
            continue
        k = candidates[found]
        merged[k], record = merge_pair(merged[k], incident)
        if log is not None:
            log.append(record)
    return merged


def _own(incident: Incident) -> Incident:
    """A copy whose lists a merge may extend without touching the caller's incident."""
    return replace(
        incident,
        victims=list(incident.victims),
        actions=list(incident.actions),
        legal_basis=list(incident.legal_basis),
        rights=list(incident.rights),
        evidence=list(incident.evidence),
        source_ids=list(incident.source_ids),
        private_fields=list(incident.private_fields),
    )


def undo_merge(incidents: list[Incident], record: MergeRecord) -> list[Incident]:
    """``incidents`` with ``record`` undone: the merged incident as it was before, the absorbed one beside it.

    Undo the merges into one incident in reverse order (last merged, first undone); raises ValueError when
    the incident the record names is not in ``incidents``.
    """
    position = next((i for i, incident in enumerate(incidents) if incident.id == record.into), None)
    if position is None:
        raise ValueError(f"no incident {record.into!r} to undo a merge in")
    restored = [*incidents]
    restored[position] = undo(incidents[position], record.changes)
    restored.insert(position + 1, _own(record.absorbed))
    return restored


def merge_pair(into: Incident, absorbed: Incident) -> tuple[Incident, MergeRecord]:
    """``absorbed`` folded into a copy of ``into`` whatever their victims and dates (a reviewer's merge),
    with the record that undoes it."""
    merged = _own(into)
    merge(merged, absorbed, lexicon("en"))
    return merged, MergeRecord(into.id, absorbed, delta(into, merged))


def find_home(incident: Incident, candidates: list[Incident]) -> int | None:
    """The index of the first of ``candidates`` that tells the same event as ``incident`` (names.py's same
    victim, the same action on compatible dates), as ``merge_incidents`` decides it."""
    for k, candidate in enumerate(candidates):
        if same_victim(candidate.victims[0], incident.victims[0]) and related(candidate, incident):
            return k
    return None
