"""Tuning themes on real Polis conversations, which carry no theme labels, by what can be measured.

Run: ``.venv/bin/python bench/tune_themes.py [POLIS_DIR]`` (default ../shared/data/consultations/polis-opendata).

1. Known groups: the comments of ten English conversations on different subjects pooled together; a theme
   should not mix conversations. Adjusted Rand index and normalised mutual information of themes against the
   conversation (over the ideas put in a theme), purity, and coverage.
2. Shape on one conversation (Bowling Green, 896 comments): how many themes, median and largest size, and the
   share of themed ideas in themes of fewer than five.
3. Stability: the adjusted Rand index between themes made with three SVD seeds.
Prints one Markdown table per check for docs/consult.md.
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from charterwatch.consult.dedup import find_duplicates
from charterwatch.consult.intake import read_proposals
from charterwatch.consult.model import Proposal
from charterwatch.consult.pipeline import unique_ideas
from charterwatch.consult.themes import cluster, lsa_vectors

POOLED = (
    "15-per-hour-seattle",
    "brexit-consensus",
    "canadian-electoral-reform",
    "football-concussions",
    "london.youth.policing",
    "scoop-hivemind.affordable-housing",
    "scoop-hivemind.biodiversity",
    "scoop-hivemind.freshwater",
    "scoop-hivemind.ubi",
    "ssis.land-bank-farmland.2rumnecbeh.2021-08-01",
)
SETTINGS = {  # name: (cosine distance cut, min theme size, attach similarity; >1 = never)
    "before: cut 0.85, min 3": (0.85, 3, 2.0),
    "cut 0.85, min 3, attach 0.35": (0.85, 3, 0.35),
    "cut 0.9, min 3, attach 0.35": (0.9, 3, 0.35),
    "cut 0.9, min 5, attach 0.3": (0.9, 5, 0.3),
    "cut 0.95, min 5, attach 0.3": (0.95, 5, 0.3),
    "cut 0.95, min 1%, attach 0.3": (0.95, -1, 0.3),
}


def ideas(path: Path) -> list[Proposal]:
    proposals = [p for p in read_proposals(path) if p.language == "en"]
    return unique_ideas(proposals, find_duplicates(proposals))


def labels_for(texts: list[str], setting: tuple[float, int, float], *, seed: int = 0) -> np.ndarray:
    distance, min_size, attach = setting
    size = max(3, round(len(texts) / 100)) if min_size < 0 else min_size
    vectors = lsa_vectors(texts, language="en", seed=seed)
    found = cluster(vectors, clusterer="agglomerative", distance=distance, min_size=size, attach=attach)
    return np.asarray(found)


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared"
    polis = root if root.name == "polis-opendata" else root / "data/consultations/polis-opendata"
    pooled: list[tuple[str, str]] = []
    for name in POOLED:
        pooled += [(p.text, name) for p in ideas(polis / name / "comments.csv")]
    texts, truth = [t for t, _ in pooled], np.asarray([n for _, n in pooled])
    bowling = [p.text for p in ideas(polis / "american-assembly.bowling-green" / "comments.csv")]
    print(f"Pooled: {len(texts)} ideas from {len(POOLED)} conversations; Bowling Green: {len(bowling)} ideas")
    print(
        "| setting | ARI | NMI | purity | coverage | themes (pooled) | themes (BG) | median | largest |"
        " in themes < 5 | BG coverage | stability (ARI) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, setting in SETTINGS.items():
        found = labels_for(texts, setting)
        kept = found >= 0
        ari = adjusted_rand_score(truth[kept], found[kept])
        nmi = normalized_mutual_info_score(truth[kept], found[kept])
        purity = sum(Counter(truth[found == c]).most_common(1)[0][1] for c in set(found[kept])) / kept.sum()
        runs = [labels_for(bowling, setting, seed=seed) for seed in (0, 1, 2)]
        sizes = sorted(Counter(runs[0][runs[0] >= 0]).values())
        small = sum(s for s in sizes if s < 5) / max(sum(sizes), 1)
        stable = statistics.mean(adjusted_rand_score(runs[0], other) for other in runs[1:])
        print(
            f"| {name} | {ari:.2f} | {nmi:.2f} | {purity:.2f} | {kept.mean():.2f} | {len(set(found[kept]))} |"
            f" {len(sizes)} | {statistics.median(sizes):.0f} | {sizes[-1]} | {small:.2f} |"
            f" {sum(sizes) / len(bowling):.2f} | {stable:.2f} |"
        )


if __name__ == "__main__":
    main()
