"""Incidents: the filterable table with its timeline chart, and one incident with its evidence in the source.

Analysts and admins see every incident, private fields, the sources' texts with each field's words marked,
the review history and the merges; everyone else sees the public edition of published incidents only, and a
404 for any other incident or id prefix, in HTML and JSON alike. What is visible is decided by
incidents/workflow/visibility.py, the rule exports and the dashboard share; no page here filters on its own.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy import or_, select

from charterwatch.incidents.exports.stats import Countable
from charterwatch.incidents.model import ACTIONS, ROLES, Incident
from charterwatch.incidents.workflow.models import MergeRow
from charterwatch.incidents.workflow.privacy import WITHHOLDABLE
from charterwatch.incidents.workflow.service import review_history
from charterwatch.incidents.workflow.store import load_sources, source_text, to_incident
from charterwatch.incidents.workflow.visibility import Visibility
from charterwatch.web.auth import audience_of, get_viewer
from charterwatch.web.cache import ContextCache
from charterwatch.web.deps import DbSession, PagingParams
from charterwatch.web.pages.incidents_view import IncidentQuery, Segment, legend_of, segments
from charterwatch.web.render import page
from charterwatch.web.users import Viewer

router = APIRouter(tags=["incidents"])
ViewerDep = Annotated[Viewer, Depends(get_viewer)]


class IncidentsPage(BaseModel):
    total: int
    offset: int
    limit: int
    filters: dict[str, str | None]
    incidents: list[dict[str, Any]]  # Incident.to_dict(), or its public edition for the public
    by_month: dict[str, int]  # the chart's data: incidents of the filtered set per month (dated ones)
    undated: int
    actions: list[str]
    states: list[str]
    private: bool


class SourceView(BaseModel):
    id: str
    location: str | None
    title: str | None
    published: str | None
    publisher: str | None
    segments: list[Segment]  # the full text with marks, for analysts; empty for the public


class IncidentPage(BaseModel):
    incident: dict[str, Any]
    merged_into: str | None
    sources: list[SourceView]
    legend: dict[str, int]
    history: list[dict[str, Any]]
    merges: list[dict[str, Any]]
    private: bool
    can_review: bool
    actions: list[str]
    roles: list[str]
    withholdable: list[str]


def _query(
    date_from: Annotated[str | None, Query(max_length=10, description="from this date (ISO prefix)")] = None,
    date_to: Annotated[str | None, Query(max_length=10, description="to this date (ISO prefix)")] = None,
    action: Annotated[str | None, Query(max_length=32, description="one of the actions")] = None,
    place: Annotated[str | None, Query(max_length=100, description="words of the place or country")] = None,
    status: Annotated[str | None, Query(max_length=16, description="review state")] = None,
    who: Annotated[str | None, Query(max_length=100, description="words of a victim's name")] = None,
) -> IncidentQuery:
    found = IncidentQuery(
        date_from or None, date_to or None, action or None, place or None, status or None, who or None
    )
    found.check()
    return found


QueryDep = Annotated[IncidentQuery, Depends(_query)]


def _visibility(session: DbSession, viewer: Viewer) -> Visibility:
    return Visibility(session, audience_of(viewer))


def _matching(visibility: Visibility, query: IncidentQuery) -> list[Incident]:
    """Every incident the query selects for this viewer (for the chart, or when a filter reads the views)."""
    found = visibility.incidents(query.where())
    return [i for i in found if query.matches(visibility.view(i))] if query.residual else found


@page(
    router,
    "/incidents",
    template="incidents/list.html",
    model=IncidentsPage,
    name="incidents",
    summary="Incidents, filtered and paged",
)
def incidents_page(
    request: Request, session: DbSession, viewer: ViewerDep, query: QueryDep, paging: PagingParams
) -> IncidentsPage:
    """Incidents in ingestion order; the public sees published ones without private fields. Filters, counts
    and the page are queries; only place and name filters read the incidents (as the viewer sees them)."""
    visibility = _visibility(session, viewer)
    where = query.where()
    if query.residual:
        views = [visibility.view(i) for i in _matching(visibility, query)]
        total, shown = len(views), views[paging.offset : paging.offset + paging.limit]
        dates = [v["date"] for v in views]
        months = Counter(d["value"][:7] for d in dates if d and d["precision"] != "year")
        by_month, undated = dict(sorted(months.items())), dates.count(None)
    else:
        total = visibility.count(where)
        page_rows = visibility.incidents(where, offset=paging.offset, limit=paging.limit)
        shown = [visibility.view(i) for i in page_rows]
        by_month, undated = visibility.months(where)
    return IncidentsPage(
        total=total,
        offset=paging.offset,
        limit=paging.limit,
        filters={k: getattr(query, k) for k in ("date_from", "date_to", "action", "place", "status", "who")},
        incidents=shown,
        by_month=by_month,
        undated=undated,
        actions=list(ACTIONS),
        states=list(visibility.states),
        private=visibility.private,
    )


@router.get(
    "/incidents/timeline.svg",
    response_class=Response,
    summary="The filtered incidents' timeline chart (SVG)",
    responses={200: {"content": {"image/svg+xml": {}}}},
)
def timeline_svg(request: Request, session: DbSession, viewer: ViewerDep, query: QueryDep) -> Response:
    """incidents/exports/chart.py's timeline of the filtered incidents, cached per set of incidents shown."""
    visibility = _visibility(session, viewer)
    shown = [visibility.edition(i) for i in _matching(visibility, query)]  # a withheld date is not drawn
    key = ("incident-timeline", tuple((i.id, i.action, i.date) for i in shown))
    cache: ContextCache = request.app.state.cache
    svg = cache.get_or_make(key, lambda: _draw(shown))
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "private, max-age=60"})


