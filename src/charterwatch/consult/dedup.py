"""Duplicates: the same text after normalisation, then near-duplicates by MinHash LSH checked by exact Jaccard.

LSH only proposes candidate pairs (at a lower threshold than the check, so few true pairs are missed); each is
then checked on the full shingle sets, so a merge never rests on a sketch. Groups are connected components of
checked pairs. Every merge is logged with the members it brought in, so ``undo`` can take them out again and a
reviewer's ``merge`` or ``split_off`` is logged the same way. Campaigns are found among the groups
(``campaigns.py``). Thresholds and where they come from: docs/consult.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from datasketch import MinHashLSH  # type: ignore[import-untyped]

from charterwatch.consult.campaigns import CAMPAIGN_MIN, label_campaigns
from charterwatch.consult.model import DuplicateGroup, MergeRecord, Proposal
from charterwatch.consult.shingles import (
    NUM_PERM,
    Hashes,
    Signer,
    jaccard,
    normalise,
    shingle_hashes,
    text_hash,
)
from charterwatch.consult.verify import same_idea
from charterwatch.errors import CharterwatchError, E

METHOD: Final = "consult.dedup.v1"
THRESHOLD: Final = 0.4  # exact Jaccard of character 5-gram sets for a near-duplicate
COMPLETE_LINKAGE: Final = 36  # member pairs checked before two groups join (beyond: the linking pair only)
LSH_THRESHOLD: Final = 0.3  # candidates: below THRESHOLD so that LSH misses few true pairs


@dataclass
class Dedup:
    """Every proposal in exactly one group (a lone proposal is a group of one), and each group's merge log."""

    groups: list[DuplicateGroup]
    method: str = METHOD
    group_of: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        self.group_of = {member: group.id for group in self.groups for member in group.members}

    def group(self, group_id: str) -> DuplicateGroup:
        found = next((g for g in self.groups if g.id == group_id), None)
        if found is None:
            raise CharterwatchError(E.CONSULT_UNKNOWN_ID, proposal_id=group_id, where="the duplicate groups")
        return found

    @property
    def ideas(self) -> int:
        return len(self.groups)

    @property
    def copies(self) -> int:
        return sum(group.copies for group in self.groups)

    @property
    def campaigns(self) -> list[DuplicateGroup]:
        return [group for group in self.groups if group.kind == "campaign"]

    def summary(self) -> str:
        return f"{self.ideas} unique ideas, {self.copies} copies, {len(self.campaigns)} campaigns"

    def pairs(self) -> set[tuple[str, str]]:
        """Every pair of proposals put in one group (for scoring against a known answer)."""
        return {
            (a, b)
            for g in self.groups
            for i, a in enumerate(sorted(g.members))
            for b in sorted(g.members)[i + 1 :]
        }


def find_duplicates(
    proposals: Sequence[Proposal],
    *,
    threshold: float = THRESHOLD,
    lsh_threshold: float = LSH_THRESHOLD,
    num_perm: int = NUM_PERM,
    campaign_min: int = CAMPAIGN_MIN,
) -> Dedup:
    """Group ``proposals`` that say the same thing; the first of each group in input order represents it."""
    norms = [normalise(p.text) for p in proposals]
    hashes = [shingle_hashes(n) for n in norms]
    return group_signed(
        proposals,
        norms,
        hashes,
        threshold=threshold,
        lsh_threshold=lsh_threshold,
        num_perm=num_perm,
        campaign_min=campaign_min,
    )


def group_signed(
    proposals: Sequence[Proposal],
    norms: Sequence[str],
    hashes: Sequence[Hashes],
    *,
    threshold: float = THRESHOLD,
    lsh_threshold: float = LSH_THRESHOLD,
    num_perm: int = NUM_PERM,
    campaign_min: int = CAMPAIGN_MIN,
) -> Dedup:
    """``find_duplicates`` on texts already normalised and shingled (the Dask path does that in parallel)."""
    forest = Forest(len(proposals))
    first_of: dict[str, int] = {}
    for index, norm in enumerate(norms):
        key = text_hash(norm)
        if key in first_of:
            forest.union(first_of[key], index, "same text after normalisation")
        else:
            first_of[key] = index
    distinct = sorted(first_of.values())
    signer = Signer(num_perm=num_perm)
    lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
    with lsh.insertion_session() as session:
        signatures = {index: signer.sign(hashes[index]) for index in distinct}
        for index, signature in signatures.items():
            session.insert(index, signature, check_duplication=False)
    for index in distinct:
        for other in sorted(lsh.query(signatures[index])):
            if other <= index or forest.find(other) == forest.find(index):
                continue
            score = jaccard(hashes[index], hashes[other])
            if score < threshold or same_idea(norms[index], norms[other]) is not None:
                continue
            reason = f"near-duplicate of {proposals[index].id}: Jaccard {score:.2f}"
            forest.join(index, other, norms.__getitem__, reason=reason)
    groups = forest.groups(proposals)
    texts = {p.id: p.text for p in proposals}
    label_campaigns(
        groups, texts, {p.id: n for p, n in zip(proposals, norms, strict=True)}, campaign_min=campaign_min
    )
    return Dedup(groups)


