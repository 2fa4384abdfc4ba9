"""Compare two versions: article alignment across renumbering, redlines and change statistics.

``compare(old, new, old_ref=..., new_ref=...)`` aligns the articles by content (``align.py``), gives every
pair its word-level redline and word counts, and adds up the statistics for the whole text and for each
section of the new version (``stats.py``). Definitions of kinds and figures: docs/compare.md. Every comparison
names its ``comparison_method()``: a method id hashed from this package's code (docs/store.md), under which it
is stored and reused.
"""

from __future__ import annotations

from collections.abc import Sequence

from charterwatch.provenance import method_id
from charterwatch.texts.compare import diffing, textchange
from charterwatch.texts.compare.align import align as align_articles
from charterwatch.texts.compare.model import AlignedPair, ChangeStats, Comparison
from charterwatch.texts.compare.redline import changed_words, redline, word_count
from charterwatch.texts.compare.stats import section_stats, whole_stats
from charterwatch.texts.tree import ParsedText

__all__ = ["AlignedPair", "ChangeStats", "Comparison", "compare", "comparison_method"]


def comparison_method() -> str:
    """The method id of ``compare``: this package, every module it imports, the assignment solver and the
    Russian morphology (paragraph lemmas)."""
    return method_id(
        "texts.compare", modules=[__name__], libraries=["numpy", "pymorphy3", "pymorphy3-dicts-ru", "scipy"]
    )


def compare(old: ParsedText, new: ParsedText, *, old_ref: str, new_ref: str) -> Comparison:
    """Align ``old`` with ``new``, then fill each pair's redline and word counts and the statistics."""
    pairs = align_articles(old, new)
    fill_pairs(pairs, old, new)
    return Comparison(
        old_ref=old_ref,
        new_ref=new_ref,
        method=comparison_method(),
        pairs=pairs,
        stats=whole_stats(pairs, old, new),
        sections=section_stats(pairs, new),
    )


def fill_pairs(pairs: Sequence[AlignedPair], old: ParsedText, new: ParsedText) -> None:
    """Redlines, word counts and text changes of aligned pairs, in place (the pieces of a split share one
    diff)."""
    old_text = {a.num: a.norm_text() for a in old.articles()}
    new_text = {a.num: a.norm_text() for a in new.articles()}
    pieces: dict[tuple[str, ...], list[AlignedPair]] = {}
    for pair in pairs:
        before = " ".join(old_text[n] for n in pair.old)
        after = " ".join(new_text[n] for n in pair.new)
        pair.redline = redline(before, after)
        pair.words_old, pair.words_new = word_count(before), word_count(after)
        pair.words_deleted, pair.words_inserted = changed_words(pair.redline)
        if pair.kind == "split":
            pieces.setdefault(tuple(pair.old), []).append(pair)
        elif pair.old and pair.new:
            textchange.classify(pair, normalised=textchange.normalised_share(before, after, lang=new.lang))
    for olds, split in pieces.items():
        texts = [new_text[p.new[0]] for p in split]
        counts = diffing.piece_counts(old_text[olds[0]], texts)
        shares = textchange.piece_normalised_shares(old_text[olds[0]], texts, lang=new.lang)
        for pair, count, share in zip(split, counts, shares, strict=True):
            pair.words_old, pair.words_new = count.words_old, count.words_new
            pair.words_deleted, pair.words_inserted = count.words_deleted, count.words_inserted
            textchange.classify(pair, normalised=share)
