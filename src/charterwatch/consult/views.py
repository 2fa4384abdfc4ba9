"""What the CLI and the web pages show of the stored consultation: lists, a group's queue, one proposal, counts.

Each function returns plain JSON-ready dicts, so a command prints them and a web route serialises them; the
contact of a submitter appears only in ``proposal_detail(..., audience=Audience.STAFF)`` (consult/visibility.py). A working group's queue has one
row per idea (a duplicate group's lead, with its number of copies); lists show each copy with its lead's group
and status (``ideas.py``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charterwatch.audience import Audience
from charterwatch.consult.grouping import dedup_summary
from charterwatch.consult.ideas import Ideas, holders, load_ideas
from charterwatch.consult.model import REVIEW_STATUSES
from charterwatch.consult.models import (
    ArticleLinkRow,
    AssignmentRow,
    GroupRow,
    MergeRow,
    ProposalRow,
    ThemeMemberRow,
    ThemeRow,
    WorkingGroupRow,
)
from charterwatch.consult.reviews import history, statuses
from charterwatch.consult.store import get_proposal
from charterwatch.consult.visibility import proposal_view
from charterwatch.consult.workgroups import get_group
from charterwatch.errors import CharterwatchError, E
from charterwatch.store.models import Version
from charterwatch.texts.storage import version_ref

LIMIT: Final = 100


def list_proposals(
    session: Session,
    *,
    group: str | None = None,
    status: str | None = None,
    theme: str | None = None,
    limit: int = LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Proposals in intake order with their group, status and theme; filters combine."""
    if status is not None and status not in REVIEW_STATUSES:
        choices = ", ".join(REVIEW_STATUSES)
        raise CharterwatchError(E.CONSULT_FIELD_INVALID, field="status", value=status, choices=choices)
    query = select(ProposalRow).order_by(ProposalRow.position)
    ideas = load_ideas(session)
    assigned = holders(session, ideas)
    names = dict(session.execute(select(WorkingGroupRow.id, WorkingGroupRow.name)).all())
    if group is not None:
        wanted = get_group(session, group).id
        query = query.where(
            ProposalRow.id.in_([p for p, a in assigned.items() if a.working_group_id == wanted])
        )
    if theme is not None:
        if session.get(ThemeRow, theme) is None:
            raise CharterwatchError(E.CONSULT_UNKNOWN_ID, proposal_id=theme, where="the themes")
        members = select(ThemeMemberRow.proposal_id).where(ThemeMemberRow.theme_id == theme)
        query = query.where(ProposalRow.id.in_(members))
    rows = list(session.scalars(query))
    status_of = statuses(session, [row.id for row in rows])
    themes = dict(session.execute(select(ThemeMemberRow.proposal_id, ThemeMemberRow.theme_id)).all())
    found = [
        {
            "id": row.id,
            "text": row.text,
            "language": row.language,
            "channel": row.channel,
            "articles": list(row.articles),
            "moderation": row.moderation,
            "duplicate_group": row.group_id,
            "lead": ideas.lead(row.id),  # the proposal standing for its idea (itself, unless a copy)
            "theme": themes.get(ideas.lead(row.id)),
            "working_group": names[assigned[row.id].working_group_id] if row.id in assigned else None,
            "status": status_of[row.id],
        }
        for row in rows
        if status is None or status_of[row.id] == status
    ]
    return found[offset : offset + limit]


def queue(session: Session, group: str, *, limit: int = LIMIT, offset: int = 0) -> list[dict[str, Any]]:
    """A working group's ideas, open ones first: one row per duplicate group (its lead), with its copies."""
    ideas = load_ideas(session)
    found = [p for p in list_proposals(session, group=group, limit=10**9) if p["lead"] == p["id"]]
    for row in found:
        row["copies"] = ideas.size.get(row["id"], 1) - 1
        row["campaign"] = row["id"] in ideas.campaigns
    open_first = sorted(found, key=lambda p: p["status"] not in ("new", "assigned"))
    return open_first[offset : offset + limit]


