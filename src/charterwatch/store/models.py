"""The tables of the texts domain, and the shared declarative ``Base`` every other model module builds on.

Other domains (comparisons, findings, incidents, proposals) add their own model modules next to this one
(``store/models_<domain>.py``) or in their package (``<domain>/models.py``), subclass this ``Base`` and ship an
Alembic revision; ``load_model_modules`` finds them so ``Base.metadata`` is complete for autogenerate and tests.
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import Final

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

VERSION_STATUSES: Final = ("draft", "adopted", "in_force", "superseded")
SOURCE_FORMATS: Final = ("txt", "html", "pdf", "docx", "akn", "json", "md")

# Stable constraint names, so later migrations can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION: Final = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The one declarative base: one ``MetaData`` for every table charterwatch stores."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Document(Base):
    """A work: one constitution of one jurisdiction, whatever its versions and languages."""

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("jurisdiction", "work_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    jurisdiction: Mapped[str] = mapped_column(String(16))
    work_date: Mapped[str] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    frbr_work: Mapped[str] = mapped_column(String(255), unique=True)

    versions: Mapped[list[Version]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )


class Version(Base):
    """A dated expression of a document in one language, with the exact source text its spans point into."""

    __tablename__ = "version"
    __table_args__ = (
        UniqueConstraint("document_id", "label", "lang"),
        CheckConstraint(f"status IN {VERSION_STATUSES!r}", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(8))
    date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    source_format: Mapped[str] = mapped_column(String(8))
    checksum: Mapped[str] = mapped_column(String(64))
    source_text: Mapped[str] = mapped_column(Text, deferred=True)
    parser: Mapped[str] = mapped_column(String(64))
    structure: Mapped[str | None] = mapped_column(Text, deferred=True)  # JSON of texts.structure.v1
    frbr_expression: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    # joined: a version's reference needs its jurisdiction even after the session is closed
    document: Mapped[Document] = relationship(back_populates="versions", lazy="joined")


class Provision(Base):
    """One node of a version's tree, flattened: ``position`` is document order, ``parent_id`` the tree."""

    __tablename__ = "provision"
    __table_args__ = (
        UniqueConstraint("version_id", "eid"),
        Index(None, "version_id", "kind", "num"),
        Index(None, "version_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("version.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("provision.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    depth: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    eid: Mapped[str] = mapped_column(String(255))
    num: Mapped[str | None] = mapped_column(String(32))
    label: Mapped[str | None] = mapped_column(Text)
    heading: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    # the text's words as written and as lemmas, folded (texts/search_words.py), for search only (0014)
    search_forms: Mapped[str] = mapped_column(Text, deferred=True, server_default="")
    search_lemmas: Mapped[str] = mapped_column(Text, deferred=True, server_default="")
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    text_start: Mapped[int] = mapped_column(Integer)
    text_end: Mapped[int] = mapped_column(Integer)


def load_model_modules() -> list[str]:
    """Import every model module of the package, so ``Base.metadata`` knows all tables; returns their names.

    A model module is ``charterwatch/store/models*.py``, ``charterwatch/<domain>/models.py`` or
    ``charterwatch/<domain>/<part>/models.py`` (``texts/compare/models.py``).
    """
    root = Path(__file__).resolve().parent.parent
    paths = [*sorted(root.glob("store/models*.py")), *sorted(root.glob("*/models.py"))]
    paths += sorted(root.glob("*/*/models.py"))
    names: list[str] = []
    for path in dict.fromkeys(paths):
        name = "charterwatch." + ".".join(path.relative_to(root).with_suffix("").parts)
        importlib.import_module(name)
        names.append(name)
    return names
