"""Numbers written as words, in the languages the extractors read: how many people a group counts.

One table for every domain that needs to read a count from words ("three activists", "трое активистов"),
gathered from the language packages (``en/numbers.py``, ``ru/numbers.py``).
"""

from __future__ import annotations

from typing import Final

from charterwatch.lang.en.numbers import CARDINALS as ENGLISH
from charterwatch.lang.ru.numbers import CARDINALS as RUSSIAN
from charterwatch.lang.ru.numbers import COLLECTIVES as RUSSIAN_COLLECTIVES

NUMBER_WORDS: Final = {**ENGLISH, **RUSSIAN, **RUSSIAN_COLLECTIVES}
# "one" counts no group: "one of the activists" is a person, told by name or role elsewhere
GROUP_COUNTS: Final = {word: value for word, value in NUMBER_WORDS.items() if value > 1}


def count_in(words: list[str]) -> int | None:
    """The first count of a group among lower-cased ``words``: a number in digits or in words, else None."""
    for word in words:
        if word.isdigit():
            return int(word)
        if word in GROUP_COUNTS:
            return GROUP_COUNTS[word]
    return None
