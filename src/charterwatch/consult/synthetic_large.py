"""Synthetic consultations of any size, written to disk in chunks, for the benchmarks of the Dask path.

``synthetic.generate`` keeps everything in memory and gives each real idea a few copies, so it runs out of
ideas at a few thousand proposals. At a million, as in the US FCC's 2017 docket, most proposals are copies:
here every proposal is one of the real Polis ideas (picked with a Zipf-like popularity, sent as it is or
with typos and small edits) or a form letter of one of the campaigns. The true group of each proposal is
written beside it in ``truth.jsonl``. Chunks are made from their own seeds, so memory stays flat and the
same seed gives the same files.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from charterwatch.consult.noise import resubmit
from charterwatch.consult.synthetic import Idea, _fill
from charterwatch.consult.templates import TEMPLATES

CHUNK: Final = 50_000
ZIPF: Final = 0.8  # popularity exponent: the commonest idea is sent ~1,000 times as often as the rarest


def write_large(
    ideas: Sequence[Idea],
    folder: Path,
    *,
    size: int,
    seed: int = 0,
    campaign_share: float = 0.3,
    campaigns: int = len(TEMPLATES),
    edited_share: float = 0.5,
    chunk: int = CHUNK,
) -> tuple[Path, Path]:
    """``proposals.jsonl`` and ``truth.jsonl`` in ``folder``: ``size`` proposals, ``campaign_share`` of them
    form letters of ``campaigns`` templates, the rest real ideas, ``edited_share`` of those with noise."""
    if not ideas or campaigns > len(TEMPLATES):
        raise ValueError(f"need ideas and at most {len(TEMPLATES)} campaigns")
    folder.mkdir(parents=True, exist_ok=True)
    order = random.Random(seed).sample(range(len(ideas)), len(ideas))
    weights = [1 / (rank + 1) ** ZIPF for rank in range(len(ideas))]
    templates = random.Random(seed).sample(range(len(TEMPLATES)), campaigns)
    proposals_path, truth_path = folder / "proposals.jsonl", folder / "truth.jsonl"
    with (
        proposals_path.open("w", encoding="utf-8") as proposals,
        truth_path.open("w", encoding="utf-8") as truth,
    ):
        for start in range(0, size, chunk):
            rng = random.Random(f"{seed}:{start}")
            count = min(chunk, size - start)
            picks = rng.choices(order, weights=weights, k=count)
            lines, truths = [], []
            for k, pick in enumerate(picks, start=start):
                if campaigns and rng.random() < campaign_share:
                    number = rng.randrange(campaigns)
                    template = TEMPLATES[templates[number]]
                    text, language, group = _fill(template, rng), template.language, f"campaign-{number}"
                else:
                    idea = ideas[pick]
                    edited = rng.random() < edited_share
                    text = resubmit(idea.text, idea.language, rng) if edited else idea.text
                    language, group = idea.language, f"idea-{pick}"
                record = {"id": f"s{seed}-{k}", "text": text, "language": language, "channel": "web"}
                lines.append(json.dumps(record, ensure_ascii=False))
                kind = "campaign" if group.startswith("campaign") else "copies"
                truths.append(json.dumps({"id": record["id"], "group": group, "kind": kind}))
            proposals.write("\n".join(lines) + "\n")
            truth.write("\n".join(truths) + "\n")
    return proposals_path, truth_path


def read_truth(path: Path) -> dict[str, str]:
    """Proposal id -> true group, from a ``truth.jsonl``."""
    with path.open(encoding="utf-8") as lines:
        return {record["id"]: record["group"] for record in map(json.loads, lines)}


def read_kinds(path: Path) -> dict[str, str]:
    """True group -> its kind (``campaign`` or ``copies``), from a ``truth.jsonl``."""
    with path.open(encoding="utf-8") as lines:
        return {record["group"]: record["kind"] for record in map(json.loads, lines)}
