"""The vocabularies and the gazetteer, read once from the package's data files.

Words live in data (``data/lexicon_en.yaml``, ``data/gazetteer.tsv``) rather than in code, so a reviewer can
read and extend them, and another language is another file beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from charterwatch.errors import CharterwatchError, E

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class PhraseTable:
    """Multi-word phrases by their first word, longest first, so a token scan finds the longest match."""

    by_first: dict[str, list[tuple[Phrase, str]]]

    @classmethod
    def build(cls, entries: dict[str, list[str]]) -> PhraseTable:
        by_first: dict[str, list[tuple[Phrase, str]]] = {}
        for value, phrases in entries.items():
            for phrase in phrases:
                words = tuple(tokenize_phrase(phrase))
                by_first.setdefault(words[0], []).append((words, value))
        for options in by_first.values():
            options.sort(key=lambda option: (-len(option[0]), option[1]))
        return cls(by_first)

    def match(self, words: list[str], i: int) -> tuple[int, str] | None:
        """The longest phrase starting at ``words[i]``: (number of words, value), or None."""
        options = self.by_first.get(words[i])
        if options is None:
            return None
        for phrase, value in options:
            if tuple(words[i : i + len(phrase)]) == phrase:
                return len(phrase), value
        return None


def tokenize_phrase(phrase: str) -> list[str]:
    from charterwatch.incidents.extraction.pipeline import strip_possessive
    from charterwatch.incidents.extraction.sentences import TOKEN

    return [strip_possessive(m.group().lower()) for m in TOKEN.finditer(phrase)]


@dataclass(frozen=True)
class Place:
    """A gazetteer place: a city's own GeoNames coordinates, a region's those of its seat, a country none."""

    name: str
    kind: str
    country: str
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Lexicon:
    """One language's vocabulary, as the extractor components use it."""

    raw: dict[str, Any]
    verbs: PhraseTable
    nouns: PhraseTable
    roles: PhraseTable
    perpetrators: PhraseTable
    quantifiers: PhraseTable
    generic_cues: PhraseTable
    suffer_verbs: PhraseTable
    currencies: PhraseTable
    rights: PhraseTable
    countries: dict[str, str]
    severity: dict[str, int]
    chains: list[frozenset[str]]
    sets: dict[str, frozenset[str]] = field(default_factory=dict)

    def words(self, key: str) -> frozenset[str]:
        """A word list of the vocabulary as a set (built once)."""
        found = self.sets.get(key)
        if found is None:
            found = self.sets[key] = frozenset(self.raw[key])
        return found


def _table(data: dict[str, Any], key: str) -> PhraseTable:
    value = data[key]
    return PhraseTable.build(value if isinstance(value, dict) else {key: value})


@cache
def lexicon(language: str = "en") -> Lexicon:
    """The vocabulary of ``language``; raises CORPUS_MISSING if the installation lost the file."""
    name = f"lexicon_{language}.yaml"
    try:
        text = (resources.files("charterwatch.incidents") / "data" / name).read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise CharterwatchError(E.CORPUS_MISSING, name=name) from e
    data: dict[str, Any] = yaml.safe_load(text)
    severity = {action: rank for rank, action in enumerate(data["severity"])}
    return Lexicon(
        raw=data,
        verbs=_table(data, "verbs"),
        nouns=_table(data, "nouns"),
        roles=_table(data, "roles"),
        perpetrators=_table(data, "perpetrators"),
        quantifiers=_table(data, "quantifiers"),
        generic_cues=_table(data, "generic_cues"),
        suffer_verbs=_table(data, "suffer_verbs"),
        currencies=_table(data, "currencies"),
        rights=_table(data, "rights"),
        countries={word: code for code, words in data["countries"].items() for word in words},
        severity=severity,
        chains=[frozenset(chain) for chain in data["chains"]],
    )


@cache
def gazetteer() -> dict[str, Place]:
    """Every spelling of a city, region or country the region's monitors report on, mapped to its place."""
    name = "gazetteer.tsv"
    try:
        text = (resources.files("charterwatch.incidents") / "data" / name).read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise CharterwatchError(E.CORPUS_MISSING, name=name) from e
    places: dict[str, Place] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        place_name, kind, country, lat, lon, variants = line.split("\t")
        place = Place(place_name, kind, country, float(lat) if lat else None, float(lon) if lon else None)
        for variant in variants.split("|"):
            places.setdefault(variant, place)
    return places
