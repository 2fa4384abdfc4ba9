"""Initial schema: documents, versions, provisions, and full-text search over provision text.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite: an external-content FTS5 table over provision.text, kept in sync by triggers. unicode61 folds case
# for every script (Cyrillic and Kazakh included); remove_diacritics 2 also folds ё/е and й/и.
SQLITE_UP = (
    """CREATE VIRTUAL TABLE provision_fts USING fts5(
        text, content='provision', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER provision_fts_ai AFTER INSERT ON provision BEGIN
        INSERT INTO provision_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER provision_fts_ad AFTER DELETE ON provision BEGIN
        INSERT INTO provision_fts(provision_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER provision_fts_au AFTER UPDATE OF text ON provision BEGIN
        INSERT INTO provision_fts(provision_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO provision_fts(rowid, text) VALUES (new.id, new.text);
    END""",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS provision_fts_au",
    "DROP TRIGGER IF EXISTS provision_fts_ad",
    "DROP TRIGGER IF EXISTS provision_fts_ai",
    "DROP TABLE IF EXISTS provision_fts",
)
# PostgreSQL: an expression index; 'simple' lowercases without stemming, so ru, kk and en all work alike.
POSTGRES_UP = ("CREATE INDEX ix_provision_text_fts ON provision USING gin (to_tsvector('simple', text))",)
POSTGRES_DOWN = ("DROP INDEX IF EXISTS ix_provision_text_fts",)


def upgrade() -> None:
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jurisdiction", sa.String(length=16), nullable=False),
        sa.Column("work_date", sa.String(length=10), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("frbr_work", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_document"),
        sa.UniqueConstraint("frbr_work", name="uq_document_frbr_work"),
        sa.UniqueConstraint("jurisdiction", "work_date", name="uq_document_jurisdiction_work_date"),
    )
    op.create_table(
        "version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_format", sa.String(length=8), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("parser", sa.String(length=64), nullable=False),
        sa.Column("frbr_expression", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'adopted', 'in_force', 'superseded')", name="ck_version_status"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name="fk_version_document_id_document", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_version"),
        sa.UniqueConstraint("document_id", "label", "lang", name="uq_version_document_id_label_lang"),
    )
    op.create_index("ix_version_document_id", "version", ["document_id"])
    op.create_table(
        "provision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("eid", sa.String(length=255), nullable=False),
        sa.Column("num", sa.String(length=32), nullable=True),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("heading", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("text_start", sa.Integer(), nullable=False),
        sa.Column("text_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["provision.id"], name="fk_provision_parent_id_provision", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["version_id"], ["version.id"], name="fk_provision_version_id_version", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_provision"),
        sa.UniqueConstraint("version_id", "eid", name="uq_provision_version_id_eid"),
    )
    op.create_index("ix_provision_parent_id", "provision", ["parent_id"])
    op.create_index("ix_provision_version_id_kind_num", "provision", ["version_id", "kind", "num"])
    op.create_index("ix_provision_version_id_position", "provision", ["version_id", "position"])
    for statement in _search_ddl(up=True):
        op.execute(statement)


def downgrade() -> None:
    for statement in _search_ddl(up=False):
        op.execute(statement)
    op.drop_table("provision")
    op.drop_table("version")
    op.drop_table("document")


def _search_ddl(*, up: bool) -> tuple[str, ...]:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        return SQLITE_UP if up else SQLITE_DOWN
    if dialect == "postgresql":
        return POSTGRES_UP if up else POSTGRES_DOWN
    return ()
