"""The public entry point: text in, incidents out."""

from __future__ import annotations

import hashlib

from charterwatch.incidents.extraction.pipeline import Pipeline, State, default_pipeline
from charterwatch.incidents.model import Incident, Source


def make_source(
    text: str,
    *,
    location: str = "",
    checksum: str | None = None,
    language: str | None = "en",
    published: str | None = None,
    publisher: str | None = None,
    title: str | None = None,
) -> Source:
    """A :class:`Source` for ``text``; the checksum defaults to the SHA-256 of the text."""
    checksum = checksum or hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Source(
        id=checksum[:16],
        location=location,
        checksum=checksum,
        language=language,
        published=published,
        publisher=publisher,
        title=title,
    )


def extract(
    text: str,
    *,
    source: Source | None = None,
    pipeline: Pipeline | None = None,
    published_at: tuple[int, int] | None = None,
    published_partial: str | None = None,
) -> list[Incident]:
    """Incidents told in ``text``, de-duplicated within it, each field citing its evidence in ``text``.

    ``published_at`` is where the stored text prints its publication date (a header line the extractor does
    not read), so an event dated by its publication cites those words. ``published_partial`` is a publication
    month or year when the source gives no day ("2019-05"): it tells the year of "9 мая" and dates an
    undated event at its own precision."""
    source = source or make_source(text)
    pipeline = pipeline or default_pipeline(source.language or "en")
    state = State(
        text=text,
        source=source,
        language=pipeline.language,
        published_at=published_at,
        published_partial=published_partial,
    )
    return pipeline(state).incidents
