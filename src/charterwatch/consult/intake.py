"""Reading proposals from CSV and JSON Lines: the commission's exports and Polis comment files as they are.

Columns are found by name in any of the spellings below (Polis ``comment-body``, ``moderated``, ``timestamp``
in milliseconds; a commission's ``text``, ``channel``, ``contact``), so no file needs editing first. A bad file
gives one error, at its first problem, with the row; ``read_files`` collects one error per bad file and goes on.
Columns we do not know are kept in ``Proposal.meta``, within limits: a file of a million columns or a field of
megabytes is refused (``CONSULT_TOO_MANY_COLUMNS``, ``CONSULT_FIELD_TOO_LONG``) rather than stored on a proposal.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from charterwatch.consult.articles import named_articles
from charterwatch.consult.model import (
    CHANNELS,
    PROPOSAL_LANGUAGES,
    SUBMITTER_KINDS,
    Channel,
    Proposal,
    SubmitterKind,
)
from charterwatch.errors import CharterwatchError, E
from charterwatch.lang.detect import detect_language
from charterwatch.texts.readers_decode import read_text_file

MAX_BYTES: Final = 200 * 2**20
MAX_ROWS: Final = 1_000_000
MAX_CHARS: Final = 20_000
MAX_COLUMNS: Final = 100  # a header's columns, a JSON object's keys; Polis exports have about 10
MAX_FIELD_CHARS: Final = 2_000  # any column but the text, and any column's name
SHORT_WORDS: Final = 6  # texts shorter than this take the file's commonest language (a guess would be noise)
COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "text": ("text", "comment_body", "body", "proposal", "content", "текст", "предложение"),
    "id": ("id", "comment_id", "proposal_id"),
    "language": ("language", "lang"),
    "channel": ("channel",),
    "submitter_kind": ("submitter_kind", "submitter"),
    "contact": ("contact", "email", "phone"),
    "submitted_at": ("submitted_at", "timestamp", "created_at", "date"),
    "moderation": ("moderated", "moderation"),
}


@dataclass
class Intake:
    """What a set of files gave: proposals in file order (blank rows left out) and one error per bad file."""

    proposals: list[Proposal] = field(default_factory=list)
    errors: dict[str, CharterwatchError] = field(default_factory=dict)


def read_proposals(
    path: Path,
    *,
    channel: Channel = "web",
    submitter_kind: SubmitterKind = "unknown",
    id_prefix: str = "",
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    max_chars: int = MAX_CHARS,
) -> list[Proposal]:
    """The proposals of one ``.csv`` or ``.jsonl`` file; ``channel`` and ``submitter_kind`` where no column says.

    Raises ``CharterwatchError`` at the file's first problem (missing, too large, not text, no text column,
    a bad row, too many rows). Ids are the file's own (``id``, ``comment-id``) or the row number, after
    ``id_prefix`` (give one per Polis conversation, whose comment ids start at 0 in each).
    """
    shown = str(path)
    if not path.is_file():
        raise CharterwatchError(E.FILE_NOT_FOUND, path=shown)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl"):
        raise CharterwatchError(E.CONSULT_FORMAT, suffix=suffix, path=shown)
    text = read_text_file(path, max_bytes=max_bytes)
    rows = _csv_rows(text, path=shown) if suffix == ".csv" else _jsonl_rows(text, path=shown)
    defaults: dict[str, str] = {"channel": channel, "submitter_kind": submitter_kind}
    proposals: list[Proposal] = []
    guessed: list[Proposal] = []  # no language column: the language is our guess
    for row_number, row in rows:
        if len(proposals) >= max_rows:
            raise CharterwatchError(E.CONSULT_TOO_MANY, path=shown, limit=max_rows)
        body = str(row.get("text") or "").strip()
        if not body:
            continue
        if len(body) > max_chars:
            raise CharterwatchError(
                E.CONSULT_TOO_LONG, path=shown, row=row_number, chars=len(body), limit=max_chars
            )
        proposals.append(_proposal(row, body, defaults, row_number, id_prefix=id_prefix, path=shown))
        if not row.get("language"):
            guessed.append(proposals[-1])
    _fill_short_languages(guessed)
    return proposals


def read_files(paths: Iterable[Path], **options: Any) -> Intake:
    """Read several files; a bad file is recorded under its path and the others are still read."""
    intake = Intake()
    for path in paths:
        try:
            intake.proposals.extend(read_proposals(path, **options))
        except CharterwatchError as error:
            intake.errors[str(path)] = error
    return intake


def _csv_rows(text: str, *, path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    head = text[:4096]
    delimiter = max(",;\t", key=lambda d: head.split("\n", 1)[0].count(d))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [_key(name) for name in next(reader)]
    except csv.Error as e:
        raise CharterwatchError(E.CONSULT_ROW_INVALID, path=path, row=1, reason=str(e)) from e
    _check_columns(header, row=1, where="the header", path=path)
    fields = _column_map(header, path=path)
    number = 1
    while True:
        number += 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise CharterwatchError(E.CONSULT_ROW_INVALID, path=path, row=number, reason=str(e)) from e
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            reason = f"{len(values)} fields where the header has {len(header)}"
            raise CharterwatchError(E.CONSULT_ROW_INVALID, path=path, row=number, reason=reason)
        yield number, {fields.get(k, k): v for k, v in zip(header, values, strict=True)}


def _jsonl_rows(text: str, *, path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            raise CharterwatchError(E.JSONL_LINE_INVALID, path=path, line=number, reason=e.msg) from e
        if not isinstance(data, dict):
            raise CharterwatchError(E.JSONL_LINE_INVALID, path=path, line=number, reason="not an object")
        keys = [_key(k) for k in data]
        _check_columns(keys, row=number, where=f"line {number}", path=path)
        fields = _column_map(keys, path=path)
        yield number, {fields.get(k, k): v for k, v in zip(keys, data.values(), strict=True)}


def _check_columns(names: Sequence[str], *, row: int, where: str, path: str) -> None:
    """Refuse a header (or JSON object) with more than ``MAX_COLUMNS`` columns, or a column name too long."""
    if len(names) > MAX_COLUMNS:
        raise CharterwatchError(
            E.CONSULT_TOO_MANY_COLUMNS, where=where, path=path, count=len(names), limit=MAX_COLUMNS
        )
    for name in names:
        if len(name) > MAX_FIELD_CHARS:
            raise CharterwatchError(
                E.CONSULT_FIELD_TOO_LONG,
                path=path,
                row=row,
                column=name[:40] + "…",
                chars=len(name),
                limit=MAX_FIELD_CHARS,
            )


def _key(name: str) -> str:
    return name.strip().lower().replace("-", "_").replace(" ", "_")


def _column_map(header: Sequence[str], *, path: str) -> dict[str, str]:
    """File column -> our field, the first spelling present winning; no text column is the one fatal lack."""
    found: dict[str, str] = {}
    for name, spellings in COLUMNS.items():
        column = next((s for s in spellings if s in header), None)
        if column is not None:
            found[column] = name
    if "text" not in found.values():
        raise CharterwatchError(
            E.CONSULT_NO_TEXT,
            path=path,
            expected=", ".join(COLUMNS["text"]),
            found=", ".join(header) or "nothing",
        )
    return found


def _proposal(
    row: dict[str, Any], body: str, defaults: dict[str, str], number: int, *, id_prefix: str, path: str
) -> Proposal:
    def invalid(reason: str) -> CharterwatchError:
        return CharterwatchError(E.CONSULT_ROW_INVALID, path=path, row=number, reason=reason)

    for column, value in row.items():
        chars = len(value) if isinstance(value, str) else len(json.dumps(value, ensure_ascii=False))
        if column != "text" and chars > MAX_FIELD_CHARS:
            raise CharterwatchError(
                E.CONSULT_FIELD_TOO_LONG,
                path=path,
                row=number,
                column=column,
                chars=chars,
                limit=MAX_FIELD_CHARS,
            )

    channel = str(row.get("channel") or defaults["channel"]).strip().lower()
    if channel not in CHANNELS:
        raise invalid(f"unknown channel {channel!r}: use {', '.join(CHANNELS)}")
    kind = str(row.get("submitter_kind") or defaults["submitter_kind"]).strip().lower()
    if kind not in SUBMITTER_KINDS:
        raise invalid(f"unknown submitter kind {kind!r}: use {', '.join(SUBMITTER_KINDS)}")
    moderation = row.get("moderation")
    try:
        flag = int(moderation) if moderation not in (None, "") else None
        submitted = _when(row.get("submitted_at"))
    except (TypeError, ValueError) as e:
        raise invalid(str(e)) from e
    ident = str(row.get("id") if row.get("id") not in (None, "") else number)
    language = str(row.get("language") or "").strip().lower() or detect_language(
        body, languages=PROPOSAL_LANGUAGES
    )
    meta = {k: str(v) for k, v in row.items() if k not in COLUMNS and v not in (None, "")}
    return Proposal(
        id=f"{id_prefix}{ident}",
        text=body,
        language=language,
        channel=channel,
        submitter_kind=kind,
        contact=str(row["contact"]) if row.get("contact") else None,
        submitted_at=submitted,
        articles=named_articles(body),
        moderation=flag,
        source=f"{path}:{number}",
        meta=meta,
    )


def _when(value: object) -> dt.datetime | None:
    """ISO text, or seconds or milliseconds since 1970 (Polis), always with a time zone (UTC if none)."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    if text.isdigit():
        seconds = int(text) / (1000 if len(text) > 11 else 1)
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    when = dt.datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _fill_short_languages(proposals: list[Proposal]) -> None:
    """A one-line remark ("Kommunismus", "Yes") takes the language guessed for most of the file's others."""
    common = Counter(p.language for p in proposals if len(p.text.split()) >= SHORT_WORDS).most_common(1)
    if not common:
        return
    for proposal in proposals:
        if len(proposal.text.split()) < SHORT_WORDS:
            proposal.language = common[0][0]
