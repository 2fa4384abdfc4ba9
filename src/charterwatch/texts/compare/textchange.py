"""The text axis of a change: how much an aligned article's wording changed, apart from where it stands.

Position (same number, renumbered, moved, split, merged) is the pair's ``kind``; this module says, for the same
pair, whether its words are:

- ``unchanged``: no word differs (words are ``\\w+`` runs, so a changed comma alone is no change);
- ``minor``: words differ, but at most ``MINOR_BAND`` of the *normalised* words (``normalise.py``: case, "ё",
  every number, renamed institutions) do: a renumbered cross-reference ("статьей 44" → "статьей 46") or
  "Парламент" → "Курултай" alone;
- ``rewritten``: more words changed than were kept, (deleted + inserted) / (old + new words) above
  ``REWRITE_SHARE``;
- ``amended``: anything between.

Where the bands come from (docs/compare.md): on the development pairs (Russia 1993 → 2007 → 2008 → 2019) the
smallest real amendments change 0.7% (Art. 65, two subjects added to the federation) and 1.1% (Art. 125) of an
article's words, and the presidential term ("четыре года" → "шесть лет") 3.7%: every change of a normalised
word there is a change of substance, so the band is zero normalised words. ``REWRITE_SHARE`` is one half by
definition: a rewritten article kept fewer words than it changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from charterwatch.texts.compare import diffing
from charterwatch.texts.compare.model import AlignedPair, TextChange
from charterwatch.texts.compare.normalise import normalise
from charterwatch.texts.compare.redline import changed_words, redline

MINOR_BAND: Final = 0.0  # share of normalised words that may change in a minor edit
REWRITE_SHARE: Final = 0.5  # changed-word share above which an article is rewritten

_SEVERITY: Final[dict[str, int]] = {"unchanged": 0, "minor": 1, "amended": 2, "rewritten": 3}


def text_change(
    *, words_old: int, words_new: int, deleted: int, inserted: int, normalised_share: float
) -> TextChange:
    """The text axis from a pair's word counts and the share of its normalised words that changed."""
    if not deleted and not inserted:
        return "unchanged"
    if normalised_share <= MINOR_BAND:
        return "minor"
    total = words_old + words_new
    return "rewritten" if total and (deleted + inserted) / total > REWRITE_SHARE else "amended"


def normalised_share(before: str, after: str, *, lang: str) -> float:
    """(deleted + inserted) / (old + new) over the normalised words of two texts."""
    old, new = normalise(before, lang=lang), normalise(after, lang=lang)
    deleted, inserted = changed_words(redline(old, new))
    total = len(old.split()) + len(new.split())
    return (deleted + inserted) / total if total else 0.0


def piece_normalised_shares(old: str, pieces: Sequence[str], *, lang: str) -> list[float]:
    """The normalised change share of each piece of a split, diffed once as ``diffing.piece_counts`` does."""
    counts = diffing.piece_counts(normalise(old, lang=lang), [normalise(p, lang=lang) for p in pieces])
    return [
        (c.words_deleted + c.words_inserted) / (c.words_old + c.words_new)
        if c.words_old + c.words_new
        else 0.0
        for c in counts
    ]


def classify(pair: AlignedPair, *, normalised: float) -> None:
    """Set ``pair.text_change`` from its filled word counts (None for a new or removed article)."""
    if not pair.old or not pair.new:
        pair.text_change = None
        return
    pair.text_change = text_change(
        words_old=pair.words_old,
        words_new=pair.words_new,
        deleted=pair.words_deleted,
        inserted=pair.words_inserted,
        normalised_share=normalised,
    )


def worst(changes: Sequence[str]) -> str:
    """The greatest text change among several (an old article split into pieces takes its worst piece's)."""
    return max(changes, key=lambda change: _SEVERITY.get(change, len(_SEVERITY)))
