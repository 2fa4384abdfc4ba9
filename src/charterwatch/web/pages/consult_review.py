"""The working groups' side of the consultation: a group's queue, one proposal, duplicates, and the decisions.

A ``working_group`` user sees and decides only what their group holds; analysts and admins see every group and
each submitter's contact, which no one else ever sees. Decisions go through consult.service (``review``,
``override``, ``route``) with an audit-log entry in the same transaction.
"""

from __future__ import annotations

from typing import Annotated, Any, Final, cast

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from charterwatch.consult.ideas import holders
from charterwatch.consult.model import ReviewStatus
from charterwatch.consult.models import WorkingGroupRow
from charterwatch.consult.service import (
    duplicate_groups,
    list_groups,
    override,
    proposal_detail,
    queue,
    review,
    route,
)
from charterwatch.consult.workgroups import get_group
from charterwatch.errors import CharterwatchError, E
from charterwatch.web.audit import record
from charterwatch.web.auth import PRIVATE_ROLES, REVIEW_ROLES, audience_of, can_see_private, require_role
from charterwatch.web.deps import DbSession, PagingParams, commit
from charterwatch.web.render import after_action, page
from charterwatch.web.users import Viewer

router = APIRouter(tags=["consultation"])
Reviewer = Annotated[Viewer, Depends(require_role(*REVIEW_ROLES))]
DECISIONS: Final = ("accepted", "partly", "rejected", "out_of_scope")
DEFAULT_REF: Final = "KZ@1995-ru"  # the draft the default working groups own sections of


class QueuePage(BaseModel):
    group: str
    total: int
    offset: int
    limit: int
    proposals: list[dict[str, Any]]  # consult.views.queue rows: never a contact
    groups: list[str]
    decisions: list[str]


class ProposalPage(BaseModel):
    proposal: dict[str, Any]  # consult.views.proposal_detail; the contact for analysts and admins only
    holder: str | None
    can_decide: bool
    groups: list[str]
    decisions: list[str]


class DuplicatesPage(BaseModel):
    campaigns_only: bool
    groups: list[dict[str, Any]]


def _holder(session: Session, proposal_id: str) -> str | None:
    """The name of the group holding ``proposal_id`` now (a copy's is its lead's), if any."""
    assignment = holders(session).get(proposal_id)
    group = session.get(WorkingGroupRow, assignment.working_group_id) if assignment is not None else None
    return group.name if group is not None else None


def _may_decide(viewer: Viewer, holder: str | None) -> bool:
    return can_see_private(viewer) or (holder is not None and holder == viewer.working_group)


@page(
    router,
    "/consult/queue/{group}",
    template="consult/queue.html",
    model=QueuePage,
    name="consult_queue",
    summary="A working group's queue",
)
def queue_page(
    request: Request, session: DbSession, viewer: Reviewer, group: str, paging: PagingParams
) -> QueuePage:
    """The group's ideas (one row per duplicate group, with its copies), open ones first; a working-group member
    may open only their own group's."""
    if not can_see_private(viewer) and group != viewer.working_group:
        raise CharterwatchError(E.FORBIDDEN, role=viewer.role)
    name = get_group(session, group).name
    everything = queue(session, name, limit=10**9)
    return QueuePage(
        group=name,
        total=len(everything),
        offset=paging.offset,
        limit=paging.limit,
        proposals=everything[paging.offset : paging.offset + paging.limit],
        groups=[g.name for g in list_groups(session)],
        decisions=list(DECISIONS),
    )


@page(
    router,
    "/consult/proposals/{proposal_id}",
    template="consult/proposal.html",
    model=ProposalPage,
    name="consult_proposal",
    summary="One proposal with its links, assignments and reviews",
)
def proposal_page(request: Request, session: DbSession, viewer: Reviewer, proposal_id: str) -> ProposalPage:
    """A proposal; a working-group member sees those their group holds, without the submitter's contact."""
    holder = _holder(session, proposal_id)
    if not _may_decide(viewer, holder):
        raise CharterwatchError(E.FORBIDDEN, role=viewer.role)
    return ProposalPage(
        proposal=proposal_detail(session, proposal_id, audience=audience_of(viewer)),
        holder=holder,
        can_decide=True,
        groups=[g.name for g in list_groups(session)],
        decisions=list(DECISIONS),
    )


