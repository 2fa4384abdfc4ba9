"""The word figures of a split: one diff of the old article against its pieces, each word counted once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from charterwatch.texts.compare.redline import redline, word_count


@dataclass(frozen=True)
class PieceCounts:
    """Words of one new piece of a split, with the old words attributed to it."""

    words_old: int
    words_new: int
    words_deleted: int
    words_inserted: int


def piece_counts(old: str, pieces: Sequence[str]) -> list[PieceCounts]:
    """Diff ``old`` once against the pieces joined by spaces; each word counts for the piece it stands in.

    Equal and inserted text is cut at the pieces' boundaries in the new text; a deleted run counts for the
    piece at whose position it was deleted. So the pieces' old words add up to the old article's exactly.
    """
    bounds = []
    offset = 0
    for k, piece in enumerate(pieces):
        offset += len(piece) + (1 if k else 0)
        bounds.append(offset)
    kept = [0] * len(pieces)
    deleted = [0] * len(pieces)
    inserted = [0] * len(pieces)
    position = 0
    for op in redline(old, " ".join(pieces)):
        if op.op == "delete":
            deleted[_owner(bounds, position)] += word_count(op.text)
            continue
        counts = kept if op.op == "equal" else inserted
        for k, part in _cut(op.text, position, bounds):
            counts[k] += word_count(part)
        position += len(op.text)
    return [
        PieceCounts(kept[k] + deleted[k], kept[k] + inserted[k], deleted[k], inserted[k])
        for k in range(len(pieces))
    ]


def _owner(bounds: Sequence[int], position: int) -> int:
    return next((k for k, end in enumerate(bounds) if position < end), len(bounds) - 1)


def _cut(text: str, start: int, bounds: Sequence[int]) -> list[tuple[int, str]]:
    """``text`` (at ``start`` in the joined new text) cut where pieces end, each part with its piece."""
    parts = []
    end = start + len(text)
    while start < end:
        k = _owner(bounds, start)
        stop = min(end, bounds[k])
        parts.append((k, text[: stop - start]))
        text = text[stop - start :]
        start = stop
    return parts
