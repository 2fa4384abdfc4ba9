"""What kind of change a group of aligned articles is, from its shape, its numbers and the order of all groups.

A group is the old article(s) and the new article(s) they became. The kinds (docs/compare.md):

- ``new``: no old article; ``removed``: no new article.
- ``split``: one old article became several new ones; ``merged``: several old ones became one.
- one old to one new with the same number: ``same`` when no word differs, else ``amended``;
- one to one under another number: ``renumbered`` when the pair keeps its place relative to the other matched
  articles (it lies on the longest run of groups whose old and new orders agree), else ``moved``.

The synthetic generator names its known truth with this same function, so kinds mean one thing everywhere.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from charterwatch.texts.compare.model import PairKind


@dataclass(frozen=True)
class Group:
    """Indexes into the old and new article lists; ``text_changed`` is whether any word differs.

    ``feeders`` are (new, old) links beside the group's shape: an old article outside the group whose
    paragraphs went into one of its new articles (``paragraphs.py``); they change no kind."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    text_changed: bool = False
    similarity: float = 0.0
    feeders: tuple[tuple[int, int], ...] = ()


def in_order(groups: Sequence[Group]) -> set[int]:
    """Indexes of the matched groups on one longest increasing run of (new position, old position).

    Each matched group stands at its first new and first old article. Among several longest runs the one
    found by patience sorting is kept, which is deterministic.
    """
    points = sorted((min(g.new), min(g.old), k) for k, g in enumerate(groups) if g.old and g.new)
    tails: list[int] = []  # old position ending the best run of each length
    tail_index: list[int] = []  # index into points of that end
    previous: list[int] = [-1] * len(points)
    for p, (_, old, _) in enumerate(points):
        length = bisect_left(tails, old)
        if length == len(tails):
            tails.append(old)
            tail_index.append(p)
        else:
            tails[length] = old
            tail_index[length] = p
        previous[p] = tail_index[length - 1] if length else -1
    on_run: set[int] = set()
    p = tail_index[-1] if tail_index else -1
    while p >= 0:
        on_run.add(points[p][2])
        p = previous[p]
    return on_run


def group_kinds(
    groups: Sequence[Group], *, old_nums: Sequence[str | None], new_nums: Sequence[str | None]
) -> list[PairKind]:
    """The kind of each group, by the definitions above."""
    ordered = in_order(groups)
    kinds: list[PairKind] = []
    for k, group in enumerate(groups):
        if not group.old:
            kinds.append("new")
        elif not group.new:
            kinds.append("removed")
        elif len(group.new) > 1:
            kinds.append("split")
        elif len(group.old) > 1:
            kinds.append("merged")
        elif old_nums[group.old[0]] == new_nums[group.new[0]]:
            kinds.append("amended" if group.text_changed else "same")
        else:
            kinds.append("renumbered" if k in ordered else "moved")
    return kinds
