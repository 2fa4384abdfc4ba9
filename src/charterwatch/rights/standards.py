"""The ICCPR limitation standards as validated data.

The treaty knowledge (grounds, rights, the post-Soviet phrase mapping, sources) lives in YAML so that a new
phrase, language or treaty is a data change. ``iccpr_limitations.yaml`` is an unchanged copy of the shared
research file; ``iccpr_additions.yaml`` layers charterwatch's additions on top (more phrase variants, the role
of a phrase, per-right verdicts), so the research copy can be refreshed without losing them.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from charterwatch.errors import CharterwatchError, E

Verdict = Literal["permitted", "conditional", "not_permitted"]
MatchKind = Literal["direct", "conditional", "partial", "none"]
Role = Literal["ground", "procedure", "measure", "persons"]
VERDICT_ORDER: dict[str, int] = {"not_permitted": 0, "conditional": 1, "permitted": 2}
_KAZAKH = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile("[а-яёА-ЯЁ]")


def phrase_language(text: str) -> str:
    """The language of a phrase from its letters: Kazakh letters, else Cyrillic, else English."""
    if _KAZAKH.search(text):
        return "kk"
    return "ru" if _CYRILLIC.search(text) else "en"


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class Ground(_Model):
    id: str
    label: str
    treaty_articles: list[str]
    not_available_in: list[str] = []
    synonyms: list[str] = []
    interpretation: str | None = None
    source: list[str]

    def articles(self) -> set[str]:
        """The bare ICCPR article numbers whose limitation clause lists this ground ("19(3)(b)" -> "19")."""
        found = (re.match(r"\d+", article) for article in self.treaty_articles)
        return {m.group(0) for m in found if m}


class LimitationClause(_Model):
    paragraph: str
    text: str
    grounds: list[str]
    excluded_grounds: list[str] = []
    test_words: list[str] = []


class Right(_Model):
    article: str
    name: str
    derogable: bool | str
    limitation_clause: LimitationClause | None = None
    internal_qualifiers: list[str] = []
    source: list[str]


class PhraseVerdict(_Model):
    """Phrases of one mapping entry that carry their own verdict (e.g. blanket prisoner disenfranchisement)."""

    verdict: Verdict
    phrases: list[str]
    reason: str


class PhraseEntry(_Model):
    id: str
    phrases: list[str]
    nearest_ground: str | list[str] | None
    alternative_ground: str | None = None
    match: MatchKind
    condition: str | None = None
    reasoning: str | None = None
    caveats: list[str] = []
    source: list[str]
    role: Role = "ground"
    applies_to: list[str] = []
    verdict_by_right: dict[str, Verdict] = {}
    verdict_reason: str | None = None
    phrase_verdicts: list[PhraseVerdict] = []

    def ground_ids(self) -> list[str]:
        """Ground ids this phrase maps to (a treaty-article reference such as "art. 20(1)" is not one)."""
        if self.nearest_ground is None:
            return []
        grounds = [self.nearest_ground] if isinstance(self.nearest_ground, str) else self.nearest_ground
        return [g for g in grounds if not g.startswith("art.")]

    def languages(self) -> list[str]:
        return sorted({phrase_language(p) for p in self.phrases})


class Source(_Model):
    title: str
    url: str | None = None
    doc: str | None = None
    verified: str


class TestItem(_Model):
    id: str
    words: list[str] = []
    source: list[str]


class Derogation(_Model):
    article: str
    nonderogable_listed: list[str]
    source: list[str]


class Standards(_Model):
    """The whole standards file, cross-checked: unique ids, known grounds, every cited source present."""

    schema_version: int
    scope: str
    grounds: list[Ground]
    general_test: list[TestItem]
    derogation: Derogation
    rights: list[Right]
    phrase_mapping: list[PhraseEntry]
    sources: dict[str, Source]
    themes: list[dict[str, Any]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _cross_check(self) -> Standards:
        ground_ids = [g.id for g in self.grounds]
        phrase_ids = [p.id for p in self.phrase_mapping]
        for kind, ids in (
            ("ground", ground_ids),
            ("phrase", phrase_ids),
            ("right", [r.article for r in self.rights]),
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"duplicate {kind} ids: {dupes}")
        if set(ground_ids) & set(phrase_ids):
            raise ValueError(
                f"ids used for both a ground and a phrase: {sorted(set(ground_ids) & set(phrase_ids))}"
            )
        known = set(ground_ids)
        for entry in self.phrase_mapping:
            grounds = (
                [entry.nearest_ground]
                if isinstance(entry.nearest_ground, str)
                else entry.nearest_ground or []
            )
            alternative = [entry.alternative_ground] if entry.alternative_ground else []
            unknown = [g for g in [*grounds, *alternative] if g not in known and not g.startswith("art.")]
            if unknown:
                raise ValueError(f"phrase {entry.id} maps to unknown grounds {unknown}")
            stray = [p for pv in entry.phrase_verdicts for p in pv.phrases if p not in entry.phrases]
            if stray:
                raise ValueError(f"phrase {entry.id} gives verdicts for phrases it does not list: {stray}")
        for right in self.rights:
            if right.limitation_clause and not set(right.limitation_clause.grounds) <= known:
                raise ValueError(f"article {right.article} lists unknown grounds")
        missing = sorted({s for s in self._cited() if s not in self.sources})
        if missing:
            raise ValueError(f"cited sources missing from sources: {missing}")
        return self

    def _cited(self) -> list[str]:
        items: list[Any] = [
            *self.grounds,
            *self.general_test,
            self.derogation,
            *self.rights,
            *self.phrase_mapping,
        ]
        cited = [s for item in items for s in item.source]
        return cited + [s for theme in self.themes for s in theme.get("source", [])]

    def ground(self, ground_id: str) -> Ground:
        return next(g for g in self.grounds if g.id == ground_id)

    def right(self, article: str) -> Right | None:
        return next((r for r in self.rights if r.article == article), None)

    def phrase(self, phrase_id: str) -> PhraseEntry:
        return next(p for p in self.phrase_mapping if p.id == phrase_id)

    def _entry(self, key: str) -> PhraseEntry | None:
        return next((p for p in self.phrase_mapping if p.id == key), None)

    def phrase_role(self, key: str) -> Role:
        entry = self._entry(key)
        return entry.role if entry else "ground"

    def phrase_applies_to(self, key: str) -> list[str]:
        entry = self._entry(key)
        return entry.applies_to if entry else []

    def ground_ids_of(self, key: str) -> list[str]:
        entry = self._entry(key)
        return entry.ground_ids() if entry else [key]

    def match_of(self, key: str) -> MatchKind:
        entry = self._entry(key)
        return entry.match if entry else "direct"

    def sources_of(self, key: str) -> list[str]:
        entry = self._entry(key)
        return entry.source if entry else self.ground(key).source

    def canonical_id(self, phrase_or_ground: str) -> str:
        """The id the gold scores on: a phrase mapped directly to a single ground becomes that ground."""
        entry = next((p for p in self.phrase_mapping if p.id == phrase_or_ground), None)
        direct = entry is not None and entry.match == "direct" and isinstance(entry.nearest_ground, str)
        if entry is not None and direct and len(entry.ground_ids()) == 1:
            return entry.ground_ids()[0]
        return phrase_or_ground


def _merge(base: dict[str, Any], additions: dict[str, Any]) -> dict[str, Any]:
    """Layer the additions file on the research file: extra phrases and synonyms, extra fields per entry."""
    merged = dict(base)
    for section, key, extend in (
        ("grounds", "synonyms", "add_synonyms"),
        ("phrase_mapping", "phrases", "add_phrases"),
    ):
        entries = [dict(e) for e in merged[section]]
        for patch in additions.get(section, []):
            target = next((e for e in entries if e["id"] == patch["id"]), None)
            if target is None:
                raise ValueError(f"additions name an unknown {section} entry {patch['id']!r}")
            target[key] = [*target.get(key, []), *patch.get(extend, [])]
            cited = [c for c in patch.get("add_source", []) if c not in target.get("source", [])]
            if cited:  # paraphrases name where they come from; the entry cites those sources too
                target["source"] = [*target.get("source", []), *cited]
            target.update({k: v for k, v in patch.items() if k not in ("id", extend, "add_source")})
        merged[section] = entries
    merged["sources"] = {**merged["sources"], **additions.get("sources", {})}
    return merged


# libyaml's loader when PyYAML was built with it: the standards load in a tenth of the time.
YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML data as ``yaml.safe_load`` does, with the C loader when there is one."""
    return yaml.load(text, Loader=YAML_LOADER)


def _read(name: str) -> dict[str, Any]:
    text = resources.files("charterwatch.rights").joinpath("data", name).read_text(encoding="utf-8")
    data = load_yaml(text)
    if not isinstance(data, dict):
        raise ValueError(f"{name} is not a mapping")
    return data


def parse_standards(base: dict[str, Any], additions: dict[str, Any] | None = None) -> Standards:
    """Validate standards data (and optional additions). Raises ``CharterwatchError`` on bad data."""
    try:
        return Standards.model_validate(_merge(base, additions or {}))
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        raise CharterwatchError(E.STANDARDS_INVALID, reason=f"{where}: {first['msg']}") from e
    except (ValueError, KeyError, TypeError) as e:
        raise CharterwatchError(E.STANDARDS_INVALID, reason=str(e).splitlines()[0]) from e


@cache
def load_standards() -> Standards:
    """The bundled ICCPR standards with charterwatch's additions (read once)."""
    try:
        base, additions = _read("iccpr_limitations.yaml"), _read("iccpr_additions.yaml")
    except (OSError, yaml.YAMLError, ValueError) as e:
        raise CharterwatchError(E.STANDARDS_INVALID, reason=str(e).splitlines()[0]) from e
    return parse_standards(base, additions)
