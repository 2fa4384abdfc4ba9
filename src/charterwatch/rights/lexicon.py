"""The compiled vocabulary of one language: ground phrases from the standards, clause cues and right words.

Built once per language from the data files (``cues.yaml`` and the standards), so a new language is a new
block of data. Ground phrases come from two places: ``phrase_mapping`` (reported under the phrase id) and the
grounds' own synonyms (reported under the ground id, as the gold does for treaty wording).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from charterwatch.errors import CharterwatchError, E
from charterwatch.rights.phrases import Matcher, Pattern, compile_pattern
from charterwatch.rights.standards import Standards, load_standards, load_yaml, phrase_language

CUE_KINDS = (
    "limit",
    "subject_limit",
    "prohibit",
    "guarantee",
    "exercise",
    "general",
    "purpose",
    "refers_back",
    "institution",
    "cases",
    "office_holder",
    "legality",
    "necessity",
    "proportionality",
)
TEST_WORDS = ("legality", "necessity", "proportionality")


class LanguageCues(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    stopwords: list[str]
    limit: list[str]
    subject_limit: list[str]
    prohibit: list[str]
    guarantee: list[str]
    exercise: list[str]
    general: list[str]
    purpose: list[str]
    refers_back: list[str]
    institution: list[str]
    cases: list[str] = []
    office_holder: list[str] = []
    legality: list[str]
    necessity: list[str]
    proportionality: list[str]
    rights: dict[str, list[str]]
    fallback_rights: list[str]
    # The exercised right comes before the word for "exercise" (Kazakh: "құқығын жүзеге асыру").
    exercised_before: bool = False


class CueFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    languages: dict[str, LanguageCues]


@cache
def load_cues() -> CueFile:
    try:
        text = (
            resources.files("charterwatch.rights").joinpath("data", "cues.yaml").read_text(encoding="utf-8")
        )
        return CueFile.model_validate(load_yaml(text))
    except (OSError, yaml.YAMLError, ValidationError) as e:
        raise CharterwatchError(E.STANDARDS_INVALID, reason=f"cues.yaml: {str(e).splitlines()[0]}") from e


@dataclass(frozen=True)
class Lexicon:
    lang: str
    cues: LanguageCues
    grounds: Matcher
    ground_rank: dict[str, int]
    cue_matcher: Matcher  # every cue, keyed by its kind
    rights: Matcher
    stopwords: frozenset[str]
    person_phrases: frozenset[str] = frozenset()  # phrase ids naming office-holders, body words and all


def languages() -> list[str]:
    return sorted(load_cues().languages)


@cache
def lexicon(lang: str) -> Lexicon | None:
    """The compiled vocabulary for ``lang``, or None for a language the data does not cover."""
    cues = load_cues().languages.get(lang)
    if cues is None:
        return None
    standards = load_standards()
    stop = frozenset(cues.stopwords)

    def compiled(key: str, phrases: list[str]) -> list[Pattern]:
        found = (compile_pattern(key, p, lang, stopwords=stop) for p in phrases)
        return [p for p in found if p is not None]

    ground_patterns, rank = _ground_patterns(standards, lang, compiled)
    return Lexicon(
        lang=lang,
        cues=cues,
        grounds=Matcher(ground_patterns, stopwords=stop),
        ground_rank=rank,
        cue_matcher=Matcher([p for k in CUE_KINDS for p in compiled(k, getattr(cues, k))], stopwords=stop),
        rights=Matcher([p for art, ps in cues.rights.items() for p in compiled(art, ps)], stopwords=stop),
        stopwords=stop,
        person_phrases=frozenset(e.id for e in standards.phrase_mapping if e.role == "persons"),
    )


def _ground_patterns(
    standards: Standards, lang: str, compiled: Callable[[str, list[str]], list[Pattern]]
) -> tuple[list[Pattern], dict[str, int]]:
    """Patterns for every phrase of ``lang``; rank prefers single-ground and phrase-mapping readings on ties."""
    patterns: list[Pattern] = []
    rank: dict[str, int] = {}
    for entry in standards.phrase_mapping:
        patterns += compiled(entry.id, [p for p in entry.phrases if phrase_language(p) == lang])
        rank[entry.id] = 2 * len(entry.ground_ids())
    for ground in standards.grounds:
        patterns += compiled(ground.id, [s for s in ground.synonyms if phrase_language(s) == lang])
        rank[ground.id] = 3
    return patterns, rank
