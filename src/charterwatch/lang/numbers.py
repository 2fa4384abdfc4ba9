"""Numbers written as words, in the languages the extractors read: how many people a group counts.

One table for every domain that needs to read a count from words ("three activists", "трое активистов").
"""

from __future__ import annotations

from typing import Final

NUMBER_WORDS: Final = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100,
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7,
    "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3, "трёх": 3, "четыре": 4, "четырех": 4, "пять": 5,
    "пяти": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
}  # fmt: skip


def count_in(words: list[str]) -> int | None:
    """The first count among lower-cased ``words``: a number in digits or in words, else None."""
    for word in words:
        if word.isdigit():
            return int(word)
        if word in NUMBER_WORDS:
            return NUMBER_WORDS[word]
    return None
