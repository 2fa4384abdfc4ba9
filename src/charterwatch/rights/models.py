"""The tables of stored audits: one row per audited version, and one per finding for queries.

An audit is stored whole (``data``, the JSON of ``Audit``, read back as it was) with the method id that made
it and the checksum of the source it read; ``audit_finding`` repeats each clause, ground and present safeguard
with its place (article, paragraph, eId, span in the version's source text) and confidence, so a finding can
be queried without reading the JSON and always carries its provenance: document and version through
``audit.version_id``, the method id through ``audit.method``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from charterwatch.store.models import Base

FINDING_KINDS = ("clause", "ground", "safeguard")


class AuditRow(Base):
    """The audit of one version by the built-in rules; at most one per version (the newest method's)."""

    __tablename__ = "audit"
    __table_args__ = (UniqueConstraint("version_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("version.id", ondelete="CASCADE"))
    method: Mapped[str] = mapped_column(String(64))
    version_ref: Mapped[str] = mapped_column(String(128))
    checksum: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    findings: Mapped[list[AuditFindingRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="AuditFindingRow.position"
    )


class AuditFindingRow(Base):
    """One clause, ground or present safeguard of a stored audit, where it is and how sure the rule is."""

    __tablename__ = "audit_finding"
    __table_args__ = (UniqueConstraint("audit_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # FINDING_KINDS
    rule: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))  # clause kind, ground ids ("public_order"), safeguard
    verdict: Mapped[str | None] = mapped_column(String(16), nullable=True)  # grounds only
    article: Mapped[str | None] = mapped_column(String(32), nullable=True)
    paragraph: Mapped[str | None] = mapped_column(String(32), nullable=True)
    eid: Mapped[str] = mapped_column(String(255))
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
