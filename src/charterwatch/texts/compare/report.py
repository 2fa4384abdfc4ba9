"""Reports of a comparison: the figures every format shows, JSON and Markdown; text and HTML in their modules.

Every format starts from the same figures (``summary_rows``, ``kind_rows``, ``section_rows``,
``renumbered``), so the terminal, the files and the web app never disagree on what changed.
"""

from __future__ import annotations

import html
import json
import re
from typing import Final, NamedTuple

from charterwatch.texts.compare.model import (
    PAIR_KINDS,
    TEXT_CHANGE_LABELS,
    TEXT_CHANGES,
    AlignedPair,
    ChangeStats,
    Comparison,
    RedlineOp,
    comparison_to_dict,
)

REPORT_FORMATS: Final = ("text", "json", "md", "html")
HEADLINE: Final = "Changed words"
HEADLINE_DEFINITION: Final = (
    "words deleted plus words inserted, over the words of both versions together "
    "(0% when nothing changed, 100% when no word was kept; new articles count as inserted, "
    "removed ones as deleted)"
)
ARTICLES_DEFINITION: Final = (
    "new articles that are new or whose wording differs from their source's in at least one word, over all "
    "new articles; beyond minor edits leaves out those whose only changes are numbers (renumbered "
    "references), case, punctuation or a renamed institution"
)
_NUM_PART = re.compile(r"\d+|\D+")


def render(comparison: Comparison, *, fmt: str) -> str:
    """The report as a string in ``fmt`` (one of ``REPORT_FORMATS``; checked by the caller)."""
    if fmt == "json":
        return to_json(comparison)
    if fmt == "md":
        return to_markdown(comparison)
    if fmt == "html":
        from charterwatch.texts.compare.report_html import to_html

        return to_html(comparison)
    from charterwatch.texts.compare.report_text import to_text

    return to_text(comparison)


# Figures shared by every format


def percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def summary_rows(stats: ChangeStats) -> list[tuple[str, str]]:
    """(label, value) lines of the summary, the headline first."""
    return [
        (HEADLINE, percent(stats.changed_word_share)),
        ("Articles changed", articles_changed(stats)),
        ("Articles", f"{stats.articles_old} old, {stats.articles_new} new"),
        ("Words", f"{stats.words_old:,} old, {stats.words_new:,} new"),
        ("Words deleted", f"{stats.words_deleted:,} ({percent(stats.deleted_word_share)} of the old text)"),
        (
            "Words inserted",
            f"{stats.words_inserted:,} ({percent(stats.inserted_word_share)} of the new text)",
        ),
    ]


def articles_changed(stats: ChangeStats) -> str:
    """ "92 of 96 (95.8%); 80 beyond minor edits (83.3%)": the question "how many articles changed?"."""
    changed, total = stats.new_articles_changed, stats.articles_new
    if not stats.new_by_text:
        return "—"
    substantive = stats.new_articles_changed_beyond_minor
    share = substantive / total if total else 0.0
    return (
        f"{changed} of {total} ({percent(stats.changed_article_share)}); "
        f"{substantive} beyond minor edits ({percent(share)})"
    )


TEXT_COLUMNS: Final = ("wording", "old articles", "new articles")


def text_rows(stats: ChangeStats) -> list[tuple[str, str, str]]:
    """The text axis: how many old and new articles kept, edited, amended or rewrote their wording."""
    rows = []
    for text in (*TEXT_CHANGES, "new", "removed"):
        old, new = stats.old_by_text.get(text, 0), stats.new_by_text.get(text, 0)
        if old or new:
            old_share = old / stats.articles_old if stats.articles_old else 0.0
            new_share = new / stats.articles_new if stats.articles_new else 0.0
            rows.append(
                (
                    TEXT_CHANGE_LABELS.get(text, text),
                    _count_share(old, old_share),
                    _count_share(new, new_share),
                )
            )
    return rows


