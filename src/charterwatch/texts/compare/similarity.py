"""How alike two articles' words are: TF-IDF cosine for pairs, containment in runs of words for pieces.

Cosine answers "are these the same article?" and is what the assignment maximises. Word unigrams and
bigrams reward shared phrasing; the same over words cut to five letters (a crude stemmer) survive a changed
ending, which matters in Russian and Kazakh. (Character n-grams separate true pairs from the rest no better
on the Kazakh pair and cost six times as much.) Both are fitted on the articles of the two versions
together, so a word that is everywhere ("Республики", "закон") weighs little. Containment answers "is this text a piece of that one?",
which cosine cannot: a paragraph split off a long article has a low cosine with it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

Matrix = NDArray[np.float64]
STEM = 5  # letters: "Парламента", "Парламентом" and "парламентский" share "парла"; "закон" stays "закон"
MIN_RUN = 2  # words: a single shared word ("и", "закон") says nothing about where a text came from


def _vectorizers() -> tuple[Any, Any]:
    words = TfidfVectorizer(
        analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+", dtype=np.float64
    )
    stems = TfidfVectorizer(analyzer=stem_grams, sublinear_tf=True, dtype=np.float64)
    return words, stems


def stem_grams(text: str) -> list[str]:
    """Words cut to their first ``STEM`` letters, and pairs of them: inflection-proof words and phrases."""
    stems = [w[:STEM] for w in text.split()]
    return stems + [f"{a} {b}" for a, b in itertools.pairwise(stems)]


@dataclass
class Scorer:
    """TF-IDF vectors of the normalised articles of both versions, fitted together."""

    old: list[Any]  # one sparse matrix per vectorizer, a row per old article
    new: list[Any]

    @classmethod
    def fit(cls, old: Sequence[str], new: Sequence[str]) -> tuple[Scorer, Matrix]:
        """The vectors and the similarity of every old text with every new one."""
        corpus = [t or " " for t in [*old, *new]]
        scorer = cls([], [])
        total = np.zeros((len(old), len(new)))
        for vectorizer in _vectorizers():
            matrix = vectorizer.fit_transform(corpus).tocsr()
            scorer.old.append(matrix[: len(old)])
            scorer.new.append(matrix[len(old) :])
            total += np.asarray((scorer.old[-1] @ scorer.new[-1].T).toarray(), dtype=np.float64)
        total[[not t for t in old], :] = 0.0
        total[:, [not t for t in new]] = 0.0
        return scorer, cast(Matrix, np.clip(total / 2, 0.0, 1.0))

    def group_similarity(self, old: Sequence[int], new: Sequence[int]) -> float:
        """Cosine of the summed vectors of some old and some new articles (a merge, a split), as above."""
        total = 0.0
        for old_matrix, new_matrix in zip(self.old, self.new, strict=True):
            a = np.asarray(old_matrix[list(old)].sum(axis=0), dtype=np.float64).ravel()
            b = np.asarray(new_matrix[list(new)].sum(axis=0), dtype=np.float64).ravel()
            norm = float(np.linalg.norm(a) * np.linalg.norm(b))
            total += float(a @ b) / norm if norm else 0.0
        return min(max(total / 2, 0.0), 1.0)


def containment(piece: str, whole: str, *, minus: Sequence[str] = ()) -> float:
    """Share of ``piece``'s words found, in runs of ``MIN_RUN`` or more, in what ``whole`` has left.

    What ``whole`` has left is ``whole`` less the runs of words that ``minus`` (the articles it already gave
    its text to) took from it. A matcher, not bags of n-grams, so that what a piece shares with its sibling
    counts neither for nor against it.
    """
    piece_words = piece.split()
    if not piece_words:
        return 0.0
    left = whole.split()
    for other in minus:
        taken: set[int] = set()
        for start, _, size in _blocks(left, other.split()):
            taken.update(range(start, start + size))
        left = [w for k, w in enumerate(left) if k not in taken]
    return sum(size for _, _, size in _blocks(piece_words, left)) / len(piece_words)


def _blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Runs of at least ``MIN_RUN`` words that two word lists share: (start in a, start in b, size)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [(m.a, m.b, m.size) for m in matcher.get_matching_blocks() if m.size >= MIN_RUN]
