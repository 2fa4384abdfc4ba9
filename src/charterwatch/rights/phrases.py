"""Phrase patterns over lemmatised words: the one matcher for grounds, rights and clause cues.

Syntax (documented in the data files): words are compared by lemma; ``a|b`` accepts either word; ``…`` lets up
to 10 words stand between two words (``…30``: up to 30). The words after the last gap are the match's *head*:
two matches compete only when their heads overlap, so "propaganda … war" does not swallow the grounds listed
in between; a gap longer than 10 makes the words before it mere context, and the match reports its head.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from charterwatch.rights.lemmas import Token, lemmas, tokenize

_GAP = re.compile(r"^…(\d*)$")
DEFAULT_GAP = 10


@dataclass(frozen=True)
class Pattern:
    """One compiled phrase: word slots (each a set of accepted lemmas) and the gaps allowed before them."""

    key: str  # what the match reports: a phrase id, a right's article, a cue category
    text: str  # the phrase as written in the data
    slots: tuple[frozenset[str], ...]
    gaps: tuple[int, ...]  # gaps[i]: words allowed between slot i-1 and slot i (0 for adjacent)

    @property
    def exact(self) -> bool:
        return not any(self.gaps)

    @property
    def context_only(self) -> bool:
        """A gap longer than the default makes the words before it context: the match reports its head only."""
        return any(g > DEFAULT_GAP for g in self.gaps)

    @property
    def head_start(self) -> int:
        """Index of the first slot after the last gap."""
        return max((i for i, g in enumerate(self.gaps) if g), default=0)


@dataclass(frozen=True)
class Match:
    pattern: Pattern
    tokens: tuple[int, ...]  # indices of the matched words, one per slot

    @property
    def first(self) -> int:
        return self.tokens[0]

    @property
    def last(self) -> int:
        return self.tokens[-1]

    @property
    def head(self) -> range:
        return range(self.tokens[self.pattern.head_start], self.last + 1)

    @property
    def covered(self) -> range:
        """The words the match reports (its head only, for a context pattern)."""
        return self.head if self.pattern.context_only else range(self.first, self.last + 1)

    def span(self, tokens: Sequence[Token]) -> tuple[int, int]:
        return tokens[self.covered.start].start, tokens[self.last].end


def compile_pattern(
    key: str, text: str, lang: str, *, stopwords: frozenset[str] = frozenset()
) -> Pattern | None:
    """Compile one phrase; None when it has no words left (e.g. only stopwords)."""
    slots: list[frozenset[str]] = []
    gaps: list[int] = []
    pending_gap = 0
    for part in text.split():
        gap = _GAP.match(part)
        if gap:
            pending_gap = int(gap.group(1) or DEFAULT_GAP)
            continue
        words = [w for alt in part.split("|") for w in (t.text for t in tokenize(alt, lang))]
        if not words or all(w.lower() in stopwords for w in words):
            continue
        if len(words) > 1 and "|" not in part:  # "inter-ethnic" is one word; "parties/trade" splits
            for word in words:
                slots.append(lemmas(word, lang, pattern=True))
                gaps.append(pending_gap)
                pending_gap = 0
            continue
        slots.append(frozenset().union(*(lemmas(w, lang, pattern=True) for w in words)))
        gaps.append(pending_gap)
        pending_gap = 0
    if not slots:
        return None
    gaps[0] = 0
    return Pattern(key=key, text=text, slots=tuple(slots), gaps=tuple(gaps))


class Matcher:
    """Finds every occurrence of a set of patterns in a token list, indexed by the first word's lemmas."""

    def __init__(self, patterns: Iterable[Pattern], *, stopwords: frozenset[str] = frozenset()) -> None:
        self.stopwords = stopwords
        self._by_lemma: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in patterns:
            for lemma in pattern.slots[0]:
                self._by_lemma[lemma].append(pattern)

    def find(self, tokens: Sequence[Token], *, lo: int = 0, hi: int | None = None) -> list[Match]:
        """All matches lying within tokens[lo:hi], in order of their first word."""
        hi = len(tokens) if hi is None else hi
        words = [i for i in range(lo, hi) if not (tokens[i].lemmas & self.stopwords)]
        found: list[Match] = []
        for pos, index in enumerate(words):
            seen: set[int] = set()
            for lemma in tokens[index].lemmas:
                for pattern in self._by_lemma.get(lemma, ()):
                    if id(pattern) in seen:
                        continue
                    seen.add(id(pattern))
                    matched = _match_from(pattern, tokens, words, pos)
                    if matched is not None:
                        found.append(Match(pattern, matched))
        return found


def _match_from(
    pattern: Pattern, tokens: Sequence[Token], words: list[int], pos: int, slot: int = 1
) -> tuple[int, ...] | None:
    """Match ``pattern`` with slot ``slot - 1`` at words[pos]: the earliest fit for each gap, trying a later
    word for a gapped slot when the rest does not fit after the earlier one ("between the norms of treaties
    ratified by ... the norms of treaties shall apply")."""
    if slot == len(pattern.slots):
        return (words[pos],)
    wanted, gap = pattern.slots[slot], pattern.gaps[slot]
    for nxt in range(pos + 1, min(pos + 2 + gap, len(words))):
        if tokens[words[nxt]].lemmas & wanted:
            rest = _match_from(pattern, tokens, words, nxt, slot + 1)
            if rest is not None:
                return (words[pos], *rest)
            if not gap:
                break
    return None


def choose(matches: Iterable[Match], *, rank: dict[str, int] | None = None) -> list[Match]:
    """Keep the best of matches whose heads overlap: more words first, then exact over gapped, then ``rank``."""
    rank = rank or {}
    ordered = sorted(
        matches,
        key=lambda m: (
            -len(m.tokens),
            not m.pattern.exact,
            rank.get(m.pattern.key, 0),
            m.first,
            m.pattern.text,
        ),
    )
    kept: list[Match] = []
    taken: set[int] = set()
    for match in ordered:
        if taken.isdisjoint(match.head):
            kept.append(match)
            taken.update(match.head)
    return sorted(kept, key=lambda m: (m.first, m.last))
