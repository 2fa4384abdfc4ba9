"""Benchmark: parse every bundled text, then load the corpus into a fresh SQLite store.

Run: ``make bench`` (or ``.venv/bin/python bench/bench_texts.py``). Prints a Markdown table for
docs/benchmarks.md. Parsing is single-threaded Python, so the figures are one core's.
"""

from __future__ import annotations

import platform
import statistics
import tempfile
import time
from pathlib import Path

from charterwatch.store.db import open_store
from charterwatch.texts.corpus import corpus_entries
from charterwatch.texts.importer import load_corpus
from charterwatch.texts.parse import parse_text

REPEATS = 5


def bench_parse() -> float:
    print("| text | size (KB) | parse (ms, median of 5) | MB/s |")
    print("|---|---:|---:|---:|")
    total = 0.0
    for entry in corpus_entries():
        text = entry.path().read_text(encoding="utf-8")
        size = len(text.encode("utf-8"))
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            parse_text(text, lang=entry.lang)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        total += median
        print(f"| {entry.file} | {size / 1024:.0f} | {median * 1000:.1f} | {size / 2**20 / median:.1f} |")
    print(f"| **all nine** | | **{total * 1000:.0f}** | |")
    return total


def bench_load() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = open_store(url)
        start = time.perf_counter()
        results = load_corpus(engine)
        elapsed = time.perf_counter() - start
        engine.dispose()
    provisions = sum(r.provisions for r in results)
    print(
        f"\nLoad of all {len(results)} texts into a fresh SQLite store (read, parse, insert {provisions:,} "
        f"provisions and their FTS5 rows, one transaction each): **{elapsed:.2f} s**"
    )
    return elapsed


def main() -> None:
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.processor() or 'cpu'}\n")
    bench_parse()
    bench_load()


if __name__ == "__main__":
    main()
