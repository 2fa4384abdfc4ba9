"""Benchmark: incident extraction over 1,000 articles (the seeds repeated with their years shifted).

Run: ``.venv/bin/python bench/bench_incidents.py [SEEDS_DIR]`` (default ../shared/seeds). Prints a Markdown
table for docs/benchmarks.md. Extraction is single-threaded Python, so the figures are one core's; peak
memory is the process's maximum resident set size.
"""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from charterwatch.incidents.extraction.extract import extract, make_source
from charterwatch.incidents.workflow.ingest import ingest
from charterwatch.incidents.workflow.merging import merge_incidents

DOCUMENTS = 1_000
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def corpus(seeds: Path) -> list[str]:
    """1,000 distinct articles: each seed with its years moved by 0-39, told by five outlets each."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    documents = []
    for k in range(DOCUMENTS):
        shift = (k // len(texts)) % 40
        text = texts[k % len(texts)]
        text = YEAR.sub(lambda m, s=shift: str(int(m.group()) + s), text)
        documents.append(f"Outlet {k // 200 + 1}, story {k}\n{text}")
    return documents


def main() -> None:
    seeds = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "seeds"
    )
    documents = corpus(seeds)
    size = sum(len(t.encode("utf-8")) for t in documents)
    extract(documents[0])  # load the vocabularies and the gazetteer once, as a long-running process would
    start, cpu = time.perf_counter(), time.process_time()
    found = []
    for i, text in enumerate(documents):
        found += extract(text, source=make_source(f"{i}\n{text}", location=f"doc{i}"))
    extraction, extraction_cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    merged = merge_incidents(found)
    merging = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.jsonl"
        lines = [json.dumps({"url": f"https://example.org/{i}", "text": t}) for i, t in enumerate(documents)]
        feed.write_text("\n".join(lines), encoding="utf-8")
        start = time.perf_counter()
        report = ingest([feed], default_date="2026-03-01")
        ingesting = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Python {platform.python_version()}, {DOCUMENTS} articles, {size / 2**20:.1f} MB of text")
    print(f"Load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| step | time (s) | articles/s |")
    print("|---|---:|---:|")
    print(f"| extract (one core, wall clock) | {extraction:.2f} | {DOCUMENTS / extraction:.0f} |")
    print(f"| extract (one core, CPU time) | {extraction_cpu:.2f} | {DOCUMENTS / extraction_cpu:.0f} |")
    print(f"| merge across sources ({len(found)} -> {len(merged)} incidents) | {merging:.2f} | |")
    print(
        f"| ingest JSONL end to end ({len(report.sources)} new sources, {len(report.skipped)} duplicates, "
        f"{len(report.incidents)} incidents) | {ingesting:.2f} | {DOCUMENTS / ingesting:.0f} |"
    )
    print(f"Peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
