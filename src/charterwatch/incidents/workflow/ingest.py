"""Ingest: files, folders and JSON lines of articles into sources and de-duplicated incidents.

Each file is read by the same safe reader as the constitutions (size limit first, encoding checks, HTML main
text by trafilatura, PDF text layer), so a bad file costs one coded error in the report and the rest of the
batch goes on. The publication date is read by published.py (feed or page metadata, a header of address and
date lines, a date prefix, the address path, the dateline), else it is the date the caller gives; a header's
address is the source's location and its host the publisher, and the extractor reads the text with the
header blanked (same offsets). A source seen before (same SHA-256) is skipped, so re-ingesting changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from charterwatch.errors import CharterwatchError, E
from charterwatch.incidents.extraction.extract import extract, make_source
from charterwatch.incidents.extraction.pipeline import DEFAULT_PIPELINES, default_pipeline
from charterwatch.incidents.model import Incident, Source
from charterwatch.incidents.workflow.merging import MergeRecord, merge_incidents
from charterwatch.incidents.workflow.privacy import with_default_privacy
from charterwatch.incidents.workflow.published import (
    blank_header,
    html_metadata,
    publication_date,
    read_header,
)
from charterwatch.lang.detect import detect_language
from charterwatch.texts.readers import DEFAULT_MAX_BYTES, read_source
from charterwatch.texts.readers_decode import decode_text, read_text_file

SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".pdf", ".jsonl"})


@dataclass(frozen=True)
class IngestError:
    location: str
    code: str
    message: str


@dataclass
class IngestReport:
    """What a batch gave: the new sources, their incidents (merged across sources), and each file's error."""

    sources: list[Source] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    merges: list[MergeRecord] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # source id -> text, for the store

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": [s.to_dict() for s in self.sources],
            "incidents": [i.to_dict() for i in self.incidents],
            "errors": [asdict(e) for e in self.errors],
            "skipped": list(self.skipped),
            "notes": list(self.notes),
            "merges": [m.to_dict() for m in self.merges],
        }


@dataclass(frozen=True)
class _Document:
    location: str
    text: str
    checksum: str
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)  # the feed's or page's own date, url, site name


def ingest(
    paths: Iterable[Path | str],
    *,
    default_date: str | None = None,
    known_checksums: Collection[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int, int, str], None] | None = None,
) -> IngestReport:
    """Read every file (folders recursively), extract incidents from each new source and merge them.

    Victims' names get the default privacy of incidents/workflow/privacy.py; ``progress(done, total, path)`` is
    called after each file.
    """
    default = _iso_date(default_date) if default_date else None
    report = IngestReport()
    seen = set(known_checksums)
    found: list[Incident] = []
    files = list(_expand([Path(p) for p in paths], report))
    for done, path in enumerate(files, 1):
        found += _ingest_file(path, report, seen=seen, default=default, max_bytes=max_bytes)
        if progress is not None:
            progress(done, len(files), str(path))
    report.incidents = merge_incidents([with_default_privacy(i) for i in found], log=report.merges)
    undated = sum(source.published is None for source in report.sources)
    if undated:
        report.notes.append(
            f"{undated} of {len(report.sources)} sources without a publication date: a date the text gives "
            "without its year stays undated (give --date)"
        )
    return report


def _ingest_file(
    path: Path, report: IngestReport, *, seen: set[str], default: str | None, max_bytes: int
) -> list[Incident]:
    try:
        documents = list(_read(path, max_bytes=max_bytes))
    except CharterwatchError as e:
        report.errors.append(IngestError(str(path), e.code.name, e.message))
        return []
    found: list[Incident] = []
    for document in documents:
        if isinstance(document, IngestError):
            report.errors.append(document)
        elif document.checksum in seen:
            report.skipped.append(document.location)
        else:
            seen.add(document.checksum)
            found += _extract(document, default, report)
    return found


def _extract(document: _Document, default: str | None, report: IngestReport) -> list[Incident]:
    header = read_header(document.text)
    readable = blank_header(document.text, header)
    language = detect_language(readable)
    published = publication_date(
        document.text, location=document.location, metadata=document.metadata, fallback=default
    )
    source = make_source(
        document.text,
        location=header.address or document.metadata.get("url") or document.location,
        checksum=document.checksum,
        language=language,
        published=published.day,
        publisher=header.publisher or document.metadata.get("sitename"),
        title=document.title,
    )
    report.sources.append(source)
    report.texts[source.id] = document.text
    if language not in DEFAULT_PIPELINES:
        report.notes.append(f"{document.location}: no extraction pipeline for language {language!r} yet")
        return []
    told = published.source_kind != "fallback"
    printed = published.span if published.value and told else None
    partial = published.value if told and not published.day else None
    pipeline = default_pipeline(language)
    return extract(
        readable, source=source, pipeline=pipeline, published_at=printed, published_partial=partial
    )


def _expand(paths: list[Path], report: IngestReport) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                error = CharterwatchError(E.NO_FILES, path=str(path))
                report.errors.append(IngestError(str(path), error.code.name, error.message))
            yield from files
        else:
            yield path


def _read(path: Path, *, max_bytes: int) -> Iterator[_Document | IngestError]:
    if path.suffix.lower() == ".jsonl":
        yield from _read_jsonl(path, max_bytes=max_bytes)
        return
    source = read_source(path, max_bytes=max_bytes)
    metadata = {}
    if source.source_format == "html":
        metadata = html_metadata(decode_text(path.read_bytes(), path=str(path)))
    yield _Document(str(path), source.text, source.checksum, source.title, metadata)


def _read_jsonl(path: Path, *, max_bytes: int) -> Iterator[_Document | IngestError]:
    """One article a line: {"url", "date", "text"} (and optionally "title"); a bad line is one error."""
    shown = str(path)
    text = read_text_file(path, max_bytes=max_bytes)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            error = CharterwatchError(E.JSONL_LINE_INVALID, path=shown, line=number, reason=e.msg)
            yield IngestError(f"{shown}:{number}", error.code.name, error.message)
            continue
        if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not data["text"].strip():
            error = CharterwatchError(E.JSONL_LINE_INVALID, path=shown, line=number, reason="no text")
            yield IngestError(f"{shown}:{number}", error.code.name, error.message)
            continue
        body = data["text"]
        checksum = hashlib.sha256(body.encode("utf-8")).hexdigest()
        url = data.get("url")
        location = url if isinstance(url, str) and url else f"{shown}:{number}"
        title = data.get("title") if isinstance(data.get("title"), str) else None
        metadata = {"date": data["date"]} if isinstance(data.get("date"), str) else {}
        yield _Document(location, body, checksum, title, metadata)


def _iso_or_none(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _iso_date(value: str) -> str:
    found = _iso_or_none(value)
    if found is None:
        raise CharterwatchError(E.BAD_DATE, value=value)
    return found
