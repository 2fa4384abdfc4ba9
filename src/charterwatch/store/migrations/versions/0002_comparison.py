"""Stored comparisons of two versions: the comparison with its figures, and its aligned pairs with redlines.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "comparison",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("old_version_id", sa.Integer(), nullable=False),
        sa.Column("new_version_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=64), nullable=False),
        sa.Column("old_ref", sa.String(length=128), nullable=False),
        sa.Column("new_ref", sa.String(length=128), nullable=False),
        sa.Column("old_checksum", sa.String(length=64), nullable=False),
        sa.Column("new_checksum", sa.String(length=64), nullable=False),
        sa.Column("stats", sa.JSON(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["old_version_id"],
            ["version.id"],
            name="fk_comparison_old_version_id_version",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["new_version_id"],
            ["version.id"],
            name="fk_comparison_new_version_id_version",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_comparison"),
        sa.UniqueConstraint(
            "old_version_id",
            "new_version_id",
            "method",
            name="uq_comparison_old_version_id_new_version_id_method",
        ),
    )
    op.create_index("ix_comparison_new_version_id", "comparison", ["new_version_id"])
    op.create_table(
        "comparison_pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comparison_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("new_nums", sa.JSON(), nullable=False),
        sa.Column("old_nums", sa.JSON(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("words_old", sa.Integer(), nullable=False),
        sa.Column("words_new", sa.Integer(), nullable=False),
        sa.Column("words_deleted", sa.Integer(), nullable=False),
        sa.Column("words_inserted", sa.Integer(), nullable=False),
        sa.Column("text_changed", sa.Boolean(), nullable=False),
        sa.Column("redline", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["comparison_id"],
            ["comparison.id"],
            name="fk_comparison_pair_comparison_id_comparison",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_comparison_pair"),
        sa.UniqueConstraint("comparison_id", "position", name="uq_comparison_pair_comparison_id_position"),
    )


def downgrade() -> None:
    op.drop_table("comparison_pair")
    op.drop_index("ix_comparison_new_version_id", table_name="comparison")
    op.drop_table("comparison")
