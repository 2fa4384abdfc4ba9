"""Counts read from words, in English and Russian (lang/numbers.py)."""

from __future__ import annotations

from charterwatch.lang.numbers import count_in


def test_counts_in_digits_and_words() -> None:
    assert count_in(["at", "least", "40", "protesters"]) == 40
    assert count_in(["three", "other", "women"]) == 3
    assert count_in(["трое", "активистов"]) == 3
    assert count_in(["несколько", "журналистов"]) is None  # "several" counts nobody exactly


def test_one_is_no_group_and_every_cardinal_counts() -> None:
    assert count_in(["one", "of", "the", "activists"]) is None
    assert count_in(["seventeen", "students"]) == 17
    assert count_in(["двух", "журналистов"]) == 2
