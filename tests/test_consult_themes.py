"""Themes: clusters of ideas with c-TF-IDF keyword labels, by TF-IDF (any language) or embeddings (English)."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.consult import embeddings
from charterwatch.consult.intake import read_proposals
from charterwatch.consult.model import Proposal
from charterwatch.consult.themes import class_keywords, find_themes

POLIS = Path("data/consultations/polis-opendata")
TOPICS = {
    "land": [
        "Land must never be sold to foreign buyers.",
        "Foreign buyers should not own farm land.",
        "Keep farm land in public ownership, no sale to foreign companies.",
        "Land sale to foreign buyers must be banned.",
    ],
    "akims": [
        "Akims should be elected by the residents of each district.",
        "Akims of every district should be elected directly.",
        "Residents must elect their district akims directly.",
        "Elected akims, not appointed ones, in each district.",
    ],
}


def _proposals(language: str = "en") -> list[Proposal]:
    texts = [text for topic in TOPICS.values() for text in topic]
    return [Proposal(id=f"p{k}", text=text, language=language) for k, text in enumerate(texts)]


def test_tfidf_themes_separate_topics_and_name_them() -> None:
    themes = find_themes(_proposals(), use_embeddings=False, min_size=3)
    members = sorted(sorted(theme.members) for theme in themes)
    assert members == [["p0", "p1", "p2", "p3"], ["p4", "p5", "p6", "p7"]]
    labels = {theme.members[0]: theme.keywords for theme in themes}
    assert {"land", "foreign"} <= set(labels["p0"][:4])
    assert "akims" in labels["p4"][:3]
    assert all(theme.method == "consult.themes.tfidf.agglomerative.v2" for theme in themes)


def test_themes_are_made_per_language_and_hdbscan_works() -> None:
    themes = find_themes([*_proposals("en"), *_proposals("xx")], use_embeddings=False, clusterer="hdbscan")
    assert {theme.id.split("-")[0] for theme in themes} == {"en", "xx"}


def test_class_keywords_prefer_words_that_set_a_cluster_apart() -> None:
    texts = ["tax tax land", "tax land", "tax school", "tax school school"]
    keywords = class_keywords(texts, [0, 0, 1, 1], language="en", top=1)
    assert keywords == {0: ["land"], 1: ["school"]}


def test_real_polis_conversation_has_themes(shared_dir: Path) -> None:
    comments = read_proposals(shared_dir / POLIS / "scoop-hivemind.biodiversity" / "comments.csv")
    themes = find_themes(comments, use_embeddings=False)
    assert len(themes) >= 5
    assert all(len(theme.keywords) == 6 and len(theme.members) >= 3 for theme in themes)
    assert find_themes(comments, use_embeddings=False) == themes  # deterministic


@pytest.mark.slow
@pytest.mark.skipif(not embeddings.available(), reason="the embeddings extra is not installed")
def test_embedding_themes_for_english() -> None:
    themes = find_themes(_proposals(), use_embeddings=True, min_size=3)
    assert sorted(sorted(theme.members) for theme in themes) == [
        ["p0", "p1", "p2", "p3"],
        ["p4", "p5", "p6", "p7"],
    ]
    assert all(theme.method.startswith("consult.themes.embeddings.") for theme in themes)
