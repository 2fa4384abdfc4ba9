"""Which tokens of two sequences match: patience diff, with difflib inside the stretches it cannot anchor.

difflib alone takes the longest common run first. Legal text repeats long phrases ("Конституционный Суд
Российской Федерации по запросам ..." opens four paragraphs of one article), so once a few words of a
paragraph are edited, its longest run may be a sibling paragraph's, and the diff deletes and re-inserts
half the article. Patience diff first pairs the tokens that occur exactly once on each side, keeps the
longest run of those pairs that agrees in order, and recurses between them; only stretches with no such
token are matched exactly (a longest common subsequence) when small, by difflib otherwise. Common
prefixes and suffixes are matched first, as usual.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

Match = tuple[int, int]
SMALL = 400  # cells: below this, stretches are matched exactly by dynamic programming


def matches(a: Sequence[str], b: Sequence[str]) -> list[Match]:
    """Matching index pairs (i, j) with a[i] == b[j], increasing in both."""
    out: list[Match] = []
    _match(a, b, 0, len(a), 0, len(b), out)
    return out


def _match(
    a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, out: list[Match]
) -> None:
    while alo < ahi and blo < bhi and a[alo] == b[blo]:
        out.append((alo, blo))
        alo, blo = alo + 1, blo + 1
    tail: list[Match] = []
    while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
        ahi, bhi = ahi - 1, bhi - 1
        tail.append((ahi, bhi))
    if alo < ahi and blo < bhi:
        anchors = _anchors(a, b, alo, ahi, blo, bhi)
        if anchors:
            i0, j0 = alo, blo
            for i, j in anchors:
                _match(a, b, i0, i, j0, j, out)
                out.append((i, j))
                i0, j0 = i + 1, j + 1
            _match(a, b, i0, ahi, j0, bhi, out)
        elif (ahi - alo) * (bhi - blo) <= SMALL:
            out.extend(_lcs(a, b, alo, ahi, blo, bhi))
        else:
            matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            for block in matcher.get_matching_blocks():
                out.extend((alo + block.a + k, blo + block.b + k) for k in range(block.size))
    out.extend(reversed(tail))


def _lcs(a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> list[Match]:
    """A longest common subsequence by dynamic programming: exact, and cheaper than difflib when small."""
    n, m = ahi - alo, bhi - blo
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if a[alo + i] == b[blo + j]:
                table[i][j] = table[i + 1][j + 1] + 1
            else:
                table[i][j] = max(table[i + 1][j], table[i][j + 1])
    pairs: list[Match] = []
    i = j = 0
    while i < n and j < m:
        if a[alo + i] == b[blo + j]:
            pairs.append((alo + i, blo + j))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def _anchors(a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> list[Match]:
    """Tokens once in a[alo:ahi] and once in b[blo:bhi], longest increasing run of them."""
    count_a = Counter(a[alo:ahi])
    count_b = Counter(b[blo:bhi])
    where_b = {b[j]: j for j in range(blo, bhi) if count_b[b[j]] == 1}
    pairs = [(i, where_b[a[i]]) for i in range(alo, ahi) if count_a[a[i]] == 1 and a[i] in where_b]
    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(pairs)
    for p, (_, j) in enumerate(pairs):
        length = bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_at.append(p)
        else:
            tails[length] = j
            tail_at[length] = p
        previous[p] = tail_at[length - 1] if length else -1
    run: list[Match] = []
    p = tail_at[-1] if tail_at else -1
    while p >= 0:
        run.append(pairs[p])
        p = previous[p]
    return run[::-1]
