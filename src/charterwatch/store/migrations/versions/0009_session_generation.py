"""Users get a session generation, so signing out or changing a password ends every session of the user.

A session cookie is signed but lives in the browser: before this revision an old cookie kept working after its
user signed out elsewhere or changed their password. The cookie now carries the generation it was issued
under and the server refuses it once the user's generation has moved on. Existing cookies carry none, so every
session open at the upgrade ends (users sign in again once).

Revision ID: 0009
Revises: 0008 (written against 0007; 0008_counters came in beside it)
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("web_user") as batch:
        batch.add_column(sa.Column("session_generation", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("web_user") as batch:
        batch.drop_column("session_generation")
