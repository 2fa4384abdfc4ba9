"""The text axis of an aligned pair, and FRBR URIs in the AKN naming convention's order.

``comparison_pair.text_change`` (unchanged, minor, amended, rewritten) sits next to the pair's kind, and
``comparison_pair.fed_by`` lists the old articles whose paragraphs fed the pair's new article. Rows stored
before have none (NULL): they were made by ``texts.align.v1``, which readers no longer ask for, so they are
computed again on first use.

Work URIs were written ``/akn/kz/act/constitution/1995``, which cobalt reads as a subtype with no number; they
become ``/akn/kz/act/1995/constitution`` (and each expression URI with them). The downgrade writes them back.

Revision ID: 0012
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_OLD = re.compile(r"^(/akn/[a-z]{2}(?:-[a-z0-9]+)?/act)/constitution/(\d{4}(?:-\d{2}-\d{2})?)(?=/|$)")
_NEW = re.compile(r"^(/akn/[a-z]{2}(?:-[a-z0-9]+)?/act)/(\d{4}(?:-\d{2}-\d{2})?)/constitution(?=/|$)")


def upgrade() -> None:
    with op.batch_alter_table("comparison_pair") as batch:
        batch.add_column(sa.Column("text_change", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("fed_by", sa.JSON(), nullable=True))
    _rewrite_uris(_OLD, r"\1/\2/constitution")


def downgrade() -> None:
    _rewrite_uris(_NEW, r"\1/constitution/\2")
    with op.batch_alter_table("comparison_pair") as batch:
        batch.drop_column("fed_by")
        batch.drop_column("text_change")


def _rewrite_uris(pattern: re.Pattern[str], replacement: str) -> None:
    connection = op.get_bind()
    for table, column in (("document", "frbr_work"), ("version", "frbr_expression")):
        rows = connection.execute(sa.text(f"SELECT id, {column} FROM {table}")).all()
        for row_id, uri in rows:
            new = pattern.sub(replacement, uri)
            if new != uri:
                connection.execute(
                    sa.text(f"UPDATE {table} SET {column} = :uri WHERE id = :id"), {"uri": new, "id": row_id}
                )
