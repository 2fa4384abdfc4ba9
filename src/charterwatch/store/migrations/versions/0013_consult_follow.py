"""The private follow links of proposals: ``consult_follow`` holds each link's token as a SHA-256 digest.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consult_follow",
        sa.Column("proposal_id", sa.String(length=128), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["consult_proposal.id"],
            name="fk_consult_follow_proposal_id_consult_proposal",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("proposal_id", name="pk_consult_follow"),
        sa.UniqueConstraint("digest", name="uq_consult_follow_digest"),
    )


def downgrade() -> None:
    op.drop_table("consult_follow")
