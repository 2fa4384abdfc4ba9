"""The stored versions as every page lists them, read in three queries and cached until a version changes.

``version_ref`` costs a query per version; the dashboard, the text pages and search all list every version,
so they share this one list, keyed by the store's fingerprint (each version's id and checksum).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from fastapi import Request
from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charterwatch.store.models import Provision, Version
from charterwatch.texts.storage import list_versions
from charterwatch.web.cache import ContextCache, store_fingerprint


class VersionInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    ref: str
    title: str
    date: dt.date | None
    status: str
    lang: str
    articles: int
    frbr_expression: str
    source: str


def version_infos(request: Request, session: Session) -> tuple[VersionInfo, ...]:
    """Every stored version, as ``list_versions`` orders them, with its canonical ref and article count."""
    cache: ContextCache = request.app.state.cache
    return cache.get_or_make(("versions", store_fingerprint(session)), lambda: _load(session))


def _load(session: Session) -> tuple[VersionInfo, ...]:
    versions = list_versions(session)
    rows = session.execute(
        select(Provision.version_id, func.count())
        .where(Provision.kind == "article")
        .group_by(Provision.version_id)
    )
    counts = {int(version_id): int(count) for version_id, count in rows}
    # the rule of texts.storage.version_ref: the language is added where another version shares the label
    sharing = Counter((v.document.jurisdiction, v.label) for v in versions)
    return tuple(
        VersionInfo(
            ref=_ref(v, shared=sharing[(v.document.jurisdiction, v.label)] > 1),
            title=v.title or v.document.title or "",
            date=v.date,
            status=v.status,
            lang=v.lang,
            articles=int(counts.get(v.id, 0)),
            frbr_expression=v.frbr_expression,
            source=v.source,
        )
        for v in versions
    )


def _ref(version: Version, *, shared: bool) -> str:
    base = f"{version.document.jurisdiction}@{version.label}"
    return f"{base}-{version.lang}" if shared else base


def info_for(request: Request, session: Session, ref: str) -> VersionInfo:
    """The listed version whose canonical ref is ``ref`` (already resolved by ``resolve_ref``)."""
    return next(info for info in version_infos(request, session) if info.ref == ref)
