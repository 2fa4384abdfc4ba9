"""The incident model is plain data: it survives a JSON round trip unchanged."""

from __future__ import annotations

import json

from charterwatch.incidents.model import (
    Evidence,
    Incident,
    IncidentDate,
    Sanction,
    Source,
    Victim,
    filled_fields,
)


def _incident() -> Incident:
    return Incident(
        id="i1",
        victims=[Victim(kind="person", role="blogger", name="A. Person")],
        action="administrative_arrest",
        actions=["detention", "administrative_arrest"],
        date=IncidentDate("2020-05-01", "day"),
        place="Almaty",
        country="KZ",
        sanction=Sanction("15 days of administrative arrest", arrest_days=15),
        legal_basis=["the law on peaceful assemblies"],
        rights=["assembly"],
        perpetrator="police",
        evidence=[Evidence("action", "s1", 0, 8, "detained")],
        confidence=0.8,
        source_ids=["s1"],
        extractor="incidents.en.v1",
    )


def test_incident_round_trips_through_json() -> None:
    incident = _incident()
    data = json.loads(json.dumps(incident.to_dict()))
    assert Incident.from_dict(data) == incident
    assert data["review"] == "machine"


def test_source_is_plain_data() -> None:
    source = Source(id="s1", location="a.txt", checksum="00", language="en", published="2020-05-02")
    assert json.loads(json.dumps(source.to_dict()))["published"] == "2020-05-02"


def test_filled_fields_lists_every_value() -> None:
    paths = filled_fields(_incident())
    assert paths == [
        "victims[0].name",
        "victims[0].role",
        "action",
        "date",
        "place",
        "country",
        "perpetrator",
        "sanction",
        "legal_basis[0]",
        "rights[0]",
    ]
