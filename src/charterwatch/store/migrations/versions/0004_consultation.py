"""Consultation: proposals, duplicate groups and their merge log, themes, working groups, article links,
assignments and reviews.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consult_group",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("representative", sa.String(length=128), nullable=False),
        sa.Column("template", sa.Text(), nullable=True),
        sa.Column("method", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("kind IN ('copies', 'campaign')", name="ck_consult_group_kind"),
        sa.PrimaryKeyConstraint("id", name="pk_consult_group"),
    )
    op.create_table(
        "consult_theme",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("method", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_consult_theme"),
    )
    op.create_table(
        "consult_working_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("articles", sa.JSON(), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_consult_working_group"),
        sa.UniqueConstraint("name", name="uq_consult_working_group_name"),
    )
    op.create_table(
        "consult_merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.String(length=128), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("proposal_ids", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("action IN ('merge', 'split')", name="ck_consult_merge_action"),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["consult_group.id"],
            name="fk_consult_merge_group_id_consult_group",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_consult_merge"),
        sa.UniqueConstraint("group_id", "position", name="uq_consult_merge_group_id_position"),
    )
    op.create_table(
        "consult_proposal",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("submitter_kind", sa.String(length=16), nullable=False),
        sa.Column("contact", sa.Text(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("articles", sa.JSON(), nullable=False),
        sa.Column("moderation", sa.Integer(), nullable=True),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("group_id", sa.String(length=128), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint(
            "channel IN ('web', 'social', 'organisation', 'expert')", name="ck_consult_proposal_channel"
        ),
        sa.CheckConstraint(
            "submitter_kind IN ('citizen', 'organisation', 'expert', 'official', 'unknown')",
            name="ck_consult_proposal_submitter_kind",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["consult_group.id"],
            name="fk_consult_proposal_group_id_consult_group",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_consult_proposal"),
        sa.UniqueConstraint("position", name="uq_consult_proposal_position"),
        sa.UniqueConstraint("source_file", "source_row", name="uq_consult_proposal_source_file_source_row"),
    )
    op.create_index("ix_consult_proposal_group_id", "consult_proposal", ["group_id"])
    op.create_index("ix_consult_proposal_language", "consult_proposal", ["language"])
    op.create_table(
        "consult_article_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.String(length=128), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("article_eid", sa.String(length=255), nullable=False),
        sa.Column("article_num", sa.String(length=32), nullable=True),
        sa.Column("section", sa.String(length=32), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("how", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("method", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("how IN ('named', 'similar')", name="ck_consult_article_link_how"),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["consult_proposal.id"],
            name="fk_consult_article_link_proposal_id_consult_proposal",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["version.id"],
            name="fk_consult_article_link_version_id_version",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_consult_article_link"),
        sa.UniqueConstraint(
            "proposal_id",
            "version_id",
            "article_eid",
            name="uq_consult_article_link_proposal_id_version_id_article_eid",
        ),
    )
    op.create_index(
        "ix_consult_article_link_version_id_article_num",
        "consult_article_link",
        ["version_id", "article_num"],
    )
    op.create_table(
        "consult_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.String(length=128), nullable=False),
        sa.Column("working_group_id", sa.Integer(), nullable=False),
        sa.Column("how", sa.String(length=16), nullable=False),
        sa.Column("by", sa.String(length=128), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("load", sa.Integer(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("how IN ('routed', 'override')", name="ck_consult_assignment_how"),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["consult_proposal.id"],
            name="fk_consult_assignment_proposal_id_consult_proposal",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["working_group_id"],
            ["consult_working_group.id"],
            name="fk_consult_assignment_working_group_id_consult_working_group",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_consult_assignment"),
    )
    op.create_index("ix_consult_assignment_proposal_id_id", "consult_assignment", ["proposal_id", "id"])
    op.create_index("ix_consult_assignment_working_group_id", "consult_assignment", ["working_group_id"])
    op.create_table(
        "consult_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(length=128), nullable=True),
        sa.Column("working_group", sa.String(length=255), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint(
            "status IN ('new', 'assigned', 'accepted', 'partly', 'rejected', 'out_of_scope')",
            name="ck_consult_review_status",
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["consult_proposal.id"],
            name="fk_consult_review_proposal_id_consult_proposal",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_consult_review"),
    )
    op.create_index("ix_consult_review_proposal_id_id", "consult_review", ["proposal_id", "id"])
    op.create_table(
        "consult_theme_member",
        sa.Column("theme_id", sa.String(length=128), nullable=False),
        sa.Column("proposal_id", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["consult_proposal.id"],
            name="fk_consult_theme_member_proposal_id_consult_proposal",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["consult_theme.id"],
            name="fk_consult_theme_member_theme_id_consult_theme",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("theme_id", "proposal_id", name="pk_consult_theme_member"),
    )
    op.create_index("ix_consult_theme_member_proposal_id", "consult_theme_member", ["proposal_id"])


def downgrade() -> None:
    op.drop_index("ix_consult_theme_member_proposal_id", table_name="consult_theme_member")
    op.drop_table("consult_theme_member")
    op.drop_index("ix_consult_review_proposal_id_id", table_name="consult_review")
    op.drop_table("consult_review")
    op.drop_index("ix_consult_assignment_working_group_id", table_name="consult_assignment")
    op.drop_index("ix_consult_assignment_proposal_id_id", table_name="consult_assignment")
    op.drop_table("consult_assignment")
    op.drop_index("ix_consult_article_link_version_id_article_num", table_name="consult_article_link")
    op.drop_table("consult_article_link")
    op.drop_index("ix_consult_proposal_language", table_name="consult_proposal")
    op.drop_index("ix_consult_proposal_group_id", table_name="consult_proposal")
    op.drop_table("consult_proposal")
    op.drop_table("consult_merge")
    op.drop_table("consult_working_group")
    op.drop_table("consult_theme")
    op.drop_table("consult_group")