@page(
    router,
    "/consult/duplicates",
    template="consult/duplicates.html",
    model=DuplicatesPage,
    name="consult_duplicates",
    summary="Duplicate groups and campaigns",
    dependencies=[Depends(require_role(*REVIEW_ROLES))],
)
def duplicates_page(
    request: Request, session: DbSession, campaigns_only: Annotated[bool, Query()] = False
) -> DuplicatesPage:
    """Groups of proposals that say the same thing, largest first, with each campaign's template."""
    return DuplicatesPage(
        campaigns_only=campaigns_only, groups=duplicate_groups(session, campaigns_only=campaigns_only)
    )


def _state(session: Session, proposal_id: str) -> dict[str, Any]:
    """What the audit log keeps of a proposal: its status and group, not its text or contact."""
    detail = proposal_detail(session, proposal_id)
    return {"status": detail["status"], "working_group": _holder(session, proposal_id)}


@router.post("/consult/proposals/{proposal_id}/review", summary="Decide on a proposal")
def decide(
    request: Request,
    session: DbSession,
    viewer: Reviewer,
    proposal_id: str,
    status: Annotated[str, Form(description=", ".join(DECISIONS))],
    reason: Annotated[str, Form(max_length=5_000)] = "",
) -> Response:
    """accepted, partly, rejected or out_of_scope; all but accepted need a reason (a citizen is owed one)."""
    if status not in DECISIONS:
        raise CharterwatchError(
            E.CONSULT_FIELD_INVALID, field="decision", value=status, choices=", ".join(DECISIONS)
        )
    before = _state(session, proposal_id)
    if not _may_decide(viewer, before["working_group"]):
        raise CharterwatchError(E.FORBIDDEN, role=viewer.role)
    done = review(session, proposal_id, cast("ReviewStatus", status), reason=reason, reviewer=viewer.actor)
    after = {**_state(session, proposal_id), "reason": done.reason, "reviewer": done.reviewer}
    record(session, viewer, "proposal.review", f"proposal:{proposal_id}", before=before, after=after)
    commit(session)
    return after_action(request, f"/consult/proposals/{proposal_id}", done.to_dict())


@router.post("/consult/proposals/{proposal_id}/assign", summary="Give a proposal to another working group")
def assign(
    request: Request,
    session: DbSession,
    viewer: Reviewer,
    proposal_id: str,
    group: Annotated[str, Form(max_length=200)],
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """A manual assignment, kept by every later routing; the group holding it may pass it on."""
    before = _state(session, proposal_id)
    if not _may_decide(viewer, before["working_group"]):
        raise CharterwatchError(E.FORBIDDEN, role=viewer.role)
    override(session, proposal_id, group, by=viewer.actor, reason=reason.strip())
    after = {**_state(session, proposal_id), "reason": reason.strip() or "manual override"}
    record(session, viewer, "proposal.assign", f"proposal:{proposal_id}", before=before, after=after)
    commit(session)
    back = f"/consult/proposals/{proposal_id}" if can_see_private(viewer) else "/consult"
    return after_action(request, back, after)


@router.post("/consult/route", summary="Link proposals to a draft's articles and route them to groups")
def route_all(
    request: Request,
    session: DbSession,
    viewer: Annotated[Viewer, Depends(require_role(*PRIVATE_ROLES))],
    ref: Annotated[str, Form(max_length=64)] = DEFAULT_REF,
) -> Response:
    """consult.service ``route``: new proposals (the public form's too) reach a queue; overrides are kept."""
    result = route(session, ref=ref)
    record(session, viewer, "consult.route", f"version:{result.ref}", before=None, after=result.to_dict())
    commit(session)
    return after_action(request, "/consult", result.to_dict())
