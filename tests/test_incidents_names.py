"""names.py: spellings of one name fold to one key; people, groups and organisations merge only by their rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charterwatch.incidents.extraction.names import index_keys, name_key, name_matches, same_victim, same_word
from charterwatch.incidents.model import Victim


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kassym", "Kasym"),  # doubled letters
        ("Amanzhol", "Amanozhol"),  # a vowel inserted
        ("Dmitriy", "Dmitrii"),  # -iy / -ii / -y endings
        ("Dmitry", "Дмитрий"),  # Cyrillic by one table
        ("Khamit", "Hamit"),  # kh / h
        ("Zhanibek", "Janibek"),  # zh / j
        ("Seitkazina", "Seitkazin"),  # a feminine surname turned masculine
        ("Сеиткалиева", "Seitkaliyeva"),
    ],
)
def test_spellings_of_one_name_are_one_word(a: str, b: str) -> None:
    assert same_word(a, b)


@pytest.mark.parametrize(("a", "b"), [("Marat", "Murat"), ("Aset", "Asem"), ("Olzhas", "Olzhabek")])
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert not same_word(a, b)


def person(name: str) -> Victim:
    return Victim("person", "activist", name=name)


def group(description: str) -> Victim:
    return Victim("group", "journalist", description=description)


def outlet(name: str) -> Victim:
    return Victim("organisation", "media_outlet", name=name)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (person("Timur Seitkazin"), person("T. Seitkazin"), True),
        (person("Timur Seitkazin"), person("Seitkazin"), True),  # the surname told alone
        (person("Тимур Сеиткалиев"), person("Timur Seitkaliyev"), True),
        (person("Timur Seitkazin"), person("Timur Abenov"), False),  # one shared given name
        (person("T. Seitkazin"), person("B. Seitkazin"), False),  # initials that disagree
        (person("Timur Seitkazin"), person("Dana Seitkazina"), False),  # a relative with her own name
        (group("three reporters"), group("three reporters"), True),
        (group("трое журналистов"), group("три журналиста"), True),
        (group("three reporters"), group("two reporters"), False),  # another number
        (group("three reporters"), group("three photographers"), False),  # another head noun
        (group("some reporters"), group("three reporters"), False),
        (outlet("Dala Media"), outlet("Dala Media channel"), True),
        (outlet("Dala Media"), outlet("Steppe Media"), False),  # one shared common word
        (person("Dala"), outlet("Dala Media"), False),  # another kind of victim
    ],
)
def test_same_victim_rules(a: Victim, b: Victim, same: bool) -> None:
    assert same_victim(a, b) is same
    assert same_victim(b, a) is same
    if same:
        assert index_keys(a) & index_keys(b)  # the index never hides a merge


@given(st.text(max_size=30))
def test_any_word_is_itself_and_filed_under_its_keys(word: str) -> None:
    assert isinstance(name_key(word), str)
    victim = person(word)
    assert same_victim(victim, victim) is bool(index_keys(victim))


@pytest.mark.parametrize(
    ("query", "label", "found"),
    [
        ("Kasym", "Kassym Amanzhol", True),
        ("Касым Аманжол", "Kassym Amanozhol", True),
        ("K. Amanzhol", "Kassym Amanzhol", True),
        ("Kasym Bekov", "Kassym Amanzhol", False),  # every word of the query must be there
        ("", "Kassym Amanzhol", False),
    ],
)
def test_search_finds_a_name_in_any_spelling(query: str, label: str, found: bool) -> None:
    assert name_matches(query, label) is found
