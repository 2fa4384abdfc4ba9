"""The tables of stored comparisons: one row per comparison of two versions by one method, one per aligned pair.

A comparison is kept with the checksums of both versions' sources, so a reader can tell whether it still
describes the texts in the store; the rights audit, the consultation's uptake and the web app read these rows
instead of aligning again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from charterwatch.store.models import Base


class ComparisonRow(Base):
    """Two versions compared, with the method id that compared them; at most one row per pair."""

    __tablename__ = "comparison"
    __table_args__ = (UniqueConstraint("old_version_id", "new_version_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    old_version_id: Mapped[int] = mapped_column(ForeignKey("version.id", ondelete="CASCADE"))
    new_version_id: Mapped[int] = mapped_column(ForeignKey("version.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(64))
    old_ref: Mapped[str] = mapped_column(String(128))
    new_ref: Mapped[str] = mapped_column(String(128))
    old_checksum: Mapped[str] = mapped_column(String(64))
    new_checksum: Mapped[str] = mapped_column(String(64))
    stats: Mapped[dict[str, Any]] = mapped_column(JSON)
    sections: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    pairs: Mapped[list[ComparisonPairRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ComparisonPairRow.position"
    )


class ComparisonPairRow(Base):
    """One aligned pair; ``position`` is its order in the comparison (the new version's order)."""

    __tablename__ = "comparison_pair"
    __table_args__ = (UniqueConstraint("comparison_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comparison_id: Mapped[int] = mapped_column(ForeignKey("comparison.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    new_nums: Mapped[list[str]] = mapped_column(JSON)
    old_nums: Mapped[list[str]] = mapped_column(JSON)
    similarity: Mapped[float] = mapped_column(Float)
    words_old: Mapped[int] = mapped_column(Integer)
    words_new: Mapped[int] = mapped_column(Integer)
    words_deleted: Mapped[int] = mapped_column(Integer)
    words_inserted: Mapped[int] = mapped_column(Integer)
    text_changed: Mapped[bool] = mapped_column(Boolean)
    text_change: Mapped[str | None] = mapped_column(String(16), nullable=True)  # unchanged ... rewritten
    fed_by: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)  # old articles feeding paragraphs
    redline: Mapped[list[list[str]]] = mapped_column(JSON)  # [[op, text], ...]