def merge(dedup: Dedup, keep: str, absorb: str, *, by: str, reason: str) -> DuplicateGroup:
    """A reviewer's merge: the group ``absorb`` joins the group ``keep``; logged, so ``undo`` reverses it."""
    target, joining = dedup.group(keep), dedup.group(absorb)
    target.members.extend(joining.members)
    target.log.append(MergeRecord("merge", tuple(joining.members), reason, by=by))
    dedup.groups.remove(joining)
    dedup.reindex()
    return target


def undo(dedup: Dedup, group_id: str, record: int = -1, *, by: str = "reviewer") -> DuplicateGroup:
    """Reverse a logged merge: the proposals it brought in leave as a group of their own (returned)."""
    group = dedup.group(group_id)
    merged = [r for r in group.log if r.action == "merge"]
    entry = merged[record]
    return split_off(dedup, list(entry.proposal_ids), by=by, reason=f"undo: {entry.reason}")


def split_off(dedup: Dedup, proposal_ids: Sequence[str], *, by: str, reason: str) -> DuplicateGroup:
    """Take proposals out of their group into a new one; the old group logs the split."""
    for proposal_id in proposal_ids:
        if proposal_id not in dedup.group_of:
            raise CharterwatchError(
                E.CONSULT_UNKNOWN_ID, proposal_id=proposal_id, where="the duplicate groups"
            )
    source = dedup.group(dedup.group_of[proposal_ids[0]])
    leaving = [m for m in source.members if m in set(proposal_ids)]
    source.members = [m for m in source.members if m not in set(leaving)]
    source.log.append(MergeRecord("split", tuple(leaving), reason, by=by))
    if source.representative in leaving and source.members:
        source.representative = source.members[0]
    new = DuplicateGroup(f"{source.id}.{len(source.log)}", leaving[0], leaving)
    dedup.groups.append(new)
    if not source.members:
        dedup.groups.remove(source)
    dedup.reindex()
    return new


class Forest:
    """Union-find that remembers, for each union, which members the smaller side brought in and why.

    Shared by the in-memory and the Dask paths, so both join checked pairs by the same rule (``join``)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {i: [i] for i in range(size)}
        self.log: dict[int, list[tuple[list[int], str]]] = {}

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def group(self, item: int) -> list[int]:
        return self.members[self.find(item)]

    def join(
        self, a: int, b: int, norm: Callable[[int], str], *, reason: str, limit: int = COMPLETE_LINKAGE
    ) -> bool:
        """Union the groups of ``a`` and ``b``, a checked pair, unless both groups are small and some other
        pair across them (normalised texts by ``norm``) is not the same idea. Complete linkage for small
        groups, or "leash laws …" and "noise ordinances …" would meet through "leash laws and noise
        ordinances …"; large groups (campaigns) join by the one pair. True when joined."""
        ours, theirs = self.group(a), self.group(b)
        if ours is theirs:
            return False
        if len(ours) * len(theirs) <= limit:
            checked = (norm(a), norm(b))
            left, right = {norm(x) for x in ours}, {norm(y) for y in theirs}
            if any((x, y) != checked and same_idea(x, y) is not None for x in left for y in right):
                return False
        self.union(a, b, reason)
        return True

    def union(self, a: int, b: int, reason: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return
        if (len(self.members[root_a]), -root_a) < (len(self.members[root_b]), -root_b):
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        joining = self.members.pop(root_b)
        self.members[root_a].extend(joining)
        self.log.setdefault(root_a, []).extend(self.log.pop(root_b, []))
        self.log[root_a].append((sorted(joining), reason))

    def groups(self, proposals: Sequence[Proposal]) -> list[DuplicateGroup]:
        groups = []
        for root, members in sorted(self.members.items(), key=lambda item: min(item[1])):
            ordered = sorted(members)
            log = [
                MergeRecord("merge", tuple(proposals[i].id for i in joining), reason)
                for joining, reason in self.log.get(root, [])
            ]
            ids = [proposals[i].id for i in ordered]
            groups.append(DuplicateGroup(f"g:{ids[0]}", ids[0], ids, log=log))
        return groups
