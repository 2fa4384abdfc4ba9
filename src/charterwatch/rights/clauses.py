"""Clause structure: sentences, the cues in them, and which ground phrases are really grounds.

A ground phrase is not a ground when it names the thing restricted ("the rights and freedoms of man and
citizen may be limited"), the right being exercised ("the exercise of ... rights and freedoms"), or a state
body ("national security bodies"). These are properties of the sentence, not of any one constitution.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from charterwatch.rights.lemmas import Token
from charterwatch.rights.lexicon import CUE_KINDS, Lexicon
from charterwatch.rights.phrases import Match, choose

# A sentence ends at a full stop before a capital, or at a line break after closing punctuation or before a list
# item; any other line break is the wrapping of a printed page (texts exported from PDF) and continues the sentence.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])\s+(?=[\"«(\[]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])"
    r"|(?<=[.!?;:—–])[ \t]*\n\s*"
    r"|\n\s*(?=\(?[0-9a-zа-я]{1,3}[).]\s|[-—–•])"
)
_INSTITUTION_BEFORE = 2
_INSTITUTION_AFTER = 4
_SUBJECT_GAP = 3


def sentence_ranges(tokens: Sequence[Token], text: str, offset: int) -> list[tuple[int, int]]:
    """Token index ranges [lo, hi) of the sentences of ``text`` (which starts at ``offset``)."""
    bounds = [offset + m.end() for m in _SENTENCE_END.finditer(text)] + [offset + len(text) + 1]
    ranges: list[tuple[int, int]] = []
    lo = 0
    for bound in bounds:
        hi = lo
        while hi < len(tokens) and tokens[hi].start < bound:
            hi += 1
        if hi > lo:
            ranges.append((lo, hi))
        lo = hi
    return ranges


@dataclass(frozen=True)
class SentenceCues:
    """The cues found in one sentence, by kind, with guarantee-negated restriction cues removed."""

    found: dict[str, list[Match]]

    def has(self, kind: str) -> bool:
        return bool(self.found.get(kind))

    @property
    def restricts(self) -> bool:
        return self.has("limit") or self.has("prohibit")


def sentence_cues(lex: Lexicon, tokens: Sequence[Token], lo: int, hi: int) -> SentenceCues:
    every = lex.cue_matcher.find(tokens, lo=lo, hi=hi)
    found = {kind: choose(m for m in every if m.pattern.key == kind) for kind in CUE_KINDS}
    negated: set[int] = {i for g in found["guarantee"] for i in range(g.first, g.last + 1)}
    for kind in ("limit", "prohibit", "subject_limit"):
        found[kind] = [m for m in found[kind] if not negated.intersection(range(m.first, m.last + 1))]
    return SentenceCues(found)


def grounds_in(lex: Lexicon, tokens: Sequence[Token], lo: int, hi: int, cues: SentenceCues) -> list[Match]:
    """Ground-phrase matches of the sentence that are grounds, not subjects, exercised rights or bodies."""
    found = lex.grounds.find(tokens, lo=lo, hi=hi)
    starts = {m.first for m in found}
    for purpose in cues.found["purpose"]:  # "in the interests of | state security": the marker is no ground
        if purpose.last + 1 in starts:
            found = [m for m in found if not set(m.tokens) & set(range(purpose.first, purpose.last + 1))]
    chosen = choose(found, rank=lex.ground_rank)
    institution = {i for m in cues.found["institution"] for i in range(m.first, m.last + 1)}
    subject_starts = {m.first for m in cues.found["subject_limit"]}
    exercise_ends = {m.last for m in cues.found["exercise"]}
    exercise_starts = {m.first for m in cues.found["exercise"]}
    kept: list[Match] = []
    for match in chosen:
        before = range(max(lo, match.first - _INSTITUTION_BEFORE), match.first)
        after = range(match.last + 1, min(hi, match.last + 1 + _INSTITUTION_AFTER))
        near_body = institution.intersection(before) or institution.intersection(after)
        if near_body and match.pattern.key not in lex.person_phrases:
            continue
        if any(match.last < s <= match.last + 1 + _SUBJECT_GAP for s in subject_starts):
            continue
        if (
            (match.last + 1 in exercise_starts)
            if lex.cues.exercised_before
            else (match.first - 1 in exercise_ends)
        ):
            continue
        kept.append(match)
    return kept


def rights_in(
    lex: Lexicon, tokens: Sequence[Token], lo: int, hi: int, *, skip: Sequence[Match]
) -> list[Match]:
    """Right-naming words of the sentence outside the ground phrases (a "religious" ground names no right)."""
    covered = {i for m in skip for i in m.covered}
    return [m for m in choose(lex.rights.find(tokens, lo=lo, hi=hi)) if covered.isdisjoint(m.tokens)]


def is_general(cues: SentenceCues, grounds: Sequence[Match]) -> bool:
    """The clause is about all rights and freedoms: a general subject that is not itself one of the grounds."""
    covered = {i for m in grounds for i in m.covered}
    return any(covered.isdisjoint(range(m.first, m.last + 1)) for m in cues.found["general"])
