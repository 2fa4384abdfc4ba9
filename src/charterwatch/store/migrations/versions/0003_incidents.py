"""Incidents: sources, incidents, victims, evidence, organisations, the review log and the merge log.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "incident",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("actions", sa.JSON(), nullable=False),
        sa.Column("date_value", sa.String(length=10), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("sanction_text", sa.Text(), nullable=True),
        sa.Column("arrest_days", sa.Integer(), nullable=True),
        sa.Column("fine_amount", sa.Float(), nullable=True),
        sa.Column("fine_currency", sa.String(length=8), nullable=True),
        sa.Column("prison_months", sa.Integer(), nullable=True),
        sa.Column("legal_basis", sa.JSON(), nullable=False),
        sa.Column("rights", sa.JSON(), nullable=False),
        sa.Column("perpetrator", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("extractor", sa.Text(), nullable=False),
        sa.Column("review", sa.String(length=16), nullable=False),
        sa.Column("private_fields", sa.JSON(), nullable=False),
        sa.Column("review_log", sa.JSON(), nullable=False),
        sa.Column("merged_into", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint(
            "review IN ('machine', 'accepted', 'edited', 'rejected')", name="ck_incident_review"
        ),
        sa.ForeignKeyConstraint(["merged_into"], ["incident.id"], name="fk_incident_merged_into_incident"),
        sa.PrimaryKeyConstraint("id", name="pk_incident"),
        sa.UniqueConstraint("position", name="uq_incident_position"),
    )
    op.create_index("ix_incident_action", "incident", ["action"])
    op.create_index("ix_incident_date_value", "incident", ["date_value"])
    op.create_index("ix_incident_merged_into", "incident", ["merged_into"])
    op.create_index("ix_incident_review", "incident", ["review"])
    op.create_table(
        "incident_source",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incident_source"),
        sa.UniqueConstraint("checksum", name="uq_incident_source_checksum"),
    )
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organisation"),
        sa.UniqueConstraint("key", name="uq_organisation_key"),
    )
    op.create_table(
        "incident_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("source_id", sa.String(length=32), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name="fk_incident_evidence_incident_id_incident",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["incident_source.id"], name="fk_incident_evidence_source_id_incident_source"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_incident_evidence"),
        sa.UniqueConstraint("incident_id", "position", name="uq_incident_evidence_incident_id_position"),
    )
    op.create_index("ix_incident_evidence_source_id", "incident_evidence", ["source_id"])
    op.create_table(
        "incident_merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("into_id", sa.String(length=32), nullable=False),
        sa.Column("absorbed_id", sa.String(length=32), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("absorbed", sa.JSON(), nullable=False),
        sa.Column("merged_by", sa.String(length=128), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("undone_by", sa.String(length=128), nullable=True),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["absorbed_id"],
            ["incident.id"],
            name="fk_incident_merge_absorbed_id_incident",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["into_id"], ["incident.id"], name="fk_incident_merge_into_id_incident", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_incident_merge"),
    )
    op.create_index("ix_incident_merge_absorbed_id", "incident_merge", ["absorbed_id"])
    op.create_index("ix_incident_merge_into_id", "incident_merge", ["into_id"])
    op.create_table(
        "incident_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reviewer", sa.String(length=128), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name="fk_incident_review_incident_id_incident",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_incident_review"),
    )
    op.create_index("ix_incident_review_incident_id", "incident_review", ["incident_id"])
    op.create_table(
        "incident_source_link",
        sa.Column("incident_id", sa.String(length=32), nullable=False),
        sa.Column("source_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name="fk_incident_source_link_incident_id_incident",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["incident_source.id"], name="fk_incident_source_link_source_id_incident_source"
        ),
        sa.PrimaryKeyConstraint("incident_id", "source_id", name="pk_incident_source_link"),
    )
    op.create_index("ix_incident_source_link_source_id", "incident_source_link", ["source_id"])
    op.create_table(
        "incident_victim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name="fk_incident_victim_incident_id_incident",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name="fk_incident_victim_organisation_id_organisation",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_incident_victim"),
        sa.UniqueConstraint("incident_id", "position", name="uq_incident_victim_incident_id_position"),
    )
    op.create_index("ix_incident_victim_organisation_id", "incident_victim", ["organisation_id"])


def downgrade() -> None:
    op.drop_index("ix_incident_victim_organisation_id", table_name="incident_victim")
    op.drop_table("incident_victim")
    op.drop_index("ix_incident_source_link_source_id", table_name="incident_source_link")
    op.drop_table("incident_source_link")
    op.drop_index("ix_incident_review_incident_id", table_name="incident_review")
    op.drop_table("incident_review")
    op.drop_index("ix_incident_merge_absorbed_id", table_name="incident_merge")
    op.drop_index("ix_incident_merge_into_id", table_name="incident_merge")
    op.drop_table("incident_merge")
    op.drop_index("ix_incident_evidence_source_id", table_name="incident_evidence")
    op.drop_table("incident_evidence")
    op.drop_table("organisation")
    op.drop_table("incident_source")
    op.drop_index("ix_incident_action", table_name="incident")
    op.drop_index("ix_incident_date_value", table_name="incident")
    op.drop_index("ix_incident_merged_into", table_name="incident")
    op.drop_index("ix_incident_review", table_name="incident")
    op.drop_table("incident")
