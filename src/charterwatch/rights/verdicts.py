"""The verdict on a ground for a right, derived from the standards data alone.

A phrase the YAML maps to no ground is not permitted; a conditional or partial mapping is conditional; a
direct mapping is permitted where the right's limitation clause lists the ground and not permitted where the
ground is excluded or unlisted (national security under art. 18(3)). Per-right and per-phrase verdicts in the
data override the derivation, with their reasons.
"""

from __future__ import annotations

from collections.abc import Iterable

from charterwatch.rights.standards import VERDICT_ORDER, PhraseEntry, Standards, Verdict


def strictest(verdicts: Iterable[Verdict]) -> Verdict:
    return min(verdicts, key=lambda v: VERDICT_ORDER[v], default="conditional")


def verdict_for(
    standards: Standards, phrase_or_ground: str, article: str, *, wording: str | None = None
) -> tuple[Verdict, str]:
    """Verdict and reason for one phrase (or ground id) limiting one ICCPR article ("*" for all rights)."""
    entry = next((p for p in standards.phrase_mapping if p.id == phrase_or_ground), None)
    if entry is None:
        return _direct(standards, [phrase_or_ground], article)
    for special in entry.phrase_verdicts:
        if wording is not None and wording in special.phrases:
            return special.verdict, special.reason
    if article in entry.verdict_by_right:
        return entry.verdict_by_right[article], entry.verdict_reason or f"standard for art. {article}"
    return _by_match(standards, entry, article)


def _by_match(standards: Standards, entry: PhraseEntry, article: str) -> tuple[Verdict, str]:
    if entry.match == "none":
        return "not_permitted", entry.reasoning or "no ICCPR ground"
    if entry.match in ("conditional", "partial"):
        return "conditional", entry.condition or entry.reasoning or f"{entry.match} match to an ICCPR ground"
    grounds = entry.ground_ids()
    if not grounds:  # a treaty duty, e.g. art. 20(1) war propaganda
        return "permitted", f"required by ICCPR {entry.nearest_ground}"
    return _direct(standards, grounds, article)


# The rights with limitation clauses of their own: a clause on all rights can limit these, and no more than they
# allow. ICCPR arts 12(3), 18(3), 19(3), 21 and 22(2).
GENERAL_SCOPE = ("12", "18", "19", "21", "22")


def _direct(standards: Standards, grounds: list[str], article: str) -> tuple[Verdict, str]:
    labels = ", ".join(standards.ground(g).label for g in grounds)
    if article == "*":
        return _general(standards, grounds, labels)
    right = standards.right(article)
    if right is None:
        return "conditional", f"art. {article} has no entry in the standards"
    clause = right.limitation_clause
    if clause is None:
        if right.derogable is False:
            return "not_permitted", f"art. {article} ({right.name}) admits no limitation"
        return "conditional", f"art. {article} has no limitation clause; only non-arbitrary, lawful limits"
    if not clause.grounds:
        return "conditional", f"art. {clause.paragraph} names no grounds: lawful and not arbitrary only"
    missing = [g for g in grounds if g not in clause.grounds]
    if not missing:
        return "permitted", f"{labels}: a ground under art. {clause.paragraph}"
    names = ", ".join(standards.ground(g).label for g in missing)
    return "not_permitted", f"{names}: not a ground under art. {clause.paragraph}"


def _general(standards: Standards, grounds: list[str], labels: str) -> tuple[Verdict, str]:
    """A clause on all rights: the strictest verdict over the rights it can limit, but no worse than conditional.

    A ground missing from some of those articles (national security under 18(3)) leaves the clause valid only if
    read narrowly, right by right: conditional, not a breach of every right (Siracusa 1-2, GC22 para 8).
    """
    judged = {a: _direct(standards, grounds, a) for a in GENERAL_SCOPE}
    lacking = [a for a, (v, _) in judged.items() if v != "permitted"]
    if not lacking:
        return "permitted", f"{labels}: a ground under arts {', '.join(GENERAL_SCOPE)}"
    arts = ", ".join(f"{a}({'3' if a in ('12', '18', '19') else '2' if a == '22' else ''})" for a in lacking)
    return (
        "conditional",
        f"{labels}: not a ground under art. {arts.replace('()', '')}; valid only where it limits other rights",
    )
