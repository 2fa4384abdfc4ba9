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
