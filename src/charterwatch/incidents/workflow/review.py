"""Review: a monitor accepts, edits or rejects a machine-made incident; every decision is logged on it.

Pure functions returning a new incident, so the terminal review, the web app and a script share one
behaviour. An edited field no longer rests on the source's words, so its evidence is dropped and the log
says who set it; fields left alone keep their evidence. ``private_fields`` (which fields are private,
incidents/workflow/privacy.py; who sees what, incidents/workflow/visibility.py) is edited the same way: publishing a victim's
name is an edit that removes ``victims[0].name`` from it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from charterwatch.errors import CharterwatchError, E
from charterwatch.incidents.model import ACTIONS, RIGHTS, ROLES, Incident, IncidentDate, ReviewState, Victim
from charterwatch.incidents.workflow.privacy import WITHHOLDABLE

EDITABLE = (
    "action",
    "date",
    "place",
    "country",
    "perpetrator",
    "victim_name",
    "victim_role",
    "rights",
    "private_fields",
)


def accept(incident: Incident, *, reviewer: str, note: str = "", at: str | None = None) -> Incident:
    return _decide(incident, "accepted", reviewer=reviewer, note=note, at=at, changes={})


def reject(incident: Incident, *, reviewer: str, note: str = "", at: str | None = None) -> Incident:
    return _decide(incident, "rejected", reviewer=reviewer, note=note, at=at, changes={})


def edit(
    incident: Incident, *, reviewer: str, note: str = "", at: str | None = None, **changes: Any
) -> Incident:
    """``incident`` with ``changes`` (any of EDITABLE) applied; raises BAD_FORMAT for an unknown field or value."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise CharterwatchError(E.BAD_FORMAT, value=unknown[0], choices=", ".join(EDITABLE))
    updated = replace(
        incident,
        victims=list(incident.victims),
        rights=list(incident.rights),
        private_fields=list(incident.private_fields),
    )
    dropped: set[str] = set()
    for name, value in changes.items():
        dropped |= _apply(updated, name, value)
    updated.evidence = [e for e in incident.evidence if not any(e.field.startswith(d) for d in dropped)]
    shown = {k: (updated.date.to_dict() if k == "date" and updated.date else v) for k, v in changes.items()}
    return _decide(updated, "edited", reviewer=reviewer, note=note, at=at, changes=shown)


def _apply(incident: Incident, name: str, value: Any) -> set[str]:
    """Set one field; returns the evidence fields that no longer hold."""
    if name == "action":
        _check(value, ACTIONS)
        incident.action = value
        incident.actions = [value, *[a for a in incident.actions if a != value]]
        return {"action"}
    if name == "date":
        incident.date = value if isinstance(value, IncidentDate) or value is None else _date(value)
        return {"date"}
    if name in ("place", "country", "perpetrator"):
        setattr(incident, name, value)
        return {name}
    if name == "private_fields":
        allowed = (*WITHHOLDABLE, *(f"victims[{i}].name" for i in range(len(incident.victims))))
        for path in value:
            _check(path, allowed)
        incident.private_fields = list(dict.fromkeys(value))
        return set()
    if name == "rights":
        for right in value:
            _check(right, RIGHTS)
        incident.rights = list(value)
        return {"rights"}
    victim = incident.victims[0]
    if name == "victim_role":
        _check(value, ROLES)
        incident.victims[0] = Victim(victim.kind, value, victim.name, victim.description)
        return {"victims[0].role"}
    named = victim.kind != "group"
    incident.victims[0] = Victim(victim.kind, victim.role, value if named else None, None if named else value)
    return {"victims[0].name", "victims[0].description"}


def _check(value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise CharterwatchError(E.BAD_FORMAT, value=value, choices=", ".join(allowed))


def _date(value: str) -> IncidentDate:
    precision = {4: "year", 7: "month", 10: "day"}.get(len(value))
    if precision is None or not value[:4].isdigit():
        raise CharterwatchError(E.BAD_DATE, value=value)
    return IncidentDate(value, "year" if precision == "year" else "month" if precision == "month" else "day")


def _decide(
    incident: Incident,
    state: ReviewState,
    *,
    reviewer: str,
    note: str,
    at: str | None,
    changes: dict[str, Any],
) -> Incident:
    entry: dict[str, Any] = {"state": state, "reviewer": reviewer}
    if note:
        entry["note"] = note
    if at:
        entry["at"] = at
    if changes:
        entry["changes"] = changes
    return replace(incident, review=state, review_log=[*incident.review_log, entry])
