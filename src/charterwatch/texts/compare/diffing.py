"""The redline of an aligned group, fast enough for a whole constitution, and the word figures of a split.

``redline.word_diff`` makes every run of spaces a token of its own. Half of all tokens are then the same
empty key, and difflib's search for the longest match (``autojunk`` off, rightly for legal text) becomes
quadratic in the article: 0.8 s for the 95 changed articles of Kazakhstan 1995 -> 2026, most of the 1 s
budget. Here a space rides on the word or mark before it: the same ops, joining back into the same texts,
the same words deleted and inserted up to a few in a thousand, in a tenth of the time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from charterwatch.texts.compare.model import RedlineOp
from charterwatch.texts.compare.patience import matches
from charterwatch.texts.compare.redline import word_count

_UNIT = re.compile(r"\s+|(?:\w+|[^\w\s]+)\s*")


def redline(old: str, new: str) -> list[RedlineOp]:
    """Ops that join back into ``new`` (equal + insert) and ``old`` (equal + delete, up to spaces)."""
    if old == new:
        return [RedlineOp("equal", new)] if new else []
    if not old or not new:
        return [RedlineOp("insert", new)] if new else [RedlineOp("delete", old)]
    return word_diff(old, new)


def word_diff(old: str, new: str) -> list[RedlineOp]:
    """Like ``redline.word_diff``, but a space rides on the word or mark before it, and matching is patience.

    Spaces as tokens of their own are half of all tokens, all the same key, which makes difflib quadratic;
    ``patience.matches`` keeps repeated phrases from pulling the match out of place.
    """
    old_units, new_units = _UNIT.findall(old), _UNIT.findall(new)
    pairs = matches([u.strip() for u in old_units], [u.strip() for u in new_units])
    ops: list[RedlineOp] = []
    i0 = j0 = 0  # next unit not yet in an op
    k = 0
    while k <= len(pairs):
        i, j = pairs[k] if k < len(pairs) else (len(old_units), len(new_units))
        if i > i0:
            ops.append(RedlineOp("delete", "".join(old_units[i0:i])))
        if j > j0:
            ops.append(RedlineOp("insert", "".join(new_units[j0:j])))
        end = k
        while end + 1 < len(pairs) and pairs[end + 1] == (pairs[end][0] + 1, pairs[end][1] + 1):
            end += 1
        if k < len(pairs):
            ops.append(RedlineOp("equal", "".join(new_units[j : pairs[end][1] + 1])))
            i0, j0 = pairs[end][0] + 1, pairs[end][1] + 1
        k = end + 1
    return ops


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
