"""Review a version: its audit and, against an older version, the rights delta and the seed concerns.

``review(parsed, ref=...)`` works on parsed texts; ``review_refs(engine, "KZ@2026", against="KZ@1995-ru")``
loads both versions from the store and reuses their stored audits (``rights.storage``) and their stored
comparison (``texts.compare.service``), each while its method id is the current one. The ``Review`` is the one
context every report format renders, and ``Review.to_dict()`` is its JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Engine

import charterwatch.rights  # noqa: F401  (registers the built-in rules)
from charterwatch.rights.audit import Audit, audit
from charterwatch.rights.basis import basis_of
from charterwatch.rights.concerns import STATUSES, ConcernResult, assess
from charterwatch.rights.delta import delta
from charterwatch.rights.delta_model import RightsDelta
from charterwatch.rights.storage import audit_version
from charterwatch.store.db import session_scope
from charterwatch.texts.compare import compare
from charterwatch.texts.compare.model import Comparison
from charterwatch.texts.compare.service import compare_versions
from charterwatch.texts.storage import load_version, resolve_ref, version_ref
from charterwatch.texts.tree import ParsedText


@dataclass(frozen=True)
class Review:
    """An audit of one version; with an older one, what changed and how the seeds' concerns fare."""

    title: str
    audit: Audit
    against: Audit | None = None
    delta: RightsDelta | None = None
    concerns: tuple[ConcernResult, ...] = ()

    @property
    def ref(self) -> str:
        return self.audit.version or self.title

    def concern_counts(self) -> dict[str, int]:
        return {s: n for s in STATUSES if (n := sum(c.status == s for c in self.concerns))}

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "audit": self.audit.to_dict(),
            "against": None if self.against is None else self.against.to_dict(),
            "delta": None if self.delta is None else self.delta.to_dict(),
            "concerns": [c.to_dict() for c in self.concerns],
            "verdicts": self.verdicts(),
        }

    def verdicts(self) -> list[dict[str, Any]]:
        """Each verdict of the audit explained (``rights.basis``): the ground of which right, under which ICCPR
        paragraph, by which rule, resting on which paragraphs; with the clause's place and the ground's words."""
        return [
            {
                "where": asdict(clause.location),  # in the text: version, article, paragraph, eId
                "words": finding.evidence.quote,
                **basis_of(finding, right).to_dict(),
            }
            for clause in self.audit.clauses
            for right in clause.rights
            for finding in clause.grounds
        ]


def review(
    parsed: ParsedText,
    *,
    ref: str,
    old: ParsedText | None = None,
    old_ref: str | None = None,
    comparison: Comparison | None = None,
    title: str | None = None,
    audits: tuple[Audit, Audit | None] | None = None,
) -> Review:
    """Audit ``parsed``; with ``old``, also the delta over ``comparison`` (computed if not given) and concerns.

    ``audits`` are the audits of ``parsed`` and ``old`` when they are at hand (stored ones).
    """
    title = title or (f"{ref} against {old_ref}" if old is not None else ref)
    current = audits[0] if audits else audit(parsed, version=ref)
    if old is None:
        return Review(title, current)
    old_ref = old_ref or "old"
    previous = audits[1] if audits and audits[1] is not None else audit(old, version=old_ref)
    comparison = comparison or compare(old, parsed, old_ref=old_ref, new_ref=ref)
    changes = delta(previous, current, comparison, old=old, new=parsed)
    concerns = assess(changes, previous, current, old=old, new=parsed)
    return Review(title, current, previous, changes, concerns)


def review_refs(engine: Engine, ref: str, *, against: str | None = None, fresh: bool = False) -> Review:
    """Review the stored version ``ref`` (``KZ@2026``), against the stored ``against`` (``KZ@1995-ru``).

    ``fresh`` audits and compares again even when the stored results are current.
    """
    with session_scope(engine) as session:
        version = resolve_ref(session, ref)
        current = audit_version(session, version, fresh=fresh)
        parsed, canonical = load_version(session, version), version_ref(version)
        if against is None:
            return review(parsed, ref=canonical, audits=(current, None))
        old_version = resolve_ref(session, against)
        previous = audit_version(session, old_version, fresh=fresh)
        comparison = compare_versions(session, old_version, version, fresh=fresh)
        return review(
            parsed,
            ref=canonical,
            old=load_version(session, old_version),
            old_ref=version_ref(old_version),
            comparison=comparison,
            audits=(current, previous),
        )
