"""Texts: the stored versions, one version's table of contents, an article with its provenance, and search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel
from sqlalchemy import select

from charterwatch.store.models import Provision as ProvisionRow
from charterwatch.texts.storage import get_article, resolve_ref, search, stored_structure, version_ref
from charterwatch.texts.tree import Provision
from charterwatch.web.catalogue import VersionInfo, info_for, version_infos
from charterwatch.web.deps import DbSession, PagingParams, search_text
from charterwatch.web.render import page

router = APIRouter(tags=["texts"])
TOC_KINDS = ("section", "chapter", "article")


class VersionsPage(BaseModel):
    versions: list[VersionInfo]


class TocEntry(BaseModel):
    kind: str
    num: str | None
    label: str | None
    heading: str | None
    eid: str
    depth: int


class StructureProblem(BaseModel):
    code: str
    message: str


class Structure(BaseModel):
    """The structure report made when the version was imported (``texts.structure.v1``)."""

    summary: str
    ok: bool
    problems: list[StructureProblem]


class VersionPage(BaseModel):
    version: VersionInfo
    toc: list[TocEntry]
    structure: Structure | None = None  # None for versions imported before reports were stored


class Node(BaseModel):
    """A provision with the character spans of its words in the version's source text (provenance)."""

    kind: str
    eid: str
    num: str | None
    label: str | None
    heading: str | None
    text: str
    span: tuple[int, int]
    text_span: tuple[int, int]
    children: list[Node]


class ArticlePage(BaseModel):
    version: VersionInfo
    article: Node
    previous: str | None
    next: str | None


class SearchHitModel(BaseModel):
    ref: str
    article: str | None
    eid: str
    kind: str
    snippet: str
    span: tuple[int, int]


class SearchPage(BaseModel):
    query: str
    ref: str | None
    hits: list[SearchHitModel]
    versions: list[str]


@page(
    router, "/texts", template="texts/versions.html", model=VersionsPage, name="versions", summary="Versions"
)
def versions(request: Request, session: DbSession) -> VersionsPage:
    """Every stored version with its date, status and number of articles."""
    return VersionsPage(versions=list(version_infos(request, session)))


@page(
    router,
    "/texts/{ref}",
    template="texts/version.html",
    model=VersionPage,
    name="version",
    summary="A version",
)
def version(request: Request, session: DbSession, ref: str) -> VersionPage:
    """A version's table of contents: its sections, chapters and articles in document order."""
    found = resolve_ref(session, ref)
    rows = session.scalars(
        select(ProvisionRow)
        .where(ProvisionRow.version_id == found.id, ProvisionRow.kind.in_(TOC_KINDS))
        .order_by(ProvisionRow.position)
    ).all()
    toc = [
        TocEntry(kind=r.kind, num=r.num, label=r.label, heading=r.heading, eid=r.eid, depth=r.depth)
        for r in rows
    ]
    report = stored_structure(found)
    structure = (
        Structure(
            summary=report.summary(),
            ok=report.ok,
            problems=[StructureProblem(code=p.code, message=p.message) for p in report.problems],
        )
        if report is not None
        else None
    )
    return VersionPage(version=info_for(request, session, version_ref(found)), toc=toc, structure=structure)


def _node(provision: Provision) -> Node:
    return Node(
        kind=provision.kind,
        eid=provision.eid,
        num=provision.num,
        label=provision.label,
        heading=provision.heading,
        text=provision.text,
        span=provision.span,
        text_span=provision.text_span,
        children=[_node(child) for child in provision.children],
    )


@page(
    router,
    "/texts/{ref}/articles/{num}",
    template="texts/article.html",
    model=ArticlePage,
    name="article",
    summary="An article",
)
def article(request: Request, session: DbSession, ref: str, num: str) -> ArticlePage:
    """One article with its paragraphs, items and notes, each with its span in the source text."""
    found = resolve_ref(session, ref)
    provision = get_article(session, found, num)
    nums = list(
        session.scalars(
            select(ProvisionRow.num)
            .where(ProvisionRow.version_id == found.id, ProvisionRow.kind == "article")
            .order_by(ProvisionRow.position)
        )
    )
    at = nums.index(num) if num in nums else -1
    return ArticlePage(
        version=info_for(request, session, version_ref(found)),
        article=_node(provision),
        previous=nums[at - 1] if at > 0 else None,
        next=nums[at + 1] if 0 <= at < len(nums) - 1 else None,
    )


@page(
    router,
    "/search",
    template="texts/search.html",
    model=SearchPage,
    name="search",
    summary="Full-text search",
)
def search_page(
    request: Request,
    session: DbSession,
    paging: PagingParams,
    query: Annotated[str, Depends(search_text)],
    ref: Annotated[str | None, Query(max_length=64, description="only this version")] = None,
) -> SearchPage:
    """Provisions with all the words of ``q`` (and "quoted phrases"), best first, in every version or one."""
    refs = [info.ref for info in version_infos(request, session)]
    if not query:
        return SearchPage(query="", ref=ref, hits=[], versions=refs)
    hits = search(session, query, limit=paging.offset + paging.limit, ref=ref or None)[paging.offset :]
    return SearchPage(
        query=query,
        ref=ref,
        hits=[SearchHitModel(**hit.to_dict()) for hit in hits],
        versions=refs,
    )
