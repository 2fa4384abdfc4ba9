"""Grounds per right over the whole text: a ground a version names for a right and the other does not."""

from __future__ import annotations

from charterwatch.rights.audit import Audit
from charterwatch.rights.delta_model import (
    Change,
    Passage,
    right_name,
    right_order,
    where_list,
    where_passage,
)
from charterwatch.rights.model import GroundFinding
from charterwatch.rights.passages import Sides
from charterwatch.rights.standards import Standards


def ground_keys(standards: Standards, phrase_id: str) -> tuple[str, ...]:
    """What a finding counts as: the treaty grounds of a direct mapping, else the phrase itself.

    So "state security" and "national security" are one ground, and "health and morality" is public health
    plus public morals, while a phrase with no or a conditional counterpart ("constitutional order") stays.
    """
    grounds = standards.ground_ids_of(phrase_id)
    if standards.match_of(phrase_id) == "direct" and grounds:
        return tuple(grounds)
    return (phrase_id,)


def key_label(standards: Standards, key: str) -> str:
    if any(g.id == key for g in standards.grounds):
        return standards.ground(key).label
    return key.removesuffix("_phrase").replace("_", " ")


def grounds_by_right(audit: Audit, standards: Standards) -> dict[tuple[str, str], list[GroundFinding]]:
    """(right, ground key) -> the findings, in document order."""
    found: dict[tuple[str, str], list[GroundFinding]] = {}
    for finding in audit.findings:
        for right in finding.rights:
            for key in ground_keys(standards, finding.phrase_id):
                found.setdefault((right, key), []).append(finding)
    return found


def ground_changes(old_audit: Audit, new_audit: Audit, sides: Sides, standards: Standards) -> list[Change]:
    before, after = grounds_by_right(old_audit, standards), grounds_by_right(new_audit, standards)
    changes: list[Change] = []
    for right, key in sorted(after.keys() - before.keys(), key=right_order):
        finding = after[(right, key)][0]
        at = where_list(f.location for f in after[(right, key)])
        counterpart = sides.in_old(finding.location, finding.clause)
        detail = (
            f"now limits {right_name(right)} ({at}); no clause of the old version names it for this right"
        )
        if sides.old.contains(counterpart, finding.evidence.quote):
            detail += f" (its words were in {where_passage(counterpart)}, not read as a limitation there)"
        changes.append(
            Change(
                "ground_added",
                right,
                key,
                key_label(standards, key),
                detail,
                finding.verdicts.get(right, finding.verdict),
                new=Passage.of(sides.new.ref, finding.location, finding.evidence),
                new_clause=Passage.of(sides.new.ref, finding.location, finding.clause),
                old_clause=counterpart,
            )
        )
    for right, key in sorted(before.keys() - after.keys(), key=right_order):
        finding = before[(right, key)][0]
        at = where_list(f.location for f in before[(right, key)])
        counterpart = sides.in_new(finding.location, finding.clause)
        detail = f"limited {right_name(right)} in the old version ({at}); no clause of the new one names it"
        if sides.new.contains(counterpart, finding.evidence.quote):
            detail += f" (its words remain in {where_passage(counterpart)}, not read as a limitation there)"
        changes.append(
            Change(
                "ground_removed",
                right,
                key,
                key_label(standards, key),
                detail,
                finding.verdicts.get(right, finding.verdict),
                old=Passage.of(sides.old.ref, finding.location, finding.evidence),
                old_clause=Passage.of(sides.old.ref, finding.location, finding.clause),
                new_clause=counterpart,
            )
        )
    return changes
