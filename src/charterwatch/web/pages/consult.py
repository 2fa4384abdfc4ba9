"""Consultation: the public proposal form (HTML and JSON), the overview with its themes, the thank-you page.

Anyone may submit: the form is CSRF-protected and rate-limited per client address, its fields are bounded, and
the thank-you page shows only the ids this session submitted, never the contact given. Storing and routing is
consult.service's ``submit_and_route``, the same function a script would call: in the same transaction the
proposal joins an exact copy's group or reaches a working group's queue (once routing has run).
"""

from __future__ import annotations

from typing import Annotated, Any, Final, cast

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from charterwatch.consult.follow import issue_follow_token
from charterwatch.consult.ideas import load_ideas
from charterwatch.consult.intake import MAX_CHARS
from charterwatch.consult.model import SUBMITTER_KINDS, SubmitterKind
from charterwatch.consult.service import (
    arrival_status,
    list_groups,
    stored_themes,
    submit_and_route,
    summary,
)
from charterwatch.consult.store import MAX_CONTACT, MIN_CHARS, all_proposals
from charterwatch.errors import CharterwatchError, E
from charterwatch.web.audit import record
from charterwatch.web.auth import REVIEW_ROLES, can_see_private, get_viewer
from charterwatch.web.deps import DbSession, PagingParams, commit
from charterwatch.web.ratelimit import rate_limited
from charterwatch.web.render import after_action, page
from charterwatch.web.users import Viewer

router = APIRouter(tags=["consultation"])
ViewerDep = Annotated[Viewer, Depends(get_viewer)]
SUBMITTED: Final = "submitted"  # session key: the ids this session submitted, newest last
KEEP_SUBMITTED: Final = 5
FOLLOW: Final = "follow"  # session key: the last proposal's private link, until the thank-you page shows it


class ThemeModel(BaseModel):
    id: str
    label: str
    keywords: list[str]
    count: int  # ideas in the theme (one per duplicate group)
    method: str


class ConsultPage(BaseModel):
    summary: dict[str, Any]
    themes: list[ThemeModel]
    queues: list[str]  # the working groups whose queue this viewer may open
    can_route: bool


class ProposePage(BaseModel):
    """The public form's limits: what a client must respect to be accepted."""

    min_chars: int
    max_chars: int
    max_contact: int
    submitter_kinds: list[str]


class ThemesPage(BaseModel):
    themes: list[ThemeModel]


class ThemeIdea(BaseModel):
    id: str
    text: str
    language: str
    copies: int  # other proposals saying the same (its duplicate group)
    campaign: bool


class ThemePage(BaseModel):
    theme: ThemeModel
    can_review: bool  # reviewers get links to the proposals' pages
    total: int
    offset: int
    limit: int
    ideas: list[ThemeIdea]


class ThanksPage(BaseModel):
    ids: list[str]
    follow_url: str | None = None  # the private link of the proposal just sent, shown this once


class ProposalIn(BaseModel):
    """A proposal sent as JSON; the same limits as the form."""

    text: str = Field(min_length=MIN_CHARS, max_length=MAX_CHARS)
    submitter_kind: SubmitterKind = "citizen"
    contact: str | None = Field(default=None, max_length=MAX_CONTACT)
    language: str | None = Field(default=None, max_length=8)


class ProposalOut(BaseModel):
    id: str
    status: str  # "assigned" once routed on arrival (or as a copy of a routed idea), else "new"
    follow_url: str = Field(
        description="The sender's private link to follow the proposal (shown only in this answer; keep it)."
    )


def _themes(session: DbSession) -> list[ThemeModel]:
    return [
        ThemeModel(id=t.id, label=t.label, keywords=t.keywords, count=len(t.members), method=t.method)
        for t in stored_themes(session)
    ]


def queues_for(session: DbSession, viewer: Viewer) -> list[str]:
    """The groups whose queue ``viewer`` may open: any for analysts and admins, a member's own group."""
    if can_see_private(viewer):
        return [g.name for g in list_groups(session)]
    if viewer.role in REVIEW_ROLES and viewer.working_group:
        return [viewer.working_group]
    return []


@page(
    router, "/consult", template="consult/index.html", model=ConsultPage, name="consult", summary="Overview"
)
def consult_page(request: Request, session: DbSession, viewer: ViewerDep) -> ConsultPage:
    """Counts, themes and the way to the form; reviewers also get links to their queues. No form for the
    public here, so the page carries no per-session token and anonymous readers get it from the cache."""
    return ConsultPage(
        summary=summary(session),
        themes=_themes(session)[:12],
        queues=queues_for(session, viewer),
        can_route=can_see_private(viewer),
    )


