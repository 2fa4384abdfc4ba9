"""Limitation clauses per aligned article pair and right: broadened, narrowed or changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from charterwatch.rights.audit import Audit
from charterwatch.rights.delta_grounds import ground_keys, key_label
from charterwatch.rights.delta_model import (
    Change,
    ChangeKind,
    Passage,
    right_name,
    right_order,
    where_passage,
)
from charterwatch.rights.model import Clause, Evidence, Location
from charterwatch.rights.passages import Sides
from charterwatch.rights.standards import Standards


@dataclass(frozen=True)
class _Limits:
    clauses: tuple[Clause, ...]
    keys: frozenset[str]
    kinds: frozenset[str]
    tests: frozenset[str]  # test words present in some clause

    @classmethod
    def of(cls, clauses: Sequence[Clause], standards: Standards) -> _Limits:
        keys = frozenset(k for c in clauses for g in c.grounds for k in ground_keys(standards, g.phrase_id))
        tests = frozenset(w for c in clauses for w, present in c.test_words.items() if present)
        return cls(tuple(clauses), keys, frozenset(c.kind for c in clauses), tests)


def _clauses_by_article(audit: Audit) -> dict[str, dict[str, list[Clause]]]:
    """article -> right -> clauses limiting it there."""
    found: dict[str, dict[str, list[Clause]]] = {}
    for clause in audit.clauses:
        if clause.location.article is None:
            continue
        for right in clause.rights:
            found.setdefault(clause.location.article, {}).setdefault(right, []).append(clause)
    return found


def limitation_changes(
    old_audit: Audit, new_audit: Audit, sides: Sides, standards: Standards
) -> list[Change]:
    before, after = _clauses_by_article(old_audit), _clauses_by_article(new_audit)
    changes: list[Change] = []
    for pair in sides.comparison.pairs:
        rights_old = {r: c for num in pair.old for r, c in before.get(num, {}).items()}
        rights_new = {r: c for num in pair.new for r, c in after.get(num, {}).items()}
        for right in sorted(rights_old.keys() | rights_new.keys(), key=lambda r: right_order((r, ""))):
            old_clauses = [c for num in pair.old for c in before.get(num, {}).get(right, [])]
            new_clauses = [c for num in pair.new for c in after.get(num, {}).get(right, [])]
            change = _limitation(
                right,
                _Limits.of(old_clauses, standards),
                _Limits.of(new_clauses, standards),
                sides,
                standards,
            )
            if change is not None:
                changes.append(change)
    return changes


def _limitation(right: str, old: _Limits, new: _Limits, sides: Sides, standards: Standards) -> Change | None:
    broader: list[str] = []
    narrower: list[str] = []
    added, removed = sorted(new.keys - old.keys), sorted(old.keys - new.keys)
    if not old.clauses:
        broader.append("a limitation clause where the old article had none")
    elif not new.clauses:
        counterpart = sides.in_new(old.clauses[0].location, old.clauses[0].evidence)
        kept = [g.evidence.quote for c in old.clauses for g in c.grounds]
        if any(sides.new.contains(counterpart, words) for words in kept):
            broader.append("no limitation clause read for this right, though the grounds' words remain")
            narrower.append("(wording or rights named changed)")
        else:
            narrower.append("no limitation clause where the old article had one")
    else:
        if added:
            broader.append("grounds added: " + ", ".join(key_label(standards, k) for k in added))
        if removed:
            narrower.append("grounds removed: " + ", ".join(key_label(standards, k) for k in removed))
        if "clawback" in new.kinds - old.kinds and "specific" in old.kinds - new.kinds:
            broader.append("a clawback (only 'by law') replaces a specific clause")
        if "specific" in new.kinds - old.kinds and "clawback" in old.kinds - new.kinds:
            narrower.append("a specific clause replaces a clawback")
        if lost := sorted(old.tests - new.tests):
            broader.append("test words lost: " + ", ".join(lost))
        if gained := sorted(new.tests - old.tests):
            narrower.append("test words gained: " + ", ".join(gained))
    if not broader and not narrower:
        return None
    kind: ChangeKind = (
        "limitation_changed"
        if broader and narrower
        else "limitation_broadened"
        if broader
        else "limitation_narrowed"
    )
    first_old = _first_with(old.clauses, removed, standards)
    first_new = _first_with(new.clauses, added, standards)
    old_clause: Passage | None
    new_clause: Passage | None
    if first_new is not None and (added or first_old is None):  # the new clause is the news: quote it
        new_clause = Passage.of(sides.new.ref, first_new.location, first_new.evidence)
        old_clause = sides.in_old(*_at(first_new)) or _passage(sides.old.ref, first_old)
    else:
        old_clause = _passage(sides.old.ref, first_old)
        new_clause = sides.in_new(*_at(first_old)) or _passage(sides.new.ref, first_new)
    at = f"{where_passage(old_clause)} → {where_passage(new_clause)}"
    return Change(
        kind,
        right,
        right,
        right_name(right),
        f"{at}: " + "; ".join([*broader, *narrower]),
        old_clause=old_clause,
        new_clause=new_clause,
    )


def _first_with(clauses: Sequence[Clause], keys: Sequence[str], standards: Standards) -> Clause | None:
    """The first clause naming one of ``keys``, else the first clause."""
    for clause in clauses:
        if any(k in keys for g in clause.grounds for k in ground_keys(standards, g.phrase_id)):
            return clause
    return clauses[0] if clauses else None


def _passage(ref: str, clause: Clause | None) -> Passage | None:
    return Passage.of(ref, clause.location, clause.evidence) if clause else None


def _at(clause: Clause | None) -> tuple[Location | None, Evidence | None]:
    return (clause.location, clause.evidence) if clause else (None, None)
