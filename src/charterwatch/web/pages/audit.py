"""Audit: a version's rights findings by right and verdict, its safeguards, and against an older version the
delta and the monitors' concerns — the ``Review`` of ``rights.service``, cached per store state (it takes ~1 s).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from charterwatch.errors import CharterwatchError, E
from charterwatch.rights.basis import basis_of
from charterwatch.rights.model import Evidence, GroundFinding, Location
from charterwatch.rights.report import clauses_by_right, right_title
from charterwatch.rights.service import Review, review_refs
from charterwatch.rights.standards import VERDICT_ORDER, load_standards
from charterwatch.texts.storage import resolve_ref, version_ref
from charterwatch.web.auth import get_viewer
from charterwatch.web.cache import ContextCache, store_fingerprint
from charterwatch.web.deps import DbSession, settings_of
from charterwatch.web.render import page
from charterwatch.web.users import Viewer

router = APIRouter(tags=["audit"])


class Quote(BaseModel):
    """Words of a version with where they are: the provenance of every finding."""

    ref: str | None
    article: str | None
    paragraph: str | None
    eid: str | None
    start: int
    end: int
    quote: str


class Finding(BaseModel):
    """One ground of a clause judged for one right, said in words: which ground, of which right, under which
    ICCPR paragraph, by which rule, resting on which General Comment and Siracusa paragraphs."""

    rule: str
    grounds: list[str]
    match: str
    verdict: str  # for this right
    reason: str
    confidence: float
    words: Quote
    clause: Quote
    ground: str  # the ground in plain words ("national (state) security")
    right_name: str  # "freedom of religion or belief"
    article: str  # the ICCPR paragraph it is judged under ("ICCPR art. 18(3)")
    basis_rule: str  # the verdict rule (rights.basis.Rule): listed, not_listed, no_ground, ...
    why: str
    rests_on: (
        str  # "ICCPR art. 18(3); HRC General Comment 22, para 8; Siracusa Principles, paras 1, 6, 29-32"
    )


class RightFindings(BaseModel):
    right: str  # an ICCPR article, or "*" for clauses on all rights
    title: str
    verdicts: dict[str, int]
    findings: list[Finding]


class SafeguardModel(BaseModel):
    safeguard: str
    label: str
    present: bool
    confidence: float
    details: dict[str, str]
    words: Quote | None


class AuditPage(BaseModel):
    ref: str
    against: str | None
    title: str
    summary: dict[str, Any]
    rights: list[RightFindings]
    safeguards: list[SafeguardModel]
    delta: dict[str, Any] | None  # RightsDelta.to_dict(): summary and changes with both sides' passages
    concerns: list[dict[str, Any]]  # ConcernResult.to_dict(): status and observations with passages
    right: str | None
    verdict: str | None


def _quote(location: Location | None, evidence: Evidence) -> Quote:
    return Quote(
        ref=location.version if location else None,
        article=location.article if location else None,
        paragraph=location.paragraph if location else None,
        eid=location.eid if location else None,
        start=evidence.start,
        end=evidence.end,
        quote=evidence.quote,
    )


def _finding(ground: GroundFinding, right: str) -> Finding:
    basis = basis_of(ground, right)
    return Finding(
        ground=basis.ground,
        right_name=basis.right_name,
        article=basis.article,
        basis_rule=basis.rule,
        why=basis.why,
        rests_on=basis.cited(),
        rule=ground.rule,
        grounds=list(ground.ground_ids),
        match=ground.match,
        verdict=ground.verdicts.get(right, ground.verdict),
        reason=ground.reason,
        confidence=ground.confidence,
        words=_quote(ground.location, ground.evidence),
        clause=_quote(ground.location, ground.clause),
    )


def _context(review: Review, *, against: str | None, right: str | None, verdict: str | None) -> AuditPage:
    standards = load_standards()
    groups = []
    for clause_right, clauses in clauses_by_right(review.audit):
        if right is not None and clause_right != right:
            continue
        findings = [_finding(g, clause_right) for c in clauses for g in c.grounds]
        counts: dict[str, int] = {}
        for finding in findings:
            counts[finding.verdict] = counts.get(finding.verdict, 0) + 1
        findings.sort(key=lambda f: VERDICT_ORDER.get(f.verdict, 9))
        shown = [f for f in findings if verdict is None or f.verdict == verdict]
        if shown or (verdict is None and findings):
            groups.append(
                RightFindings(
                    right=clause_right,
                    title=right_title(standards, clause_right),
                    verdicts=counts,
                    findings=shown,
                )
            )
    safeguards = [
        SafeguardModel(
            safeguard=s.safeguard,
            label=s.label,
            present=s.present,
            confidence=s.confidence,
            details=s.details,
            words=_quote(s.location, s.evidence) if s.evidence is not None else None,
        )
        for s in review.audit.safeguards
    ]
    return AuditPage(
        ref=review.ref,
        against=against,
        title=review.title,
        summary=review.audit.summary(),
        rights=groups,
        safeguards=safeguards,
        delta=review.delta.to_dict() if review.delta is not None else None,
        concerns=[c.to_dict() for c in review.concerns],
        right=right,
        verdict=verdict,
    )


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
AgainstQuery = Annotated[str | None, Query(max_length=64, description="an older version, e.g. KZ@1995-ru")]


def _review(
    request: Request, session: DbSession, ref: str, against: str | None
) -> tuple[tuple[Any, ...], Review]:
    """The cache key and the review of ``ref`` (against ``against``), made once per store state."""
    canonical = version_ref(resolve_ref(session, ref))
    old = version_ref(resolve_ref(session, against)) if against else None
    cache: ContextCache = request.app.state.cache
    key = ("review", canonical, old, store_fingerprint(session))
    return key, cache.get_or_make(key, lambda: review_refs(request.app.state.engine, canonical, against=old))


@page(router, "/audit/{ref}", template="audit.html", model=AuditPage, name="audit", summary="A rights audit")
def audit_page(
    request: Request,
    session: DbSession,
    ref: str,
    against: AgainstQuery = None,
    right: Annotated[str | None, Query(max_length=8, description="only this ICCPR article, or *")] = None,
    verdict: Annotated[str | None, Query(description="permitted, conditional or not_permitted")] = None,
) -> AuditPage:
    """The audit of ``ref``; with ``against``, also what changed for each right and the concerns raised."""
    if verdict is not None and verdict not in VERDICT_ORDER:
        raise CharterwatchError(E.BAD_FORMAT, value=verdict, choices=", ".join(VERDICT_ORDER))
    key, review = _review(request, session, ref, against)
    old = key[2]
    # the page model too, per filter: building it from the review costs more than the rest of the request
    return cache_of(request).get_or_make(
        ("audit-page", *key[1:], right, verdict),
        lambda: _context(review, against=old, right=right, verdict=verdict),
    )


@router.get(
    "/audit/{ref}/opinion.docx",
    response_class=Response,
    summary="The rights audit as a Word opinion (DOCX)",
    responses={200: {"content": {DOCX_TYPE: {}}}},
)
def audit_opinion(
    request: Request,
    session: DbSession,
    viewer: Annotated[Viewer, Depends(get_viewer)],
    ref: str,
    against: AgainstQuery = None,
) -> Response:
    """The review as the DOCX opinion of ``charterwatch audit -f docx``, signed by the signed-in user (else
    by the ``author`` setting) and dated today."""
    from charterwatch.rights.report_docx import render_docx  # python-docx only when an opinion is asked for

    key, review = _review(request, session, ref, against)
    author = viewer.name or settings_of(request).author
    data = cache_of(request).get_or_make(
        ("audit-opinion", *key[1:], author, dt.date.today()), lambda: render_docx(review, author=author)
    )
    name = "-".join(re.sub(r"[^A-Za-z0-9.-]+", "_", part) for part in key[1:3] if part)
    return Response(
        data,
        media_type=DOCX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="audit-{name}.docx"'},
    )


def cache_of(request: Request) -> ContextCache:
    cache: ContextCache = request.app.state.cache
    return cache
