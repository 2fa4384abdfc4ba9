"""Words of one language in another, learnt from two translations of one text: for proposals in English
on a draft whose comparison is in Russian.

Kazakhstan's 1995 constitution exists in Russian, Kazakh and English with the same provisions (the same
eIds), so its paragraphs are a parallel corpus. IBM Model 1 (expectation maximisation over which word of a
paragraph a word of its translation comes from) learns from it which Russian lemmas an English lemma stands
for: "senat" → "сенат", "secular" → "светский". Only the text's own vocabulary is known; a word it never uses
has no translation and takes no part in uptake (said so in docs/consult.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Final

from charterwatch.consult.words import lemmas
from charterwatch.texts.tree import ParsedText

ROUNDS: Final = 8
AT_LEAST: Final = 0.2  # translation probability a lemma's translation must reach
KEEP: Final = 3
_NULL: Final = ""


@dataclass(frozen=True)
class Lexicon:
    """Lemmas of the source language → the lemmas of the target language they translate to."""

    source: str
    target: str
    table: dict[str, frozenset[str]]

    def __call__(self, word: str) -> frozenset[str]:
        return self.table.get(word, frozenset())

    @classmethod
    def fit(cls, source: ParsedText, target: ParsedText) -> Lexicon:
        """Learn from the provisions the two texts share by eId (each provision's own words)."""
        theirs = {p.eid: p.text for p in target.walk() if p.text and p.kind != "note"}
        pairs = [
            (lemmas(p.text, source.lang), lemmas(theirs[p.eid], target.lang))
            for p in source.walk()
            if p.text and p.kind != "note" and p.eid in theirs
        ]
        return cls(source.lang, target.lang, _model_one([(s, t) for s, t in pairs if s and t]))


def _model_one(pairs: list[tuple[list[str], list[str]]]) -> dict[str, frozenset[str]]:
    """t(target | source) by IBM Model 1, with a NULL source word; the likeliest translations kept."""
    prob: dict[tuple[str, str], float] = defaultdict(lambda: 1.0)
    for _ in range(ROUNDS):
        counts: dict[tuple[str, str], float] = defaultdict(float)
        totals: dict[str, float] = defaultdict(float)
        for source_words, target_words in pairs:
            sources = [*set(source_words), _NULL]
            for word in target_words:
                norm = sum(prob[(s, word)] for s in sources)
                for s in sources:
                    share = prob[(s, word)] / norm
                    counts[(s, word)] += share
                    totals[s] += share
        prob = defaultdict(float, {(s, w): c / totals[s] for (s, w), c in counts.items()})
    best: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for (s, w), p in prob.items():
        if s != _NULL and p >= AT_LEAST:
            best[s].append((p, w))
    return {s: frozenset(w for _, w in sorted(found, reverse=True)[:KEEP]) for s, found in best.items()}
