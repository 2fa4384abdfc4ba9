"""Incidents as plain dataclasses: the inspectable form every later step (store, review, exports) starts from.

An incident is one victim x one action x one date (the granularity of shared/gold/README.md). Every field a
machine filled in cites the words it came from as an :class:`Evidence` span, so a reviewer can check it and a
test can prove ``source_text[start:end] == quote``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol

from charterwatch.incidents.extraction.geo import coordinates_dict

ACTIONS = (
    "detention",
    "arrest",
    "administrative_arrest",
    "fine",
    "criminal_case",
    "sentence",
    "search",
    "questioning",
    "harassment",
    "blocking",
    "closure",
    "lawsuit",
    "inspection",
    "penalty",
    "ill_treatment",
    "dispersal",
    "travel_ban",
    "deportation",
)
ROLES = (
    "journalist",
    "blogger",
    "activist",
    "human_rights_defender",
    "lawyer",
    "trade_unionist",
    "worker",
    "protester",
    "social_media_user",
    "ngo",
    "trade_union",
    "media_outlet",
    "website",
    "religious_believer",
    "politician",
    "other",
)
RIGHTS = ("expression", "assembly", "association", "privacy", "religion", "liberty", "fair_trial", "movement")

Precision = Literal["day", "month", "year"]
ReviewState = Literal["machine", "accepted", "edited", "rejected"]
VictimKind = Literal["person", "organisation", "group"]


@dataclass(frozen=True, slots=True)
class Source:
    """Where an incident was read: a file or an address, with what is known about its publication.

    ``id`` is derived from the checksum, so the same bytes are the same source however often they come in.
    """

    id: str
    location: str
    checksum: str
    language: str | None = None
    published: str | None = None
    publisher: str | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words one field came from: ``field`` names it as a path, e.g. ``victims[0].name`` or ``rights[1]``."""

    field: str
    source_id: str
    start: int
    end: int
    quote: str

    def to_dict(self) -> dict[str, Any]:
        # explicit rather than asdict(), which deep-copies: merge logs serialise thousands of these
        return {
            "field": self.field,
            "source_id": self.source_id,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
        }


@dataclass(frozen=True, slots=True)
class Victim:
    """A person, an organisation or a group named only as a group ("at least eight journalists")."""

    kind: VictimKind
    role: str
    name: str | None = None
    description: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.description or ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "role": self.role, "name": self.name, "description": self.description}


@dataclass(frozen=True, slots=True)
class IncidentDate:
    """An ISO date cut to what the text says: ``2017-02-24`` (day), ``2017-02`` (month) or ``2017`` (year)."""

    value: str
    precision: Precision

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision}


@dataclass(frozen=True, slots=True)
class Sanction:
    """What was imposed, in parts a statistic can count; ``text`` is the sanction as written."""

    text: str
    arrest_days: int | None = None
    fine_amount: float | None = None
    fine_currency: str | None = None
    prison_months: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Incident:
    """One victim x one action x one date, with the evidence for every field and the review state.

    ``actions`` lists every action the sources tell for this event (a detention followed by a fine the same
    day is one incident); ``action`` is the gravest of them, the one statistics count.
    """

    id: str
    victims: list[Victim]
    action: str
    actions: list[str]
    date: IncidentDate | None
    place: str | None
    country: str | None
    sanction: Sanction | None
    legal_basis: list[str]
    rights: list[str]
    perpetrator: str | None
    evidence: list[Evidence]
    confidence: float
    source_ids: list[str]
    extractor: str
    review: ReviewState = "machine"
    private_fields: list[str] = field(default_factory=list)
    review_log: list[dict[str, Any]] = field(
        default_factory=list
    )  # who accepted, edited or rejected, and what

    def evidence_for(self, field_path: str) -> list[Evidence]:
        return [e for e in self.evidence if e.field == field_path]

    def to_dict(self) -> dict[str, Any]:
        return {
            **incident_fields(self),
            "private_fields": list(self.private_fields),
            "review_log": [dict(entry) for entry in self.review_log],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Incident:
        """The inverse of :meth:`to_dict`, for JSON files and the store."""
        date = data.get("date")
        sanction = data.get("sanction")
        return cls(
            id=data["id"],
            victims=[Victim(**v) for v in data["victims"]],
            action=data["action"],
            actions=list(data["actions"]),
            date=IncidentDate(**date) if date else None,
            place=data.get("place"),
            country=data.get("country"),
            sanction=Sanction(**sanction) if sanction else None,
            legal_basis=list(data.get("legal_basis", [])),
            rights=list(data.get("rights", [])),
            perpetrator=data.get("perpetrator"),
            evidence=[Evidence(**e) for e in data.get("evidence", [])],
            confidence=float(data["confidence"]),
            source_ids=list(data["source_ids"]),
            extractor=data["extractor"],
            review=data.get("review", "machine"),
            private_fields=list(data.get("private_fields", [])),
            review_log=[dict(entry) for entry in data.get("review_log", [])],
        )


def filled_fields(incident: Incident) -> list[str]:
    """The field paths that hold a value, each of which must cite evidence."""
    paths: list[str] = []
    for i, victim in enumerate(incident.victims):
        paths.append(f"victims[{i}].name" if victim.name else f"victims[{i}].description")
        paths.append(f"victims[{i}].role")
    paths.append("action")
    if incident.date:
        paths.append("date")
    for name in ("place", "country", "perpetrator"):
        if getattr(incident, name):
            paths.append(name)
    if incident.sanction:
        paths.append("sanction")
    paths += [f"legal_basis[{i}]" for i in range(len(incident.legal_basis))]
    paths += [f"rights[{i}]" for i in range(len(incident.rights))]
    return paths


class IncidentFields(Protocol):
    """What an incident and its public edition both tell (the public edition has no review data)."""

    @property
    def id(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def place(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def perpetrator(self) -> str | None: ...
    @property
    def confidence(self) -> float: ...
    @property
    def extractor(self) -> str: ...
    @property
    def review(self) -> str: ...
    @property
    def victims(self) -> Sequence[Victim]: ...
    @property
    def actions(self) -> Sequence[str]: ...
    @property
    def date(self) -> IncidentDate | None: ...
    @property
    def sanction(self) -> Sanction | None: ...
    @property
    def legal_basis(self) -> Sequence[str]: ...
    @property
    def rights(self) -> Sequence[str]: ...
    @property
    def evidence(self) -> Sequence[Evidence]: ...
    @property
    def source_ids(self) -> Sequence[str]: ...


def incident_fields(incident: IncidentFields) -> dict[str, Any]:
    """The JSON of the fields an incident and its public edition share, in one order for both."""
    return {
        "id": incident.id,
        "victims": [v.to_dict() for v in incident.victims],
        "action": incident.action,
        "actions": list(incident.actions),
        "date": incident.date.to_dict() if incident.date else None,
        "place": incident.place,
        "coordinates": coordinates_dict(incident.place, incident.country),
        "country": incident.country,
        "sanction": incident.sanction.to_dict() if incident.sanction else None,
        "legal_basis": list(incident.legal_basis),
        "rights": list(incident.rights),
        "perpetrator": incident.perpetrator,
        "evidence": [e.to_dict() for e in incident.evidence],
        "confidence": incident.confidence,
        "source_ids": list(incident.source_ids),
        "extractor": incident.extractor,
        "review": incident.review,
    }
