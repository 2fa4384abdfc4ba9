"""Russian names and noun phrases back in the nominative, gender and number kept (lang/ru/names.py)."""

from __future__ import annotations

import pytest

from charterwatch.lang.ru.names import nominative


@pytest.mark.parametrize(
    ("told", "cited"),
    [
        ("Ивана Петрова", "Иван Петров"),  # genitive/accusative of a man
        ("Ивану Петрову", "Иван Петров"),  # dative of a man
        ("Анну Петрову", "Анна Петрова"),  # accusative of a woman: -ову stays feminine
        ("Анной Петровой", "Анна Петрова"),
        ("Айгерим Сулейменову", "Айгерим Сулейменова"),  # an indeclinable given name, a feminine surname
        ("Нурлана Аманжолова", "Нурлан Аманжолов"),
        ("Данияра Ержана", "Данияр Ержан"),  # a surname with no Russian ending follows its given name's case
        ("Анна Петрова", "Анна Петрова"),  # already nominative
        ("Ержану", "Ержан"),  # a given name alone, declined by the dictionary
        ("Орынбая Сейтказиева", "Орынбай Сейтказиев"),  # an unknown given name declined like its surname
    ],
)
def test_person_names_in_the_nominative(told: str, cited: str) -> None:
    assert nominative(told, person=True) == cited


@pytest.mark.parametrize(
    ("told", "cited"),
    [
        ("активистов", "активисты"),
        ("гражданских активистов", "гражданские активисты"),
        ("журналиста", "журналист"),
    ],
)
def test_group_descriptions_in_the_nominative(told: str, cited: str) -> None:
    assert nominative(told) == cited


@pytest.mark.parametrize(
    ("told", "case", "cited"),
    [
        ("Эльмира Сапарова", "gent", "Эльмир Сапаров"),  # a man's genitive: -ова is oblique, not feminine
        ("Эльмира Сапарова", "nomn", "Эльмира Сапарова"),  # the subject of its clause: a woman
        ("Тимура Касенова", "accs", "Тимур Касенов"),
        ("Айгуль Омарову", "accs", "Айгуль Омарова"),  # a woman's accusative stays feminine
        ("Дулата Сериккалиева", "gent", "Дулат Сериккалиев"),  # the given name read in the case found
    ],
)
def test_person_names_in_the_case_their_sentence_gives(told: str, case: str, cited: str) -> None:
    assert nominative(told, person=True, case=case) == cited


@pytest.mark.parametrize(
    ("told", "cited"),
    [
        ("Касенов", "Касенов"),  # a surname in -ов is no genitive plural of a given name
        ("Беляцкого", "Беляцкий"),  # a surname the dictionary knows
        ("15 активистов", "15 активистов"),  # counted in digits: the genitive stays
    ],
)
def test_surnames_and_counted_groups(told: str, cited: str) -> None:
    person = not told[0].isdigit()
    assert nominative(told, person=person) == cited
