"""Compare: a stored comparison of two versions — figures, the renumbering map, and each pair's redline.

The comparison is the one ``charterwatch diff`` stores (``texts.compare.service``); a pair not compared yet is
compared once, on first view, and stored. Kazakhstan 1995 (ru) → 2026 is the showcase.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.compare.model import PAIR_KINDS, AlignedPair, Comparison
from charterwatch.texts.compare.report import (
    ARTICLES_DEFINITION,
    AXES_COLUMNS,
    HEADLINE_DEFINITION,
    anchor,
    articles_changed,
    axes_rows,
    kind_label,
    pair_label,
    renumbered,
    sources_label,
)
from charterwatch.texts.compare.service import compare_versions
from charterwatch.texts.storage import resolve_ref
from charterwatch.web.cache import ContextCache, store_fingerprint
from charterwatch.web.deps import DbSession
from charterwatch.web.render import page

router = APIRouter(tags=["compare"])
SHOWCASE = ("KZ@1995-ru", "KZ@2026")


class KindCount(BaseModel):
    kind: str
    pairs: int
    old_articles: int
    new_articles: int


class Figures(BaseModel):
    articles_old: int
    articles_new: int
    words_old: int
    words_new: int
    words_deleted: int
    words_inserted: int
    changed_word_share: float
    definition: str
    articles_changed: str  # "92 of 96 (95.8%); 80 beyond minor edits (83.3%)"
    articles_definition: str
    axes_columns: list[str]  # pairs by position (rows) and wording (columns)
    axes_rows: list[list[str]]


class Renumbering(BaseModel):
    old: str
    new: str  # "—" when removed


class RedlineRun(BaseModel):
    op: str  # equal, insert, delete
    text: str


class Pair(BaseModel):
    anchor: str
    kind: str
    kind_label: str  # both axes: "renumbered, amended"
    text_change: str | None
    new: list[str]
    old: list[str]
    new_label: str
    old_label: str
    similarity: float
    words_deleted: int
    words_inserted: int
    text_changed: bool
    redline: list[RedlineRun]


class ComparePage(BaseModel):
    old_ref: str
    new_ref: str
    method: str
    figures: Figures
    kinds: list[KindCount]
    renumbering: list[Renumbering]
    pairs: list[Pair]
    total_pairs: int
    kind: str | None  # the filter applied, if any
    changed_only: bool


def _pair_model(pair: AlignedPair) -> Pair:
    return Pair(
        anchor=anchor(pair),
        kind=pair.kind,
        kind_label=kind_label(pair),
        text_change=pair.text_change,
        new=pair.new,
        old=pair.old,
        new_label=pair_label(pair.new),
        old_label=sources_label(pair),
        similarity=pair.similarity,
        words_deleted=pair.words_deleted,
        words_inserted=pair.words_inserted,
        text_changed=pair.text_changed,
        redline=[RedlineRun(op=op.op, text=op.text) for op in pair.redline],
    )


def _context(comparison: Comparison, *, kind: str | None, changed_only: bool) -> ComparePage:
    stats = comparison.stats
    pairs = [
        p
        for p in comparison.pairs
        if (kind is None or p.kind == kind) and (not changed_only or p.kind != "same")
    ]
    kinds = [
        KindCount(
            kind=k,
            pairs=stats.by_kind.get(k, 0),
            old_articles=stats.old_by_kind.get(k, 0),
            new_articles=stats.new_by_kind.get(k, 0),
        )
        for k in PAIR_KINDS
        if k in stats.by_kind or k in stats.old_by_kind or k in stats.new_by_kind
    ]
    return ComparePage(
        old_ref=comparison.old_ref,
        new_ref=comparison.new_ref,
        method=comparison.method,
        figures=Figures(
            articles_old=stats.articles_old,
            articles_new=stats.articles_new,
            words_old=stats.words_old,
            words_new=stats.words_new,
            words_deleted=stats.words_deleted,
            words_inserted=stats.words_inserted,
            changed_word_share=stats.changed_word_share,
            definition=HEADLINE_DEFINITION,
            articles_changed=articles_changed(stats),
            articles_definition=ARTICLES_DEFINITION,
            axes_columns=list(AXES_COLUMNS),
            axes_rows=[list(row) for row in axes_rows(stats)],
        ),
        kinds=kinds,
        renumbering=[Renumbering(old=old, new=new) for old, new in renumbered(comparison)],
        pairs=[_pair_model(p) for p in pairs],
        total_pairs=len(comparison.pairs),
        kind=kind,
        changed_only=changed_only,
    )


@page(
    router,
    "/compare/{old_ref}/{new_ref}",
    template="compare.html",
    model=ComparePage,
    name="compare",
    summary="A comparison",
)
def compare_page(
    request: Request,
    session: DbSession,
    old_ref: str,
    new_ref: str,
    kind: Annotated[
        str | None, Query(description=f"only pairs of this kind: {', '.join(PAIR_KINDS)}")
    ] = None,
    changed_only: Annotated[bool, Query(description="leave out articles that did not change")] = False,
) -> ComparePage:
    """What changed from ``old_ref`` to ``new_ref``: figures, renumbering map, and every pair's redline."""
    if kind is not None and kind not in PAIR_KINDS:
        raise CharterwatchError(E.BAD_FORMAT, value=kind, choices=", ".join(PAIR_KINDS))
    old, new = resolve_ref(session, old_ref), resolve_ref(session, new_ref)
    cache: ContextCache = request.app.state.cache
    key = ("comparison", old.id, new.id, store_fingerprint(session))
    comparison = cache.get_or_make(key, lambda: compare_versions(session, old, new))
    # the page model of 110 pairs costs as much as rendering it: built once per comparison and filter
    return cache.get_or_make(
        (*key, kind, changed_only), lambda: _context(comparison, kind=kind, changed_only=changed_only)
    )
