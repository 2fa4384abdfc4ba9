"""Downloads on the web (datasette's habit): the files the CLI writes, from the same functions, for the viewer.

Incidents come as the CLI's exports (incidents/exports/exports.py, incidents/exports/acled.py), filtered like the list page
and cut by the same visibility rule (incidents/workflow/visibility.py): the public gets the public edition of published
incidents, exactly what the public list shows; staff get the full edition. A version comes as the CLI's
``export`` (texts/exporting.py): JSON, Markdown or Akoma Ntoso. Every file is an attachment with a name that
says what it holds.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from charterwatch.incidents.exports.acled import to_acled_csv
from charterwatch.incidents.exports.exports import Edition, cited_sources, to_csv, to_json
from charterwatch.incidents.workflow.store import load_sources
from charterwatch.texts.exporting import export_version
from charterwatch.texts.storage import resolve_ref, version_ref
from charterwatch.web.auth import get_viewer
from charterwatch.web.deps import DbSession
from charterwatch.web.pages.incidents import QueryDep, _matching, _visibility
from charterwatch.web.users import Viewer

router = APIRouter(tags=["downloads"])
ViewerDep = Annotated[Viewer, Depends(get_viewer)]
MEDIA: Final = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "akn": "application/akn+xml",
}
IncidentFormat = Literal["csv", "json", "acled.csv"]
TextFormat = Literal["json", "md", "akn"]


def _attachment(body: str | bytes, name: str, kind: str) -> Response:
    return Response(
        body,
        media_type=MEDIA[kind],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-cache",
        },
    )


@router.get(
    "/incidents/download.{fmt}",
    summary="The filtered incidents as CSV, JSON or ACLED-like CSV (the public edition for the public)",
    responses={200: {"content": {MEDIA["csv"]: {}, MEDIA["json"]: {}}}},
)
def download_incidents(
    request: Request,
    session: DbSession,
    viewer: ViewerDep,
    query: QueryDep,
    fmt: Annotated[IncidentFormat, Path(description="csv, json or acled.csv")],
) -> Response:
    """The same incidents as the list page with the same filters, as the CLI's report writes them."""
    visibility = _visibility(session, viewer)
    incidents = _matching(visibility, query)
    sources = cited_sources(incidents, load_sources(session))
    edition: Edition = "full" if visibility.private else "public"
    words = visibility.words
    if fmt == "acled.csv":
        return _attachment(to_acled_csv(incidents, sources, words=words), "incidents_acled.csv", "csv")
    if fmt == "json":
        body = to_json(incidents, sources, edition=edition, words=words)
        return _attachment(body, f"incidents_{edition}.json", "json")
    return _attachment(
        to_csv(incidents, sources, edition=edition, words=words), f"incidents_{edition}.csv", "csv"
    )


@router.get(
    "/texts/{ref}/download.{fmt}",
    summary="A version as JSON, Markdown or Akoma Ntoso XML (as `charterwatch export` writes it)",
    responses={200: {"content": {MEDIA["json"]: {}, MEDIA["md"]: {}, MEDIA["akn"]: {}}}},
)
def download_version(
    request: Request,
    session: DbSession,
    ref: Annotated[str, Path(max_length=64)],
    fmt: Annotated[TextFormat, Path(description="json, md or akn")],
) -> Response:
    found = version_ref(resolve_ref(session, ref))
    body = export_version(request.app.state.engine, found, fmt=fmt)
    suffix = "xml" if fmt == "akn" else fmt
    return _attachment(body, f"{found.replace('@', '_')}.{suffix}", fmt)
