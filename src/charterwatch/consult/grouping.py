"""Duplicate groups and themes in the store: run them over the stored proposals, and a reviewer's edits.

A reviewer's merge, undo or split runs the in-memory functions of ``dedup.py`` on the stored groups and
writes back only the groups that changed. Re-running dedup starts from the texts again, then replays the
reviewers' merges and splits in the order they were made, so their decisions survive new imports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from charterwatch.consult.dedup import METHOD, Dedup, find_duplicates, merge, split_off, undo
from charterwatch.consult.model import DuplicateGroup, GroupKind, MergeRecord, Theme
from charterwatch.consult.models import GroupRow, MergeRow, ProposalRow, ThemeMemberRow, ThemeRow
from charterwatch.consult.store import all_proposals
from charterwatch.consult.themes import find_themes
from charterwatch.errors import CharterwatchError, E

PIPELINE = "dedup"  # the ``by`` of merges the pipeline made; anything else is a reviewer
ThemeMethod = Literal["tfidf", "embeddings"]


@dataclass(frozen=True)
class DedupSummary:
    """Counts after a dedup run or a reviewer's edit: "N unique ideas, M copies, K campaigns"."""

    ideas: int
    copies: int
    campaigns: int
    replayed: int = 0  # reviewer edits applied again after a re-run

    def __str__(self) -> str:
        return f"{self.ideas} unique ideas, {self.copies} copies, {self.campaigns} campaigns"

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "summary": str(self)}


def run_dedup(session: Session) -> DedupSummary:
    """Find duplicates and campaigns among all stored proposals and store them, replacing earlier groups."""
    proposals = all_proposals(session)
    if not proposals:
        raise CharterwatchError(E.CONSULT_EMPTY)
    edits = _reviewer_edits(session)
    dedup = find_duplicates(proposals)
    replayed = sum(_replay(dedup, record, rep) for record, rep in edits)
    session.execute(update(ProposalRow).values(group_id=None))
    session.execute(delete(MergeRow))
    session.execute(delete(GroupRow))
    _write(session, dedup.groups)
    return _summary(dedup, replayed=replayed)


def load_dedup(session: Session) -> Dedup:
    """The stored groups with their logs, members in intake order."""
    members: dict[str, list[str]] = defaultdict(list)
    query = select(ProposalRow.id, ProposalRow.group_id).order_by(ProposalRow.position)
    for proposal_id, group_id in session.execute(query):
        if group_id is not None:
            members[group_id].append(proposal_id)
    logs: dict[str, list[MergeRecord]] = defaultdict(list)
    for row in session.scalars(select(MergeRow).order_by(MergeRow.group_id, MergeRow.position)):
        logs[row.group_id].append(_record(row))
    groups = [
        DuplicateGroup(
            row.id, row.representative, members[row.id], cast(GroupKind, row.kind), row.template, logs[row.id]
        )
        for row in session.scalars(select(GroupRow).order_by(GroupRow.id))
    ]
    return Dedup(groups)


def merge_groups(session: Session, keep: str, absorb: str, *, by: str, reason: str) -> DuplicateGroup:
    """A reviewer's merge: group ``absorb`` joins group ``keep`` (ids of groups or of their proposals)."""
    return _edit(session, lambda d: merge(d, _group_id(d, keep), _group_id(d, absorb), by=by, reason=reason))


def undo_merge(session: Session, group: str, *, by: str) -> DuplicateGroup:
    """Undo the last merge of a group: the proposals it brought in become a group of their own (returned)."""

    def action(dedup: Dedup) -> DuplicateGroup:
        group_id = _group_id(dedup, group)
        if not any(r.action == "merge" for r in dedup.group(group_id).log):
            raise CharterwatchError(E.CONSULT_NOTHING_TO_UNDO, group=group)
        return undo(dedup, group_id, by=by)

    return _edit(session, action)


def split_proposals(session: Session, proposal_ids: Sequence[str], *, by: str, reason: str) -> DuplicateGroup:
    """Take proposals out of their group into a new group of their own (returned)."""
    return _edit(session, lambda d: split_off(d, list(proposal_ids), by=by, reason=reason))


def dedup_summary(session: Session) -> DedupSummary:
    """The counts of the stored groups."""
    return _summary(load_dedup(session))


def run_themes(session: Session, *, method: ThemeMethod = "tfidf") -> list[Theme]:
    """Themes of the stored ideas (one representative per duplicate group), replacing earlier themes."""
    proposals = all_proposals(session)
    if not proposals:
        raise CharterwatchError(E.CONSULT_EMPTY)
    representatives = set(session.scalars(select(GroupRow.representative)))
    ideas = [p for p in proposals if p.id in representatives] if representatives else proposals
    themes = find_themes(ideas, use_embeddings=method == "embeddings")
    session.execute(delete(ThemeMemberRow))
    session.execute(delete(ThemeRow))
    session.add_all(ThemeRow(id=t.id, label=t.label, keywords=t.keywords, method=t.method) for t in themes)
    session.flush()
    rows = [{"theme_id": t.id, "proposal_id": m} for t in themes for m in t.members]
    if rows:
        session.execute(insert(ThemeMemberRow), rows)
    return themes


