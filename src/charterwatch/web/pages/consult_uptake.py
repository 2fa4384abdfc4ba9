"""The uptake report: for each theme, how many proposals the new draft reflected, partly reflected or not,
with the changed words that moved toward each proposal (consult.uptake_run). Public, as the printed report is:
proposals appear without their contact. Cached per pair of drafts and state of the consultation.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel
from sqlalchemy import func, select

from charterwatch.consult.models import ProposalRow, ReviewRow, ThemeRow
from charterwatch.consult.service import all_proposals, stored_themes
from charterwatch.consult.uptake_run import UptakeResult, run_uptake
from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.storage import resolve_ref, version_ref
from charterwatch.web.cache import ContextCache
from charterwatch.web.deps import DbSession, PagingParams
from charterwatch.web.render import page

router = APIRouter(tags=["consultation"])


class UptakeRow(BaseModel):
    id: str
    text: str
    language: str
    status: str
    confidence: float
    articles: list[str]  # the old articles it targets
    evidence: list[dict[str, Any]]  # ChangedWord.to_dict(): the words that moved toward it, with their spans


class UptakePage(BaseModel):
    old_ref: str
    new_ref: str
    method: str
    counts: dict[str, int]
    themes: list[dict[str, Any]]  # ThemeUptake.to_dict(): counts per status, example proposal ids
    total: int
    offset: int
    limit: int
    status: str | None
    proposals: list[UptakeRow]


def _state(session: DbSession) -> tuple[Any, ...]:
    """What the result depends on besides the drafts: the proposals and the themes stored."""
    return (
        session.scalar(select(func.count()).select_from(ProposalRow)),
        session.scalar(select(func.max(ProposalRow.position))),
        session.scalar(select(func.count()).select_from(ThemeRow)),
        session.scalar(select(func.max(ReviewRow.id))),
    )


@page(
    router,
    "/consult/uptake",
    template="consult/uptake.html",
    model=UptakePage,
    name="consult_uptake",
    summary="What the new draft took up from the proposals",
)
def uptake_page(
    request: Request,
    session: DbSession,
    paging: PagingParams,
    old: Annotated[str, Query(max_length=64, description="the draft commented on")] = "KZ@1995-ru",
    new: Annotated[str, Query(max_length=64, description="the draft that followed")] = "KZ@2026",
    status: Annotated[str | None, Query(max_length=16, description="only proposals of this status")] = None,
) -> UptakePage:
    """Counts per status and per theme, and the proposals with the changed words behind each verdict."""
    old_ref, new_ref = version_ref(resolve_ref(session, old)), version_ref(resolve_ref(session, new))
    proposals = all_proposals(session, accepted_only=True)
    if not proposals:
        raise CharterwatchError(E.CONSULT_EMPTY)
    themes = stored_themes(session) or None
    cache: ContextCache = request.app.state.cache
    key = ("uptake", old_ref, new_ref, _state(session))
    result: UptakeResult = cache.get_or_make(
        key,
        lambda: run_uptake(
            request.app.state.engine, proposals, old_ref=old_ref, new_ref=new_ref, themes=themes
        ),
    )
    if status is not None and status not in result.counts():
        raise CharterwatchError(E.BAD_FORMAT, value=status, choices=", ".join(result.counts()))
    rows = [
        UptakeRow(
            id=p.id,
            text=p.text,
            language=p.language,
            status=u.status,
            confidence=round(u.confidence, 3),
            articles=[num for a in u.articles for num in a.old],
            evidence=[w.to_dict() for w in u.evidence()],
        )
        for p, u in zip(result.proposals, result.uptakes, strict=True)
        if status is None or u.status == status
    ]
    return UptakePage(
        old_ref=result.old_ref,
        new_ref=result.new_ref,
        method=result.method,
        counts=result.counts(),
        themes=[t.to_dict() for t in result.themes],
        total=len(rows),
        offset=paging.offset,
        limit=paging.limit,
        status=status,
        proposals=rows[paging.offset : paging.offset + paging.limit],
    )
