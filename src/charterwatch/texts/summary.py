"""Figures about stored versions: what the demo and the dashboard print first."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy.orm import Session

from charterwatch.texts.storage import list_versions, load_version, version_ref

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class VersionSummary:
    ref: str
    title: str
    date: dt.date | None
    status: str
    lang: str
    sections: int
    articles: int
    paragraphs: int
    notes: int
    words: int  # norm words only: editorial notes are not counted


def summarise_versions(session: Session) -> list[VersionSummary]:
    """One line of figures per stored version, oldest first within each jurisdiction."""
    summaries = []
    for version in list_versions(session):
        parsed = load_version(session, version)
        kinds = Counter(node.kind for node in parsed.walk())
        words = sum(len(_WORD.findall(node.text)) for node in parsed.walk() if node.kind != "note")
        summaries.append(
            VersionSummary(
                ref=version_ref(version),
                title=version.title or version.document.title or "",
                date=version.date,
                status=version.status,
                lang=version.lang,
                sections=kinds["section"] + kinds["chapter"],
                articles=kinds["article"],
                paragraphs=kinds["paragraph"],
                notes=kinds["note"],
                words=words,
            )
        )
    return summaries
