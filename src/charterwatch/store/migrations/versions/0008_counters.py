"""Named counters for intake positions, so concurrent submissions never take the same number.

Proposal and incident positions came from ``max(position) + 1``, which two transactions at once both read.
Counters start on first use from the table's highest position (``store/counters.py``), so nothing is
back-filled here.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "counter",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_counter"),
    )


def downgrade() -> None:
    op.drop_table("counter")
