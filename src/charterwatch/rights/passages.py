"""The paragraphs of each side of a delta, tokenised on demand: counterparts, phrases and where they are."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from charterwatch.rights.delta_model import Passage
from charterwatch.rights.lemmas import Token, tokenize
from charterwatch.rights.model import Evidence, Location
from charterwatch.rights.phrases import Matcher, compile_pattern
from charterwatch.rights.units import units
from charterwatch.texts.compare.model import Comparison
from charterwatch.texts.tree import ParsedText

_MIN_WORD = 3  # shorter words (prepositions) do not count when looking for a counterpart paragraph


@lru_cache(maxsize=2048)
def phrase_matcher(key: str, phrases: tuple[str, ...], lang: str) -> _Phrases:
    """A matcher for data phrases (same syntax as the standards), cached per phrase list and language."""
    compiled = [p for p in (compile_pattern(key, text, lang) for text in phrases) if p is not None]
    return _Phrases(
        Matcher(compiled, stopwords=frozenset({"the", "a", "an"})), tuple(p.slots for p in compiled)
    )


@dataclass(frozen=True)
class _Phrases:
    matcher: Matcher
    slots: tuple[tuple[frozenset[str], ...], ...]  # per pattern, the lemmas each word may have

    def may_match(self, lemmas: frozenset[str]) -> bool:
        """False when some word of every pattern is missing from ``lemmas`` (a quick test before matching)."""
        return any(all(slot & lemmas for slot in slots) for slots in self.slots)


# The versions' paragraphs, tokenised on demand, to find counterparts and phrases.


@dataclass
class _Paragraph:
    location: Location
    start: int
    end: int
    text: str
    lang: str

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.text, self.lang, offset=self.start)

    @cached_property
    def lemmas(self) -> frozenset[str]:
        return frozenset(lemma for t in self.tokens for lemma in t.lemmas)

    @cached_property
    def keys(self) -> frozenset[str]:
        return _keys(self.text, self.lang)


@dataclass
class VersionText:
    """One side of the delta: its ref and, when the parsed text is given, its paragraphs by article."""

    ref: str
    parsed: ParsedText | None
    by_article: dict[str | None, list[_Paragraph]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.parsed is None:
            return
        for unit in units(self.parsed, version=self.ref):
            start, end = unit.provision.text_span
            paragraph = _Paragraph(unit.location, start, end, unit.provision.text, self.parsed.lang)
            self.by_article.setdefault(unit.location.article, []).append(paragraph)

    @property
    def paragraphs(self) -> Iterable[_Paragraph]:
        return (p for paragraphs in self.by_article.values() for p in paragraphs)

    def paragraphevidence_of(self, location: Location) -> Evidence | None:
        """The whole paragraph at ``location`` (None without the parsed text)."""
        for paragraph in self.by_article.get(location.article, []):
            if paragraph.location.eid == location.eid:
                return Evidence(paragraph.start, paragraph.end, paragraph.text)
        return None

    def contains(self, passage: Passage | None, words: str) -> bool:
        """Whether ``words`` (from either version) occur in ``passage``, word by word with short gaps."""
        if passage is None or self.parsed is None:
            return False
        phrases = self._words(words)
        paragraph = next(
            (p for p in self.by_article.get(passage.article, []) if p.location.eid == passage.eid), None
        )
        if paragraph is not None and (paragraph.start, paragraph.end) == (passage.start, passage.end):
            return phrases.may_match(paragraph.lemmas) and bool(phrases.matcher.find(paragraph.tokens))
        return bool(phrases.matcher.find(tokenize(passage.quote, self.parsed.lang, offset=passage.start)))

    def anywhere(self, words: str) -> bool:
        """Whether ``words`` occur in any paragraph of this version."""
        phrases = self._words(words)
        return any(phrases.may_match(p.lemmas) and phrases.matcher.find(p.tokens) for p in self.paragraphs)

    def _words(self, words: str) -> _Phrases:
        lang = self.parsed.lang if self.parsed else "en"
        return phrase_matcher("words", (" …2 ".join(t.text for t in tokenize(words, lang)),), lang)

    def passage(self, paragraph: _Paragraph) -> Passage:
        return Passage.of(
            self.ref, paragraph.location, Evidence(paragraph.start, paragraph.end, paragraph.text)
        )

    def counterpart(
        self, articles: Sequence[str], like: Evidence, lang: str, *, around: Evidence | None = None
    ) -> Passage | None:
        """The paragraph of ``articles`` most like ``like`` (words of the other version).

        Cosine over lemmas, the words of ``like`` weighing twice those of the paragraph ``around`` it, so the
        sentence decides and its paragraph breaks ties.
        """
        weights = {k: 1.0 for k in _keys(around.quote if around else "", lang)}
        weights.update({k: 2.0 for k in _keys(like.quote, lang)})
        norm = math.sqrt(sum(w * w for w in weights.values()))
        best, best_score = None, 0.0
        for article in articles:
            for paragraph in self.by_article.get(article, []):
                shared = sum(weights.get(k, 0.0) for k in paragraph.keys)
                score = shared / (norm * math.sqrt(len(paragraph.keys))) if shared else 0.0
                if score > best_score:
                    best, best_score = paragraph, score
        return self.passage(best) if best is not None else None


def _keys(text: str, lang: str) -> frozenset[str]:
    """One key per word: its shortest lemma (so a word's forms count once); short words left out."""
    return frozenset(
        min(t.lemmas, key=lambda w: (len(w), w)) for t in tokenize(text, lang) if len(t.text) >= _MIN_WORD
    )


@dataclass
class Sides:
    old: VersionText
    new: VersionText
    comparison: Comparison
    lang: str

    @cached_property
    def to_new(self) -> dict[str, list[str]]:
        return self.comparison.renumbering()

    @cached_property
    def to_old(self) -> dict[str, list[str]]:
        mapping: dict[str, list[str]] = {}
        for pair in self.comparison.pairs:
            for num in pair.new:
                mapping.setdefault(num, []).extend(pair.old)
        return mapping

    def in_new(self, location: Location | None, evidence: Evidence | None) -> Passage | None:
        """What the new version says where the old one said ``evidence`` (compared as its whole paragraph)."""
        if location is None or evidence is None or location.article is None:
            return None
        around = self.old.paragraphevidence_of(location)
        return self.new.counterpart(self.to_new.get(location.article, []), evidence, self.lang, around=around)

    def in_old(self, location: Location | None, evidence: Evidence | None) -> Passage | None:
        if location is None or evidence is None or location.article is None:
            return None
        around = self.new.paragraphevidence_of(location)
        return self.old.counterpart(self.to_old.get(location.article, []), evidence, self.lang, around=around)


def find_phrases(version: VersionText, key: str, phrases: Sequence[str]) -> list[Passage]:
    """Every paragraph span where one of ``phrases`` occurs (the version's parsed text is needed)."""
    if version.parsed is None:
        return []
    compiled = phrase_matcher(key, tuple(phrases), version.parsed.lang)
    found: list[Passage] = []
    for paragraph in version.paragraphs:
        if not compiled.may_match(paragraph.lemmas):
            continue
        for match in compiled.matcher.find(paragraph.tokens):
            start, end = match.span(paragraph.tokens)
            found.append(
                Passage.of(
                    version.ref,
                    paragraph.location,
                    Evidence(start, end, version.parsed.source_text[start:end]),
                )
            )
    return found


def paragraph_of(version: VersionText, passage: Passage) -> Passage | None:
    """The whole paragraph a passage lies in."""
    for paragraph in version.by_article.get(passage.article, []):
        if paragraph.location.eid == passage.eid:
            return version.passage(paragraph)
    return None
