"""The dashboard: the reform's timeline (versions by date, incidents by month) and what the store holds.

Incident counts and months are incidents/workflow/visibility.py's, for the viewer's audience: the public counts the
published incidents, as many as the public incidents list has, and a withheld date in no month.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charterwatch.consult.models import ProposalRow
from charterwatch.incidents.workflow.store import Filter
from charterwatch.incidents.workflow.visibility import RECORDED, Visibility
from charterwatch.store.models import Provision, Version
from charterwatch.texts.compare.models import ComparisonRow
from charterwatch.web.auth import audience_of, get_viewer
from charterwatch.web.catalogue import version_infos
from charterwatch.web.deps import DbSession
from charterwatch.web.render import page
from charterwatch.web.users import Viewer

router = APIRouter(tags=["texts"])


class TimelineEvent(BaseModel):
    date: dt.date
    kind: str  # "version" or "incidents"
    label: str
    ref: str | None = None  # the version, for kind "version"
    status: str | None = None
    count: int | None = None  # incidents that month, for kind "incidents"


class ComparisonLink(BaseModel):
    old_ref: str
    new_ref: str
    method: str
    changed_word_share: float


class Counts(BaseModel):
    versions: int
    articles: int
    comparisons: int
    incidents: int
    proposals: int


class DashboardPage(BaseModel):
    counts: Counts
    timeline: list[TimelineEvent]
    comparisons: list[ComparisonLink]


@page(router, "/", template="dashboard.html", model=DashboardPage, name="dashboard", summary="Dashboard")
def dashboard(
    request: Request, session: DbSession, viewer: Annotated[Viewer, Depends(get_viewer)]
) -> DashboardPage:
    """The timeline of versions and incidents, the stored comparisons, and counts of everything (incidents
    as the viewer may see them: not rejected for staff, published for the public)."""
    incidents = Visibility(session, audience_of(viewer))
    timeline = [
        TimelineEvent(
            date=info.date, kind="version", label=info.title or info.ref, ref=info.ref, status=info.status
        )
        for info in version_infos(request, session)
        if info.date is not None
    ]
    timeline += _incident_months(incidents)
    timeline.sort(key=lambda event: (event.date, event.kind))
    return DashboardPage(
        counts=_counts(session, incidents), timeline=timeline, comparisons=_comparisons(session)
    )


def _count(session: Session, query: object) -> int:
    return int(session.scalar(query) or 0)  # type: ignore[call-overload]


def _counts(session: Session, incidents: Visibility) -> Counts:
    return Counts(
        versions=_count(session, select(func.count()).select_from(Version)),
        articles=_count(
            session, select(func.count()).select_from(Provision).where(Provision.kind == "article")
        ),
        comparisons=_count(session, select(func.count()).select_from(ComparisonRow)),
        incidents=incidents.count(Filter(states=RECORDED)),
        proposals=_count(session, select(func.count()).select_from(ProposalRow)),
    )


def _incident_months(incidents: Visibility) -> list[TimelineEvent]:
    """Incidents the viewer may see per month (dated to the month or day), dated the first of the month."""
    months, _ = incidents.months(Filter(states=RECORDED))
    rows = months.items()
    events = []
    for value, count in rows:
        try:
            first = dt.date.fromisoformat(f"{value}-01")
        except (TypeError, ValueError):
            continue
        events.append(
            TimelineEvent(date=first, kind="incidents", label=f"{count} incidents recorded", count=int(count))
        )
    return events


def _comparisons(session: Session) -> list[ComparisonLink]:
    rows = session.scalars(select(ComparisonRow).order_by(ComparisonRow.new_ref, ComparisonRow.old_ref))
    links = []
    for row in rows:
        stats = row.stats
        total = stats.get("words_old", 0) + stats.get("words_new", 0)
        changed = stats.get("words_deleted", 0) + stats.get("words_inserted", 0)
        links.append(
            ComparisonLink(
                old_ref=row.old_ref,
                new_ref=row.new_ref,
                method=row.method,
                changed_word_share=changed / total if total else 0.0,
            )
        )
    return links
