"""How alike two articles' words are: TF-IDF cosine for pairs, containment in runs of words for pieces.

Cosine answers "are these the same article?" and is what the assignment maximises. Word unigrams and
bigrams reward shared phrasing; the same over words cut to five letters (a crude stemmer) survive a changed
ending, which matters in Russian and Kazakh. (Character n-grams separated true pairs from the rest no better
in our measurements and cost six times as much.) Both are fitted on the articles of the two versions
together, so a word that is everywhere ("Республики", "закон") weighs little. Containment answers "is this
text a piece of that one?", which cosine cannot: a paragraph split off a long article has a low cosine
with it.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray
from scipy import sparse  # type: ignore[import-untyped]

Matrix = NDArray[np.float64]
STEM = 5  # letters: "Парламента", "Парламентом" and "парламентский" share "парла"; "закон" stays "закон"


def word_grams(text: str) -> list[str]:
    """Words and pairs of words."""
    tokens = text.split()
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


def stem_grams(text: str) -> list[str]:
    """Words cut to their first ``STEM`` letters, and pairs of them: inflection-proof words and phrases."""
    stems = [w[:STEM] for w in text.split()]
    return stems + [f"{a} {b}" for a, b in itertools.pairwise(stems)]


def tfidf(texts: Sequence[str], features: Callable[[str], list[str]]) -> Any:
    """Rows of L2-normalised TF-IDF (CSR), as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` makes:
    tf = 1 + ln(count), idf = ln((1 + n) / (1 + df)) + 1. Written out, it is a third faster and spares the
    package a heavy import."""
    vocabulary: defaultdict[str, int] = defaultdict(itertools.count().__next__)  # a new gram gets the next id
    ids: list[int] = []
    rows: list[int] = []
    for row, text in enumerate(texts):
        grams = features(text)
        ids.extend(map(vocabulary.__getitem__, grams))
        rows.extend([row] * len(grams))
    width = max(len(vocabulary), 1)
    cells, counts = np.unique(
        np.asarray(rows, dtype=np.int64) * width + np.asarray(ids, dtype=np.int64), return_counts=True
    )
    rows_of, columns = np.divmod(cells, width)
    shape = (len(texts), width)
    df = np.bincount(columns, minlength=width)
    idf = np.log((1 + len(texts)) / (1 + df)) + 1
    weights = (np.log(counts.astype(np.float64)) + 1) * idf[columns]
    matrix = sparse.csr_matrix((weights, (rows_of, columns)), shape=shape)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1 / norms) @ matrix


@dataclass
class Scorer:
    """TF-IDF vectors of the normalised articles of both versions, fitted together."""

    old: list[Any]  # one sparse matrix per kind of feature, a row per old article
    new: list[Any]

    @classmethod
    def fit(cls, old: Sequence[str], new: Sequence[str]) -> tuple[Scorer, Matrix]:
        """The vectors and the similarity of every old text with every new one."""
        corpus = [*old, *new]
        scorer = cls([], [])
        total = np.zeros((len(old), len(new)))
        for features in (word_grams, stem_grams):
            matrix = tfidf(corpus, features).tocsr()
            scorer.old.append(matrix[: len(old)])
            scorer.new.append(matrix[len(old) :])
            total += np.asarray((scorer.old[-1] @ scorer.new[-1].T).toarray(), dtype=np.float64)
        return scorer, cast(Matrix, np.clip(total / 2, 0.0, 1.0))

    def group_similarity(self, old: Sequence[int], new: Sequence[int]) -> float:
        """Cosine of the summed vectors of some old and some new articles (a merge, a split), as above."""
        total = 0.0
        for old_matrix, new_matrix in zip(self.old, self.new, strict=True):
            a = np.asarray(old_matrix[list(old)].sum(axis=0)).ravel()
            b = np.asarray(new_matrix[list(new)].sum(axis=0)).ravel()
            norm = float(np.sqrt((a * a).sum() * (b * b).sum()))
            total += float((a * b).sum()) / norm if norm else 0.0
        return min(max(total / 2, 0.0), 1.0)


def containment(piece: str, whole: str, *, siblings: Sequence[str] = (), at_least: float = 0.0) -> float:
    """Share of ``piece``'s words found in ``whole``, in runs of two or more, beside its ``siblings`` (the
    articles ``whole`` already gave its text to, in their order).

    Three readings, the best kept: the piece matched against what ``whole`` has left once the siblings'
    runs are taken out (right when the piece sits between its siblings' parts); and the piece matched together
    with its siblings, first or last (right when a phrase the piece and a sibling both use must count where
    it stands). Runs, not single words, so that shared function words do not count. The matcher is quadratic
    on long, repetitive articles, so a cheap bound comes first: when that is below ``at_least``, it is
    returned instead of the share.
    """
    words = piece.split()
    if not words:
        return 0.0
    bound = _pair_share(words, whole, siblings)
    if bound < at_least or not bound:
        return bound
    others = [w for text in siblings for w in text.split()]
    whole_words = whole.split()
    taken = {k for start, _, size in _blocks(whole_words, others) for k in range(start, start + size)}
    left = [w for k, w in enumerate(whole_words) if k not in taken]
    between = _found(_blocks(left, words), 0, len(words))
    first = _found(_blocks(whole_words, words + others), 0, len(words))
    last = _found(_blocks(whole_words, others + words), len(others), len(others) + len(words))
    return max(between, first, last) / len(words)


def _found(blocks: list[tuple[int, int, int]], start: int, end: int) -> int:
    """Words of the second sequence's [start, end) that lie in the matching runs."""
    return sum(max(0, min(b + size, end) - max(b, start)) for _, b, size in blocks)


def _pair_share(words: list[str], whole: str, minus: Sequence[str]) -> float:
    """Share of the words in a pair of words found in ``whole``'s pairs less ``minus``'s (multisets):
    an upper bound of ``containment`` in practice, at a tenth of its cost."""
    left = Counter(itertools.pairwise(whole.split()))
    for other in minus:
        left.subtract(itertools.pairwise(other.split()))
    found = [False] * len(words)
    for k, pair in enumerate(itertools.pairwise(words)):
        if left[pair] > 0:
            left[pair] -= 1
            found[k] = found[k + 1] = True
    return sum(found) / len(words)


def _blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Runs of at least two words that two word lists share: (start in a, start in b, size)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [(m.a, m.b, m.size) for m in matcher.get_matching_blocks() if m.size >= 2]
