"""Proposals in the store: importing files, the public form, and reading proposals back as model dataclasses.

Importing is one transaction per call (the caller's session): a bad file raises before anything is written,
and a file imported twice adds nothing the second time, because a proposal's id is the file's own id after a
prefix named after the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from charterwatch.consult.articles import named_articles
from charterwatch.consult.intake import MAX_CHARS, read_proposals
from charterwatch.consult.model import (
    CHANNELS,
    PROPOSAL_LANGUAGES,
    SUBMITTER_KINDS,
    Channel,
    Proposal,
    SubmitterKind,
)
from charterwatch.consult.models import ProposalRow
from charterwatch.errors import CharterwatchError, E
from charterwatch.lang.detect import detect_language
from charterwatch.store.counters import take_numbers

MIN_CHARS: Final = 10  # the public form: shorter is not a proposal
MAX_CONTACT: Final = 320
_CHUNK: Final = 500


@dataclass(frozen=True)
class ImportResult:
    """What one file gave the store: ``added`` new proposals, ``skipped`` already stored (a re-import)."""

    path: str
    prefix: str
    added: int
    skipped: int

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "prefix": self.prefix, "added": self.added, "skipped": self.skipped}


def default_prefix(path: Path) -> str:
    """The id prefix for a file: its name without suffix, or its folder's for a Polis ``comments.csv``."""
    stem = path.parent.resolve().name if path.stem == "comments" else path.stem
    return f"{stem}:"


def import_proposals(
    session: Session,
    path: Path,
    *,
    channel: Channel = "web",
    submitter_kind: SubmitterKind = "unknown",
    id_prefix: str | None = None,
) -> ImportResult:
    """Store the proposals of one CSV or JSON Lines file; those already stored (same id) are skipped."""
    prefix = default_prefix(path) if id_prefix is None else id_prefix
    proposals = read_proposals(path, channel=channel, submitter_kind=submitter_kind, id_prefix=prefix)
    seen: set[str] = set()
    for proposal in proposals:
        if proposal.id in seen:
            raise CharterwatchError(E.CONSULT_DUPLICATE_ID, path=str(path), proposal_id=proposal.id)
        seen.add(proposal.id)
    stored = _stored_ids(session, [p.id for p in proposals])
    new = [p for p in proposals if p.id not in stored]
    position = _next_positions(session, len(new)) if new else 0
    rows = [_row(p, position + k, source_file=str(path)) for k, p in enumerate(new)]
    for start in range(0, len(rows), _CHUNK):
        session.execute(insert(ProposalRow), rows[start : start + _CHUNK])
    session.flush()
    return ImportResult(str(path), prefix, added=len(new), skipped=len(proposals) - len(new))


def submit_proposal(
    session: Session,
    text: str,
    *,
    channel: Channel,
    submitter_kind: SubmitterKind,
    contact: str | None,
    language: str | None = None,
) -> str:
    """Store one proposal from the public form and return its id (``web:N``); bad fields raise, nothing stored."""
    body = text.strip()
    if len(body) < MIN_CHARS:
        raise CharterwatchError(E.CONSULT_TEXT_INVALID, reason=f"is shorter than {MIN_CHARS} characters")
    if len(body) > MAX_CHARS:
        raise CharterwatchError(E.CONSULT_TEXT_INVALID, reason=f"is longer than {MAX_CHARS} characters")
    _check_choice("channel", channel, CHANNELS)
    _check_choice("submitter kind", submitter_kind, SUBMITTER_KINDS)
    contact = (contact or "").strip() or None
    if contact is not None and len(contact) > MAX_CONTACT:
        raise CharterwatchError(E.CONSULT_TEXT_INVALID, reason=f"contact is over {MAX_CONTACT} characters")
    position = _next_positions(session, 1)
    proposal = Proposal(
        id=f"web:{position}",
        text=body,
        language=(language or "").strip().lower() or detect_language(body, languages=PROPOSAL_LANGUAGES),
        channel=channel,
        submitter_kind=submitter_kind,
        contact=contact,
        submitted_at=dt.datetime.now(dt.UTC),
        articles=named_articles(body),
    )
    session.execute(insert(ProposalRow), [_row(proposal, position, source_file=None)])
    session.flush()
    return proposal.id


def get_proposal(session: Session, proposal_id: str) -> ProposalRow:
    """The stored row of one proposal, or ``CONSULT_UNKNOWN_ID``."""
    row = session.get(ProposalRow, proposal_id)
    if row is None:
        raise CharterwatchError(E.CONSULT_UNKNOWN_ID, proposal_id=proposal_id, where="the store")
    return row


def to_proposal(row: ProposalRow, *, private: bool = False) -> Proposal:
    """The model dataclass of a stored row; the contact only with ``private=True``."""
    return Proposal(
        id=row.id,
        text=row.text,
        language=row.language,
        channel=row.channel,  # type: ignore[arg-type]  # checked by the table's constraint
        submitter_kind=row.submitter_kind,  # type: ignore[arg-type]
        contact=row.contact if private else None,
        submitted_at=row.submitted_at,
        articles=list(row.articles),
        moderation=row.moderation,
        source=f"{row.source_file}:{row.source_row}" if row.source_file else None,
        meta=dict(row.meta),
    )


def all_proposals(session: Session, *, accepted_only: bool = False) -> list[Proposal]:
    """Every stored proposal in intake order; ``accepted_only`` leaves out those a moderator rejected."""
    query = select(ProposalRow).order_by(ProposalRow.position)
    if accepted_only:
        query = query.where((ProposalRow.moderation.is_(None)) | (ProposalRow.moderation >= 0))
    return [to_proposal(row) for row in session.scalars(query)]


def _check_choice(field: str, value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        raise CharterwatchError(E.CONSULT_FIELD_INVALID, field=field, value=value, choices=", ".join(choices))


def _stored_ids(session: Session, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        found.update(session.scalars(select(ProposalRow.id).where(ProposalRow.id.in_(chunk))))
    return found


def _next_positions(session: Session, count: int) -> int:
    """The first of ``count`` intake positions reserved for this transaction (``store/counters.py``)."""
    return take_numbers(session, "proposal.position", column=ProposalRow.position, count=count)


def _row(proposal: Proposal, position: int, *, source_file: str | None) -> dict[str, Any]:
    row_number = None
    if proposal.source and source_file is not None:
        row_number = int(proposal.source.rsplit(":", 1)[1])
    return {
        "id": proposal.id,
        "position": position,
        "text": proposal.text,
        "language": proposal.language,
        "channel": proposal.channel,
        "submitter_kind": proposal.submitter_kind,
        "contact": proposal.contact,
        "submitted_at": proposal.submitted_at,
        "articles": proposal.articles,
        "moderation": proposal.moderation,
        "source_file": source_file,
        "source_row": row_number,
        "meta": proposal.meta,
    }
