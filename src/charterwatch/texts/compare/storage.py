"""Save a comparison of two stored versions and load it back, so nobody aligns the same pair twice.

A stored comparison is keyed by (old version, new version, method) and remembers both sources' checksums:
``load_comparison`` returns it only while those still match, and saving again replaces it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

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
    """Store ``comparison`` of the two versions, replacing one stored earlier by the same method."""
    session.execute(delete(ComparisonRow).where(*_key(old_version, new_version, method=comparison.method)))
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
    row = session.scalars(
        select(ComparisonRow).where(*_key(old_version, new_version, method=method))
    ).one_or_none()
    if row is None or (row.old_checksum, row.new_checksum) != (old_version.checksum, new_version.checksum):
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


def _key(old_version: Version, new_version: Version, *, method: str) -> tuple[Any, ...]:
    return (
        ComparisonRow.old_version_id == old_version.id,
        ComparisonRow.new_version_id == new_version.id,
        ComparisonRow.method == method,
    )


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