def _draw(incidents: Sequence[Countable]) -> bytes:
    from charterwatch.incidents.exports.chart import write_timeline

    with tempfile.TemporaryDirectory(prefix="charterwatch-chart-") as folder:
        paths = write_timeline(incidents, Path(folder) / "timeline")
        return next(p for p in paths if p.suffix == ".svg").read_bytes()


@page(
    router,
    "/incidents/{incident_id}",
    template="incidents/incident.html",
    model=IncidentPage,
    name="incident",
    summary="One incident with its evidence",
)
def incident_page(request: Request, session: DbSession, viewer: ViewerDep, incident_id: str) -> IncidentPage:
    """An incident; analysts also get the sources' texts with each field's words marked, history, merges."""
    visibility = _visibility(session, viewer)
    private = visibility.private
    row = visibility.find(incident_id)
    incident = to_incident(row)
    shown = visibility.view(incident)
    legend = legend_of(shown["evidence"])
    sources = []
    loaded = load_sources(session, incident.source_ids)
    for source, readable in zip(loaded, visibility.sources(incident, loaded), strict=True):
        spans = [(e["field"], e["start"], e["end"]) for e in shown["evidence"] if e["source_id"] == source.id]
        sources.append(
            SourceView(
                id=source.id,
                location=readable["location"],
                title=readable["title"],
                published=readable["published"],
                publisher=readable["publisher"],
                segments=segments(source_text(session, source.id), spans, legend) if private else [],
            )
        )
    return IncidentPage(
        incident=shown,
        merged_into=row.merged_into,
        sources=sources,
        legend=legend,
        history=[_review(r) for r in review_history(session, row.id)] if private else [],
        merges=_merges(session, row.id) if private else [],
        private=private,
        can_review=private and row.merged_into is None,
        actions=list(ACTIONS),
        roles=list(ROLES),
        withholdable=[*WITHHOLDABLE, *(f"victims[{k}].name" for k in range(len(incident.victims)))],
    )


def _review(row: Any) -> dict[str, Any]:
    return {
        "state": row.state,
        "reviewer": row.reviewer,
        "at": row.at,
        "note": row.note,
        "changes": row.changes,
    }


def _merges(session: DbSession, incident_id: str) -> list[dict[str, Any]]:
    """Merges into or out of this incident, oldest first, with whether each can still be undone."""
    query = (
        select(MergeRow)
        .where(or_(MergeRow.into_id == incident_id, MergeRow.absorbed_id == incident_id))
        .order_by(MergeRow.id)
    )
    rows = list(session.scalars(query))
    return [
        {
            "id": m.id,
            "into": m.into_id,
            "absorbed": m.absorbed_id,
            "by": m.merged_by,
            "at": m.merged_at.isoformat() if m.merged_at else None,
            "undone_by": m.undone_by,
            "undone_at": m.undone_at.isoformat() if m.undone_at else None,
        }
        for m in rows
    ]
