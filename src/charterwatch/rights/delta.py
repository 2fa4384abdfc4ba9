"""The rights delta between two versions: what the new text changes in limits, safeguards and rights named.

``delta(old_audit, new_audit, comparison)`` reads two audits over the comparison's article alignment:

- **grounds added or removed** per right (ICCPR article, ``*`` for clauses on all rights), over the whole text,
  so a clause that only moved is no change;
- **limitations broadened or narrowed** per aligned article pair and right: more or fewer grounds, a clawback
  replacing a specific clause, test words gained or lost, a limitation clause appearing or disappearing;
- **safeguards added, removed or changed** (who appoints the ombudsman);
- **rights dropped or added**: an ICCPR right named in one version and nowhere in the other, and the named
  guarantees of ``data/concerns.yaml`` (the right to strike) found in one version only.

Every change keeps the evidence of both sides: the words (``old`` / ``new``) where the thing exists, and the
clause or paragraph around them (``old_clause`` / ``new_clause``). Where a side lacks the thing, its clause is
the counterpart passage: the paragraph of the aligned article that shares most words with the other side, so
a report can quote what the text says instead. Passing the parsed texts (``old=``, ``new=``) enables those
counterparts and the named guarantees; every quote is ``source_text[start:end]``.

The model is in ``delta_model``, the sides' paragraphs in ``passages``, and each kind of change in its own
module (``delta_grounds``, ``delta_limits``, ``guarantees``); safeguards and rights named stay here.
"""

from __future__ import annotations

from collections.abc import Sequence

from charterwatch.rights.audit import Audit
from charterwatch.rights.delta_grounds import ground_changes
from charterwatch.rights.delta_limits import limitation_changes
from charterwatch.rights.delta_model import Change, ChangeKind, Passage, RightsDelta, where
from charterwatch.rights.guarantees import guarantee_changes
from charterwatch.rights.model import Evidence, Location, Safeguard
from charterwatch.rights.passages import Sides, VersionText
from charterwatch.rights.standards import Standards, load_standards
from charterwatch.texts.compare.model import Comparison
from charterwatch.texts.tree import ParsedText


def delta(
    old_audit: Audit,
    new_audit: Audit,
    comparison: Comparison,
    *,
    old: ParsedText | None = None,
    new: ParsedText | None = None,
) -> RightsDelta:
    """The changes from ``old_audit`` to ``new_audit`` over ``comparison`` (made from the same two versions).

    With the parsed texts, a side that lacks something gets its counterpart passage, and the named guarantees
    are looked for; without them, only the audits' own evidence is quoted.
    """
    sides = Sides(
        VersionText(comparison.old_ref, old),
        VersionText(comparison.new_ref, new),
        comparison,
        new_audit.lang,
    )
    standards = load_standards()
    changes = [
        *ground_changes(old_audit, new_audit, sides, standards),
        *limitation_changes(old_audit, new_audit, sides, standards),
        *_safeguards(old_audit.safeguards, new_audit.safeguards, sides),
        *_rights(old_audit, new_audit, sides, standards),
        *guarantee_changes(sides),
    ]
    return RightsDelta(comparison.old_ref, comparison.new_ref, comparison.method, tuple(changes))


# Safeguards.


def _safeguards(old: Sequence[Safeguard], new: Sequence[Safeguard], sides: Sides) -> list[Change]:
    changes: list[Change] = []
    after = {s.safeguard: s for s in new}
    for before in old:
        now = after.get(before.safeguard)
        if now is None:
            continue
        details = _details_change(before.details, now.details)
        if before.present == now.present and not details:
            continue
        kind: ChangeKind = (
            "safeguard_changed"
            if before.present == now.present
            else "safeguard_removed"
            if before.present
            else "safeguard_added"
        )
        state = {True: "present", False: "absent"}
        detail = f"{state[before.present]} ({where(before.location)}) → {state[now.present]} ({where(now.location)})"
        changes.append(
            Change(
                kind,
                None,
                before.safeguard,
                before.label,
                detail + (f"; {details}" if details else ""),
                old=_safeguard_words(sides.old.ref, before),
                new=_safeguard_words(sides.new.ref, now),
                old_clause=None if before.evidence else sides.in_old(now.location, now.evidence),
                new_clause=None if now.evidence else sides.in_new(before.location, before.evidence),
            )
        )
    return changes


def _safeguard_words(ref: str, safeguard: Safeguard) -> Passage | None:
    if safeguard.location is None or safeguard.evidence is None:
        return None
    return Passage.of(ref, safeguard.location, safeguard.evidence)


# Details that only show the reader the words (quoted, or looked for): a change of wording is no change.
_WORDING_DETAILS = frozenset({"words", "looked_for"})


def _details_change(before: dict[str, str], after: dict[str, str]) -> str:
    keys = sorted((before.keys() | after.keys()) - _WORDING_DETAILS)
    return "; ".join(
        f"{k.replace('_', ' ')}: {before.get(k, '—')} → {after.get(k, '—')}"
        for k in keys
        if before.get(k) != after.get(k)
    )


# Rights named in one version only (the named guarantees are in guarantees.py).


def _rights(old_audit: Audit, new_audit: Audit, sides: Sides, standards: Standards) -> list[Change]:
    def mentions(audit: Audit) -> dict[str, tuple[Location, Evidence]]:
        found: dict[str, tuple[Location, Evidence]] = {}
        for provision in audit.provisions:
            for mention in provision.rights:
                found.setdefault(mention.iccpr, (provision.location, mention.evidence))
        return found

    before, after = mentions(old_audit), mentions(new_audit)
    changes: list[Change] = []
    for right in sorted(before.keys() - after.keys(), key=int):
        location, evidence = before[right]
        if sides.new.anywhere(evidence.quote):
            continue  # the words are there; the audit just did not count them as naming the right
        changes.append(
            Change(
                "right_dropped",
                right,
                right,
                _right_title(standards, right),
                f"named in the old version ({where(location)}), nowhere in the new one",
                old=Passage.of(sides.old.ref, location, evidence),
                new_clause=sides.in_new(location, evidence),
            )
        )
    for right in sorted(after.keys() - before.keys(), key=int):
        location, evidence = after[right]
        if sides.old.anywhere(evidence.quote):
            continue
        changes.append(
            Change(
                "right_added",
                right,
                right,
                _right_title(standards, right),
                f"named in the new version ({where(location)}), nowhere in the old one",
                new=Passage.of(sides.new.ref, location, evidence),
                old_clause=sides.in_old(location, evidence),
            )
        )
    return changes


def _right_title(standards: Standards, right: str) -> str:
    entry = standards.right(right)
    return f"ICCPR art. {right}: {entry.name}" if entry else f"ICCPR art. {right}"
