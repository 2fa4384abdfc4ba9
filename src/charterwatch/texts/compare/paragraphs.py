"""Sub-article alignment: which paragraphs of one article went into another, compared by lemma.

Whole-article similarity cannot see a paragraph that left its article: the article it joined still looks most
like its own source, and the one it left still looks like its successor. So each article is cut into units
(its own words before the first paragraph, then each paragraph with its items; an article with no parts into
sentences), every unit is lemmatised (Russian by pymorphy3, whose dictionary ships as a package; English and
Kazakh by their first five letters, as ``similarity.stem_grams`` does) with numbers masked and renamed bodies
mapped (``normalise.py``), and the units of both versions are compared by a TF-IDF cosine over lemmas and
lemma pairs, fitted on all units together.

``contributions`` says, for each old article and new article, how many of the old article's words sit in units
whose best counterpart (cosine at least ``PARA_MATCH``) is a unit of that new article, and the same from the new
side. ``align.py`` reads it to attach whole articles that went into another one (a merge, a split piece) and to
record the paragraphs that fed an article beside its main source (``Group.feeders``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import numpy as np

from charterwatch.lang.ru.morph import lemma as russian_lemma
from charterwatch.texts.compare.normalise import normalise
from charterwatch.texts.compare.similarity import Matrix, tfidf
from charterwatch.texts.tree import Provision

PARA_MATCH = 0.5  # cosine of two units that are the same paragraph (see docs/compare.md)
OWN_MATCH = 0.3  # a unit this close to one of its own article's counterparts has not left it
STEM = 5
_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=\S)")


@cache
def lemma(word: str, lang: str) -> str:
    """The word's dictionary form in Russian (the first parse's), its first five letters otherwise."""
    if lang == "ru" and word != "#" and not word.isdigit():
        return russian_lemma(word)
    return word[:STEM]


def lemma_grams(text: str) -> list[str]:
    """Lemmas and pairs of lemmas of an already lemmatised text."""
    tokens = text.split()
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


def units(article: Provision) -> list[str]:
    """The article's paragraphs (its own words first), or its sentences when it has no parts."""
    parts = [child.norm_text() for child in article.norm_children()]
    own = " ".join(article.text.split()) if article.text else ""
    if parts:
        return [text for text in [own, *parts] if text]
    return [s for s in _SENTENCE.split(own) if s] if own else []


@dataclass
class Contributions:
    """Words of each article that went, unit by unit, into an article of the other version."""

    old_to_new: dict[tuple[int, int], int]  # (old article, new article) -> old words in units matched there
    new_from_old: dict[tuple[int, int], int]  # (old article, new article) -> new words in units matched there
    old_words: list[int]
    new_words: list[int]
    sim: Matrix  # old units x new units
    old_owner: list[int]
    new_owner: list[int]
    old_unit_words: list[int]

    def moved(self, i: int, j: int, *, own_new: Sequence[int], own_old: Sequence[int]) -> int:
        """Words of old article ``i`` in units that left it for new article ``j``: each unit and its match in
        ``j`` are each other's best (cosine ``PARA_MATCH``), the unit has nothing like it (``OWN_MATCH``) in
        ``i``'s own successors ``own_new``, and its match nothing like it in ``j``'s own sources ``own_old``."""
        if not self.sim.size:
            return 0
        rows = [u for u, owner in enumerate(self.old_owner) if owner == i]
        own_cols = [v for v, owner in enumerate(self.new_owner) if owner in own_new]
        own_rows = [u for u, owner in enumerate(self.old_owner) if owner in own_old]
        total = 0
        for u in rows:
            v = int(self.sim[u].argmax())
            if self.new_owner[v] != j or self.sim[u, v] < PARA_MATCH or int(self.sim[:, v].argmax()) != u:
                continue
            if own_cols and self.sim[u, own_cols].max() >= OWN_MATCH:
                continue  # the paragraph is still in its own article too
            if own_rows and self.sim[own_rows, v].max() >= OWN_MATCH:
                continue  # the receiving article had it already
            total += self.old_unit_words[u]
        return total


def contributions(
    old_units: Sequence[Sequence[str]], new_units: Sequence[Sequence[str]], *, lang: str
) -> Contributions:
    """Match every unit with its most similar unit of the other version and add up words per article pair."""
    old_flat, old_owner = _flatten(old_units, lang)
    new_flat, new_owner = _flatten(new_units, lang)
    old_words = [sum(len(u.split()) for u in article) for article in old_units]
    new_words = [sum(len(u.split()) for u in article) for article in new_units]
    unit_words = [count for _, count in old_flat]
    if not old_flat or not new_flat:
        empty = np.zeros((len(old_flat), len(new_flat)))
        return Contributions({}, {}, old_words, new_words, empty, old_owner, new_owner, unit_words)
    matrix = tfidf([t for t, _ in old_flat] + [t for t, _ in new_flat], lemma_grams)
    sim: Matrix = (matrix[: len(old_flat)] @ matrix[len(old_flat) :].T).toarray()
    old_to_new: defaultdict[tuple[int, int], int] = defaultdict(int)
    new_from_old: defaultdict[tuple[int, int], int] = defaultdict(int)
    for u, v in enumerate(sim.argmax(axis=1).tolist()):
        if sim[u, v] >= PARA_MATCH:
            old_to_new[(old_owner[u], new_owner[v])] += old_flat[u][1]
    for v, u in enumerate(sim.argmax(axis=0).tolist()):
        if sim[u, v] >= PARA_MATCH:
            new_from_old[(old_owner[u], new_owner[v])] += new_flat[v][1]
    return Contributions(
        dict(old_to_new), dict(new_from_old), old_words, new_words, sim, old_owner, new_owner, unit_words
    )


def _flatten(articles: Sequence[Sequence[str]], lang: str) -> tuple[list[tuple[str, int]], list[int]]:
    """(lemmatised unit, its word count) for every unit, and the article each belongs to."""
    flat: list[tuple[str, int]] = []
    owner: list[int] = []
    for k, article in enumerate(articles):
        for text in article:
            normal = normalise(text, lang=lang)
            lemmas = " ".join(lemma(w, lang) for w in normal.split())
            if lemmas:
                flat.append((lemmas, len(text.split())))
                owner.append(k)
    return flat, owner
