"""Flat exports of incidents: JSON and CSV, each in a full and a public edition (visibility.py's rule).

The JSON editions hold every incident as ``to_dict`` (full) or its public edition (public.py's
``PublicIncident``) with the sources they cite; the CSV editions have one row per incident with lists joined by "; ". Nothing in them depends on
the time of the export, so the same store gives the same files.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any, Literal

from charterwatch.incidents.model import Incident, Source
from charterwatch.incidents.workflow.public import public_editions, public_sources

SCHEMA = "charterwatch.incidents.v1"
Edition = Literal["full", "public"]

CSV_COLUMNS = (
    "id",
    "date",
    "date_precision",
    "action",
    "actions",
    "victim",
    "victim_kind",
    "role",
    "other_victims",
    "place",
    "country",
    "sanction",
    "arrest_days",
    "fine_amount",
    "fine_currency",
    "prison_months",
    "legal_basis",
    "rights",
    "perpetrator",
    "confidence",
    "review",
    "sources",
    "evidence",
    "extractor",
)
FULL_ONLY_COLUMNS = ("private_fields", "reviewers", "review_notes")


def incident_dicts(
    incidents: Sequence[Incident], *, edition: Edition, words: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """The incidents as plain dicts of ``edition``; ``words``: more private name words for the public one
    (those of incidents of the store left out of the export, ``visibility.public_words``)."""
    if edition == "full":
        return [i.to_dict() for i in incidents]
    return [p.to_dict() for p in public_editions(incidents, words=words)]


def cited_sources(incidents: Sequence[Incident], sources: Sequence[Source]) -> list[Source]:
    """The sources the incidents cite, in the order given."""
    cited = {s for i in incidents for s in i.source_ids}
    return [s for s in sources if s.id in cited]


def to_json(
    incidents: Sequence[Incident],
    sources: Sequence[Source],
    *,
    edition: Edition,
    words: frozenset[str] = frozenset(),
) -> str:
    cited = cited_sources(incidents, sources)
    data = {
        "schema": SCHEMA,
        "edition": edition,
        "incidents": incident_dicts(incidents, edition=edition, words=words),
        "sources": [s.to_dict() for s in cited]
        if edition == "full"
        else public_sources(incidents, cited, words=words),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def to_csv(
    incidents: Sequence[Incident],
    sources: Sequence[Source],
    *,
    edition: Edition,
    words: frozenset[str] = frozenset(),
) -> str:
    """One row per incident; the public edition has no private value and no review notes."""
    if edition == "full":
        locations = {s.id: s.location for s in sources}
    else:  # a location that names a private victim reads as the source's id
        public = public_sources(incidents, sources, words=words)
        locations = {s["id"]: s["location"] or s["id"] for s in public}
    columns = CSV_COLUMNS + (FULL_ONLY_COLUMNS if edition == "full" else ())
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for incident, data in zip(
        incidents, incident_dicts(incidents, edition=edition, words=words), strict=True
    ):
        writer.writerow(flat_row(incident, data, locations, full=edition == "full"))
    return out.getvalue()


def flat_row(
    incident: Incident, data: dict[str, Any], locations: dict[str, str], *, full: bool
) -> dict[str, Any]:
    """One CSV row from ``data`` (the incident's dict in the edition wanted)."""
    victims = data["victims"]
    first = victims[0]
    date = data["date"] or {}
    sanction = data["sanction"] or {}
    row: dict[str, Any] = {
        "id": data["id"],
        "date": date.get("value", ""),
        "date_precision": date.get("precision", ""),
        "action": data["action"],
        "actions": "; ".join(data["actions"]),
        "victim": first["name"] or first["description"] or "",
        "victim_kind": first["kind"],
        "role": first["role"],
        "other_victims": "; ".join(v["name"] or v["description"] or "" for v in victims[1:]),
        "place": data["place"] or "",
        "country": data["country"] or "",
        "sanction": sanction.get("text", ""),
        "arrest_days": _blank(sanction.get("arrest_days")),
        "fine_amount": _blank(sanction.get("fine_amount")),
        "fine_currency": _blank(sanction.get("fine_currency")),
        "prison_months": _blank(sanction.get("prison_months")),
        "legal_basis": "; ".join(data["legal_basis"]),
        "rights": "; ".join(data["rights"]),
        "perpetrator": data["perpetrator"] or "",
        "confidence": data["confidence"],
        "review": data["review"],
        "sources": "; ".join(locations.get(s, s) for s in data["source_ids"]),
        "evidence": len(data["evidence"]),
        "extractor": data["extractor"],
    }
    if full:
        log = incident.review_log
        row["private_fields"] = "; ".join(incident.private_fields)
        row["reviewers"] = "; ".join(str(e.get("reviewer", "")) for e in log)
        row["review_notes"] = "; ".join(str(e["note"]) for e in log if e.get("note"))
    return row


def _blank(value: object) -> object:
    return "" if value is None else value
