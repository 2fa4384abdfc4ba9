"""The whole consultation in memory: proposals → copies and campaigns → themes of the unique ideas → links.

One call, one result with the time each stage took, so the CLI, the benchmark and the Dask path
(``distributed.py``, which returns the same ``Consultation``) can be compared stage by stage. Article links are
optional: a ``linker`` is any callable over the unique ideas (``consult/linking.py`` provides one), kept out of
this module so the pipeline does not need a draft to run.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charterwatch.consult.dedup import Dedup, find_duplicates
from charterwatch.consult.model import Proposal, Theme
from charterwatch.consult.themes import Clusterer, find_themes
from charterwatch.errors import CharterwatchError, E

Linker = Callable[[Sequence[Proposal]], Any]


@dataclass
class Consultation:
    """What the pipeline found: the duplicate groups, the themes of the unique ideas, optional article links,
    and seconds per stage (``timings``, in the order the stages ran)."""

    dedup: Dedup
    themes: list[Theme]
    proposals: int
    links: Any = None
    timings: dict[str, float] = field(default_factory=dict)
    method: str = "consult.pipeline.v1"

    def summary(self) -> str:
        covered = sum(len(theme.members) for theme in self.themes)
        return (
            f"{self.proposals} proposals: {self.dedup.summary()}; {len(self.themes)} themes covering "
            f"{covered} of {self.dedup.ideas} ideas"
        )

    def write(self, folder: Path) -> list[Path]:
        """``groups.jsonl``, ``themes.jsonl`` and ``summary.json`` in ``folder`` (created if missing)."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            groups, themes, summary = (
                folder / "groups.jsonl",
                folder / "themes.jsonl",
                folder / "summary.json",
            )
            with groups.open("w", encoding="utf-8") as out:
                for group in self.dedup.groups:
                    out.write(json.dumps(group.to_dict(), ensure_ascii=False) + "\n")
            with themes.open("w", encoding="utf-8") as out:
                for theme in self.themes:
                    out.write(json.dumps(theme.to_dict(), ensure_ascii=False) + "\n")
            record = {
                "summary": self.summary(),
                "proposals": self.proposals,
                "ideas": self.dedup.ideas,
                "copies": self.dedup.copies,
                "campaigns": len(self.dedup.campaigns),
                "themes": len(self.themes),
                "timings_s": {k: round(v, 3) for k, v in self.timings.items()},
                "method": self.method,
            }
            summary.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as error:
            raise CharterwatchError(E.CANNOT_WRITE, path=folder, reason=error.strerror or error) from error
        return [groups, themes, summary]


class Stopwatch:
    """Seconds per named stage, in order (shared with the Dask path)."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


def unique_ideas(proposals: Sequence[Proposal], dedup: Dedup) -> list[Proposal]:
    """One proposal per duplicate group (its representative), in input order: what themes are made of."""
    representatives = {group.representative for group in dedup.groups}
    return [p for p in proposals if p.id in representatives]


def run_pipeline(
    proposals: Sequence[Proposal],
    *,
    use_embeddings: bool | None = False,
    clusterer: Clusterer = "agglomerative",
    linker: Linker | None = None,
) -> Consultation:
    """Duplicates and campaigns, then themes of the unique ideas, then (with a ``linker``) article links.

    Embeddings are off by default: the pipeline is meant for any language and for large runs, where TF-IDF
    is what scales; pass ``use_embeddings=None`` to use them for English where installed.
    """
    watch = Stopwatch()
    with watch.stage("duplicates"):
        dedup = find_duplicates(proposals)
    with watch.stage("themes"):
        ideas = unique_ideas(proposals, dedup)
        themes = find_themes(ideas, use_embeddings=use_embeddings, clusterer=clusterer)
    links = None
    if linker is not None:
        with watch.stage("links"):
            links = linker(ideas)
    return Consultation(dedup, themes, len(proposals), links=links, timings=watch.timings)
