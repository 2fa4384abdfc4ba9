"""Benchmark: audit one constitution, then every bundled text (rights rules and safeguards).

Run: ``.venv/bin/python bench/bench_rights.py``. Prints a Markdown table for docs/benchmarks.md (section
"Rights audit"). The first audit in a process pays for loading the standards, compiling the phrase patterns and
pymorphy3's dictionary; it is reported separately ("cold"), the rest are medians of warm runs.
"""

from __future__ import annotations

import statistics
import time

import charterwatch.rights  # noqa: F401  (registers the rules)
from charterwatch.rights.audit import audit
from charterwatch.texts.corpus import corpus_entries
from charterwatch.texts.parse import parse_text

REPEATS = 3


def main() -> None:
    parsed = {e.file: parse_text(e.path().read_text(encoding="utf-8"), lang=e.lang) for e in corpus_entries()}
    first = next(iter(parsed))
    start = time.perf_counter()
    audit(parsed[first], version=first)
    cold = time.perf_counter() - start
    print("| text | audit (ms, median of 3, warm) | clauses | grounds |")
    print("|---|---:|---:|---:|")
    total = 0.0
    for name, text in parsed.items():
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            result = audit(text, version=name)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        total += median
        print(f"| {name} | {median * 1000:.0f} | {len(result.clauses)} | {len(result.findings)} |")
    print(f"| **all nine** | **{total * 1000:.0f}** | | |")
    print(f"\nCold first audit ({first}, including loading the data and pymorphy3): {cold:.2f} s.")


if __name__ == "__main__":
    main()
