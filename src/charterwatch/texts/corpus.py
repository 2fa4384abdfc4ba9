"""The bundled corpus: official constitution texts shipped inside the package, with their provenance.

``manifest.yaml`` says for each file which version it is (jurisdiction, work, label, language, date, status)
and where it came from; ``SOURCES.md`` beside it keeps the full provenance notes.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from charterwatch.errors import CharterwatchError, E

Status = Literal["draft", "adopted", "in_force", "superseded"]
CORPUS_PACKAGE = "charterwatch.texts.corpus_data"


class CorpusEntry(BaseModel):
    """One bundled version and what it is."""

    model_config = ConfigDict(frozen=True)

    file: str
    jurisdiction: str
    work: str
    title: str
    label: str
    lang: Literal["en", "ru", "kk"]
    date: dt.date
    status: Status
    source: str

    @property
    def ref(self) -> str:
        """The reference users type; the language is part of it where a work has several."""
        return f"{self.jurisdiction}@{self.label}-{self.lang}"

    def path(self) -> Path:
        resource = resources.files(CORPUS_PACKAGE).joinpath(self.file)
        if not resource.is_file():
            raise CharterwatchError(E.CORPUS_MISSING, name=self.file)
        return Path(str(resource))


class _Manifest(BaseModel):
    versions: list[CorpusEntry]


@cache
def corpus_entries() -> tuple[CorpusEntry, ...]:
    """The bundled versions in manifest order."""
    resource = resources.files(CORPUS_PACKAGE).joinpath("manifest.yaml")
    if not resource.is_file():
        raise CharterwatchError(E.CORPUS_MISSING, name="manifest.yaml")
    data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    return tuple(_Manifest.model_validate(data).versions)


def corpus_entry(file_or_ref: str) -> CorpusEntry:
    """Find a bundled version by file name or by reference such as ``KZ@2026-ru``."""
    for entry in corpus_entries():
        if file_or_ref in (entry.file, entry.ref, entry.file.removesuffix(".txt")):
            return entry
    raise CharterwatchError(E.CORPUS_MISSING, name=file_or_ref)
