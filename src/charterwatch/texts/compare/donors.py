"""Foreign articles for synthetic insertions: realistic legal text that is no rewrite of any source article.

Donors come from the bundled texts of another work in the same language (Russia's constitution for
Kazakhstan's Russian text and back). An article inserted into a variant must be new in truth, so a donor is
kept only when it shares few word stems with every source article (Jaccard below ``FOREIGN_JACCARD``):
the Kazakh constitution copied whole Russian articles (labour, family, dignity), and inserting one of those
next to its Kazakh twin would make a "new" article that any reader would call a rewrite. This test is
deliberately not the aligner's similarity. A language with no second work (the English and Kazakh
translations) gets articles written by a seeded word-pair Markov chain over the source text itself: its
words and phrasing, but no article's content.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

from charterwatch.texts.compare.normalise import normalise, words
from charterwatch.texts.corpus import CorpusEntry, corpus_entries
from charterwatch.texts.parse import parse_text
from charterwatch.texts.tree import ParsedText

FOREIGN_JACCARD = 0.2
STEM = 5  # letters: a crude stemmer that is enough to tell topics apart


def donor_texts(source: ParsedText, entry: CorpusEntry, *, seed: int = 0, count: int = 40) -> list[str]:
    """Norm texts of foreign articles for ``source`` (the bundled ``entry``), in a stable order."""
    others = [
        e
        for e in corpus_entries()
        if e.lang == entry.lang and (e.jurisdiction, e.work) != (entry.jurisdiction, entry.work)
    ]
    candidates: list[str] = []
    for other in others:
        text = parse_text(other.path().read_text(encoding="utf-8"), lang=other.lang)
        candidates.extend(a.norm_text() for a in text.articles())
    if not candidates:
        candidates = markov_articles(source, seed=seed, count=count * 3)
    return foreign(candidates, source, lang=entry.lang)[:count]


def foreign(candidates: Sequence[str], source: ParsedText, *, lang: str) -> list[str]:
    """The candidates (deduplicated, order kept) whose stems overlap no source article much."""
    source_stems = [_stems(a.norm_text(), lang) for a in source.articles()]
    kept: list[str] = []
    for text in dict.fromkeys(candidates):
        stems = _stems(text, lang)
        if len(words(text)) >= 10 and all(_jaccard(stems, s) < FOREIGN_JACCARD for s in source_stems):
            kept.append(text)
    return kept


def markov_articles(source: ParsedText, *, seed: int, count: int) -> list[str]:
    """Articles of 30 to 90 words from a word-pair Markov chain over the source's norm text."""
    tokens = " ".join(a.norm_text() for a in source.articles()).split()
    following: dict[str, list[str]] = {}
    for first, second in itertools.pairwise(tokens):
        following.setdefault(first, []).append(second)
    starts = sorted({t for t in tokens if t[:1].isupper()})
    rng = random.Random(seed)
    articles = []
    for _ in range(count):
        out = [rng.choice(starts)]
        for _ in range(rng.randint(30, 90)):
            out.append(rng.choice(following.get(out[-1]) or starts))
        articles.append(" ".join(out))
    return articles


def _stems(text: str, lang: str) -> set[str]:
    return {w[:STEM] for w in normalise(text, lang=lang).split() if len(w) >= 4}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0
