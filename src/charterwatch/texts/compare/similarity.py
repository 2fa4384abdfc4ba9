"""How alike two articles' words are: TF-IDF cosine for pairs, weighted word-pair containment for pieces.

Cosine answers "are these the same article?" and is what the assignment maximises. Word n-grams reward
shared phrasing; character n-grams (within words) survive inflection, a changed ending or a typo, which
matters in Russian and Kazakh. Both are fitted on the articles of the two versions together, so a word that
is everywhere ("Республики", "закон") weighs little. Containment answers "is this text a piece of that one?",
which cosine cannot: a paragraph split off a long article has a low cosine with it.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

Matrix = NDArray[np.float64]


def _vectorizers() -> tuple[Any, Any]:
    words = TfidfVectorizer(
        analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+", dtype=np.float64
    )
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float64)
    return words, chars


@dataclass
class Scorer:
    """Fitted on the normalised articles of both versions; scores any texts in that vocabulary."""

    _words: Any
    _chars: Any
    _idf: dict[tuple[str, str], float]
    _unseen_idf: float
    _grams: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def fit(cls, old: Sequence[str], new: Sequence[str]) -> tuple[Scorer, Matrix]:
        """The scorer and the similarity of every old text with every new one (one pass over the texts)."""
        words, chars = _vectorizers()
        corpus = [t or " " for t in [*old, *new]]
        total = np.zeros((len(old), len(new)))
        for vectorizer in (words, chars):
            matrix = vectorizer.fit_transform(corpus)
            total += np.asarray((matrix[: len(old)] @ matrix[len(old) :].T).toarray(), dtype=np.float64)
        total[[not t for t in old], :] = 0.0
        total[:, [not t for t in new]] = 0.0
        idf = _bigram_idf([t for t in corpus if t.strip()])
        scorer = cls(words, chars, idf, max(idf.values(), default=1.0))
        return scorer, cast(Matrix, np.clip(total / 2, 0.0, 1.0))

    def similarity(self, old: Sequence[str], new: Sequence[str]) -> Matrix:
        """Cosine of every old text with every new one: the mean of the word and character cosines."""
        total = np.zeros((len(old), len(new)))
        if not old or not new:
            return total
        for vectorizer in (self._words, self._chars):
            a = vectorizer.transform([t or " " for t in old])
            b = vectorizer.transform([t or " " for t in new])
            total += np.asarray((a @ b.T).toarray(), dtype=np.float64)
        return cast(Matrix, np.clip(total / 2, 0.0, 1.0))

    def pair_similarity(self, old: str, new: str) -> float:
        return float(self.similarity([old], [new])[0, 0])

    def containment(self, piece: str, whole: str, *, minus: Sequence[str] = ()) -> float:
        """Share of ``piece``'s word pairs (IDF-weighted) found in ``whole`` but in none of ``minus``.

        ``minus`` holds what ``whole`` is already known to have given to other articles, so that a piece only
        counts as coming from ``whole`` for content nobody else has taken.
        """
        grams = self._bigrams(piece)
        if not grams:
            return 0.0
        found = self._bigrams(whole).difference(*(self._bigrams(other) for other in minus))
        total = found_weight = 0.0
        for gram in grams:
            weight = self._idf.get(gram, self._unseen_idf)
            total += weight
            if gram in found:
                found_weight += weight
        return found_weight / total

    def _bigrams(self, text: str) -> frozenset[tuple[str, str]]:
        grams = self._grams.get(text)
        if grams is None:
            tokens = text.split()
            grams = self._grams[text] = frozenset(itertools.pairwise(tokens))
        return grams


def _bigram_idf(texts: Sequence[str]) -> dict[tuple[str, str], float]:
    """Smoothed IDF of word pairs, as in scikit-learn: ln((1 + n) / (1 + df)) + 1."""
    df: Counter[tuple[str, str]] = Counter()
    for text in texts:
        tokens = text.split()
        df.update(set(itertools.pairwise(tokens)))
    n = len(texts)
    return {g: math.log((1 + n) / (1 + count)) + 1 for g, count in df.items()}
