"""One language detector for every domain (lang/detect.py): the region's three languages, and the two more a
consultation abroad asks for."""

from __future__ import annotations

import pytest

from charterwatch.lang.detect import detect_language

ABROAD = ("en", "ru", "kk", "de", "zh")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The council was told that the new rules on public meetings would be published in spring.", "en"),
        ("Совет сообщил, что новые правила о публичных собраниях опубликуют весной.", "ru"),
        ("Кеңес жаңа ережелер көктемде жарияланатынын хабарлады.", "kk"),
        # і alone is not Kazakh: Ukrainian and Belarusian write it too
        ("Рада повідомила, що нові правила про збори будуть оприлюднені навесні.", "ru"),
        # one Kazakh name in a Russian sentence does not make it Kazakh
        (
            "Источник: информационная система «Әділет»; документ получен с официального сайта министерства "
            "и сверен с опубликованным текстом закона.",
            "ru",
        ),
        ("12 345", "und"),
        ("Der Rat sagt, dass die neuen Regeln im Frühling veröffentlicht werden.", "und"),
    ],
)
def test_the_region_languages(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der Rat sagt, dass die neuen Regeln im Frühling veröffentlicht werden.", "de"),
        ("我們認為憲法應該保障言論自由。", "zh"),
        ("Free tuition for all", "en"),  # too short for the script rule, but plain English words
        ("Совет сообщил, что новые правила о публичных собраниях опубликуют весной.", "ru"),
    ],
)
def test_the_languages_of_a_consultation_abroad(text: str, language: str) -> None:
    assert detect_language(text, languages=ABROAD) == language


def test_a_fallback_for_callers_that_need_an_answer() -> None:
    assert detect_language("Art. 1", fallback="en") == "en"
    assert (
        detect_language("Статья 1. Республика Казахстан утверждает себя демократическим государством.")
        == "ru"
    )
