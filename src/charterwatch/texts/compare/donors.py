"""Foreign articles for synthetic insertions: realistic legal text that is no rewrite of any source article.

Donors come from the bundled texts of another work in the same language (Russia's constitution for
Kazakhstan's Russian text and back). An article inserted into a variant must be new in truth, so a donor is
kept only when it shares few word stems with every source article (Jaccard below ``FOREIGN_JACCARD``):
the Kazakh constitution copied whole Russian articles (labour, family, dignity), and inserting one of those
next to its Kazakh twin would make a "new" article that any reader would call a rewrite. This test is
deliberately not the aligner's similarity. A language with no second work (the English and Kazakh
translations) gets articles written by a seeded word-pair Markov chain over the source text itself that
never copies three words in a row from one article: its words and phrasing, but no article's content.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Sequence

from charterwatch.texts.compare.normalise import normalise, words
from charterwatch.texts.corpus import CorpusEntry, corpus_entries
from charterwatch.texts.parse import parse_text
from charterwatch.texts.tree import ParsedText

FOREIGN_JACCARD = 0.2
FOREIGN_RUN = 4
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
        markov = markov_articles(source, seed=seed, count=count * 3)
        return foreign(markov, source, lang=entry.lang, phrases=False)[:count]
    return foreign(candidates, source, lang=entry.lang)[:count]


def foreign(candidates: Sequence[str], source: ParsedText, *, lang: str, phrases: bool = True) -> list[str]:
    """The candidates (deduplicated, order kept) that share few stems and no phrase with any source article.

    A phrase is ``FOREIGN_RUN`` words in a row found in one source article only (a formula found in several,
    "of the Republic of", is no one article's content). Short twins ("Каждый имеет право на жизнь ...")
    share few stems in all, but always such a phrase. ``phrases=False`` skips that test, for the Markov
    articles, which are no article's twin by construction and repeat phrases by chance.
    """
    source_stems = [_stems(a.norm_text(), lang) for a in source.articles()]
    run_counts = Counter(run for a in source.articles() for run in _runs(a.norm_text(), lang))
    source_runs = {run for run, count in run_counts.items() if count == 1}
    kept: list[str] = []
    for text in dict.fromkeys(candidates):
        stems = _stems(text, lang)
        if (
            len(words(text)) >= 10
            and all(_jaccard(stems, s) < FOREIGN_JACCARD for s in source_stems)
            and not (phrases and _runs(text, lang) & source_runs)
        ):
            kept.append(text)
    return kept


def markov_articles(source: ParsedText, *, seed: int, count: int) -> list[str]:
    """Articles of 30 to 90 words from a word-pair Markov chain over the source's articles.

    Each step takes its next word from a different article than the step before, where it can, so that no
    run of three words is copied from one article: the words and phrasing are the text's, the content none.
    """
    following: dict[str, list[tuple[str, int]]] = {}
    starts: set[str] = set()
    for k, article in enumerate(source.articles()):
        tokens = article.norm_text().split()
        starts.update(t for t in tokens if t[:1].isupper())
        for first, second in itertools.pairwise(tokens):
            following.setdefault(first, []).append((second, k))
    rng = random.Random(seed)
    ordered_starts = sorted(starts)
    articles = []
    for _ in range(count):
        out, came_from = [rng.choice(ordered_starts)], -1
        for _ in range(rng.randint(30, 90)):
            options = following.get(out[-1], [])
            elsewhere = [o for o in options if o[1] != came_from] or options
            word, came_from = rng.choice(elsewhere) if elsewhere else (rng.choice(ordered_starts), -1)
            out.append(word)
        articles.append(" ".join(out))
    return articles


def _stems(text: str, lang: str) -> set[str]:
    return {w[:STEM] for w in normalise(text, lang=lang).split() if len(w) >= 4}


def _runs(text: str, lang: str) -> set[tuple[str, ...]]:
    tokens = normalise(text, lang=lang).split()
    return {tuple(tokens[k : k + FOREIGN_RUN]) for k in range(len(tokens) - FOREIGN_RUN + 1)}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0