POSITIONS: Final = ("same number", "renumbered", "moved", "split", "merged")
AXES_COLUMNS: Final = ("position \\ wording", *(TEXT_CHANGE_LABELS[t] for t in TEXT_CHANGES), "pairs")


def axes_rows(stats: ChangeStats) -> list[tuple[str, ...]]:
    """Aligned pairs by position (rows) and wording (columns): "renumbered" and "amended" at once."""
    rows = []
    for position in (*POSITIONS, *(p for p in stats.by_axes if p not in POSITIONS)):
        cells = stats.by_axes.get(position)
        if cells:
            counts = [cells.get(text, 0) for text in TEXT_CHANGES]
            rows.append((position, *(str(c) if c else "" for c in counts), str(sum(cells.values()))))
    return rows


class KindRow(NamedTuple):
    """How many pairs are of one kind, and how many old and new articles (with their shares) that covers."""

    kind: str
    pairs: int
    old: str
    new: str


def kind_rows(stats: ChangeStats) -> list[KindRow]:
    """One row per kind that occurs, in the catalogue's order, then any kind the catalogue does not know."""
    seen = [*stats.by_kind, *stats.old_by_kind, *stats.new_by_kind]
    kinds = [k for k in PAIR_KINDS if k in seen] + [k for k in dict.fromkeys(seen) if k not in PAIR_KINDS]
    return [
        KindRow(
            kind,
            stats.by_kind.get(kind, 0),
            _count_share(stats.old_by_kind.get(kind, 0), stats.old_share(kind)),
            _count_share(stats.new_by_kind.get(kind, 0), stats.new_share(kind)),
        )
        for kind in kinds
    ]


KIND_COLUMNS: Final = ("kind", "pairs", "old articles", "new articles")


def _count_share(count: int, share: float) -> str:
    return f"{count} ({percent(share)})" if count else ""


def section_rows(comparison: Comparison) -> list[tuple[str, str, str, str, str]]:
    """(section, articles, changed words, deleted, inserted) per section of the new version."""
    return [
        (
            name,
            f"{s.articles_old} → {s.articles_new}",
            percent(s.changed_word_share),
            f"{s.words_deleted:,}",
            f"{s.words_inserted:,}",
        )
        for name, s in comparison.sections.items()
    ]


def renumbered(comparison: Comparison) -> list[tuple[str, str]]:
    """(old number, new numbers) for every old article whose number did not stay the same, by old number."""
    rows = [
        (old, ", ".join(new) if new else "—") for old, new in comparison.renumbering().items() if new != [old]
    ]
    return sorted(rows, key=lambda row: num_key(row[0]))


