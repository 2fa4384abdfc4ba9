"""Words and punctuation with their character offsets, so whatever a domain finds in them points back into the text.

Russian and Kazakh go through razdel (natasha's rule-based segmenter, no model); English through spaCy's
tokenizer rules (a blank pipeline: no model either), which split clitics as English grammar does ("wasn't"
-> "was" "n't", "the journalist's" -> "journalist" "'s"), where razdel would cut at every apostrophe.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Token:
    """One token as printed and where it stands: ``text == source[start:end]``."""

    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        """Whether the token holds a letter (a word, not a number or punctuation)."""
        return any(ch.isalpha() for ch in self.text)


def tokenize(text: str, lang: str) -> list[Token]:
    """The tokens of ``text`` in order, by the rules of ``lang`` (English by spaCy's, any other by razdel's)."""
    if lang == "en":
        return [Token(t.text, t.idx, t.idx + len(t.text)) for t in _english()(text)]
    from razdel import tokenize as razdel_tokenize  # type: ignore[import-untyped]

    return [Token(t.text, t.start, t.stop) for t in razdel_tokenize(text)]


@cache
def _english() -> Any:
    import spacy

    return spacy.blank("en").tokenizer
