"""Merging the same incident told by several sources, with a log that lets a reviewer undo any merge.

A merge is a judgement ("same victim, same event") that a monitor may dispute, so each one is recorded with
both incidents as they were; undoing restores them exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from charterwatch.incidents.dedup import merge, related
from charterwatch.incidents.lexicon import lexicon
from charterwatch.incidents.model import Incident
from charterwatch.incidents.scoring import same_victim, tokens


@dataclass(frozen=True)
class MergeRecord:
    """``absorbed`` was folded into the incident ``into``, which looked like ``before`` until then."""

    into: str
    before: Incident
    absorbed: Incident

    def to_dict(self) -> dict[str, Any]:
        return {"into": self.into, "before": self.before.to_dict(), "absorbed": self.absorbed.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MergeRecord:
        return cls(data["into"], Incident.from_dict(data["before"]), Incident.from_dict(data["absorbed"]))


def merge_incidents(incidents: list[Incident], *, log: list[MergeRecord] | None = None) -> list[Incident]:
    """One incident per victim and event, with the evidence and sources of each telling; merges go to ``log``.

    Incidents are indexed by the words of their victims, so a batch of thousands compares each incident only
    with those that share a victim word.
    """
    lex = lexicon("en")
    merged: list[Incident] = []
    index: dict[str, list[int]] = {}
    for incident in incidents:
        words = tokens(incident.victims[0].label)
        candidates = sorted({k for w in words for k in index.get(w, ())})
        home = next(
            (
                merged[k]
                for k in candidates
                if same_victim(merged[k].victims[0].label, incident.victims[0].label)
                and related(merged[k], incident, lex)
            ),
            None,
        )
        if home is None:
            for word in words:
                index.setdefault(word, []).append(len(merged))
            merged.append(_own(incident))
            continue
        if log is not None:
            log.append(MergeRecord(home.id, _own(home), incident))
        merge(home, incident, lex)
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
    restored[position] = _own(record.before)
    restored.insert(position + 1, _own(record.absorbed))
    return restored


def merge_pair(into: Incident, absorbed: Incident) -> tuple[Incident, MergeRecord]:
    """``absorbed`` folded into a copy of ``into`` whatever their victims and dates (a reviewer's merge),
    with the record that undoes it."""
    merged = _own(into)
    merge(merged, absorbed, lexicon("en"))
    return merged, MergeRecord(into.id, _own(into), absorbed)


def find_home(incident: Incident, candidates: list[Incident]) -> int | None:
    """The index of the first of ``candidates`` that tells the same event as ``incident`` (same victim,
    related actions, compatible dates), as ``merge_incidents`` decides it."""
    lex = lexicon("en")
    label = incident.victims[0].label
    for k, candidate in enumerate(candidates):
        if same_victim(candidate.victims[0].label, label) and related(candidate, incident, lex):
            return k
    return None
