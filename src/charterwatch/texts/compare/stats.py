"""Change statistics: how many articles met which fate and how many words were deleted and inserted.

Words are ``\\w+`` runs, as in the redline. Within an aligned group the words deleted and inserted are read
off the redline (``redline.redline``) of the group's old text(s) joined in old order against its new text(s)
joined in new order; a new article's words all count as inserted, a removed article's as deleted. An old
article split in two is diffed once against its two pieces together, so its words count once, each for the
piece it went to (``diffing.piece_counts``). Definitions: docs/compare.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from charterwatch.texts.compare.model import AlignedPair, ChangeStats
from charterwatch.texts.compare.textchange import worst
from charterwatch.texts.tree import ParsedText, Provision


def change_stats(pairs: Sequence[AlignedPair], *, articles_old: int, articles_new: int) -> ChangeStats:
    """Totals over ``pairs``: articles by kind (pairs, old fates, new origins) and words."""
    old_fate: dict[str, str] = {}
    new_origin: dict[str, str] = {}
    old_text: dict[str, list[str]] = {}
    new_text: dict[str, str] = {}
    by_axes: dict[str, dict[str, int]] = {}
    for pair in pairs:
        text = _text_axis(pair)
        if pair.position is not None:
            cell = by_axes.setdefault(pair.position, {})
            cell[text] = cell.get(text, 0) + 1
        for num in pair.old:
            old_fate.setdefault(num, pair.kind)
            old_text.setdefault(num, []).append(text)
        for num in pair.new:
            new_origin.setdefault(num, pair.kind)
            new_text.setdefault(num, text)
    return ChangeStats(
        articles_old=articles_old,
        articles_new=articles_new,
        by_kind=dict(Counter(pair.kind for pair in pairs)),
        words_old=sum(p.words_old for p in pairs),
        words_new=sum(p.words_new for p in pairs),
        words_deleted=sum(p.words_deleted for p in pairs),
        words_inserted=sum(p.words_inserted for p in pairs),
        old_by_kind=dict(Counter(old_fate.values())),
        new_by_kind=dict(Counter(new_origin.values())),
        old_by_text=dict(Counter(worst(texts) for texts in old_text.values())),
        new_by_text=dict(Counter(new_text.values())),
        by_axes=by_axes,
    )


def _text_axis(pair: AlignedPair) -> str:
    """The text change of a pair, "new" or "removed" when a side is missing (older pairs: from text_changed)."""
    if not pair.old or not pair.new:
        return pair.kind
    return pair.text_change or ("amended" if pair.text_changed else "unchanged")


def whole_stats(pairs: Sequence[AlignedPair], old: ParsedText, new: ParsedText) -> ChangeStats:
    return change_stats(pairs, articles_old=len(old.articles()), articles_new=len(new.articles()))


def section_stats(pairs: Sequence[AlignedPair], new: ParsedText) -> dict[str, ChangeStats]:
    """Statistics per section of the new version, in its order.

    A pair belongs to the section of its new article. A removed article belongs to the section where the
    pair before it in reading order stands (where its text would have been); split pieces each to their own.
    Articles are counted as in the whole: an old article where its first piece or its merge lands.
    """
    section_of = article_sections(new)
    buckets: dict[str, list[AlignedPair]] = {name: [] for name in dict.fromkeys(section_of.values())}
    current = next(iter(buckets), "")
    seen_old: set[str] = set()
    for pair in pairs:
        if pair.new:
            current = section_of.get(pair.new[0], current)
        fresh = not seen_old.intersection(pair.old)
        seen_old.update(pair.old)
        buckets.setdefault(current, []).append(pair if fresh else _without_old(pair))
    return {
        name: change_stats(
            members,
            articles_old=len({o for p in members for o in p.old}),
            articles_new=len({n for p in members for n in p.new}),
        )
        for name, members in buckets.items()
        if members
    }


def _without_old(pair: AlignedPair) -> AlignedPair:
    """A later split piece: its words count, its old article was already counted with the first piece."""
    return AlignedPair(
        pair.kind,
        pair.new,
        [],
        pair.similarity,
        pair.words_old,
        pair.words_new,
        pair.words_deleted,
        pair.words_inserted,
        text_changed=pair.text_changed,
        text_change=pair.text_change,
    )


def article_sections(text: ParsedText) -> Mapping[str, str]:
    """Article number -> the title of its innermost section or chapter ("" when it has none)."""
    out: dict[str, str] = {}

    def visit(node: Provision, section: str) -> None:
        if node.kind in ("section", "chapter"):
            section = " ".join(" ".join(filter(None, [node.label, node.heading])).split())
        if node.kind == "article" and node.num is not None:
            out[node.num] = section
        for child in node.children:
            visit(child, section)

    for provision in text.provisions:
        visit(provision, "")
    return out
