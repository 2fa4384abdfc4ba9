"""A proposal sent through the public form or the JSON API reaches a queue at once, in the same transaction.

An exact copy (the same text after normalisation) of a stored proposal joins that proposal's duplicate group
and follows its lead's routing. Any other proposal is linked to the articles of the draft the newest routing
decision used (its ``ref`` and ``cap`` are kept in each routed assignment's details) and given to a working
group by the same rule as a full ``route``. Before any routing and any dedup run it stays ``new``; finding
near-duplicates is left to the batch dedup, which may later make it a copy of another idea.
"""

from __future__ import annotations

import datetime as dt
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from charterwatch.consult.dedup import METHOD
from charterwatch.consult.grouping import PIPELINE
from charterwatch.consult.linking import link_articles
from charterwatch.consult.model import Channel, ReviewStatus, SubmitterKind
from charterwatch.consult.models import AssignmentRow, GroupRow, MergeRow, ProposalRow, WorkingGroupRow
from charterwatch.consult.reviews import statuses
from charterwatch.consult.routing import (
    article_sections,
    assignment_row,
    candidates,
    choose,
    last_run,
    store_links,
)
from charterwatch.consult.shingles import normalise, text_hash
from charterwatch.consult.store import get_proposal, submit_proposal, to_proposal
from charterwatch.consult.workgroups import group_loads
from charterwatch.errors import CharterwatchError
from charterwatch.texts.storage import load_version, resolve_ref, version_ref


@dataclass(frozen=True)
class Arrival:
    """Where a new proposal went: the group of copies it joined, or the working group it was routed to."""

    proposal_id: str
    joined: str | None = None  # the duplicate group, when it is an exact copy
    copy_of: str | None = None
    working_group: str | None = None  # routed on arrival (None for a copy: it follows its lead)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def submit_and_route(
    session: Session,
    text: str,
    *,
    channel: Channel,
    submitter_kind: SubmitterKind,
    contact: str | None,
    language: str | None = None,
) -> Arrival:
    """``store.submit_proposal`` and then ``route_one`` on it, in the caller's transaction."""
    proposal_id = submit_proposal(
        session, text, channel=channel, submitter_kind=submitter_kind, contact=contact, language=language
    )
    return route_one(session, proposal_id)


def route_one(session: Session, proposal_id: str) -> Arrival:
    """Join an exact copy's group, or route the proposal against the newest routing run's draft."""
    row = get_proposal(session, proposal_id)
    run = last_run(session)
    deduped = session.scalar(select(func.count()).select_from(GroupRow)) or 0
    if (row.moderation is not None and row.moderation < 0) or (run is None and not deduped):
        return Arrival(proposal_id)
    copy = _exact_copy(session, row)
    if copy is not None:
        return Arrival(proposal_id, joined=_join(session, row, copy), copy_of=copy.id)
    groups = list(session.scalars(select(WorkingGroupRow).order_by(WorkingGroupRow.id)))
    if run is None or not groups:
        return Arrival(proposal_id)
    ref, cap = run
    try:
        version = resolve_ref(session, ref)
    except CharterwatchError:  # the draft was removed since: the next full routing will place it
        return Arrival(proposal_id)
    parsed, canonical = load_version(session, version), version_ref(version)
    links = link_articles([to_proposal(row)], parsed, ref=canonical)
    sections = article_sections(parsed)
    store_links(session, version.id, links, sections)
    loads = group_loads(session)
    scores = candidates(groups, links.get(proposal_id, []), sections)
    chosen = choose(groups, scores, loads, cap=cap)
    assignment = assignment_row(proposal_id, chosen, scores, loads[chosen.name], canonical, cap=cap)
    session.execute(insert(AssignmentRow), [assignment])
    return Arrival(proposal_id, working_group=chosen.name)


def arrival_status(session: Session, arrival: Arrival) -> ReviewStatus:
    """The status ``reviews.statuses`` gives a proposal that just arrived, without reading every group and
    assignment of the store (as ``statuses`` does), so the public form's write transaction stays short: a copy
    has its lead's, a routed one is ``assigned``, any other ``new`` (no one has reviewed it yet)."""
    if arrival.copy_of is not None:
        return statuses(session, [arrival.copy_of])[arrival.copy_of]
    return "assigned" if arrival.working_group is not None else "new"


def _exact_copy(session: Session, row: ProposalRow) -> ProposalRow | None:
    """The first stored proposal (in intake order) with the same normalised text, if any."""
    key = text_hash(normalise(row.text))
    query = (
        select(ProposalRow.id, ProposalRow.text)
        .where(ProposalRow.id != row.id)
        .order_by(ProposalRow.position)
        .execution_options(yield_per=2_000)
    )
    with closing(session.execute(query)) as rows:  # a server-side cursor on PostgreSQL: closed when found
        found = next((i for i, text in rows if text_hash(normalise(text)) == key), None)
    return get_proposal(session, found) if found is not None else None


def _join(session: Session, row: ProposalRow, copy: ProposalRow) -> str:
    """Put ``row`` in ``copy``'s group (made now if ``copy`` has none yet), logged as the pipeline's merge.

    The lead's row is locked first (``FOR UPDATE`` on PostgreSQL; SQLite's writers already queue), so two
    copies arriving at once neither make the group twice nor take the same place in its log: the second
    reads the group and the log as the first committed them.
    """
    copy = session.scalars(
        select(ProposalRow)
        .where(ProposalRow.id == copy.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    group_id = copy.group_id
    if group_id is None:
        group_id = f"g:{copy.id}"
        while session.get(GroupRow, group_id) is not None:
            group_id += "+"
        session.add(
            GroupRow(id=group_id, kind="copies", representative=copy.id, template=None, method=METHOD)
        )
        session.flush()
        copy.group_id = group_id
    position = session.scalar(
        select(func.coalesce(func.max(MergeRow.position), -1)).where(MergeRow.group_id == group_id)
    )
    session.add(
        MergeRow(
            group_id=group_id,
            position=int(position if position is not None else -1) + 1,
            action="merge",
            proposal_ids=[row.id],
            reason=f"same text after normalisation as {copy.id} (on arrival)",
            by=PIPELINE,
            at=dt.datetime.now(dt.UTC),
        )
    )
    row.group_id = group_id
    session.flush()
    return group_id
