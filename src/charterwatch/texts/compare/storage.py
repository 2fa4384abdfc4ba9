"""Save a comparison of two stored versions and load it back, so nobody aligns the same pair twice.

A pair of versions has at most one stored comparison, with the method id it was computed by (a hash of the
comparing code, ``comparison_method()``) and both sources' checksums: ``load_comparison`` returns it only on
an exact match of all three, and saving again replaces it. ``STORED`` lists the stale ones for ``db check``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, aliased

from charterwatch.store.freshness import StaleReason, StaleResult
from charterwatch.store.models import Version
from charterwatch.texts.compare.model import (
    AlignedPair,
    Comparison,
    comparison_to_dict,
    pair_from_dict,
    stats_from_dict,
)
from charterwatch.texts.compare.models import ComparisonPairRow, ComparisonRow


def save_comparison(
    session: Session, comparison: Comparison, old_version: Version, new_version: Version
) -> ComparisonRow:
    """Store ``comparison`` of the two versions, replacing the one stored earlier (by whatever method)."""
    session.execute(delete(ComparisonRow).where(*_pair_key(old_version, new_version)))
    data = comparison_to_dict(comparison)
    row = ComparisonRow(
        old_version_id=old_version.id,
        new_version_id=new_version.id,
        method=comparison.method,
        old_ref=comparison.old_ref,
        new_ref=comparison.new_ref,
        old_checksum=old_version.checksum,
        new_checksum=new_version.checksum,
        stats=data["stats"],
        sections=data["sections"],
    )
    session.add(row)
    session.flush()
    if comparison.pairs:
        rows = [_pair_row(row.id, position, pair) for position, pair in enumerate(comparison.pairs)]
        session.execute(insert(ComparisonPairRow), rows)
    return row


def load_comparison(
    session: Session, old_version: Version, new_version: Version, *, method: str
) -> Comparison | None:
    """The stored comparison by ``method``, or None when there is none or a version's source has changed."""
    row = session.scalars(select(ComparisonRow).where(*_pair_key(old_version, new_version))).one_or_none()
    if row is None or row.method != method:
        return None
    if (row.old_checksum, row.new_checksum) != (old_version.checksum, new_version.checksum):
        return None
    pairs = session.scalars(
        select(ComparisonPairRow)
        .where(ComparisonPairRow.comparison_id == row.id)
        .order_by(ComparisonPairRow.position)
    )
    return Comparison(
        old_ref=row.old_ref,
        new_ref=row.new_ref,
        method=row.method,
        pairs=[_pair(pair) for pair in pairs],
        stats=stats_from_dict(row.stats),
        sections={name: stats_from_dict(stats) for name, stats in row.sections.items()},
    )


def _pair_key(old_version: Version, new_version: Version) -> tuple[Any, ...]:
    return (ComparisonRow.old_version_id == old_version.id, ComparisonRow.new_version_id == new_version.id)


class StoredComparisons:
    """Stored comparisons for ``db check``: stale when made by another method or from another source."""

    kind = "comparison"
    refreshable = True

    def current_method(self) -> str:
        from charterwatch.texts.compare import comparison_method

        return comparison_method()

    def count(self, session: Session) -> int:
        return session.scalar(select(func.count()).select_from(ComparisonRow)) or 0

    def stale(self, session: Session) -> list[StaleResult]:
        current = self.current_method()
        old, new = aliased(Version), aliased(Version)
        query = (
            select(ComparisonRow.id, ComparisonRow.old_ref, ComparisonRow.new_ref, ComparisonRow.method)
            .add_columns(
                ComparisonRow.old_checksum != old.checksum, ComparisonRow.new_checksum != new.checksum
            )
            .join(old, old.id == ComparisonRow.old_version_id)
            .join(new, new.id == ComparisonRow.new_version_id)
            .order_by(ComparisonRow.id)
        )
        found: list[StaleResult] = []
        for row_id, old_ref, new_ref, method, old_changed, new_changed in session.execute(query):
            if method != current or old_changed or new_changed:
                reason: StaleReason = "method" if method != current else "source"
                found.append(
                    StaleResult(self.kind, row_id, f"{old_ref} -> {new_ref}", method, current, reason)
                )
        return found

    def refresh(self, session: Session, result: StaleResult) -> None:
        from charterwatch.texts.compare.service import compare_versions

        row = session.get(ComparisonRow, result.row_id)
        if row is None:  # replaced meanwhile (by a reader that compared the pair again)
            return
        old, new = session.get_one(Version, row.old_version_id), session.get_one(Version, row.new_version_id)
        compare_versions(session, old, new, fresh=True)


STORED = StoredComparisons()


def _pair_row(comparison_id: int, position: int, pair: AlignedPair) -> dict[str, Any]:
    return {
        "comparison_id": comparison_id,
        "position": position,
        "kind": pair.kind,
        "new_nums": pair.new,
        "old_nums": pair.old,
        "similarity": pair.similarity,
        "words_old": pair.words_old,
        "words_new": pair.words_new,
        "words_deleted": pair.words_deleted,
        "words_inserted": pair.words_inserted,
        "text_changed": pair.text_changed,
        "text_change": pair.text_change,
        "fed_by": pair.fed_by,
        "redline": [[op.op, op.text] for op in pair.redline],
    }


def _pair(row: ComparisonPairRow) -> AlignedPair:
    return pair_from_dict(
        {
            "kind": row.kind,
            "new": row.new_nums,
            "old": row.old_nums,
            "similarity": row.similarity,
            "words_old": row.words_old,
            "words_new": row.words_new,
            "words_deleted": row.words_deleted,
            "words_inserted": row.words_inserted,
            "text_changed": row.text_changed,
            "text_change": row.text_change,
            "fed_by": row.fed_by or [],
            "redline": [{"op": op, "text": text} for op, text in row.redline],
        }
    )
