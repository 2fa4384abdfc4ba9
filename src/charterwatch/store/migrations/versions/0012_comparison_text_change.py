"""The text axis of an aligned pair (unchanged, minor, amended, rewritten), next to its kind.

Rows stored before have none (NULL): they were made by ``texts.align.v1``, which readers no longer ask for, so
they are computed again on first use.

Revision ID: 0012
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("comparison_pair") as batch:
        batch.add_column(sa.Column("text_change", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("comparison_pair") as batch:
        batch.drop_column("text_change")
