"""The last word on a candidate pair: same idea, or the same sentence frame around a different idea?

Real Polis comments the moderators accepted as distinct ideas share most of their letters: "I identify as
female." / "… as male.", "My household income is less than $50,000" / "… $100,000", "Recreational
marijuana should be legal." / "Medical …", "… should be legal" / "… should not be legal". Character shingles
cannot tell these from typos, so the words are compared: a changed number, a negation added or dropped, or a
content word replaced by another (not a misspelling of it) makes a different idea, except that long texts may
differ in a few words (a campaign letter's name, town and personal sentence). Added or dropped phrases are
allowed ("Klimarat:", "I think", a sentence with its own "not"), and so are swapped function words
(should / must).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Final

from charterwatch.lang.stop_words import ALL_STOP_WORDS

NEGATIONS: Final = frozenset(
    [
        "not",
        "no",
        "never",
        "nothing",
        "none",
        "nobody",
        "neither",
        "nor",
        "cannot",
        "t",
        "without",
        "не",
        "нет",
        "ни",
        "никогда",
        "ничего",
        "нельзя",
        "без",
        "емес",
        "жоқ",
        "ешқашан",
        "ешқандай",
        "nicht",
        "kein",
        "keine",
        "keinen",
        "keiner",
        "keinem",
        "keines",
        "nie",
        "niemals",
        "ohne",
        # comparisons flip an idea as a negation does: "I own 1 housing unit" / "I own more than 1 …"
        *("more", "less", "fewer", "least", "most", "only", "больше", "меньше", "менее", "более", "только"),
        *("mehr", "weniger", "nur"),
    ]
)
ANTONYM_PREFIXES: Final = frozenset(
    ["un", "in", "im", "il", "ir", "non", "dis", "anti", "over", "under", "pro", "counter", "не", "без"]
)
FREE_WORDS: Final = 4  # substitutions allowed: SUBSTITUTION_SHARE of the shorter text's words, less this many
SUBSTITUTION_SHARE: Final = 0.3
TYPO_RATIO: Final = 0.75
SHORT_TYPO_RATIO: Final = 0.6  # "teh" for "the"
NEGATION_SPAN: Final = 3  # a negation added or dropped with at most this many words flips the idea
_NUMBER = re.compile(r"\d+")
_ENUMERATOR = re.compile(r"^\d{1,3} ")


def same_idea(a: str, b: str) -> str | None:
    """``None`` when two normalised texts may be the same idea, else why not (for the merge log and tests)."""
    if _numbers(a) != _numbers(b):
        return "different numbers"
    words_a, words_b = a.split(), b.split()
    allowed = max(0.0, SUBSTITUTION_SHARE * min(len(words_a), len(words_b)) - FREE_WORDS)
    removed: list[str] = []  # words of ``a`` gone from ``b``, and words of ``b`` new to it (typos paired off)
    added: list[str] = []
    matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = words_a[i1:i2], words_b[j1:j2]
        flipped = NEGATIONS.intersection(old) != NEGATIONS.intersection(new)
        if (
            flipped
            and max(len(old), len(new)) <= NEGATION_SPAN
            and not misspelt(" ".join(old), " ".join(new))
        ):
            return f"negation changed: {' '.join(old)!r} -> {' '.join(new)!r}"
        gone, come = _unpaired(old, new)
        removed.extend(w for w in gone if w not in ALL_STOP_WORDS)
        added.extend(w for w in come if w not in ALL_STOP_WORDS)
    # A word dropped in one place and another added elsewhere is a replacement too ("incentives for voting" /
    # "a voting holiday"); what is only added or only dropped is not.
    if min(len(removed), len(added)) > allowed:
        return f"words replaced: {' '.join(removed)!r} -> {' '.join(added)!r}"
    return None


def _unpaired(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """The words of ``old`` and of ``new`` left when each misspelling is paired with its word."""
    rest = list(new)
    kept: list[str] = []
    for word in old:
        twin = next((k for k, other in enumerate(rest) if misspelt(word, other)), None)
        if twin is None:
            kept.append(word)
        else:
            del rest[twin]
    return kept, rest


def _numbers(text: str) -> set[str]:
    """The numbers in a text, a leading list number ("24. Industrial water users …") left out."""
    return set(_NUMBER.findall(_ENUMERATOR.sub("", text)))


@lru_cache(maxsize=1 << 16)
def misspelt(old: str, new: str) -> bool:
    """Whether ``new`` reads as ``old`` with a typo or two, not as another word or a prefixed one (fe-male).

    Cached: a campaign repeats the same few names, towns and sentences thousands of times."""
    if abs(len(old) - len(new)) > max(len(old), len(new)) / 2:
        return False
    needed = TYPO_RATIO if min(len(old), len(new)) > 4 else SHORT_TYPO_RATIO
    if SequenceMatcher(None, old, new, autojunk=False).ratio() < needed:
        return False
    stem = 0
    while stem < min(len(old), len(new)) and old[-1 - stem] == new[-1 - stem]:
        stem += 1
    head_old, head_new = old[: len(old) - stem], new[: len(new) - stem]
    if stem < 4 or max(len(head_old), len(head_new)) < 2:
        return True
    return SequenceMatcher(None, head_old, head_new, autojunk=False).ratio() >= 0.5
