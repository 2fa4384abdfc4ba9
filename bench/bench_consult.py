"""Benchmark: the consultation pipeline on generated consultations (issue 6's acceptance figures).

Run: ``.venv/bin/python bench/bench_consult.py [--small 10000] [--large 1000000] [--workers 1,2] [POLIS_DIR]``.

(a) ``--small`` proposals (``synthetic.generate``: every Polis comment an idea, eight campaigns) through the
    whole in-memory pipeline, with the time per stage and duplicate-pair precision and recall.
(b) ``--large`` proposals written by ``synthetic_large.write_large`` and run through duplicates, campaigns and
    TF-IDF themes on a LocalCluster of each number of ``--workers`` (one thread each). Peak memory is the
    highest sum of resident set sizes of this process and every worker, sampled every half second.
Pairs are scored from the contingency table of found and true groups, so a campaign of 40,000 letters
costs nothing to score. A campaign found is right when most of its members are of one true campaign (each
true campaign counted once); campaign precision and recall are over the campaigns found and the true ones. Prints Markdown for docs/benchmarks.md, with the load average at the start and end.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import psutil

from charterwatch.consult.dedup import Dedup
from charterwatch.consult.distributed import connect, run_distributed
from charterwatch.consult.pipeline import run_pipeline
from charterwatch.consult.synthetic import generate, polis_ideas
from charterwatch.consult.synthetic_large import read_kinds, read_truth, write_large


def pair_scores(dedup: Dedup, truth: Mapping[str, str]) -> tuple[float, float]:
    """Pair precision and recall from group sizes: pairs within (found, true) cells are the true positives."""
    found = Counter(dedup.group_of[p] for p in truth)
    true = Counter(truth.values())
    cells = Counter((dedup.group_of[p], group) for p, group in truth.items())
    shared = _pairs(cells)
    return shared / max(_pairs(found), 1), shared / max(_pairs(true), 1)


def campaign_scores(
    dedup: Dedup, truth: Mapping[str, str], kinds: Mapping[str, str]
) -> tuple[float, float, int, int]:
    """Campaign precision and recall, the campaigns found and the true ones."""
    true = {group for group, kind in kinds.items() if kind == "campaign"}
    matched = set()
    for campaign in dedup.campaigns:
        group = Counter(truth[m] for m in campaign.members).most_common(1)[0][0]
        if group in true:
            matched.add(group)
    found = len(dedup.campaigns)
    return len(matched) / max(found, 1), len(matched) / max(len(true), 1), found, len(true)


def _campaign_line(dedup: Dedup, truth: Mapping[str, str], kinds: Mapping[str, str]) -> str:
    precision, recall, found, true = campaign_scores(dedup, truth, kinds)
    return f"Campaigns: {found} found, {true} true; precision {precision:.3f}, recall {recall:.3f}."


def _pairs(sizes: Mapping[object, int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


class PeakMemory:
    """The highest total RSS of this process and its children (the Dask workers), sampled in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self._stop.wait(0.5)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def small(polis: Path, size: int) -> None:
    synthetic = generate(polis_ideas(polis, moderation=(1, 0, -1)), size=size, seed=0, campaigns=8)
    start = time.perf_counter()
    result = run_pipeline(synthetic.proposals)
    total = time.perf_counter() - start
    precision, recall = pair_scores(result.dedup, synthetic.truth)
    print(f"\n### {size:,} proposals, whole pipeline in memory (load {load()})\n")
    print(result.summary())
    print("\n| stage | seconds |\n|---|---:|")
    for stage, seconds in result.timings.items():
        print(f"| {stage} | {seconds:.1f} |")
    print(f"| **total** | **{total:.1f}** |")
    print(f"\nPair precision {precision:.4f}, recall {recall:.4f}.")
    print(_campaign_line(result.dedup, synthetic.truth, synthetic.kinds))


def large(polis: Path, size: int, workers: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        proposals, truth_path = write_large(
            polis_ideas(polis, moderation=(1, 0, -1)), Path(folder), size=size
        )
        made = time.perf_counter() - start
        truth, kinds = read_truth(truth_path), read_kinds(truth_path)
        megabytes = proposals.stat().st_size / 2**20
        print(
            f"\n### {size:,} proposals on a LocalCluster ({megabytes:.0f} MB of JSON Lines, made in {made:.0f} s)"
        )
        for count in workers:
            print(f"\n{count} worker(s), one thread each; load at start {load()}")
            with PeakMemory() as memory:
                start = time.perf_counter()
                with connect(workers=count, threads=1) as client:
                    result = run_distributed(client, [proposals], progress=False)
                total = time.perf_counter() - start
            precision, recall = pair_scores(result.dedup, truth)
            print(f"\n{result.summary()}\n\n| stage | seconds |\n|---|---:|")
            for stage, seconds in result.timings.items():
                print(f"| {stage} | {seconds:.1f} |")
            print(f"| **total, with starting the cluster** | **{total:.1f}** |")
            print(
                f"\nPeak memory (RSS, client and workers): {memory.peak / 2**20:,.0f} MB. Pair precision "
                f"{precision:.4f}, recall {recall:.4f}. Load at end {load()}."
            )
            print(_campaign_line(result.dedup, truth, kinds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "polis",
        nargs="?",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared/data/consultations/polis-opendata",
    )
    parser.add_argument("--small", type=int, default=10_000, help="0 skips the in-memory run")
    parser.add_argument("--large", type=int, default=1_000_000, help="0 skips the Dask runs")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    options = parser.parse_args()
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB"
    )
    if options.small:
        small(options.polis, options.small)
    if options.large:
        large(options.polis, options.large, [int(w) for w in options.workers.split(",")])


if __name__ == "__main__":
    main()
