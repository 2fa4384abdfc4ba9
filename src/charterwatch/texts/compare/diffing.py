"""The redline of an aligned group, fast enough for a whole constitution, and the word figures of a split.

``redline.word_diff`` matches runs of spaces like words. Half of all tokens are then the same empty key, and
difflib's search for the longest match (``autojunk`` off, rightly for legal text) becomes quadratic in the
article: 0.8 s for the 95 changed articles of Kazakhstan 1995 -> 2026, most of the 1 s budget; and
difflib's longest-match-first goes astray where legal text repeats long phrases (``patience.py``). Here
spaces are left out of the matching and words and marks are matched by patience diff: the same tokens and
ops, joining back into the same texts, in a tenth of the time.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from charterwatch.texts.compare.model import OpKind, RedlineOp
from charterwatch.texts.compare.patience import matches
from charterwatch.texts.compare.redline import tokens, word_count


def redline(old: str, new: str) -> list[RedlineOp]:
    """Ops that join back into ``new`` (equal + insert) and ``old`` (equal + delete, up to spaces)."""
    if old == new:
        return [RedlineOp("equal", new)] if new else []
    if not old or not new:
        return [RedlineOp("insert", new)] if new else [RedlineOp("delete", old)]
    return word_diff(old, new)


def word_diff(old: str, new: str) -> list[RedlineOp]:
    """``redline.word_diff``'s ops over its tokens, but spaces take no part in the matching.

    Words and marks are matched by ``patience.matches``; a run of spaces between two changes or matches
    goes with the change, or is kept (in the new text's form) where both sides have one.
    """
    old_tokens, new_tokens = tokens(old), tokens(new)
    old_at = [k for k, t in enumerate(old_tokens) if not t.isspace()]
    new_at = [k for k, t in enumerate(new_tokens) if not t.isspace()]
    pairs = matches([old_tokens[k] for k in old_at], [new_tokens[k] for k in new_at])
    runs: list[tuple[OpKind, str]] = []
    i0 = j0 = 0  # first tokens not yet in a run
    for a, b in [*pairs, (len(old_at), len(new_at))]:
        i = old_at[a] if a < len(old_at) else len(old_tokens)
        j = new_at[b] if b < len(new_at) else len(new_tokens)
        gone, come = old_tokens[i0:i], new_tokens[j0:j]
        if gone and come and gone[0].isspace() and come[0].isspace():
            runs.append(("equal", come[0]))
            gone, come = gone[1:], come[1:]
        if gone:
            runs.append(("delete", "".join(gone)))
        if come:
            runs.append(("insert", "".join(come)))
        if j < len(new_tokens):
            runs.append(("equal", new_tokens[j]))
        i0, j0 = i + 1, j + 1
    return [
        RedlineOp(op, "".join(text for _, text in group))
        for op, group in itertools.groupby(runs, key=lambda run: run[0])
    ]


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