def num_key(num: str) -> tuple[tuple[int, int | str], ...]:
    """Sort article numbers as printed in natural order: 2 < 10 < 44-1 < 44-2 < 45."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _NUM_PART.findall(num))


def is_changed(pair: AlignedPair) -> bool:
    return pair.kind != "same" or bool(pair.fed_by)


def kind_label(pair: AlignedPair) -> str:
    """Both axes, position and text: "renumbered, amended", "same number, minor edits", "new"."""
    return pair.label


def pair_label(nums: list[str]) -> str:
    return ", ".join(nums) if nums else "—"


def sources_label(pair: AlignedPair) -> str:
    """The old article(s), and those that fed paragraphs into the new one: "12 (+ paragraphs of 44)"."""
    label = pair_label(pair.old)
    return f"{label} (+ paragraphs of {', '.join(pair.fed_by)})" if pair.fed_by else label


def anchor(pair: AlignedPair) -> str:
    """The fragment the web app links to: ``art-23`` for new article 23, ``old-art-12`` for a removed one."""
    return f"art-{pair.new[0]}" if pair.new else f"old-art-{pair.old[0] if pair.old else ''}"


# JSON


def to_json(comparison: Comparison) -> str:
    """The whole comparison; ``comparison_from_dict(json.loads(...))`` gives it back.

    ``changed_word_share`` is added to every stats object for readers that do not recompute it, the article
    counts of the text axis to the whole, and each pair's ``label`` (both axes in words).
    """
    data = comparison_to_dict(comparison)
    data["stats"]["changed_word_share"] = comparison.stats.changed_word_share
    data["stats"]["changed_article_share"] = comparison.stats.changed_article_share
    data["stats"]["new_articles_changed"] = comparison.stats.new_articles_changed
    data["stats"]["new_articles_changed_beyond_minor"] = comparison.stats.new_articles_changed_beyond_minor
    for pair, pair_data in zip(comparison.pairs, data["pairs"], strict=True):
        pair_data["label"] = pair.label
    for name, stats in comparison.sections.items():
        data["sections"][name]["changed_word_share"] = stats.changed_word_share
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# Markdown


def to_markdown(comparison: Comparison) -> str:
    """A Markdown report: figures and renumbering as tables, then each changed article's redline.

    Insertions and deletions are ``<ins>`` / ``<del>``, which GitHub and most renderers show as marks.
    """
    stats = comparison.stats
    lines = [f"# {_md(comparison.old_ref)} → {_md(comparison.new_ref)}", ""]
    lines += [f"- **{label}**: {value}" for label, value in summary_rows(stats)]
    lines += ["", f"*{HEADLINE}*: {HEADLINE_DEFINITION}. Method `{comparison.method}`.", ""]
    lines += [
        "## Articles by kind",
        "",
        "| " + " | ".join(KIND_COLUMNS) + " |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [f"| {row.kind} | {row.pairs} | {row.old} | {row.new} |" for row in kind_rows(stats)]
    lines += ["", "## Pairs by position and wording", ""]
    lines += ["| " + " | ".join(AXES_COLUMNS) + " |", "| --- |" + " ---: |" * (len(AXES_COLUMNS) - 1)]
    lines += ["| " + " | ".join(row) + " |" for row in axes_rows(stats)]
    lines += ["", "## Articles by wording", "", f"*Articles changed*: {ARTICLES_DEFINITION}.", ""]
    lines += ["| " + " | ".join(TEXT_COLUMNS) + " |", "| --- | ---: | ---: |"]
    lines += [f"| {text} | {old} | {new} |" for text, old, new in text_rows(stats)]
    if comparison.sections:
        lines += ["", "## By section", "", "| section | articles | changed words | deleted | inserted |"]
        lines += ["| --- | --- | ---: | ---: | ---: |"]
        lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in section_rows(comparison)]
    lines += ["", "## Renumbering map", "", "| old | new |", "| --- | --- |"]
    lines += [f"| {_md(old)} | {_md(new)} |" for old, new in renumbered(comparison)]
    lines += ["", "## Changed articles", ""]
    for pair in filter(is_changed, comparison.pairs):
        lines += [
            f"### {_md(pair_label(pair.new))} ← {_md(sources_label(pair))}",
            "",
            f"{kind_label(pair)}, similarity {pair.similarity:.2f}, "
            f"{pair.words_deleted} words deleted, {pair.words_inserted} inserted",
            "",
        ]
        if pair.redline:
            lines += [_md_redline(pair.redline), ""]
    return "\n".join(lines)


def _md(value: str) -> str:
    """Text safe inside a Markdown table cell or heading."""
    escaped = html.escape(" ".join(value.split()), quote=False)
    return re.sub(r"([\\`*_\[\]|#])", r"\\\1", escaped)


def _md_redline(ops: list[RedlineOp]) -> str:
    """One paragraph; a leading "1." or "-" is escaped so it does not start a list."""
    marks = {"insert": "ins", "delete": "del"}
    out: list[str] = []
    for op in ops:
        text = re.sub(r"([\\`*_\[\]|#])", r"\\\1", html.escape(op.text, quote=False))
        text = text.replace("\n", "<br>")
        out.append(f"<{marks[op.op]}>{text}</{marks[op.op]}>" if op.op in marks else text)
    return re.sub(r"^(\d+)\.|^([-+])", lambda m: f"{m[1]}\\." if m[1] else f"\\{m[2]}", "".join(out))
