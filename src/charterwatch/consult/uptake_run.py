"""Uptake over the store: two stored drafts, their stored comparison, proposals in any of the drafts'
languages, and the counts per theme that the public report shows.

A proposal in the old draft's language links to the old draft itself. One in another language links to the
old draft's translation in the store (same document and label, e.g. KZ@1995-en beside KZ@1995-ru; the
articles keep their numbers), and its words reach the comparison through a lexicon learnt from the two
translations (``lexicon.py``). Without such a translation it links by the article numbers it names alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from charterwatch.consult.lexicon import Lexicon
from charterwatch.consult.linking import ArticleLink, link_articles
from charterwatch.consult.model import Proposal, Theme
from charterwatch.consult.themes import find_themes
from charterwatch.consult.uptake import METHOD, STATUSES, Drafts, Status, Translate, Uptake, assess
from charterwatch.store.db import session_scope
from charterwatch.store.models import Version
from charterwatch.texts.compare.service import compare_versions
from charterwatch.texts.storage import load_version, resolve_ref, version_ref

UNTHEMED = "unthemed"


@dataclass
class ThemeUptake:
    """A theme's proposals counted by status, with the ids of a few of each (the report's examples)."""

    id: str
    label: str
    keywords: list[str]
    counts: dict[str, int]
    examples: dict[str, list[str]]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "keywords": self.keywords,
            "counts": self.counts,
            "total": self.total,
            "examples": self.examples,
        }


@dataclass
class UptakeResult:
    """Everything the report shows: the drafts, each proposal's uptake, and the themes' counts."""

    old_ref: str
    new_ref: str
    proposals: list[Proposal]
    uptakes: list[Uptake]
    themes: list[ThemeUptake] = field(default_factory=list)
    method: str = METHOD

    def counts(self) -> dict[str, int]:
        found = Counter(u.status for u in self.uptakes)
        return {status: found.get(status, 0) for status in STATUSES}

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_ref": self.old_ref,
            "new_ref": self.new_ref,
            "method": self.method,
            "counts": self.counts(),
            "themes": [t.to_dict() for t in self.themes],
            "proposals": [
                {**p.to_dict(), "uptake": u.to_dict()}
                for p, u in zip(self.proposals, self.uptakes, strict=True)
            ],
        }


def run_uptake(
    engine: Engine,
    proposals: Sequence[Proposal],
    *,
    old_ref: str,
    new_ref: str,
    themes: Sequence[Theme] | None = None,
) -> UptakeResult:
    """The uptake of ``proposals`` between two stored drafts; themes by TF-IDF unless given."""
    with session_scope(engine) as session:
        old_version, new_version = resolve_ref(session, old_ref), resolve_ref(session, new_ref)
        comparison = compare_versions(session, old_version, new_version)
        drafts = Drafts(load_version(session, old_version), load_version(session, new_version), comparison)
        links: dict[str, list[ArticleLink]] = {}
        translate: dict[str, Translate] = {}
        for lang in sorted({p.language for p in proposals}):
            group = [p for p in proposals if p.language == lang]
            if lang == old_version.lang:
                links.update(link_articles(group, drafts.old, ref=comparison.old_ref))
                continue
            other = _translation(session, old_version, lang)
            target = load_version(session, other) if other else drafts.old
            links.update(
                link_articles(group, target, ref=version_ref(other) if other else comparison.old_ref)
            )
            if other is not None:
                translate[lang] = Lexicon.fit(target, drafts.old)
    uptakes = assess(proposals, drafts, links=links, translate=translate)
    found = list(themes) if themes is not None else find_themes(proposals, use_embeddings=False)
    return UptakeResult(
        comparison.old_ref, comparison.new_ref, list(proposals), uptakes, by_theme(proposals, uptakes, found)
    )


def _translation(session: Session, version: Version, lang: str) -> Version | None:
    """The same document and label in another language, if the store holds it."""
    return session.scalars(
        select(Version).where(
            Version.document_id == version.document_id, Version.label == version.label, Version.lang == lang
        )
    ).one_or_none()


def by_theme(
    proposals: Sequence[Proposal], uptakes: Sequence[Uptake], themes: Sequence[Theme], *, examples: int = 3
) -> list[ThemeUptake]:
    """Counts per status for each theme (largest first), and one more row for proposals in no theme."""
    status = {u.proposal_id: u.status for u in uptakes}
    rows = []
    themed: set[str] = set()
    for theme in themes:
        members = [m for m in theme.members if m in status]
        themed.update(members)
        rows.append(_row(theme.id, theme.label, theme.keywords, members, status, examples))
    rest = [p.id for p in proposals if p.id not in themed and p.id in status]
    if rest:
        rows.append(_row(UNTHEMED, "in no theme", [], rest, status, examples))
    return [r for r in rows if r.total]


def _row(
    theme_id: str,
    label: str,
    keywords: list[str],
    members: Sequence[str],
    status: dict[str, Status],
    examples: int,
) -> ThemeUptake:
    counts = Counter(status[m] for m in members)
    shown: dict[str, list[str]] = {}
    for member in members:
        if len(shown.setdefault(status[member], [])) < examples:
            shown[status[member]].append(member)
    return ThemeUptake(theme_id, label, keywords, {s: counts.get(s, 0) for s in STATUSES}, shown)
