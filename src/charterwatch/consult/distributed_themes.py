"""Themes on a Dask cluster: a TF-IDF/LSA model and its clusters fit on a sample of the unique ideas, then
every idea assigned to the nearest theme in parallel, and c-TF-IDF keywords from word counts added up.

Clustering is quadratic in the ideas, so it sees at most ``SAMPLE`` of them per language (all of them in a
consultation of ordinary size); the assignment and the counting are linear and run one task per partition.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
from dask.delayed import Delayed, delayed
from distributed import Client

from charterwatch.consult.model import Theme
from charterwatch.consult.progress import Tracker
from charterwatch.consult.themes import (
    DISTANCE,
    KEYWORDS,
    ThemeModel,
    fit_theme_model,
    keywords_from_counts,
    word_counts,
)

if TYPE_CHECKING:
    from charterwatch.consult.dedup import Dedup

SAMPLE: Final = 4_000
_SHIFT: Final = 32


def distributed_themes(
    client: Client,
    parts: Sequence[Delayed],
    dedup: Dedup,
    keys: pd.DataFrame,
    *,
    track: Tracker,
    min_size: int = 3,
    seed: int = 0,
) -> list[Theme]:
    """Themes of the representatives of ``dedup``'s groups (``keys``: id and language by proposal number)."""
    representatives = {group.representative for group in dedup.groups}
    ideas = keys[keys["id"].isin(representatives)]
    rng = random.Random(seed)
    models: dict[str, ThemeModel] = {}
    for language, group in ideas.groupby("language", sort=True):
        if len(group) < min_size:
            continue
        numbers = group.index.to_numpy()
        chosen = np.sort(np.asarray(rng.sample(list(numbers), min(SAMPLE, len(numbers))), dtype=np.int64))
        texts = _fetch(client, parts, chosen)
        model = fit_theme_model(texts, language=str(language), distance=DISTANCE["tfidf"], min_size=min_size)
        if model is not None:
            models[str(language)] = model
    shared = client.scatter(models, broadcast=True)
    numbers = ideas.index.to_numpy()
    tasks = [
        delayed(_assign)(part, numbers[numbers >> _SHIFT == k], shared)
        for k, part in enumerate(parts)
        if (numbers >> _SHIFT == k).any()
    ]
    futures = track.wait("themes", client.compute(tasks))
    members: dict[tuple[str, int], list[str]] = {}
    counts: dict[str, dict[int, Counter[str]]] = {}
    for labelled, part_counts in client.gather(futures):
        for proposal_id, language, label in labelled.itertuples(index=False):
            members.setdefault((language, label), []).append(proposal_id)
        for language, by_label in part_counts.items():
            for label, words in by_label.items():
                counts.setdefault(language, {}).setdefault(label, Counter()).update(words)
    keywords = {language: keywords_from_counts(c, top=KEYWORDS) for language, c in counts.items()}
    themes = [
        Theme(f"{language}-{ids[0]}", keywords[language][label], ids, models[language].method + ".sampled")
        for (language, label), ids in members.items()
        if len(ids) >= min_size
    ]
    return sorted(themes, key=lambda t: (-len(t.members), t.id))


def _fetch(client: Client, parts: Sequence[Delayed], numbers: np.ndarray) -> list[str]:
    tasks = [
        delayed(_texts)(part, numbers[numbers >> _SHIFT == k])
        for k, part in enumerate(parts)
        if (numbers >> _SHIFT == k).any()
    ]
    return [text for texts in client.gather(client.compute(tasks)) for text in texts]


def _texts(part: Any, numbers: np.ndarray) -> list[str]:
    return list(part.frame.loc[numbers, "text"])


def _assign(
    part: Any, numbers: np.ndarray, models: dict[str, ThemeModel]
) -> tuple[pd.DataFrame, dict[str, dict[int, Counter[str]]]]:
    """Each idea's theme (-1 for none) and the words per theme, for one partition."""
    frame = part.frame.loc[numbers, ["id", "text", "language"]]
    rows: list[tuple[str, str, int]] = []
    counts: dict[str, dict[int, Counter[str]]] = {}
    for language, group in frame.groupby("language", sort=False):
        model = models.get(str(language))
        if model is None:
            continue
        texts = group["text"].tolist()
        labels = model.assign(texts)
        rows.extend(
            (i, str(language), label) for i, label in zip(group["id"], labels, strict=True) if label >= 0
        )
        counts[str(language)] = word_counts(texts, labels, language=str(language))
    labelled = pd.DataFrame(rows, columns=["id", "language", "label"])
    return labelled, counts
