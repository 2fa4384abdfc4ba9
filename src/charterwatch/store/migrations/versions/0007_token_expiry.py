"""API tokens get an expiry column; tokens issued with the expiry in their own text are back-filled.

Revision 0005 had no place for a token's expiry, so for a while it was appended to the token and recorded in
the ``token.issue`` entry of the audit log. The column makes it a plain field the server checks and lists.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("web_token") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
    connection = op.get_bind()
    issued = connection.execute(sa.text("SELECT after FROM audit_log WHERE action = 'token.issue'"))
    for (after,) in issued:
        state = json.loads(after) if isinstance(after, str) else after
        if isinstance(state, dict) and isinstance(state.get("id"), int) and state.get("expires_at"):
            moment = dt.datetime.fromisoformat(str(state["expires_at"]))
            connection.execute(
                sa.text("UPDATE web_token SET expires_at = :moment WHERE id = :id"),
                {"moment": moment, "id": state["id"]},
            )


def downgrade() -> None:
    with op.batch_alter_table("web_token") as batch:
        batch.drop_column("expires_at")
