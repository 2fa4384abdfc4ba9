"""Benchmark: Kazakhstan 1995 -> 2026 compared end to end, and two baselines scored on Russia 2019 -> 2020.

Run: ``.venv/bin/python bench/bench_compare.py``. Prints Markdown for docs/benchmarks.md.
Times are medians of 5 runs on one core, after a warm-up run (imports are not timed); "compare" excludes
parsing (the store keeps parsed versions), "end to end" includes parsing both texts.

The answer for Russia 2019 -> 2020 comes from the 2020 text's editorial notes, as in tests/test_align.py:
every article pairs with the article of the same number (changed if a note cites the law of 14.03.2020),
except the five the notes say were inserted, which are new. The baselines:

- **by number**: article N pairs with article N; the rest are new or removed.
- **difflib lines**: ``SequenceMatcher`` over the paragraphs (lines) of the whole old and new text; each
  new article pairs with the old article it shares most matched lines with; no shared line makes it new.

Both are also scored on synthetic variants (``synthetic.py``: renumbered, moved, split, merged, edited),
where numbers mean nothing.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher
from typing import Any

from charterwatch.texts.compare import compare
from charterwatch.texts.compare.align import align
from charterwatch.texts.compare.donors import donor_texts
from charterwatch.texts.compare.evaluate import score_alignment
from charterwatch.texts.compare.model import AlignedPair
from charterwatch.texts.compare.synthetic import make_variant
from charterwatch.texts.corpus import corpus_entries, corpus_entry
from charterwatch.texts.parse import parse_text
from charterwatch.texts.tree import ParsedText, Provision

REPEATS = 5
SYNTHETIC_SEEDS = 3
Aligner = Callable[[ParsedText, ParsedText], list[AlignedPair]]


def load(file: str) -> tuple[str, ParsedText]:
    entry = corpus_entry(file)
    text = entry.path().read_text(encoding="utf-8")
    return text, parse_text(text, lang=entry.lang)


def median_time(run: Callable[[], object]) -> float:
    run()
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def by_number(old: ParsedText, new: ParsedText) -> list[AlignedPair]:
    old_nums = {str(a.num) for a in old.articles()}
    new_nums = {str(a.num) for a in new.articles()}
    pairs = [
        AlignedPair("amended", [n], [n], 1.0) if n in old_nums else AlignedPair("new", [n], [], 0.0)
        for n in (str(a.num) for a in new.articles())
    ]
    pairs += [AlignedPair("removed", [], [n], 0.0) for n in sorted(old_nums - new_nums)]
    return pairs


def _lines(text: ParsedText) -> tuple[list[str], list[str]]:
    """Paragraph lines of every article and the article each belongs to."""
    lines, owners = [], []
    for article in text.articles():
        parts: list[Provision] = article.norm_children() or [article]
        for part in parts:
            line = " ".join((part.text if part is article else part.norm_text()).split())
            if line:
                lines.append(line)
                owners.append(str(article.num))
    return lines, owners


def difflib_lines(old: ParsedText, new: ParsedText) -> list[AlignedPair]:
    old_lines, old_owner = _lines(old)
    new_lines, new_owner = _lines(new)
    shared: dict[str, Counter[str]] = {}
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            shared.setdefault(new_owner[block.b + k], Counter())[old_owner[block.a + k]] += 1
    pairs, used = [], set()
    for article in new.articles():
        counts = shared.get(str(article.num))
        if counts:
            old_num = max(counts, key=lambda num: (counts[num], num))
            pairs.append(AlignedPair("amended", [str(article.num)], [old_num], 1.0))
            used.add(old_num)
        else:
            pairs.append(AlignedPair("new", [str(article.num)], [], 0.0))
    pairs += [AlignedPair("removed", [], [str(a.num)], 0.0) for a in old.articles() if str(a.num) not in used]
    return pairs


def russia_2020_answer(old: ParsedText, new: ParsedText) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    new_nums = set()
    for article in new.articles():
        notes = " ".join(n.text for n in article.walk() if n.kind == "note")
        num = str(article.num)
        new_nums.add(num)
        if "Статья введена" in notes:
            lines.append({"new": num, "old": [], "kind": "new"})
        else:
            lines.append({"new": num, "old": [num], "kind": "amended" if "14.03.2020" in notes else "same"})
    lines += [{"old_removed": str(a.num)} for a in old.articles() if str(a.num) not in new_nums]
    return lines


def synthetic_cases() -> list[tuple[ParsedText, ParsedText, list[dict[str, Any]]]]:
    cases = []
    for entry in corpus_entries():
        source = parse_text(entry.path().read_text(encoding="utf-8"), lang=entry.lang)
        donors = donor_texts(source, entry)
        for seed in range(SYNTHETIC_SEEDS):
            rng = random.Random(seed)
            variant = make_variant(
                source,
                seed=seed,
                donors=donors,
                deletions=rng.randint(0, 3),
                merges=rng.randint(0, 2),
                splits=rng.randint(0, 2),
                moves=rng.randint(0, 2),
                insertions=rng.randint(0, 3),
                word_rate=rng.uniform(0.0, 0.25),
                renumber=rng.random() < 0.7,
            )
            cases.append((source, variant.text, variant.gold))
    return cases


def main() -> None:
    old_source, old = load("kz-1995-ru-as-of-2023.txt")
    new_source, new = load("kz-2026-ru.txt")
    compare_s = median_time(lambda: compare(old, new, old_ref="KZ@1995-ru", new_ref="KZ@2026-ru"))
    align_s = median_time(lambda: align(old, new))
    end_to_end_s = median_time(
        lambda: compare(
            parse_text(old_source, lang="ru"), parse_text(new_source, lang="ru"), old_ref="a", new_ref="b"
        )
    )
    print("Kazakhstan 1995 (ru, as of 2023) -> 2026, 102 -> 96 articles, median of 5 runs:\n")
    print("| step | time (ms) |")
    print("|---|---:|")
    print(f"| align only | {align_s * 1000:.0f} |")
    print(f"| compare (align, redlines, statistics), parsed texts | **{compare_s * 1000:.0f}** |")
    print(f"| end to end: parse both texts + compare | {end_to_end_s * 1000:.0f} |")

    _, ru_old = load("ru-1993-ru-as-of-2019-03-27.txt")
    _, ru_new = load("ru-1993-ru-as-of-2020-03-14.txt")
    answer = russia_2020_answer(ru_old, ru_new)
    cases = synthetic_cases()
    methods: list[tuple[str, Aligner]] = [
        ("charterwatch (texts.align.v1)", align),
        ("by number", by_number),
        ("difflib lines", difflib_lines),
    ]
    print(f"\nAlignment F1 on Russia 2019 -> 2020 (answer from the 2020 notes, {len(answer)} lines) and on")
    print(f"{len(cases)} synthetic variants (mean F1; all nine texts x {SYNTHETIC_SEEDS} seeds):\n")
    print(
        "| method | time RU 2019 -> 2020 (ms) | F1 RU 2019 -> 2020 | time KZ 1995 -> 2026 (ms) | F1 synthetic |"
    )
    print("|---|---:|---:|---:|---:|")
    for name, method in methods:
        ru_s = median_time(lambda method=method: method(ru_old, ru_new))  # type: ignore[misc]
        kz_s = median_time(lambda method=method: method(old, new))  # type: ignore[misc]
        f1 = score_alignment(method(ru_old, ru_new), answer).f1
        synthetic = statistics.mean(score_alignment(method(a, b), gold).f1 for a, b, gold in cases)
        print(f"| {name} | {ru_s * 1000:.0f} | {f1:.3f} | {kz_s * 1000:.0f} | {synthetic:.3f} |")


if __name__ == "__main__":
    main()
