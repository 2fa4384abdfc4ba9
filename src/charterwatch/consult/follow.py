"""A citizen follows their own proposal by a private link: its state, its working group, the answer, the uptake.

Decidim's participants follow what they proposed; a consultation that takes 10,000 proposals owes each sender
the same. The link carries a token of 192 random bits, shown once when the proposal is sent; the store keeps
only its SHA-256 digest (``consult_follow``), as it does for API tokens, so a copy of the database opens no
link. Whoever holds the link sees what the public uptake report shows of the proposal (its text, never the
contact) plus what only the sender cares about: where it is now and what the working group answered.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import asdict, dataclass
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from charterwatch.consult.ideas import holders, load_ideas
from charterwatch.consult.models import ArticleLinkRow, FollowRow, ProposalRow, WorkingGroupRow
from charterwatch.consult.reviews import history, statuses
from charterwatch.errors import CharterwatchError, E
from charterwatch.store.models import Document, Version
from charterwatch.texts.storage import version_ref

TOKEN_BYTES: Final = 24  # 192 bits: unguessable, and short enough to print on a receipt
TOKEN_MAX_CHARS: Final = 64


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_follow_token(session: Session, proposal_id: str) -> str:
    """A new private link token for ``proposal_id`` (replacing any earlier one); only its digest is stored."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = session.get(FollowRow, proposal_id)
    if row is None:
        session.add(FollowRow(proposal_id=proposal_id, digest=_digest(token)))
    else:
        row.digest = _digest(token)
    return token


@dataclass(frozen=True)
class Answer:
    """The working group's decision as the sender sees it: what, why, by which group, when."""

    status: str
    reason: str
    working_group: str | None
    at: dt.datetime | None


@dataclass(frozen=True)
class Followed:
    """What the holder of a follow link sees; ``drafts`` names the draft commented on and the one after it."""

    id: str
    text: str
    language: str
    submitted_at: dt.datetime | None
    status: str  # new, assigned, or the working group's decision (consult.model.ReviewStatus)
    working_group: str | None
    answers: list[Answer]  # oldest first; on the proposal itself or, for a copy, on the idea it joined
    copy_of: str | None  # the proposal whose idea this one joined (an exact or near copy), if any
    drafts: tuple[str, str] | None  # (commented on, the next draft of the same document), when both exist

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["submitted_at"] = self.submitted_at.isoformat() if self.submitted_at else None
        data["answers"] = [{**asdict(a), "at": a.at.isoformat() if a.at else None} for a in self.answers]
        data["drafts"] = list(self.drafts) if self.drafts else None
        return data


def followed(session: Session, token: str) -> Followed:
    """The proposal behind ``token``, or ``CONSULT_FOLLOW_UNKNOWN`` (the same answer for any wrong token)."""
    proposal_id = _lookup(session, token) if 20 <= len(token) <= TOKEN_MAX_CHARS else None
    row = session.get(ProposalRow, proposal_id) if proposal_id is not None else None
    if row is None:
        raise CharterwatchError(E.CONSULT_FOLLOW_UNKNOWN)
    ideas = load_ideas(session)
    lead = ideas.lead(row.id)
    held = holders(session, ideas).get(row.id)
    names = dict(session.execute(select(WorkingGroupRow.id, WorkingGroupRow.name)).all())
    answers = [
        Answer(status=r.status, reason=r.reason, working_group=r.working_group, at=r.at)
        for r in (history(session, row.id) or (history(session, lead) if lead != row.id else []))
    ]
    return Followed(
        id=row.id,
        text=row.text,
        language=row.language,
        submitted_at=row.submitted_at or row.created_at,
        status=statuses(session, [row.id])[row.id],
        working_group=names.get(held.working_group_id) if held is not None else None,
        answers=answers,
        copy_of=lead if lead != row.id else None,
        drafts=_drafts(session, lead),
    )


def _lookup(session: Session, token: str) -> str | None:
    return session.scalar(select(FollowRow.proposal_id).where(FollowRow.digest == _digest(token)))


def _drafts(session: Session, proposal_id: str) -> tuple[str, str] | None:
    """The draft the proposal's article links point to, and the next dated version of the same jurisdiction in
    the same language (a new constitution is a new document: Kazakhstan 2026 follows the 1995 text)."""
    commented = session.scalar(
        select(Version)
        .join(ArticleLinkRow, ArticleLinkRow.version_id == Version.id)
        .where(ArticleLinkRow.proposal_id == proposal_id)
        .limit(1)
    )
    if commented is None or commented.date is None:
        return None
    jurisdiction = select(Document.jurisdiction).where(Document.id == commented.document_id).scalar_subquery()
    later = session.scalar(
        select(Version)
        .join(Document, Document.id == Version.document_id)
        .where(
            Document.jurisdiction == jurisdiction,
            Version.lang == commented.lang,
            Version.date > commented.date,
        )
        .order_by(Version.date, Version.id)
        .limit(1)
    )
    return (version_ref(commented), version_ref(later)) if later is not None else None
