"""One idea per duplicate group: which proposal stands for each group, and the decisions its copies inherit.

Working groups review ideas, not copies. Routing gives each duplicate group's lead (its representative, or its
first proposal a moderator did not reject) to a working group; the other members have no assignment or review
of their own and take the lead's. Because this is computed from the current groups, it survives a re-run of
dedup that keeps a group, and a reviewer's split leaves the split-off proposals with a new lead of their own,
unassigned and unreviewed until routing reaches them. A member that was decided on by itself (before it joined
a group) keeps its own decision.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charterwatch.consult.models import AssignmentRow, GroupRow, ProposalRow


@dataclass(frozen=True)
class Ideas:
    """Per proposal id the lead standing for its idea (a lead maps to itself), and per lead its group."""

    lead_of: dict[str, str]
    size: dict[str, int]  # per lead, the proposals of its group (1 for a proposal in no group)
    group: dict[str, str]  # per lead in a duplicate group, the group's id
    campaigns: frozenset[str]  # leads of campaigns

    def lead(self, proposal_id: str) -> str:
        return self.lead_of.get(proposal_id, proposal_id)

    def is_lead(self, proposal_id: str) -> bool:
        return self.lead(proposal_id) == proposal_id


def load_ideas(session: Session) -> Ideas:
    """The leads of the stored groups; a proposal in no group (dedup not run yet, or new) leads itself."""
    members: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    lead_of: dict[str, str] = {}
    query = select(ProposalRow.id, ProposalRow.group_id, ProposalRow.moderation).order_by(
        ProposalRow.position
    )
    for proposal_id, group_id, moderation in session.execute(query):
        if group_id is None:
            lead_of[proposal_id] = proposal_id
        else:
            members[group_id].append((proposal_id, moderation is None or moderation >= 0))
    size: dict[str, int] = dict.fromkeys(lead_of, 1)
    groups: dict[str, str] = {}
    campaigns: set[str] = set()
    for row in session.execute(select(GroupRow.id, GroupRow.representative, GroupRow.kind)):
        found = members.get(row.id, [])
        if not found:
            continue
        accepted = [p for p, ok in found if ok]
        lead = row.representative if row.representative in accepted else (accepted or [found[0][0]])[0]
        for proposal_id, _ in found:
            lead_of[proposal_id] = lead
        size[lead], groups[lead] = len(found), row.id
        if row.kind == "campaign":
            campaigns.add(lead)
    return Ideas(lead_of, size, groups, frozenset(campaigns))


def holders(session: Session, ideas: Ideas | None = None) -> dict[str, AssignmentRow]:
    """Per proposal id, the assignment that holds it now: its lead's current one (none if the lead has none)."""
    ideas = ideas or load_ideas(session)
    current = current_assignments(session)
    found: dict[str, AssignmentRow] = {}
    for proposal_id, lead in ideas.lead_of.items():
        assignment = current.get(lead)
        if assignment is not None:
            found[proposal_id] = assignment
    return found


def current_assignments(session: Session) -> dict[str, AssignmentRow]:
    """Per proposal id, its newest assignment (of its own: a member's idea is held by its lead's, ``holders``)."""
    newest = (
        select(AssignmentRow.proposal_id, func.max(AssignmentRow.id).label("id"))
        .group_by(AssignmentRow.proposal_id)
        .subquery()
    )
    rows = session.scalars(select(AssignmentRow).join(newest, AssignmentRow.id == newest.c.id))
    return {row.proposal_id: row for row in rows}
