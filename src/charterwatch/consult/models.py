"""The tables of the consultation (revision 0004): proposals, duplicate groups and their merge log, themes,
working groups, article links, assignments and reviews; and (0013) the digests of citizens' follow links.

Every table is named ``consult_*``. Decisions are never overwritten: assignments and reviews are histories
(the newest row is the current one), and a group's merges and splits stay in ``consult_merge`` so each can be
undone. A proposal's ``contact`` is its own column, read only by the commission's private views.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from charterwatch.consult.model import CHANNELS, REVIEW_STATUSES, SUBMITTER_KINDS
from charterwatch.store.models import Base

GROUP_KINDS: Final = ("copies", "campaign")
MERGE_ACTIONS: Final = ("merge", "split")
LINK_KINDS: Final = ("named", "similar")
ASSIGNMENT_KINDS: Final = ("routed", "override")


class ProposalRow(Base):
    """One proposal as received; ``position`` is intake order (the first of a group represents it)."""

    __tablename__ = "consult_proposal"
    __table_args__ = (
        CheckConstraint(f"channel IN {CHANNELS!r}", name="channel"),
        CheckConstraint(f"submitter_kind IN {SUBMITTER_KINDS!r}", name="submitter_kind"),
        UniqueConstraint("source_file", "source_row"),
        Index(None, "group_id"),
        Index(None, "language"),
    )

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, unique=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(16))
    submitter_kind: Mapped[str] = mapped_column(String(16))
    contact: Mapped[str | None] = mapped_column(Text, deferred=True)  # private: never exported publicly
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    articles: Mapped[list[str]] = mapped_column(JSON)  # article numbers the text names
    moderation: Mapped[int | None] = mapped_column(Integer)  # as imported (Polis: 1, 0, -1)
    source_file: Mapped[str | None] = mapped_column(Text)  # None for the web form
    source_row: Mapped[int | None] = mapped_column(Integer)
    meta: Mapped[dict[str, str]] = mapped_column(JSON)
    group_id: Mapped[str | None] = mapped_column(ForeignKey("consult_group.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class GroupRow(Base):
    """A duplicate group or campaign; its members are the proposals whose ``group_id`` names it."""

    __tablename__ = "consult_group"
    __table_args__ = (CheckConstraint(f"kind IN {GROUP_KINDS!r}", name="kind"),)

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    representative: Mapped[str] = mapped_column(String(128))  # a member's id (no FK: members point here)
    template: Mapped[str | None] = mapped_column(Text)
    method: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class MergeRow(Base):
    """One entry of a group's merge log: who joined or left it, why, by whom and when."""

    __tablename__ = "consult_merge"
    __table_args__ = (
        CheckConstraint(f"action IN {MERGE_ACTIONS!r}", name="action"),
        UniqueConstraint("group_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[str] = mapped_column(ForeignKey("consult_group.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(8))
    proposal_ids: Mapped[list[str]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(128))
    at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ThemeRow(Base):
    """A cluster of ideas with its c-TF-IDF keywords and the method that made it."""

    __tablename__ = "consult_theme"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    keywords: Mapped[list[str]] = mapped_column(JSON)
    method: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ThemeMemberRow(Base):
    """A proposal in a theme (a group's representative; its copies follow it)."""

    __tablename__ = "consult_theme_member"

    theme_id: Mapped[str] = mapped_column(
        ForeignKey("consult_theme.id", ondelete="CASCADE"), primary_key=True
    )
    proposal_id: Mapped[str] = mapped_column(
        ForeignKey("consult_proposal.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class WorkingGroupRow(Base):
    """A working group of the commission: the sections ("II") and articles ("23") it owns, its members."""

    __tablename__ = "consult_working_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    sections: Mapped[list[str]] = mapped_column(JSON)
    articles: Mapped[list[str]] = mapped_column(JSON)
    members: Mapped[list[str]] = mapped_column(JSON)
    source: Mapped[str | None] = mapped_column(Text)  # the file it was loaded from
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ArticleLinkRow(Base):
    """A proposal speaks to an article of a stored version: named in its text, or similar to its words.

    The evidence spans are in the proposal's text; ``method`` names the linker and its version.
    """

    __tablename__ = "consult_article_link"
    __table_args__ = (
        CheckConstraint(f"how IN {LINK_KINDS!r}", name="how"),
        UniqueConstraint("proposal_id", "version_id", "article_eid"),
        Index(None, "version_id", "article_num"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[str] = mapped_column(ForeignKey("consult_proposal.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey("version.id", ondelete="CASCADE"))
    article_eid: Mapped[str] = mapped_column(String(255))
    article_num: Mapped[str | None] = mapped_column(String(32))
    section: Mapped[str | None] = mapped_column(String(32))  # the number of the section holding the article
    score: Mapped[float] = mapped_column(Float)
    how: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[list[list[int]]] = mapped_column(JSON)  # [start, end] spans in the proposal's text
    words: Mapped[list[str]] = mapped_column(JSON)  # the matched words, weightiest first
    method: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class AssignmentRow(Base):
    """A proposal given to a working group, by routing or by hand; the newest row per proposal is current."""

    __tablename__ = "consult_assignment"
    __table_args__ = (
        CheckConstraint(f"how IN {ASSIGNMENT_KINDS!r}", name="how"),
        Index(None, "proposal_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[str] = mapped_column(ForeignKey("consult_proposal.id", ondelete="CASCADE"))
    working_group_id: Mapped[int] = mapped_column(
        ForeignKey("consult_working_group.id", ondelete="CASCADE"), index=True
    )
    how: Mapped[str] = mapped_column(String(16))
    by: Mapped[str] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(Text)
    load: Mapped[int] = mapped_column(Integer)  # the group's open proposals when this one was given to it
    details: Mapped[dict[str, Any]] = mapped_column(JSON)  # the articles and scores routing went by
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ReviewRow(Base):
    """A working group's decision on a proposal; the newest row per proposal is its status."""

    __tablename__ = "consult_review"
    __table_args__ = (
        CheckConstraint(f"status IN {REVIEW_STATUSES!r}", name="status"),
        Index(None, "proposal_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[str] = mapped_column(ForeignKey("consult_proposal.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(String(128))
    working_group: Mapped[str | None] = mapped_column(String(255))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class FollowRow(Base):
    """The private follow link of a proposal (revision 0013), kept as the SHA-256 digest of its token."""

    __tablename__ = "consult_follow"

    proposal_id: Mapped[str] = mapped_column(
        ForeignKey("consult_proposal.id", ondelete="CASCADE"), primary_key=True
    )
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
