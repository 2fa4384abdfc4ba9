"""Review decisions: accept, edit, reject, each logged; an edited field drops the evidence it no longer has."""

from __future__ import annotations

import json

import pytest

from charterwatch.errors import CharterwatchError
from charterwatch.incidents.extraction.extract import extract
from charterwatch.incidents.model import Incident
from charterwatch.incidents.workflow.review import accept, edit, reject

TEXT = "Blogger Aidos Sadykov was detained by police in Almaty on 3 May 2024 for a Facebook post."


def _incident() -> Incident:
    [incident] = extract(TEXT)
    return incident


def test_accept_and_reject_are_logged() -> None:
    incident = _incident()
    accepted = accept(incident, reviewer="kibhr-1", at="2024-05-10T10:00:00Z")
    assert (accepted.review, incident.review) == ("accepted", "machine")
    rejected = reject(accepted, reviewer="kibhr-2", note="not a civic-space case")
    assert rejected.review == "rejected"
    assert [e["state"] for e in rejected.review_log] == ["accepted", "rejected"]
    assert Incident.from_dict(json.loads(json.dumps(rejected.to_dict()))) == rejected


def test_edit_changes_fields_and_drops_their_evidence() -> None:
    incident = _incident()
    edited = edit(
        incident,
        reviewer="kibhr-1",
        action="administrative_arrest",
        date="2024-05-02",
        victim_role="activist",
    )
    assert (edited.action, edited.date and edited.date.value, edited.victims[0].role) == (
        "administrative_arrest",
        "2024-05-02",
        "activist",
    )
    assert edited.review == "edited" and edited.review_log[0]["changes"]["date"]["value"] == "2024-05-02"
    fields = {e.field for e in edited.evidence}
    assert "date" not in fields and "action" not in fields and "victims[0].role" not in fields
    assert "victims[0].name" in fields and "place" in fields
    assert {e.field for e in incident.evidence} >= {"date", "action"}


@pytest.mark.parametrize(
    ("change", "code"),
    [({"color": "red"}, "BAD_FORMAT"), ({"action": "hug"}, "BAD_FORMAT"), ({"date": "May"}, "BAD_DATE")],
)
def test_bad_edits_are_refused(change: dict[str, str], code: str) -> None:
    with pytest.raises(CharterwatchError, match=code):
        edit(_incident(), reviewer="x", **change)
