"""Reviews: a working group's decisions on a proposal, kept as a history whose newest entry is its status.

A proposal with no review is ``assigned`` once a group has it and ``new`` before; a review is recorded with
the group that held the proposal at the time, so the history reads who decided what, and where. A copy in a
duplicate group with no review of its own has its lead's status (``ideas.py``): the group decided on the idea.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charterwatch.consult.ideas import holders, load_ideas
from charterwatch.consult.model import REVIEW_STATUSES, Review, ReviewStatus
from charterwatch.consult.models import ProposalRow, ReviewRow, WorkingGroupRow
from charterwatch.consult.store import get_proposal
from charterwatch.errors import CharterwatchError, E

NEEDS_REASON: Final = ("partly", "rejected", "out_of_scope")  # a citizen is owed the why
MAX_REASON: Final = 5_000


def review(
    session: Session, proposal_id: str, status: ReviewStatus, *, reason: str = "", reviewer: str
) -> Review:
    """Record a decision; ``partly``, ``rejected`` and ``out_of_scope`` need a reason."""
    if status not in REVIEW_STATUSES:
        raise CharterwatchError(
            E.CONSULT_FIELD_INVALID, field="review status", value=status, choices=", ".join(REVIEW_STATUSES)
        )
    reason = reason.strip()
    if status in NEEDS_REASON and not reason:
        raise CharterwatchError(E.CONSULT_TEXT_INVALID, reason=f"of a {status!r} review needs a reason")
    if len(reason) > MAX_REASON:
        raise CharterwatchError(E.CONSULT_TEXT_INVALID, reason=f"of a review is over {MAX_REASON} characters")
    get_proposal(session, proposal_id)
    assignment = holders(session).get(proposal_id)
    group = session.get(WorkingGroupRow, assignment.working_group_id) if assignment else None
    row = ReviewRow(
        proposal_id=proposal_id,
        status=status,
        reason=reason,
        reviewer=reviewer,
        working_group=group.name if group else None,
        at=dt.datetime.now(dt.UTC),
    )
    session.add(row)
    session.flush()
    return _review(row)


def history(session: Session, proposal_id: str) -> list[Review]:
    """Every review of a proposal, oldest first."""
    get_proposal(session, proposal_id)
    query = select(ReviewRow).where(ReviewRow.proposal_id == proposal_id).order_by(ReviewRow.id)
    return [_review(row) for row in session.scalars(query)]


def statuses(session: Session, proposal_ids: Sequence[str] | None = None) -> dict[str, ReviewStatus]:
    """Per proposal id (all, or those given), its current status: its newest review, else its lead's (a copy
    inherits the decision on its idea), else assigned or new."""
    newest = select(func.max(ReviewRow.id)).group_by(ReviewRow.proposal_id)
    reviewed = {
        row.proposal_id: row.status
        for row in session.scalars(select(ReviewRow).where(ReviewRow.id.in_(newest)))
    }
    ideas = load_ideas(session)
    held = holders(session, ideas)
    if proposal_ids is None:
        proposal_ids = list(session.scalars(select(ProposalRow.id).order_by(ProposalRow.position)))
    found: dict[str, ReviewStatus] = {}
    for proposal_id in proposal_ids:
        status = (
            reviewed.get(proposal_id)
            or reviewed.get(ideas.lead(proposal_id))
            or ("assigned" if proposal_id in held else "new")
        )
        found[proposal_id] = status  # type: ignore[assignment]  # checked by the table's constraint
    return found


def _review(row: ReviewRow) -> Review:
    return Review(
        row.proposal_id,
        row.status,  # type: ignore[arg-type]  # checked by the table's constraint
        row.reason,
        row.reviewer,
        row.working_group,
        row.at,
    )
