"""The sender's private page for a proposal (consult/follow.py): its state, group, answers and uptake.

The token in the path is the only key, so the page is answered with ``Cache-Control: no-store`` (no shared
cache keeps it, web/response_cache.py included) and ``Referrer-Policy: no-referrer`` (no link on it hands the
token to another site). A wrong token gets the same 404 whether or not it was ever issued.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel

from charterwatch.consult.follow import TOKEN_MAX_CHARS, Followed, followed
from charterwatch.consult.store import get_proposal, to_proposal
from charterwatch.consult.uptake_run import run_uptake
from charterwatch.web.cache import ContextCache
from charterwatch.web.deps import DbSession
from charterwatch.web.render import render

router = APIRouter(tags=["consultation"])
PRIVATE_HEADERS: Final = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
Token = Annotated[str, Path(min_length=1, max_length=TOKEN_MAX_CHARS, description="the private link's token")]


class FollowUptake(BaseModel):
    """Whether the next draft took the proposal up (consult/uptake.py), with the words that moved toward it."""

    old_ref: str
    new_ref: str
    status: str
    confidence: float
    articles: list[str]
    evidence: list[dict[str, Any]]


class FollowPage(BaseModel):
    proposal: dict[str, Any]  # consult.follow.Followed.to_dict(): text, state, group, answers, drafts
    uptake: FollowUptake | None


def _context(request: Request, session: DbSession, token: str) -> FollowPage:
    found = followed(session, token)
    return FollowPage(proposal=found.to_dict(), uptake=_uptake(request, session, found))


def _uptake(request: Request, session: DbSession, found: Followed) -> FollowUptake | None:
    if found.drafts is None:
        return None
    old_ref, new_ref = found.drafts
    proposal = to_proposal(get_proposal(session, found.id))
    cache: ContextCache = request.app.state.cache
    result = cache.get_or_make(
        ("follow-uptake", found.id, old_ref, new_ref),
        lambda: run_uptake(request.app.state.engine, [proposal], old_ref=old_ref, new_ref=new_ref, themes=[]),
    )
    (uptake,) = result.uptakes
    return FollowUptake(
        old_ref=result.old_ref,
        new_ref=result.new_ref,
        status=uptake.status,
        confidence=round(uptake.confidence, 3),
        articles=[num for a in uptake.articles for num in a.old],
        evidence=[w.to_dict() for w in uptake.evidence()],
    )


@router.get(
    "/api/consult/follow/{token}",
    response_model=FollowPage,
    name="api_consult_follow",
    summary="Follow your proposal (the private link shown when it was sent)",
)
def api_consult_follow(request: Request, session: DbSession, token: Token) -> Response:
    context = _context(request, session, token)
    return JSONResponse(context.model_dump(mode="json"), headers=PRIVATE_HEADERS)


@router.get("/consult/follow/{token}", include_in_schema=False, name="consult_follow")
def consult_follow(request: Request, session: DbSession, token: Token) -> HTMLResponse:
    response = render(request, "consult/follow.html", _context(request, session, token))
    response.headers.update(PRIVATE_HEADERS)
    return response
