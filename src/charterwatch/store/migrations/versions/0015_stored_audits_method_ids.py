"""Stored results keyed by method id: one comparison per pair of versions, and stored audits.

A comparison was unique per (old, new, method) with a hand-typed method name; it is now stored under a method id
hashed from the code that made it (``charterwatch.provenance``), and a pair keeps one comparison, the newest:
when two were stored for a pair (``texts.align.v1`` and ``v2``), the older rows go. Comparisons stored before
keep their hand-typed names, which no current id matches, so ``db check`` lists them as stale and they are
compared again on first use.

The audit of a version (``audit``, one per version) is stored whole as JSON with its method id and the source
checksum; ``audit_finding`` repeats each clause, ground and present safeguard with its place, span and
confidence. An incident source keeps the method id of the extraction that read it (``incident_source.method``,
NULL for sources read before).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "DELETE FROM comparison WHERE id NOT IN "
        "(SELECT max(id) FROM comparison GROUP BY old_version_id, new_version_id)"
    )
    with op.batch_alter_table("comparison") as batch:
        batch.drop_constraint("uq_comparison_old_version_id_new_version_id_method", type_="unique")
        batch.create_unique_constraint(
            "uq_comparison_old_version_id_new_version_id", ["old_version_id", "new_version_id"]
        )
    with op.batch_alter_table("incident_source") as batch:
        batch.add_column(sa.Column("method", sa.String(length=64), nullable=True))
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=64), nullable=False),
        sa.Column("version_ref", sa.String(length=128), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"], ["version.id"], name="fk_audit_version_id_version", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_audit"),
        sa.UniqueConstraint("version_id", name="uq_audit_version_id"),
    )
    op.create_table(
        "audit_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=True),
        sa.Column("article", sa.String(length=32), nullable=True),
        sa.Column("paragraph", sa.String(length=32), nullable=True),
        sa.Column("eid", sa.String(length=255), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"], ["audit.id"], name="fk_audit_finding_audit_id_audit", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_audit_finding"),
        sa.UniqueConstraint("audit_id", "position", name="uq_audit_finding_audit_id_position"),
    )


def downgrade() -> None:
    op.drop_table("audit_finding")
    op.drop_table("audit")
    with op.batch_alter_table("incident_source") as batch:
        batch.drop_column("method")
    with op.batch_alter_table("comparison") as batch:
        batch.drop_constraint("uq_comparison_old_version_id_new_version_id", type_="unique")
        batch.create_unique_constraint(
            "uq_comparison_old_version_id_new_version_id_method",
            ["old_version_id", "new_version_id", "method"],
        )