def proposal_detail(
    session: Session, proposal_id: str, *, audience: Audience = Audience.PUBLIC
) -> dict[str, Any]:
    """One proposal with its group, theme, article links (with evidence), assignments and review history;
    the submitter's contact for staff only (consult/visibility.py)."""
    row = get_proposal(session, proposal_id)
    data = proposal_view(row, audience)
    data["duplicate_group"] = _group(session, row.group_id)
    ideas = load_ideas(session)
    data["lead"] = ideas.lead(proposal_id)  # whose assignment and decision this proposal follows
    data["themes"] = [
        {"id": t.id, "label": t.label}
        for t in session.scalars(
            select(ThemeRow).join(ThemeMemberRow).where(ThemeMemberRow.proposal_id == proposal_id)
        )
    ]
    links = session.execute(
        select(ArticleLinkRow, Version)
        .join(Version, Version.id == ArticleLinkRow.version_id)
        .where(ArticleLinkRow.proposal_id == proposal_id)
        .order_by(ArticleLinkRow.id)
    )
    data["links"] = [
        {"ref": version_ref(v), "eid": k.article_eid, "num": k.article_num, "section": k.section}
        | {
            "score": round(k.score, 4),
            "how": k.how,
            "evidence": k.evidence,
            "words": k.words,
            "method": k.method,
        }
        for k, v in links
    ]
    names = dict(session.execute(select(WorkingGroupRow.id, WorkingGroupRow.name)).all())
    assignments = session.scalars(
        select(AssignmentRow).where(AssignmentRow.proposal_id == proposal_id).order_by(AssignmentRow.id)
    )
    data["assignments"] = [
        {"working_group": names[a.working_group_id], "how": a.how, "by": a.by, "reason": a.reason}
        | {"load": a.load, "at": a.at.isoformat() if a.at else None}
        for a in assignments
    ]
    held = holders(session, ideas).get(proposal_id)
    data["working_group"] = names[held.working_group_id] if held is not None else None
    data["reviews"] = [r.to_dict() for r in history(session, proposal_id)]
    data["status"] = statuses(session, [proposal_id])[proposal_id]
    return data


def duplicate_groups(
    session: Session, *, campaigns_only: bool = False, limit: int = LIMIT
) -> list[dict[str, Any]]:
    """Groups of more than one proposal (or campaigns only), largest first, with their merge log."""
    sizes = dict(
        session.execute(
            select(ProposalRow.group_id, func.count())
            .where(ProposalRow.group_id.is_not(None))
            .group_by(ProposalRow.group_id)
        ).all()
    )
    query = select(GroupRow).where(GroupRow.id.in_([g for g, n in sizes.items() if n > 1]))
    if campaigns_only:
        query = query.where(GroupRow.kind == "campaign")
    groups = sorted(session.scalars(query), key=lambda g: (-sizes[g.id], g.id))[:limit]
    return [_group(session, g.id, size=sizes[g.id]) or {} for g in groups]


def summary(session: Session) -> dict[str, Any]:
    """Counts: proposals by channel, language and status; ideas, copies, campaigns; themes; per group load."""
    channels = Counter(session.scalars(select(ProposalRow.channel)))
    languages = Counter(session.scalars(select(ProposalRow.language)))
    moderation = Counter(session.scalars(select(ProposalRow.moderation)))
    status_counts = Counter(statuses(session).values())
    ideas = load_ideas(session)
    assigned = _ideas_held(session, ideas)
    names = dict(session.execute(select(WorkingGroupRow.id, WorkingGroupRow.name)).all())
    grouped = session.scalar(select(func.count()).select_from(GroupRow)) or 0
    return {
        "proposals": sum(channels.values()),
        "channels": dict(channels),
        "languages": dict(languages.most_common()),
        "moderation": {str(k): v for k, v in moderation.items()},
        "duplicates": dedup_summary(session).to_dict() if grouped else None,
        "themes": session.scalar(select(func.count()).select_from(ThemeRow)) or 0,
        "working_groups": {names[k]: assigned.get(k, 0) for k in names},  # ideas each group holds
        "statuses": {s: status_counts.get(s, 0) for s in REVIEW_STATUSES},
    }


def _ideas_held(session: Session, ideas: Ideas) -> Counter[int]:
    """Per working group id, the ideas (leads) it holds now."""
    return Counter(a.working_group_id for p, a in holders(session, ideas).items() if ideas.is_lead(p))


def _group(session: Session, group_id: str | None, *, size: int | None = None) -> dict[str, Any] | None:
    if group_id is None:
        return None
    row = session.get(GroupRow, group_id)
    if row is None:
        return None
    members = list(
        session.scalars(
            select(ProposalRow.id).where(ProposalRow.group_id == group_id).order_by(ProposalRow.position)
        )
    )
    log = session.scalars(select(MergeRow).where(MergeRow.group_id == group_id).order_by(MergeRow.position))
    return {
        "id": row.id,
        "kind": row.kind,
        "representative": row.representative,
        "template": row.template,
        "size": size if size is not None else len(members),
        "members": members,
        "log": [
            {"action": m.action, "proposal_ids": m.proposal_ids, "reason": m.reason, "by": m.by}
            | {"at": m.at.isoformat() if m.at else None}
            for m in log
        ],
    }