@page(
    router,
    "/consult/propose",
    template="consult/propose.html",
    model=ProposePage,
    name="consult_propose",
    summary="The public proposal form",
)
def propose_page(request: Request) -> ProposePage:
    """The form anyone may send a proposal with (CSRF-protected, rate-limited on sending)."""
    return ProposePage(
        min_chars=MIN_CHARS,
        max_chars=MAX_CHARS,
        max_contact=MAX_CONTACT,
        submitter_kinds=list(SUBMITTER_KINDS),
    )


@page(router, "/consult/themes", template="consult/themes.html", model=ThemesPage, name="consult_themes")
def themes_page(request: Request, session: DbSession) -> ThemesPage:
    """Every stored theme, largest first, with its keywords and the number of ideas in it."""
    return ThemesPage(themes=_themes(session))


@page(
    router,
    "/consult/themes/{theme_id}",
    template="consult/theme.html",
    model=ThemePage,
    name="consult_theme",
    summary="One theme and its ideas",
)
def theme_page(
    request: Request,
    session: DbSession,
    viewer: ViewerDep,
    paging: PagingParams,
    theme_id: Annotated[str, Path(max_length=64)],
) -> ThemePage:
    """A theme's ideas (one per duplicate group) in intake order, as the public uptake report shows them:
    text and language, never contact; what a moderator rejected is left out."""
    theme = next((t for t in stored_themes(session) if t.id == theme_id), None)
    if theme is None:
        raise CharterwatchError(E.CONSULT_UNKNOWN_ID, proposal_id=theme_id, where="the themes")
    members = set(theme.members)
    ideas = load_ideas(session)
    found = [
        ThemeIdea(
            id=p.id,
            text=p.text,
            language=p.language,
            copies=ideas.size.get(p.id, 1) - 1,
            campaign=p.id in ideas.campaigns,
        )
        for p in all_proposals(session, accepted_only=True)
        if p.id in members and ideas.is_lead(p.id)
    ]
    return ThemePage(
        theme=ThemeModel(
            id=theme.id, label=theme.label, keywords=theme.keywords, count=len(members), method=theme.method
        ),
        can_review=viewer.role in REVIEW_ROLES,
        total=len(found),
        offset=paging.offset,
        limit=paging.limit,
        ideas=found[paging.offset : paging.offset + paging.limit],
    )


@page(router, "/consult/thanks", template="consult/thanks.html", model=ThanksPage, name="consult_thanks")
def thanks_page(request: Request) -> ThanksPage:
    """The ids of the proposals this session submitted (no text, no contact) and, once, the private link of
    the last one: it leaves the session as it is shown, so a later visitor of this browser cannot find it."""
    return ThanksPage(
        ids=list(request.session.get(SUBMITTED, [])), follow_url=request.session.pop(FOLLOW, None)
    )


def _submit(request: Request, session: DbSession, viewer: Viewer, given: ProposalIn) -> ProposalOut:
    arrival = submit_and_route(
        session,
        given.text,
        channel="web",
        submitter_kind=given.submitter_kind,
        contact=given.contact,
        language=given.language,
    )
    proposal_id = arrival.proposal_id
    # the log keeps that it happened, not what was said or by whom: the contact stays in the proposal only
    record(
        session, viewer, "proposal.submit", f"proposal:{proposal_id}", before=None, after={"id": proposal_id}
    )
    status = arrival_status(session, arrival)
    token = issue_follow_token(session, proposal_id)
    commit(session)
    follow_url = str(request.url_for("consult_follow", token=token))
    request.session[SUBMITTED] = [*request.session.get(SUBMITTED, []), proposal_id][-KEEP_SUBMITTED:]
    request.session[FOLLOW] = follow_url
    return ProposalOut(id=proposal_id, status=status, follow_url=follow_url)


@router.post(
    "/consult/proposals",
    dependencies=[Depends(rate_limited("proposal"))],
    response_model=ProposalOut,
    summary="Submit a proposal (the public form)",
)
def submit_form(
    request: Request,
    session: DbSession,
    viewer: ViewerDep,
    text: Annotated[str, Form(max_length=MAX_CHARS)],
    submitter_kind: Annotated[str, Form(max_length=16)] = "citizen",
    contact: Annotated[str, Form(max_length=MAX_CONTACT)] = "",
    language: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    """Store the proposal and go to the thank-you page (its id as JSON for a client that asks)."""
    given = ProposalIn.model_construct(
        text=text,
        submitter_kind=cast("SubmitterKind", submitter_kind),
        contact=contact or None,
        language=language or None,
    )
    stored = _submit(request, session, viewer, given)
    return after_action(request, "/consult/thanks", stored.model_dump(), status_code=201)


@router.post(
    "/api/consult/proposals",
    dependencies=[Depends(rate_limited("proposal"))],
    response_model=ProposalOut,
    status_code=201,
    summary="Submit a proposal as JSON",
)
def submit_json(request: Request, session: DbSession, viewer: ViewerDep, given: ProposalIn) -> ProposalOut:
    """The public form for scripts and other front ends: the same checks, limits and rate limit."""
    return _submit(request, session, viewer, given)
