"""Print the alignment of Kazakhstan's constitution of 1995 (Russian, as of 2023) with that of 2026.

Run: ``.venv/bin/python bench/show_kz_alignment.py > /tmp/kz.md``; docs/kz-1995-2026-alignment.md is a short
reading of it followed by this output. Markdown: the figures, the fates of articles by kind, each section of
2026, the renumbering map (every old article: new number(s), kind, similarity, and the words deleted and
inserted), then the new and removed articles with their first words, to read against the texts.
"""

from __future__ import annotations

from charterwatch.texts.compare import compare
from charterwatch.texts.compare.model import PAIR_KINDS, ChangeStats, Comparison
from charterwatch.texts.compare.report import AXES_COLUMNS, articles_changed, axes_rows
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.parse import parse_text
from charterwatch.texts.tree import ParsedText

OLD, NEW = "kz-1995-ru-as-of-2023.txt", "kz-2026-ru.txt"


def load(file: str) -> ParsedText:
    entry = corpus_entry(file)
    return parse_text(entry.path().read_text(encoding="utf-8"), lang=entry.lang)


def pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def figures(stats: ChangeStats) -> None:
    print("| figure | value |")
    print("|---|---:|")
    print(
        f"| **changed words**: (deleted + inserted) / (old + new words) | **{pct(stats.changed_word_share)}** |"
    )
    print(f"| old words that did not survive: deleted / old words | {pct(stats.deleted_word_share)} |")
    print(f"| new words that were not there: inserted / new words | {pct(stats.inserted_word_share)} |")
    print(f"| articles, 1995 → 2026 | {stats.articles_old} → {stats.articles_new} |")
    print(f"| words, 1995 → 2026 | {stats.words_old:,} → {stats.words_new:,} |")
    print(f"| words deleted / inserted | {stats.words_deleted:,} / {stats.words_inserted:,} |")
    print(
        f"| **articles changed**: new or reworded new articles / new articles | {articles_changed(stats)} |"
    )


def kinds(stats: ChangeStats) -> None:
    print("| kind | pairs | old articles (share) | new articles (share) |")
    print("|---|---:|---:|---:|")
    for kind in PAIR_KINDS:
        old, new = stats.old_by_kind.get(kind, 0), stats.new_by_kind.get(kind, 0)
        print(
            f"| {kind} | {stats.by_kind.get(kind, 0)} | {old} ({pct(stats.old_share(kind))}) "
            f"| {new} ({pct(stats.new_share(kind))}) |"
        )


def axes(stats: ChangeStats) -> None:
    print("| " + " | ".join(AXES_COLUMNS) + " |")
    print("|---|" + "---:|" * (len(AXES_COLUMNS) - 1))
    for row in axes_rows(stats):
        print("| " + " | ".join(row) + " |")


def sections(comparison: Comparison) -> None:
    print("| section of 2026 | articles 1995 → 2026 | words deleted | words inserted | changed words |")
    print("|---|---:|---:|---:|---:|")
    for name, stats in comparison.sections.items():
        print(
            f"| {name} | {stats.articles_old} → {stats.articles_new} | {stats.words_deleted:,} "
            f"| {stats.words_inserted:,} | {pct(stats.changed_word_share)} |"
        )


def renumbering(comparison: Comparison, old: ParsedText) -> None:
    by_old = {num: pair for pair in comparison.pairs for num in pair.old}
    print("| 1995 | 2026 | kind (position, wording) | similarity | words deleted / inserted (whole group) |")
    print("|---|---|---|---:|---:|")
    for article in old.articles():
        pair = by_old[str(article.num)]
        news = [n for p in comparison.pairs if article.num in p.old for n in p.new]
        counts = [p for p in comparison.pairs if article.num in p.old]
        deleted = sum(p.words_deleted for p in counts)
        inserted = sum(p.words_inserted for p in counts)
        print(
            f"| {article.num} | {', '.join(news) or '—'} | {pair.label} | {pair.similarity:.2f} "
            f"| {deleted} / {inserted} |"
        )


def first_words(text: str, count: int = 14) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def main() -> None:
    old, new = load(OLD), load(NEW)
    comparison = compare(old, new, old_ref="KZ@1995-ru", new_ref="KZ@2026-ru")
    print(f"## Output of bench/show_kz_alignment.py ({comparison.method})\n")
    print("### Figures\n")
    figures(comparison.stats)
    print("\n### Articles by kind\n")
    kinds(comparison.stats)
    print("\n### Pairs by position and wording\n")
    axes(comparison.stats)
    print("\n### Per section of 2026\n")
    sections(comparison)
    print("\n### Renumbering map: every 1995 article\n")
    renumbering(comparison, old)
    print("\n### New articles of 2026\n")
    for pair in comparison.pairs:
        if pair.kind == "new":
            print(f"- **{pair.new[0]}**: {first_words(str(new.article(pair.new[0]).norm_text()))}")  # type: ignore[union-attr]
    print("\n### Removed articles of 1995\n")
    for pair in comparison.pairs:
        if pair.kind == "removed":
            text = str(old.article(pair.old[0]).norm_text())  # type: ignore[union-attr]
            print(f"- **{pair.old[0]}**: {first_words(text) or '(empty: repealed before 2023)'}")


if __name__ == "__main__":
    main()
