"""The bridge between the provision tree and the store: save a parsed version, load it back, find it by ref.

A version is named by a short reference, ``JURISDICTION@LABEL`` (``KZ@2026``), with ``-LANG`` added when the
label alone is shared by several languages (``KZ@1995-ru``). Saving is idempotent on the source checksum, so
re-importing the same file changes nothing, while a different file under the same name is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import func, insert, or_, select, text
from sqlalchemy.orm import Session, object_session

from charterwatch.errors import CharterwatchError, E
from charterwatch.store import fts
from charterwatch.store.models import SOURCE_FORMATS, VERSION_STATUSES, Document, Version
from charterwatch.store.models import Provision as ProvisionRow
from charterwatch.texts.akn import frbr_work_uri
from charterwatch.texts.search_words import search_columns
from charterwatch.texts.structure import StructureReport, structure_report
from charterwatch.texts.tree import PROVISION_KINDS, ParsedText, Provision

# ISO 639-1 as used in refs and files -> ISO 639-2/B as used in FRBR expression URIs.
LANGUAGES: Final = {"en": "eng", "ru": "rus", "kk": "kaz"}
_REF = re.compile(r"\s*([A-Za-z][A-Za-z0-9_]*)@([\w.\-]+)\s*")
_LANG_SUFFIX = re.compile(r"(.+)-([A-Za-z]{2})")
_WORK_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class SearchHit:
    """A provision matching a search: where it is (ref, article, eid) and the span of its words in the source."""

    ref: str
    article: str | None
    eid: str
    kind: str
    snippet: str
    span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "article": self.article,
            "eid": self.eid,
            "kind": self.kind,
            "snippet": self.snippet,
            "span": list(self.span),
        }


def save_version(
    session: Session,
    parsed: ParsedText,
    *,
    jurisdiction: str,
    label: str,
    lang: str,
    date: dt.date | str | None,
    status: str,
    source: str,
    source_format: str,
    checksum: str,
    parser: str,
    title: str | None = None,
    work: str | None = None,
) -> Version:
    """Store a parsed version and its provisions; the same source again returns the stored version unchanged.

    The work (the document) is the jurisdiction plus ``work``, the year of the original text; by default the
    label's leading four digits, else the date's year. Amended editions keep their work: ``RU@2020`` is
    ``work="1993"``.
    """
    jurisdiction = jurisdiction.strip().upper()
    ref = f"{jurisdiction}@{label}"
    if not _REF.fullmatch(ref):
        raise CharterwatchError(E.BAD_REF, value=ref)
    if lang not in LANGUAGES:
        raise CharterwatchError(E.BAD_LANGUAGE, value=lang)
    if parsed.lang != lang:
        raise ValueError(f"the text was parsed as {parsed.lang!r}, not {lang!r}")
    if status not in VERSION_STATUSES:
        raise CharterwatchError(E.BAD_STATUS, value=status)
    if source_format not in SOURCE_FORMATS:
        raise CharterwatchError(E.BAD_FORMAT, value=source_format, choices=", ".join(SOURCE_FORMATS))
    day = _as_date(date)
    work_date = _work_date(work, label=label, day=day, ref=ref)

    document = session.scalars(
        select(Document).where(Document.jurisdiction == jurisdiction, Document.work_date == work_date)
    ).one_or_none()
    if document is not None:
        existing = session.scalars(
            select(Version).where(
                Version.document_id == document.id, Version.label == label, Version.lang == lang
            )
        ).one_or_none()
        if existing is not None:
            if existing.checksum == checksum:
                return existing
            raise CharterwatchError(E.VERSION_EXISTS, ref=f"{ref}-{lang}")
    else:
        frbr_work = frbr_work_uri(jurisdiction, work_date)
        document = Document(
            jurisdiction=jurisdiction,
            work_date=work_date,
            title=title or parsed.title,
            language=lang,
            frbr_work=frbr_work,
        )
        session.add(document)

    version = Version(
        document=document,
        label=label,
        lang=lang,
        date=day,
        status=status,
        title=parsed.title,
        source=source,
        source_format=source_format,
        checksum=checksum,
        source_text=parsed.source_text,
        parser=parser,
        structure=json.dumps(structure_report(parsed).to_dict(), ensure_ascii=False),
        frbr_expression=f"{document.frbr_work}/{LANGUAGES[lang]}@{day.isoformat() if day else ''}",
    )
    session.add(version)
    session.flush()
    _insert_provisions(session, version.id, parsed.provisions)
    return version


def stored_structure(version: Version) -> StructureReport | None:
    """The structure report made when the version was imported (None for versions stored before reports)."""
    if not version.structure:
        return None
    return StructureReport.from_dict(json.loads(version.structure))


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise CharterwatchError(E.BAD_DATE, value=value) from e


def _work_date(work: str | None, *, label: str, day: dt.date | None, ref: str) -> str:
    if work is not None:
        if not _WORK_YEAR.fullmatch(work):
            raise CharterwatchError(E.BAD_WORK, value=work, ref=ref)
        return work
    if leading := _WORK_YEAR.match(label):
        return leading.group()
    if day is not None:
        return f"{day.year:04d}"
    raise CharterwatchError(E.BAD_WORK, value=None, ref=ref)


def _insert_provisions(session: Session, version_id: int, provisions: Sequence[Provision]) -> None:
    """Insert the whole tree as one executemany; ids are allocated first so children can name their parent."""
    flat: list[tuple[Provision, int, int | None]] = []  # (node, depth, parent position) in document order
    stack: list[tuple[Provision, int, int | None]] = [(p, 0, None) for p in reversed(provisions)]
    while stack:
        node, depth, parent = stack.pop()
        stack.extend((child, depth + 1, len(flat)) for child in reversed(node.children))
        flat.append((node, depth, parent))
    eids = [node.eid for node, _, _ in flat]
    if len(set(eids)) != len(eids):
        duplicate = next(eid for eid in eids if eids.count(eid) > 1)
        raise ValueError(f"duplicate eId {duplicate!r} in the parsed text")
    if not flat:
        return
    ids = _allocate_ids(session, len(flat))
    rows = [
        _row(ids[position], version_id, depth, position, None if parent is None else ids[parent], node)
        for position, (node, depth, parent) in enumerate(flat)
    ]
    session.execute(insert(ProvisionRow).execution_options(render_nulls=True), rows)


def _allocate_ids(session: Session, count: int) -> list[int]:
    """``count`` provision ids nobody else will take."""
    if session.get_bind().dialect.name == "postgresql":
        allocate = text(
            "SELECT nextval(pg_get_serial_sequence('provision', 'id')) FROM generate_series(1, :n)"
        )
        return [int(i) for i in session.scalars(allocate, {"n": count})]
    # SQLite: the version row was just written, so this transaction holds the write lock until it commits.
    first = int(session.scalar(select(func.coalesce(func.max(ProvisionRow.id), 0))) or 0) + 1
    return list(range(first, first + count))


def _row(
    provision_id: int, version_id: int, depth: int, position: int, parent_id: int | None, node: Provision
) -> dict[str, Any]:
    return {
        "id": provision_id,
        "version_id": version_id,
        "parent_id": parent_id,
        "position": position,
        "depth": depth,
        "kind": node.kind,
        "eid": node.eid,
        "num": node.num,
        "label": node.label,
        "heading": node.heading,
        "text": node.text,
        **dict(zip(("search_forms", "search_lemmas"), search_columns(node.text), strict=True)),
        "span_start": node.span[0],
        "span_end": node.span[1],
        "text_start": node.text_span[0],
        "text_end": node.text_span[1],
    }


def load_version(session: Session, version: Version) -> ParsedText:
    """The tree exactly as it was saved, with the source text its spans point into."""
    source_text = session.scalar(select(Version.source_text).where(Version.id == version.id))
    rows = session.scalars(
        select(ProvisionRow).where(ProvisionRow.version_id == version.id).order_by(ProvisionRow.position)
    ).all()
    return ParsedText(
        title=version.title, lang=version.lang, provisions=_build(rows), source_text=source_text or ""
    )


def _build(rows: Iterable[ProvisionRow]) -> list[Provision]:
    """Rebuild the tree from rows in document order; rows whose parent is not among them are roots."""
    nodes: dict[int, Provision] = {}
    roots: list[Provision] = []
    for row in rows:
        if row.kind not in PROVISION_KINDS:
            raise ValueError(f"unknown provision kind {row.kind!r} in the store")
        node = Provision(
            kind=row.kind,
            eid=row.eid,
            num=row.num,
            label=row.label,
            heading=row.heading,
            text=row.text,
            span=(row.span_start, row.span_end),
            text_span=(row.text_start, row.text_end),
        )
        nodes[row.id] = node
        parent = nodes.get(row.parent_id) if row.parent_id is not None else None
        (parent.children if parent is not None else roots).append(node)
    return roots


def get_article(session: Session, version: Version, num: str) -> Provision:
    """The article numbered ``num`` (as printed: "5", "44-1", "67.1") with all its provisions."""
    article = session.scalars(
        select(ProvisionRow)
        .where(ProvisionRow.version_id == version.id, ProvisionRow.kind == "article", ProvisionRow.num == num)
        .order_by(ProvisionRow.position)
        .limit(1)
    ).one_or_none()
    if article is None:
        raise CharterwatchError(E.ARTICLE_NOT_FOUND, article=num, ref=version_ref(version))
    end = session.scalar(
        select(func.min(ProvisionRow.position)).where(
            ProvisionRow.version_id == version.id,
            ProvisionRow.position > article.position,
            ProvisionRow.depth <= article.depth,
        )
    )
    query = select(ProvisionRow).where(
        ProvisionRow.version_id == version.id, ProvisionRow.position >= article.position
    )
    if end is not None:
        query = query.where(ProvisionRow.position < end)
    return _build(session.scalars(query.order_by(ProvisionRow.position)).all())[0]


def resolve_ref(session: Session, ref: str) -> Version:
    """The version a reference such as ``KZ@2026`` or ``kz@1995-ru`` names."""
    match = _REF.fullmatch(ref)
    if match is None:
        raise CharterwatchError(E.BAD_REF, value=ref)
    jurisdiction, rest = match.group(1).upper(), match.group(2)
    wanted = [Version.label == rest]
    if (suffix := _LANG_SUFFIX.fullmatch(rest)) and suffix.group(2).lower() in LANGUAGES:
        wanted.append((Version.label == suffix.group(1)) & (Version.lang == suffix.group(2).lower()))
    found = session.scalars(
        select(Version).join(Version.document).where(Document.jurisdiction == jurisdiction, or_(*wanted))
    ).all()
    if not found:
        raise CharterwatchError(E.VERSION_NOT_FOUND, ref=ref.strip())
    if len(found) > 1:
        matches = ", ".join(sorted(version_ref(version) for version in found))
        raise CharterwatchError(E.AMBIGUOUS_REF, ref=ref.strip(), matches=matches)
    return found[0]


def version_ref(version: Version) -> str:
    """The canonical reference of a version: ``-lang`` only when another version shares the label.

    A version no longer attached to a session always gets its language, which is never ambiguous.
    """
    base = f"{version.document.jurisdiction}@{version.label}"
    session = object_session(version)
    if session is None:
        return f"{base}-{version.lang}"
    sharing = session.scalar(
        select(func.count())
        .select_from(Version)
        .join(Version.document)
        .where(Document.jurisdiction == version.document.jurisdiction, Version.label == version.label)
    )
    return base if sharing == 1 else f"{base}-{version.lang}"


def list_versions(session: Session) -> list[Version]:
    """Every stored version, by jurisdiction, work, label and language."""
    query = (
        select(Version)
        .join(Version.document)
        .order_by(Document.jurisdiction, Document.work_date, Version.label, Version.lang)
    )
    return list(session.scalars(query).all())


def search(session: Session, query: str, *, limit: int = 50, ref: str | None = None) -> list[SearchHit]:
    """Provisions whose text has all the words (and ``"quoted phrases"``) of ``query``, best first."""
    if limit < 1:
        raise CharterwatchError(E.BAD_QUERY, query=query, reason=f"limit must be positive, not {limit}")
    version_id = resolve_ref(session, ref).id if ref is not None else None
    matches = fts.match_provisions(session, query, version_id=version_id, limit=limit)
    if not matches:
        return []
    rows = {
        row.id: row
        for row in session.scalars(
            select(ProvisionRow).where(ProvisionRow.id.in_([m.provision_id for m in matches]))
        )
    }
    refs = {
        version.id: version_ref(version)
        for version in session.scalars(
            select(Version).where(Version.id.in_({r.version_id for r in rows.values()}))
        )
    }
    articles = _article_nums(session, list(rows.values()))
    return [
        SearchHit(
            ref=refs[rows[m.provision_id].version_id],
            article=articles[m.provision_id],
            eid=rows[m.provision_id].eid,
            kind=rows[m.provision_id].kind,
            snippet=m.snippet,
            span=(rows[m.provision_id].text_start, rows[m.provision_id].text_end),
        )
        for m in matches
    ]


def _article_nums(session: Session, rows: list[ProvisionRow]) -> dict[int, str | None]:
    """For each row, the number of the article it is in (itself included), climbing parents a level at a time."""
    known: dict[int, tuple[int | None, str, str | None]] = {r.id: (r.parent_id, r.kind, r.num) for r in rows}
    result: dict[int, str | None] = {}
    climbing = {r.id: r.id for r in rows}  # row id -> the ancestor being looked at
    while climbing:
        missing = (
            {known[at][0] for at in climbing.values() if known[at][1] != "article"} - {None} - set(known)
        )
        if missing:
            parents = session.execute(
                select(ProvisionRow.id, ProvisionRow.parent_id, ProvisionRow.kind, ProvisionRow.num).where(
                    ProvisionRow.id.in_(missing)
                )
            )
            known.update({pid: (parent, kind, num) for pid, parent, kind, num in parents})
        for row_id, at in list(climbing.items()):
            parent, kind, num = known[at]
            if kind == "article" or parent is None:
                result[row_id] = num if kind == "article" else None
                del climbing[row_id]
            else:
                climbing[row_id] = parent
    return result