def stored_themes(session: Session) -> list[Theme]:
    """The stored themes, largest first."""
    members: dict[str, list[str]] = defaultdict(list)
    for theme_id, proposal_id in session.execute(select(ThemeMemberRow.theme_id, ThemeMemberRow.proposal_id)):
        members[theme_id].append(proposal_id)
    themes = [
        Theme(row.id, list(row.keywords), sorted(members[row.id]), row.method)
        for row in session.scalars(select(ThemeRow))
    ]
    return sorted(themes, key=lambda t: (-len(t.members), t.id))


def _group_id(dedup: Dedup, given: str) -> str:
    """A group id, or the id of the group holding the proposal ``given``."""
    if given in dedup.group_of:
        return dedup.group_of[given]
    if any(g.id == given for g in dedup.groups):
        return given
    raise CharterwatchError(E.CONSULT_DUPLICATES_NOT_FOUND, group=given)


def _edit(session: Session, action: Any) -> DuplicateGroup:
    dedup = load_dedup(session)
    if not dedup.groups:
        raise CharterwatchError(E.CONSULT_DUPLICATES_NOT_FOUND, group="(none: run 'consult dedup')")
    before = {g.id: _snapshot(g) for g in dedup.groups}
    result: DuplicateGroup = action(dedup)
    now = dt.datetime.now(dt.UTC)
    for group in dedup.groups:  # the edit's log entry gets its time
        group.log = [r if r.at or r.by == PIPELINE else dataclasses.replace(r, at=now) for r in group.log]
    after = {g.id: g for g in dedup.groups}
    changed = [g for gid, g in after.items() if before.get(gid) != _snapshot(g)]
    gone = [gid for gid in before if gid not in after]
    ids = [g.id for g in changed] + gone
    session.execute(update(ProposalRow).where(ProposalRow.group_id.in_(ids)).values(group_id=None))
    session.execute(delete(MergeRow).where(MergeRow.group_id.in_(ids)))
    session.execute(delete(GroupRow).where(GroupRow.id.in_(ids)))
    _write(session, changed)
    return result


def _snapshot(group: DuplicateGroup) -> tuple[Any, ...]:
    return (tuple(group.members), group.representative, group.kind, group.template, len(group.log))


def _write(session: Session, groups: Sequence[DuplicateGroup]) -> None:
    rows = [
        {"id": g.id, "kind": g.kind, "representative": g.representative, "template": g.template}
        | {"method": METHOD}
        for g in groups
    ]
    if rows:
        session.execute(insert(GroupRow), rows)
    log_rows = [
        {"group_id": g.id, "position": k, "action": r.action, "proposal_ids": list(r.proposal_ids)}
        | {"reason": r.reason, "by": r.by, "at": r.at}
        for g in groups
        for k, r in enumerate(g.log)
    ]
    if log_rows:
        session.execute(insert(MergeRow), log_rows)
    for g in groups:
        session.execute(update(ProposalRow).where(ProposalRow.id.in_(g.members)).values(group_id=g.id))


def _reviewer_edits(session: Session) -> list[tuple[MergeRecord, str]]:
    """The reviewers' merges and splits, oldest first, each with its group's representative at the time."""
    query = (
        select(MergeRow, GroupRow.representative)
        .join(GroupRow, GroupRow.id == MergeRow.group_id)
        .where(MergeRow.by != PIPELINE)
    )
    edits = [(_record(row), rep) for row, rep in session.execute(query)]
    return sorted(edits, key=lambda e: e[0].at or dt.datetime.min.replace(tzinfo=dt.UTC))


def _replay(dedup: Dedup, record: MergeRecord, representative: str) -> bool:
    """Apply one earlier reviewer edit to a fresh dedup; False when it no longer applies."""
    ids = [p for p in record.proposal_ids if p in dedup.group_of]
    if not ids or representative not in dedup.group_of:
        return False
    if record.action == "merge":
        keep, absorb = dedup.group_of[representative], dedup.group_of[ids[0]]
        if keep == absorb:
            return False
        changed = merge(dedup, keep, absorb, by=record.by, reason=record.reason)
    else:
        changed = dedup.group(dedup.group_of[ids[0]])
        if set(changed.members) <= set(ids):
            return False
        split_off(dedup, ids, by=record.by, reason=record.reason)
    changed.log[-1] = dataclasses.replace(changed.log[-1], at=record.at)
    return True


def _record(row: MergeRow) -> MergeRecord:
    action = cast(Literal["merge", "split"], row.action)
    return MergeRecord(action, tuple(row.proposal_ids), row.reason, row.by, row.at)


def _summary(dedup: Dedup, *, replayed: int = 0) -> DedupSummary:
    return DedupSummary(dedup.ideas, dedup.copies, len(dedup.campaigns), replayed)
