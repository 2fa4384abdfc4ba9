"""Unnamed victims in English: role words that describe no name nearby ("at least eight journalists", "a man").

A role word next to a name is that name's apposition or list head ("blogger Zhanar Akhmet", "trade union
leaders, X and Y") and stays a role; one standing alone becomes a group with its numbers and adjectives, or,
after "the", a definite description for coreference ("the journalist").
"""

from __future__ import annotations

from charterwatch.incidents.extraction.lexicon import Lexicon
from charterwatch.incidents.extraction.pipeline import Mention, Sentence


def find_groups(sentence: Sentence, mentions: list[Mention], lex: Lexicon, text: str) -> None:
    """Role words that describe no name nearby become unnamed groups ("three people") or definites."""
    words = sentence.words
    quantifiers = lex.quantifiers
    adjectives = lex.words("group_adjectives")
    names = [m for m in mentions if m.kind in ("person", "organisation")]
    for mention in mentions:
        if mention.kind != "role" or any(_describes(mention, n, words) for n in names):
            continue
        t0 = mention.t0
        while (
            t0 > 0
            and words[t0 - 1] in adjectives
            and (words[t0 - 1] != "and" or (words[t0 - 2 : t0 - 1] and words[t0 - 2] in adjectives))
        ):
            t0 -= 1
        extended = True
        while extended:
            extended = False
            if t0 > 0 and words[t0 - 1].replace(",", "").isdigit():
                t0, extended = t0 - 1, True  # "at least 20 protesters"
                continue
            for n in (3, 2, 1):
                hit = quantifiers.match(words, t0 - n) if t0 - n >= 0 else None
                if hit and hit[0] == n:
                    t0, extended = t0 - n, True
                    break
        article = words[t0 - 1] if t0 > 0 else ""
        if mention.plural or t0 < mention.t0:
            mention.kind = "group"
        elif article in ("a", "an"):
            mention.kind, t0 = "group", t0 - 1
        elif article in ("the", "this", "that") and mention.role != "other":
            mention.kind = "definite"
        else:
            continue
        mention.start = sentence.tokens[t0].start
        mention.t0 = t0
        mention.text = text[mention.start : mention.end]


def _describes(role: Mention, name: Mention, words: list[str]) -> bool:
    """Whether a role word is the apposition or list head of a name: "blogger Zhanar Akhmet", "X, editor"."""
    gap = words[role.t1 : name.t0] if role.t1 <= name.t0 else words[name.t1 : role.t0]
    allowed = {
        ",",
        "the",
        "a",
        "an",
        "–",
        "-",
        ":",
        "including",
        "its",
        "their",
        "another",
        "and",
        "(",
        "such",
        "as",
    }
    return len(gap) <= 3 and all(w in allowed or w.endswith("-based") for w in gap)
