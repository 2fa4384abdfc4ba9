"""Tokens with offsets, the shared Russian analyser and the stop-word lists (lang/tokens.py, lang/ru/morph.py,
lang/stop_words.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charterwatch.lang.ru.morph import analyser, lemma, lemmas, normal_forms
from charterwatch.lang.stop_words import ALL_STOP_WORDS, LANGUAGES, stop_words
from charterwatch.lang.tokens import tokenize


def test_english_tokens_split_clitics_and_keep_offsets() -> None:
    text = "The editor's flat wasn't searched on 3 May."
    tokens = tokenize(text, "en")
    assert [t.text for t in tokens] == [
        "The",
        "editor",
        "'s",
        "flat",
        "was",
        "n't",
        "searched",
        "on",
        "3",
        "May",
        ".",
    ]
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.text for t in tokens if t.is_word][-1] == "May"


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Редактора оштрафовали на 10 МРП, сообщил суд.", "ru"), ("Кеңес ережелерді көктемде жариялады.", "kk")],
)
def test_russian_and_kazakh_tokens_keep_offsets(text: str, lang: str) -> None:
    tokens = tokenize(text, lang)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert tokens[-1].text == "." and not tokens[-1].is_word


@given(st.text(max_size=200), st.sampled_from(["en", "ru", "kk"]))
def test_every_token_points_back_into_the_text(text: str, lang: str) -> None:
    for token in tokenize(text, lang):
        assert text[token.start : token.end] == token.text


def test_one_analyser_and_its_lemmas() -> None:
    assert analyser() is analyser()
    assert lemma("собраний") == "собрание"
    assert lemma("ещё") == "еще"  # ё is written е, as every comparison does
    assert {"стать", "сталь"} <= normal_forms("стали")
    assert lemmas("Журналистов задержали у здания суда, 12 человек.") == [
        "журналист", "задержать", "у", "здание", "суд", "человек",
    ]  # fmt: skip


def test_stop_words_per_language() -> None:
    assert {"the", "of"} <= stop_words("en")
    assert {"и", "в", "не"} <= stop_words("ru")
    assert "und" in stop_words("de")
    assert stop_words("kk") and stop_words("xx") == frozenset()
    assert frozenset().union(*(stop_words(lang) for lang in LANGUAGES)) == ALL_STOP_WORDS
    assert not any(word.startswith("#") or word != word.strip() for word in ALL_STOP_WORDS)
