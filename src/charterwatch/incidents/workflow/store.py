"""Saving and loading incidents, sources and organisations: rows of incidents/workflow/models.py <-> model.py objects.

``load_incident(session, save_incident(session, incident).id) == incident`` for every incident whose sources
are saved: every field, list order, evidence span and review-log entry comes back as it went in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, Text, func, literal, or_, select
from sqlalchemy import cast as cast_
from sqlalchemy.orm import Session, selectinload

from charterwatch.errors import CharterwatchError, E
from charterwatch.incidents.evaluation.scoring import fold
from charterwatch.incidents.model import (
    Evidence,
    Incident,
    IncidentDate,
    Precision,
    ReviewState,
    Sanction,
    Source,
    Victim,
    VictimKind,
)
from charterwatch.incidents.workflow.models import (
    EvidenceRow,
    IncidentRow,
    IncidentSourceRow,
    OrganisationRow,
    SourceRow,
    VictimRow,
)
from charterwatch.store.counters import take_numbers

_MIN_PREFIX = 4


# Sources


def save_source(session: Session, source: Source, text: str) -> SourceRow:
    """Store ``source`` with the text its evidence spans point into; the same checksum is stored once."""
    row = session.scalar(select(SourceRow).where(SourceRow.checksum == source.checksum))
    if row is not None:
        return row
    row = SourceRow(text=text, **source.to_dict())
    session.add(row)
    return row


def known_checksums(session: Session) -> set[str]:
    return set(session.scalars(select(SourceRow.checksum)))


def to_source(row: SourceRow) -> Source:
    return Source(row.id, row.location, row.checksum, row.language, row.published, row.publisher, row.title)


def load_sources(session: Session, ids: Iterable[str] | None = None) -> list[Source]:
    """Sources in the order they were ingested (all, or those with ``ids``)."""
    query = select(SourceRow).order_by(SourceRow.ingested_at, SourceRow.id)
    if ids is not None:
        query = query.where(SourceRow.id.in_(list(ids)))
    return [to_source(row) for row in session.scalars(query)]


def source_text(session: Session, source_id: str) -> str:
    text = session.scalar(select(SourceRow.text).where(SourceRow.id == source_id))
    if text is None:
        raise CharterwatchError(E.SOURCE_NOT_FOUND, source=source_id)
    return text


# Incidents


def save_incident(session: Session, incident: Incident, *, merged_into: str | None = None) -> IncidentRow:
    """Insert or replace ``incident`` (its sources must be saved); victims that are organisations are linked
    to their ``organisation`` row, which is made on first sight. Rows are written at the session's next
    flush or commit."""
    row = session.get(IncidentRow, incident.id)
    if row is None:
        row = IncidentRow(id=incident.id, position=_next_position(session))
        session.add(row)
    else:  # replace the children: clear first, so (incident_id, position) stays unique
        row.victims.clear()
        row.evidence.clear()
        row.sources.clear()
        session.flush()
    date, sanction = incident.date, incident.sanction
    row.action, row.actions = incident.action, list(incident.actions)
    row.date_value = date.value if date else None
    row.date_precision = date.precision if date else None
    row.place, row.country, row.perpetrator = incident.place, incident.country, incident.perpetrator
    row.sanction_text = sanction.text if sanction else None
    row.arrest_days = sanction.arrest_days if sanction else None
    row.fine_amount = sanction.fine_amount if sanction else None
    row.fine_currency = sanction.fine_currency if sanction else None
    row.prison_months = sanction.prison_months if sanction else None
    row.legal_basis, row.rights = list(incident.legal_basis), list(incident.rights)
    row.confidence, row.extractor, row.review = incident.confidence, incident.extractor, incident.review
    row.private_fields = list(incident.private_fields)
    row.review_log = [dict(entry) for entry in incident.review_log]
    row.merged_into = merged_into
    row.victims = [
        VictimRow(
            position=i,
            kind=v.kind,
            role=v.role,
            name=v.name,
            description=v.description,
            organisation_id=_organisation(session, v).id if v.kind == "organisation" and v.name else None,
        )
        for i, v in enumerate(incident.victims)
    ]
    row.evidence = [
        EvidenceRow(
            position=i,
            field=e.field,
            source_id=e.source_id,
            span_start=e.start,
            span_end=e.end,
            quote=e.quote,
        )
        for i, e in enumerate(incident.evidence)
    ]
    row.sources = [IncidentSourceRow(source_id=s, position=i) for i, s in enumerate(incident.source_ids)]
    return row


def _next_position(session: Session) -> int:
    """Ingestion order, from the ``incident.position`` counter (``store/counters.py``), never ``max() + 1``."""
    return take_numbers(session, "incident.position", column=IncidentRow.position)


def to_incident(row: IncidentRow, children: _Children | None = None) -> Incident:
    """The incident of ``row``: an ORM row with its relationships, or a plain row of the ``incident`` table
    with its ``children`` read beside it (``_read_children``)."""
    victims, evidence, sources = children or (row.victims, row.evidence, row.sources)
    sanction = None
    if row.sanction_text is not None:
        sanction = Sanction(
            row.sanction_text, row.arrest_days, row.fine_amount, row.fine_currency, row.prison_months
        )
    date = None
    if row.date_value is not None:
        date = IncidentDate(row.date_value, cast("Precision", row.date_precision))
    return Incident(
        id=row.id,
        victims=[Victim(cast("VictimKind", v.kind), v.role, v.name, v.description) for v in victims],
        action=row.action,
        actions=list(row.actions),
        date=date,
        place=row.place,
        country=row.country,
        sanction=sanction,
        legal_basis=list(row.legal_basis),
        rights=list(row.rights),
        perpetrator=row.perpetrator,
        evidence=[Evidence(e.field, e.source_id, e.span_start, e.span_end, e.quote) for e in evidence],
        confidence=row.confidence,
        source_ids=[s.source_id for s in sources],
        extractor=row.extractor,
        review=cast("ReviewState", row.review),
        private_fields=list(row.private_fields),
        review_log=[dict(entry) for entry in row.review_log],
    )


_Children = tuple[Sequence[Any], Sequence[Any], Sequence[Any]]  # victims, evidence, source links


def _read_children(session: Session, ids: list[str]) -> dict[str, _Children]:
    """The victims, evidence and source links of the incidents ``ids`` as plain rows (no ORM objects: a list
    page would spend most of its time making them), in their order."""
    found: dict[str, _Children] = {i: ([], [], []) for i in ids}
    tables = (VictimRow.__table__, EvidenceRow.__table__, IncidentSourceRow.__table__)
    for slot, table in enumerate(tables):
        query = select(table).where(table.c.incident_id.in_(ids)).order_by(table.c.position)
        for child in session.execute(query):
            cast("list[Any]", found[child.incident_id][slot]).append(child)
    return found


def _with_children() -> tuple[Any, ...]:
    return (
        selectinload(IncidentRow.victims),
        selectinload(IncidentRow.evidence),
        selectinload(IncidentRow.sources),
    )


def incident_row(session: Session, incident_id: str, *, visible: bool = False) -> IncidentRow:
    """The row of ``incident_id`` or of the one incident whose id starts with it (at least 4 characters);
    with ``visible``, an incident merged into another is refused."""
    row = session.get(IncidentRow, incident_id, options=_with_children())
    if row is None and len(incident_id) >= _MIN_PREFIX and re.fullmatch(r"[0-9a-f]+", incident_id):
        found = list(
            session.scalars(
                select(IncidentRow)
                .where(IncidentRow.id.startswith(incident_id))
                .limit(2)
                .options(*_with_children())
            )
        )
        if len(found) > 1:
            raise CharterwatchError(E.AMBIGUOUS_INCIDENT, incident=incident_id)
        row = found[0] if found else None
    if row is None:
        raise CharterwatchError(E.INCIDENT_NOT_FOUND, incident=incident_id)
    if visible and row.merged_into is not None:
        raise CharterwatchError(E.INCIDENT_MERGED, incident=row.id, into=row.merged_into)
    return row


def rows_matching(session: Session, incident_id: str, where: Filter) -> list[IncidentRow]:
    """The rows among those ``where`` selects whose id is ``incident_id`` or starts with it (at least 4
    hexadecimal characters); two at most, enough to tell one from several."""
    if session.get(IncidentRow, incident_id) is not None:
        exact = select(IncidentRow).where(IncidentRow.id == incident_id, *_conditions(where))
        return list(session.scalars(exact.options(*_with_children())))
    if len(incident_id) < _MIN_PREFIX or not re.fullmatch(r"[0-9a-f]+", incident_id):
        return []
    query = select(IncidentRow).where(IncidentRow.id.startswith(incident_id), *_conditions(where))
    return list(session.scalars(query.order_by(IncidentRow.id).limit(2).options(*_with_children())))


def load_incident(session: Session, incident_id: str) -> Incident:
    return to_incident(incident_row(session, incident_id))


@dataclass(frozen=True)
class Filter:
    """Which incidents to list, all in the query: by main action, review state, an action among the
    incident's actions, a date range (ISO prefixes, compared with the date's own prefix), without those whose
    ``withheld`` paths (e.g. ``"date"``) are private, or including those merged into others."""

    actions: Sequence[str] = ()
    states: Sequence[str] = ()
    include_merged: bool = False
    any_action: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    withheld: Sequence[str] = ()


def _json_holds(column: Any, value: str) -> ColumnElement[bool]:
    """A JSON list of plain tokens holds ``value``: its text has it in quotes (same on SQLite and PostgreSQL)."""
    return cast_(column, Text).like(f'%"{value}"%')


def _conditions(where: Filter) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if where.actions:
        found.append(IncidentRow.action.in_(list(where.actions)))
    if where.states:
        found.append(IncidentRow.review.in_(list(where.states)))
    if not where.include_merged:
        found.append(IncidentRow.merged_into.is_(None))
    if where.any_action:
        found.append(_json_holds(IncidentRow.actions, where.any_action))
    for path in where.withheld:
        found.append(~_json_holds(IncidentRow.private_fields, path))
    if where.date_from:  # the date's prefix of that length is at least date_from: the whole date is
        found.append(IncidentRow.date_value >= where.date_from)
    if where.date_to:
        found.append(func.substr(IncidentRow.date_value, 1, len(where.date_to)) <= where.date_to)
    return found


def list_incidents(
    session: Session, where: Filter = Filter(), *, offset: int = 0, limit: int | None = None
) -> list[Incident]:
    """Incidents in ingestion order; merged-away ones only with ``include_merged``. Only the rows of the
    page (``offset``, ``limit``) are loaded, with their children."""
    query = select(IncidentRow.__table__).where(*_conditions(where)).order_by(IncidentRow.position)
    rows = session.execute(query.offset(offset).limit(limit)).all()
    children = _read_children(session, [row.id for row in rows])
    return [to_incident(cast("IncidentRow", row), children[row.id]) for row in rows]


def count_incidents(session: Session, where: Filter = Filter()) -> int:
    return int(session.scalar(select(func.count()).select_from(IncidentRow).where(*_conditions(where))) or 0)


def incidents_by_month(
    session: Session, where: Filter = Filter(), *, hidden_dates: bool = False
) -> tuple[dict[str, int], int]:
    """How many incidents of ``where`` fall in each month (dated to the month or day) and how many have no
    date; with ``hidden_dates`` an incident whose date is private counts as undated."""
    month = func.substr(IncidentRow.date_value, 1, 7)
    conditions = _conditions(where)
    hidden = [_json_holds(IncidentRow.private_fields, "date")] if hidden_dates else []
    dated = select(month, func.count()).where(
        *conditions,
        IncidentRow.date_value.is_not(None),
        IncidentRow.date_precision != "year",
        *(~h for h in hidden),
    )
    months = {str(m): int(n) for m, n in session.execute(dated.group_by(month).order_by(month))}
    undated = select(func.count()).select_from(IncidentRow)
    undated = undated.where(*conditions, or_(IncidentRow.date_value.is_(None), *hidden))
    return months, int(session.scalar(undated) or 0)


def victim_names(session: Session) -> list[tuple[str, bool]]:
    """Each victim name of a listed incident (not merged away), or the description of a group whose name is
    withheld, with whether it is private there (once per label and answer): what
    incidents.public.private_names reads, without loading the incidents."""
    path = literal('"victims[') + cast_(VictimRow.position, Text) + '].name"'
    hidden = cast_(IncidentRow.private_fields, Text).contains(path, autoescape=False)
    query = (
        select(VictimRow.name, VictimRow.description, hidden)
        .join(IncidentRow, VictimRow.incident_id == IncidentRow.id)
        .where(
            IncidentRow.merged_into.is_(None),
            or_(VictimRow.name.is_not(None), hidden & VictimRow.description.is_not(None)),
        )
        .distinct()
    )
    return [
        (str(name if name is not None else description), bool(private))
        for name, description, private in session.execute(query)
    ]


# Organisations


def organisation_key(name: str) -> str:
    """Spellings of one organisation meet: folded, punctuation and a leading "the" dropped."""
    words = re.findall(r"\w+", fold(name))
    return " ".join(words[1:] if words[:1] == ["the"] else words)[:255]


def _organisation(session: Session, victim: Victim) -> OrganisationRow:
    key = organisation_key(victim.name or "")
    row = session.scalar(select(OrganisationRow).where(OrganisationRow.key == key))
    if row is None:
        row = OrganisationRow(key=key, name=victim.name, kind=victim.role)
        session.add(row)
        session.flush()
    return row


@dataclass(frozen=True)
class Organisation:
    """An NGO, union, outlet or site with its history: its incidents, oldest first (undated last)."""

    name: str
    kind: str
    incidents: list[Incident]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "incidents": [i.id for i in self.incidents]}


def organisations(session: Session) -> list[Organisation]:
    """Every organisation that is a victim of a listed incident (not merged away, not rejected)."""
    incidents = {i.id: i for i in list_incidents(session) if i.review != "rejected"}
    query = (
        select(OrganisationRow, VictimRow.incident_id)
        .join(VictimRow, VictimRow.organisation_id == OrganisationRow.id)
        .order_by(OrganisationRow.name)
    )
    history: dict[int, tuple[OrganisationRow, list[Incident]]] = {}
    for org, incident_id in session.execute(query):
        if incident_id in incidents:
            history.setdefault(org.id, (org, []))[1].append(incidents[incident_id])
    return [
        Organisation(
            org.name, org.kind, sorted(found, key=lambda i: (i.date is None, i.date.value if i.date else ""))
        )
        for org, found in history.values()
    ]
