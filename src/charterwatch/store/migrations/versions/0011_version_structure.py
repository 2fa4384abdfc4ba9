"""Versions keep the structure report of their import (``texts.structure.v1``) as JSON text.

A tree with gaps in its numbering, duplicate numbers, titles that swallowed a first part or text outside any
article must not pass silently: the report made at import time is stored with the version and shown on its
page. Versions imported before this revision have no report (NULL) until they are imported again.

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("version") as batch:
        batch.add_column(sa.Column("structure", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("version") as batch:
        batch.drop_column("structure")
