"""Import a constitution file: read it, parse it into a tree, then write it to the store in one transaction.

Parsing happens completely before the store is touched, so a file that fails to read or parse leaves the store
exactly as it was; the write itself is one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from charterwatch.errors import CharterwatchError, E
from charterwatch.store.db import session_scope
from charterwatch.texts import akn, export
from charterwatch.texts.corpus import CorpusEntry, Status, corpus_entries
from charterwatch.texts.parse import PARSER_NAME, parse_text
from charterwatch.texts.readers import SourceText, read_source
from charterwatch.texts.storage import save_version, version_ref
from charterwatch.texts.structure import StructureReport, structure_report
from charterwatch.texts.tree import ParsedText

LANGUAGES = ("en", "ru", "kk")
STATUSES: tuple[Status, ...] = ("draft", "adopted", "in_force", "superseded")
_PARSERS = {"akn": "texts.akn.v1", "json": "texts.json.v1"}


@dataclass(frozen=True)
class VersionInfo:
    """What the user says a file is; everything the text itself cannot tell."""

    jurisdiction: str
    label: str
    date: dt.date
    lang: str | None = None
    status: Status = "adopted"
    work: str | None = None
    title: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        if self.lang is not None and self.lang not in LANGUAGES:
            raise CharterwatchError(E.BAD_LANGUAGE, value=self.lang)
        if self.status not in STATUSES:
            raise CharterwatchError(E.BAD_STATUS, value=self.status)


@dataclass(frozen=True)
class ImportResult:
    ref: str
    articles: int
    provisions: int
    source_format: str
    structure: StructureReport


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CharterwatchError(E.BAD_DATE, value=value) from error


def parse_file(path: Path, *, lang: str | None = None) -> tuple[ParsedText, SourceText]:
    """Read and parse a file of any supported format into a tree; nothing is written anywhere."""
    source = read_source(path)
    if source.source_format == "akn":
        parsed = akn.parse_akn(source.text, path=str(path))
    elif source.source_format == "json":
        parsed = export.from_json(source.text)
    else:
        parsed = parse_text(source.text, lang=lang, path=str(path))
    if lang is not None:
        parsed.lang = lang
    return parsed, source


def import_file(engine: Engine, path: Path, info: VersionInfo) -> ImportResult:
    """Parse ``path`` and store it as the version ``info`` describes (idempotent for the same file)."""
    parsed, source = parse_file(path, lang=info.lang)
    with session_scope(engine) as session:
        version = save_version(
            session,
            parsed,
            jurisdiction=info.jurisdiction.upper(),
            label=info.label,
            lang=parsed.lang,
            date=info.date,
            status=info.status,
            source=info.source or str(path),
            source_format=source.source_format,
            checksum=source.checksum,
            parser=_PARSERS.get(source.source_format, PARSER_NAME),
            title=info.title or parsed.title,
            work=info.work,
        )
        ref = version_ref(version)
    nodes = list(parsed.walk())
    return ImportResult(
        ref=ref,
        articles=sum(1 for node in nodes if node.kind == "article"),
        provisions=len(nodes),
        source_format=source.source_format,
        structure=structure_report(parsed),
    )


def load_corpus(
    engine: Engine, *, on_version: Callable[[CorpusEntry, ImportResult], None] | None = None
) -> list[ImportResult]:
    """Import every bundled text with its date and status; re-running it changes nothing."""
    results = []
    for entry in corpus_entries():
        info = VersionInfo(
            jurisdiction=entry.jurisdiction,
            label=entry.label,
            date=entry.date,
            lang=entry.lang,
            status=entry.status,
            work=entry.work,
            title=entry.title,
            source=entry.source,
        )
        result = import_file(engine, entry.path(), info)
        results.append(result)
        if on_version is not None:
            on_version(entry, result)
    return results
