"""Benchmark: incident extraction speed per language on real news, against the word-order rules alone.

Run: ``.venv/bin/python bench/bench_extraction.py [GOLD_DIR] [N]`` (default ../shared/gold, 1,000 articles per
language). The development news openings of each language are cycled to N articles, each made distinct by its
number, and extracted one after another on one core with the shipped pipeline and, as the baseline of the same
run, with the parse components left out (``incidents.syntax.*``). Prints a Markdown table for
docs/benchmarks.md: articles per second of CPU, the ratio to the baseline, and the process's peak memory.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from charterwatch.incidents.extraction.extract import extract, make_source
from charterwatch.incidents.extraction.pipeline import Pipeline, default_pipeline


def articles(folder: Path, count: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return [f"Story {k}.\n\n{texts[k % len(texts)]}" for k in range(count)]


def rate(texts: list[str], pipeline: Pipeline, language: str) -> float:
    extract(
        texts[0], source=make_source(texts[0], language=language), pipeline=pipeline
    )  # models loaded once
    cpu = time.process_time()
    for text in texts:
        extract(text, source=make_source(text, language=language), pipeline=pipeline)
    return len(texts) / (time.process_time() - cpu)


def main() -> None:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "gold"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
    print("| language | articles | shipped (articles/s, CPU) | word-order rules only | ratio | goal |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for language, goal in (("en", 50), ("ru", 20)):
        texts = articles(gold / f"news-dev-{language}", count)
        shipped = default_pipeline(language)
        rules = Pipeline(tuple(c for c in shipped.components if ".syntax." not in c), language=language)
        fast, full = rate(texts, rules, language), rate(texts, shipped, language)
        print(f"| {language} | {count:,} | {full:.1f} | {fast:.1f} | {full / fast:.2f} | {goal} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak memory of the whole run (both languages, both pipelines): {peak:.0f} MB.")


if __name__ == "__main__":
    main()
