"""Search that finds word forms: each provision's words as written and as lemmas, indexed on both backends.

``provision.search_forms`` and ``provision.search_lemmas`` hold the words of ``provision.text`` folded (lower
case, ё as е) and lemmatised in Python (texts/search_words.py), so SQLite and PostgreSQL index the same words.
SQLite's FTS5 table moves from the text to these two columns; PostgreSQL gets a GIN index on each. Existing
rows are filled here. The downgrade restores the index over the text as written.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 2_000
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS provision_fts_au",
    "DROP TRIGGER IF EXISTS provision_fts_ad",
    "DROP TRIGGER IF EXISTS provision_fts_ai",
    "DROP TABLE IF EXISTS provision_fts",
)
# the words are folded in Python already: the tokenizer only splits on the spaces between them
SQLITE_UP = (
    """CREATE VIRTUAL TABLE provision_fts USING fts5(
        search_forms, search_lemmas, content='provision', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER provision_fts_ai AFTER INSERT ON provision BEGIN
        INSERT INTO provision_fts(rowid, search_forms, search_lemmas)
        VALUES (new.id, new.search_forms, new.search_lemmas);
    END""",
    """CREATE TRIGGER provision_fts_ad AFTER DELETE ON provision BEGIN
        INSERT INTO provision_fts(provision_fts, rowid, search_forms, search_lemmas)
        VALUES ('delete', old.id, old.search_forms, old.search_lemmas);
    END""",
    """CREATE TRIGGER provision_fts_au AFTER UPDATE OF search_forms, search_lemmas ON provision BEGIN
        INSERT INTO provision_fts(provision_fts, rowid, search_forms, search_lemmas)
        VALUES ('delete', old.id, old.search_forms, old.search_lemmas);
        INSERT INTO provision_fts(rowid, search_forms, search_lemmas)
        VALUES (new.id, new.search_forms, new.search_lemmas);
    END""",
    "INSERT INTO provision_fts(provision_fts) VALUES ('rebuild')",
)
# revision 0001's index over the text as written, for the downgrade
SQLITE_TEXT_INDEX = (
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
    "INSERT INTO provision_fts(provision_fts) VALUES ('rebuild')",
)
POSTGRES_UP = (
    "DROP INDEX IF EXISTS ix_provision_text_fts",
    "CREATE INDEX ix_provision_search_forms ON provision USING gin (to_tsvector('simple', search_forms))",
    "CREATE INDEX ix_provision_search_lemmas ON provision USING gin (to_tsvector('simple', search_lemmas))",
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_DROP:
            op.execute(statement)
    with op.batch_alter_table("provision") as batch:
        batch.add_column(sa.Column("search_forms", sa.Text(), server_default="", nullable=False))
        batch.add_column(sa.Column("search_lemmas", sa.Text(), server_default="", nullable=False))
    _fill()
    for statement in SQLITE_UP if dialect == "sqlite" else POSTGRES_UP if dialect == "postgresql" else ():
        op.execute(statement)


def _fill() -> None:
    from charterwatch.texts.search_words import search_columns

    bind = op.get_bind()
    provision = sa.table(
        "provision", sa.column("id"), sa.column("text"), sa.column("search_forms"), sa.column("search_lemmas")
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.select(provision.c.id, provision.c.text)
            .where(provision.c.id > last)
            .order_by(provision.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        for row_id, row_text in rows:
            forms, lemmas = search_columns(row_text)
            bind.execute(
                provision.update()
                .where(provision.c.id == row_id)
                .values(search_forms=forms, search_lemmas=lemmas)
            )
        last = rows[-1][0]


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_DROP:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_provision_search_lemmas")
        op.execute("DROP INDEX IF EXISTS ix_provision_search_forms")
    with op.batch_alter_table("provision") as batch:
        batch.drop_column("search_lemmas")
        batch.drop_column("search_forms")
    if dialect == "sqlite":
        for statement in SQLITE_TEXT_INDEX:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("CREATE INDEX ix_provision_text_fts ON provision USING gin (to_tsvector('simple', text))")
