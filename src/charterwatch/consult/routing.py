"""Routing: each proposal goes to the working group owning the articles it speaks to, with balanced load.

A proposal is first linked to articles of a stored version (the numbers it names, and the articles its words
match: ``Linker``); the links are stored with their evidence. Each group owning a linked article (by article
number, or the section holding it) is a candidate scored by its best link; the best score wins, ties go to
the group with fewer open proposals, and a group at ``cap`` is passed over while another candidate is under
it. With no owner, the least loaded group takes the proposal. A manual override is logged like a routing
decision and is never replaced by a later ``route``. Only one proposal per duplicate group is routed, its lead
(``ideas.py``): its copies follow it, so a working group reviews each idea once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from charterwatch.consult.ideas import Ideas, current_assignments, load_ideas
from charterwatch.consult.linking import link_articles
from charterwatch.consult.model import Proposal
from charterwatch.consult.models import ArticleLinkRow, AssignmentRow, WorkingGroupRow
from charterwatch.consult.store import all_proposals, get_proposal
from charterwatch.consult.workgroups import get_group, group_loads
from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.storage import load_version, resolve_ref, version_ref
from charterwatch.texts.tree import ParsedText

ROUTER = "routing"


class Link(Protocol):
    """What routing needs of one article link (``linking.ArticleLink`` has it)."""

    @property
    def eid(self) -> str: ...
    @property
    def num(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def how(self) -> str: ...
    @property
    def evidence(self) -> tuple[tuple[int, int], ...]: ...
    @property
    def words(self) -> tuple[str, ...]: ...
    @property
    def method(self) -> str: ...


class Linker(Protocol):
    """Links proposals to the articles of a parsed version: per proposal id, its links, best first."""

    def __call__(
        self, proposals: Sequence[Proposal], version: ParsedText, *, ref: str | None = None
    ) -> Mapping[str, Sequence[Link]]: ...


@dataclass(frozen=True)
class RouteSummary:
    """What one ``route`` did, counted in ideas (a duplicate group is one): linked and routed, kept (overrides,
    unchanged), load per group; ``copies`` follow their idea's lead."""

    ref: str
    ideas: int
    copies: int
    linked: int
    routed: int
    unchanged: int
    overridden: int
    unowned: int  # routed by load alone: no group owns what they speak to
    loads: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def route(
    session: Session, *, ref: str, cap: int | None = None, linker: Linker | None = None
) -> RouteSummary:
    """Link the stored proposals (not those a moderator rejected) to ``ref``'s articles and route them.

    ``linker`` defaults to ``linking.link_articles`` (numbers named, then similar articles).
    """
    groups = list(session.scalars(select(WorkingGroupRow).order_by(WorkingGroupRow.id)))
    if not groups:
        raise CharterwatchError(E.CONSULT_NO_GROUPS)
    version = resolve_ref(session, ref)
    parsed, canonical = load_version(session, version), version_ref(version)
    accepted = [p for p in all_proposals(session) if p.moderation is None or p.moderation >= 0]
    if not accepted:
        raise CharterwatchError(E.CONSULT_EMPTY)
    ideas = load_ideas(session)
    proposals = [p for p in accepted if ideas.is_lead(p.id)]
    links = (linker or link_articles)(proposals, parsed, ref=canonical)
    sections = article_sections(parsed)
    store_links(session, version.id, links, sections)
    current = _carry_overrides(session, ideas)
    loads = group_loads(session)
    counts = dict.fromkeys(("linked", "routed", "unchanged", "overridden", "unowned"), 0)
    rows: list[dict[str, Any]] = []
    for proposal in proposals:
        found = links.get(proposal.id, [])
        counts["linked"] += bool(found)
        now = current.get(proposal.id)
        if now is not None and now.how == "override":
            counts["overridden"] += 1
            continue
        scores = candidates(groups, found, sections)
        counts["unowned"] += not scores
        if now is not None:  # weigh the proposal as if it were not there yet; on a tie it stays
            loads[_name(groups, now.working_group_id)] -= 1
        chosen = choose(groups, scores, loads, cap=cap, current=now.working_group_id if now else None)
        if now is None or now.working_group_id != chosen.id:
            rows.append(assignment_row(proposal.id, chosen, scores, loads[chosen.name], canonical, cap=cap))
        loads[chosen.name] += 1
        counts["unchanged" if now is not None and now.working_group_id == chosen.id else "routed"] += 1
    if rows:
        session.execute(insert(AssignmentRow), rows)
    copies = len(accepted) - len(proposals)
    return RouteSummary(canonical, ideas=len(proposals), copies=copies, loads=loads, **counts)


def override(session: Session, proposal_id: str, group: str, *, by: str, reason: str = "") -> AssignmentRow:
    """Give a proposal's idea to a group by hand (a copy's goes to its lead); logged, and kept by every later
    ``route``."""
    get_proposal(session, proposal_id)
    lead = load_ideas(session).lead(proposal_id)
    target = get_group(session, group)
    load = group_loads(session).get(target.name, 0)
    why = reason or "manual override"
    row = AssignmentRow(
        proposal_id=lead,
        working_group_id=target.id,
        how="override",
        by=by,
        reason=why if lead == proposal_id else f"{why} (given for its copy {proposal_id})",
        load=load,
        details={},
    )
    session.add(row)
    session.flush()
    return row


