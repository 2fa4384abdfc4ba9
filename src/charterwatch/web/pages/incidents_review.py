"""Incident review through the web: accept, edit or reject; merge two incidents; undo a merge.

Analysts and admins only. Each action calls incidents/workflow/service.py in the request's one transaction and logs
who did what, with the incident before and after, through the audit-log helper; a failure writes neither.
"""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import Response

from charterwatch.errors import CharterwatchError, E
from charterwatch.incidents.workflow.models import MergeRow
from charterwatch.incidents.workflow.service import Decision, merge_stored, review_incident, unmerge
from charterwatch.incidents.workflow.store import incident_row, load_incident
from charterwatch.web.audit import record
from charterwatch.web.auth import PRIVATE_ROLES, require_role
from charterwatch.web.deps import DbSession, commit
from charterwatch.web.render import after_action
from charterwatch.web.users import Viewer

router = APIRouter(tags=["incidents"])
Reviewer = Annotated[Viewer, Depends(require_role(*PRIVATE_ROLES))]
DECISIONS = ("accept", "edit", "reject")
TEXT_FIELDS = ("action", "date", "place", "country", "perpetrator", "victim_name", "victim_role")


@router.post("/incidents/{incident_id}/review", summary="Accept, edit or reject an incident")
def review(
    request: Request,
    session: DbSession,
    viewer: Reviewer,
    incident_id: str,
    decision: Annotated[str, Form(description="accept, edit or reject")],
    note: Annotated[str, Form(max_length=2_000)] = "",
    action: Annotated[str, Form(max_length=32)] = "",
    date: Annotated[str, Form(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")] = "",
    place: Annotated[str, Form(max_length=200)] = "",
    country: Annotated[str, Form(max_length=8)] = "",
    perpetrator: Annotated[str, Form(max_length=200)] = "",
    victim_name: Annotated[str, Form(max_length=200)] = "",
    victim_role: Annotated[str, Form(max_length=32)] = "",
    private_fields: Annotated[list[str] | None, Form(max_length=20)] = None,
    set_private: Annotated[
        bool, Form(description="apply private_fields (the edit form's checkboxes)")
    ] = False,
) -> Response:
    """An edit changes only the fields given (and which fields are private, with ``set_private``)."""
    if decision not in DECISIONS:
        raise CharterwatchError(E.BAD_FORMAT, value=decision, choices=", ".join(DECISIONS))
    before = load_incident(session, incident_row(session, incident_id, visible=True).id)
    given = dict(
        zip(TEXT_FIELDS, (action, date, place, country, perpetrator, victim_name, victim_role), strict=True)
    )
    changes: dict[str, Any] = (
        {k: v.strip() for k, v in given.items() if v.strip()} if decision == "edit" else {}
    )
    if decision == "edit" and set_private and list(private_fields or []) != before.private_fields:
        changes["private_fields"] = list(private_fields or [])
    if decision == "edit" and not changes:
        raise CharterwatchError(E.BAD_REQUEST, reason="an edit needs at least one changed field")
    chosen = cast("Decision", decision)
    after = review_incident(session, before.id, chosen, reviewer=viewer.actor, note=note.strip(), **changes)
    record(
        session,
        viewer,
        f"incident.{decision}",
        f"incident:{after.id}",
        before=before.to_dict(),
        after=after.to_dict(),
    )
    commit(session)
    return after_action(request, f"/incidents/{after.id}", after.to_dict())


@router.post("/incidents/{incident_id}/merge", summary="Merge another incident into this one")
def merge(
    request: Request,
    session: DbSession,
    viewer: Reviewer,
    incident_id: str,
    other: Annotated[str, Form(min_length=4, max_length=32, description="the incident to fold in")],
) -> Response:
    """``other`` folds into ``incident_id``, which keeps its id and review state; undone by its merge id."""
    into = load_incident(session, incident_row(session, incident_id, visible=True).id)
    absorbed = load_incident(session, incident_row(session, other.strip(), visible=True).id)
    row = merge_stored(session, into.id, absorbed.id, by=viewer.actor)
    merged = load_incident(session, into.id)
    record(
        session,
        viewer,
        "incident.merge",
        f"incident:{into.id}",
        before={"into": into.to_dict(), "absorbed": absorbed.to_dict()},
        after={"merge": row.id, "into": merged.to_dict(), "absorbed_into": into.id},
    )
    commit(session)
    return after_action(request, f"/incidents/{into.id}", {"merge": row.id, "incident": merged.to_dict()})


@router.post("/incidents/merges/{merge_id}/unmerge", summary="Undo a merge")
def undo(
    request: Request, session: DbSession, viewer: Reviewer, merge_id: Annotated[int, Path(ge=1, le=2**63 - 1)]
) -> Response:
    """Both incidents as before merge ``merge_id``; merges into one incident are undone newest first."""
    row = session.get(MergeRow, merge_id)
    if row is None:
        raise CharterwatchError(E.MERGE_NOT_FOUND, merge=merge_id)
    merged = load_incident(session, row.into_id)
    restored, absorbed = unmerge(session, merge_id, by=viewer.actor)
    record(
        session,
        viewer,
        "incident.unmerge",
        f"incident:{restored.id}",
        before={"merge": merge_id, "into": merged.to_dict()},
        after={"into": restored.to_dict(), "absorbed": absorbed.to_dict()},
    )
    commit(session)
    state = {"merge": merge_id, "incident": restored.to_dict(), "absorbed": absorbed.to_dict()}
    return after_action(request, f"/incidents/{restored.id}", state)
