"""The tables of the incidents domain: sources, incidents with their victims and evidence, organisations,
the review log and the merge log (revision 0003; the list's indexes 0006).

Every table is named ``incident_*`` or ``organisation``. An incident is never deleted: a merge hides the
absorbed incident (``merged_into``) and keeps both as they were in ``incident_merge``, so unmerging restores
them exactly; every review decision is a row of ``incident_review`` with the incident before and after.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from charterwatch.store.models import Base

REVIEW_STATES: Final = ("machine", "accepted", "edited", "rejected")
ORGANISATION_ROLES: Final = ("ngo", "trade_union", "media_outlet", "website")


class SourceRow(Base):
    """An article or report as read: the exact text every evidence span points into, keyed by its SHA-256."""

    __tablename__ = "incident_source"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    location: Mapped[str] = mapped_column(Text)
    checksum: Mapped[str] = mapped_column(String(64), unique=True)
    language: Mapped[str | None] = mapped_column(String(8))
    published: Mapped[str | None] = mapped_column(String(10))
    publisher: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, deferred=True)
    method: Mapped[str | None] = mapped_column(String(64))  # extraction_method() that read it (0013)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class IncidentRow(Base):
    """One victim x one action x one date; ``merged_into`` names the incident that absorbed this one."""

    __tablename__ = "incident"
    __table_args__ = (
        CheckConstraint(f"review IN {REVIEW_STATES!r}", name="review"),
        Index(None, "action"),
        Index(None, "review"),
        Index(None, "date_value"),
        # lists: not merged away, in order, and by review state for the public (revision 0006)
        Index("ix_incident_listed", "merged_into", "position"),
        Index("ix_incident_listed_review", "merged_into", "review", "position"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, unique=True)  # ingestion order
    action: Mapped[str] = mapped_column(String(32))
    actions: Mapped[list[str]] = mapped_column(JSON)
    date_value: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(8))
    place: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(8))
    sanction_text: Mapped[str | None] = mapped_column(Text)
    arrest_days: Mapped[int | None] = mapped_column(Integer)
    fine_amount: Mapped[float | None] = mapped_column(Float)
    fine_currency: Mapped[str | None] = mapped_column(String(8))
    prison_months: Mapped[int | None] = mapped_column(Integer)
    legal_basis: Mapped[list[str]] = mapped_column(JSON)
    rights: Mapped[list[str]] = mapped_column(JSON)
    perpetrator: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    extractor: Mapped[str] = mapped_column(Text)  # the pipeline: its components, joined by "+"
    review: Mapped[str] = mapped_column(String(16))
    private_fields: Mapped[list[str]] = mapped_column(JSON)
    review_log: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    merged_into: Mapped[str | None] = mapped_column(ForeignKey("incident.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    victims: Mapped[list[VictimRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="VictimRow.position"
    )
    evidence: Mapped[list[EvidenceRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EvidenceRow.position"
    )
    sources: Mapped[list[IncidentSourceRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="IncidentSourceRow.position"
    )


class IncidentSourceRow(Base):
    """Which sources tell an incident, in the order they were merged in."""

    __tablename__ = "incident_source_link"

    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id", ondelete="CASCADE"), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("incident_source.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)


class OrganisationRow(Base):
    """An NGO, union, outlet or site that is a victim; its incidents are its history (``victims``)."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)  # the folded name, so spellings meet
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class VictimRow(Base):
    __tablename__ = "incident_victim"
    __table_args__ = (UniqueConstraint("incident_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )


class EvidenceRow(Base):
    """The words one field came from: ``source_text[span_start:span_end] == quote``."""

    __tablename__ = "incident_evidence"
    __table_args__ = (UniqueConstraint("incident_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(64))
    source_id: Mapped[str] = mapped_column(ForeignKey("incident_source.id"), index=True)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)


class ReviewRow(Base):
    """One review decision: who, when, what changed, and the incident before and after (as ``to_dict``)."""

    __tablename__ = "incident_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(16))
    reviewer: Mapped[str] = mapped_column(String(128))
    at: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    before: Mapped[dict[str, Any]] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON)


class MergeRow(Base):
    """``absorbed_id`` folded into ``into_id``. ``before`` holds ``{"changes": delta}``, what the merge changed in
    ``into_id`` (incidents/workflow/merge_log.py), and ``absorbed`` the absorbed id (the incident is kept whole in its
    own hidden row); rows logged before the delta hold both incidents whole, and still undo."""

    __tablename__ = "incident_merge"

    id: Mapped[int] = mapped_column(primary_key=True)
    into_id: Mapped[str] = mapped_column(ForeignKey("incident.id", ondelete="CASCADE"), index=True)
    absorbed_id: Mapped[str] = mapped_column(ForeignKey("incident.id", ondelete="CASCADE"), index=True)
    before: Mapped[dict[str, Any]] = mapped_column(JSON)
    absorbed: Mapped[dict[str, Any]] = mapped_column(JSON)
    merged_by: Mapped[str] = mapped_column(String(128))
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    undone_by: Mapped[str | None] = mapped_column(String(128))
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