def last_run(session: Session) -> tuple[str, int | None] | None:
    """The draft and cap of the newest routing decision (``route`` or a proposal routed on arrival), if any."""
    row = session.scalar(
        select(AssignmentRow).where(AssignmentRow.how == "routed").order_by(AssignmentRow.id.desc()).limit(1)
    )
    if row is None or not row.details.get("ref"):
        return None
    cap = row.details.get("cap")
    return str(row.details["ref"]), int(cap) if cap is not None else None


def _carry_overrides(session: Session, ideas: Ideas) -> dict[str, AssignmentRow]:
    """A manual assignment made on a proposal that is now a copy (dedup joined it to an older one) moves to the
    copy's lead, unless the lead has a newer one: an override stays sticky across dedup re-runs."""
    current = current_assignments(session)
    for proposal_id, assignment in list(current.items()):
        lead = ideas.lead(proposal_id)
        held = current.get(lead)
        if (
            lead == proposal_id
            or assignment.how != "override"
            or (held is not None and held.id > assignment.id)
        ):
            continue
        carried = AssignmentRow(
            proposal_id=lead,
            working_group_id=assignment.working_group_id,
            how="override",
            by=assignment.by,
            reason=f"{assignment.reason} (given for its copy {proposal_id})",
            load=assignment.load,
            details={"carried_from": proposal_id},
        )
        session.add(carried)
        session.flush()
        current[lead] = carried
    return current


def article_sections(parsed: ParsedText) -> dict[str, str | None]:
    """Per article eid, the number of the section holding it."""
    found: dict[str, str | None] = {}

    def walk(nodes: Sequence[Any], section: str | None) -> None:
        for node in nodes:
            here = node.num if node.kind == "section" else section
            if node.kind == "article":
                found[node.eid] = here
            walk(node.children, here)

    walk(parsed.provisions, None)
    return found


def candidates(
    groups: Sequence[WorkingGroupRow], links: Sequence[Link], sections: Mapping[str, str | None]
) -> dict[int, tuple[float, list[str]]]:
    """Per group id, its best link score and the articles it owns among the links."""
    scores: dict[int, tuple[float, list[str]]] = {}
    for link in links:
        section = sections.get(link.eid)
        for group in groups:
            if link.num in group.articles or (section is not None and section in group.sections):
                best, nums = scores.get(group.id, (0.0, []))
                scores[group.id] = (max(best, link.score), [*nums, link.num])
    return scores


def choose(
    groups: Sequence[WorkingGroupRow],
    scores: Mapping[int, tuple[float, list[str]]],
    loads: Mapping[str, int],
    *,
    cap: int | None,
    current: int | None = None,
) -> WorkingGroupRow:
    """Best score, then least load, then the current group, then file order; groups at the cap only if every
    candidate is."""
    owning = [g for g in groups if g.id in scores] or list(groups)
    under = [g for g in owning if cap is None or loads[g.name] < cap]
    pool = under or owning
    order = {g.id: k for k, g in enumerate(groups)}
    return min(
        pool,
        key=lambda g: (
            -round(scores.get(g.id, (0.0, []))[0], 6),
            loads[g.name],
            g.id != current,
            order[g.id],
        ),
    )


def assignment_row(
    proposal_id: str,
    group: WorkingGroupRow,
    scores: Mapping[int, tuple[float, list[str]]],
    load: int,
    ref: str,
    *,
    cap: int | None,
) -> dict[str, Any]:
    score, articles = scores.get(group.id, (0.0, []))
    reason = (
        f"owns article {', '.join(articles)} of {ref}" if articles else f"no owner in {ref}: least loaded"
    )
    details = {
        "ref": ref,
        "cap": cap,
        "score": round(score, 4),
        "articles": articles,
        "candidates": len(scores),
    }
    return {
        "proposal_id": proposal_id,
        "working_group_id": group.id,
        "how": "routed",
        "by": ROUTER,
        "reason": reason,
        "load": load,
        "details": details,
    }


def store_links(
    session: Session, version_id: int, links: Mapping[str, Sequence[Link]], sections: Mapping[str, str | None]
) -> None:
    """Replace the stored links to this version of the proposals just linked."""
    ids = list(links)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(
            delete(ArticleLinkRow).where(
                ArticleLinkRow.version_id == version_id, ArticleLinkRow.proposal_id.in_(chunk)
            )
        )
    rows = [
        {
            "proposal_id": proposal_id,
            "version_id": version_id,
            "article_eid": link.eid,
            "article_num": link.num,
            "section": sections.get(link.eid),
            "score": float(link.score),
            "how": link.how,
            "evidence": [list(span) for span in link.evidence],
            "words": list(link.words),
            "method": link.method,
        }
        for proposal_id, found in links.items()
        for link in _first_per_article(found)
    ]
    if rows:
        session.execute(insert(ArticleLinkRow), rows)


def _first_per_article(links: Sequence[Link]) -> list[Link]:
    first: dict[str, Link] = {}
    for link in links:
        first.setdefault(link.eid, link)
    return list(first.values())


def _name(groups: Sequence[WorkingGroupRow], group_id: int) -> str:
    return next(g.name for g in groups if g.id == group_id)
