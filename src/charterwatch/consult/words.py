"""Content words with their lemmas and character spans: the unit that linking and uptake compare.

A proposal says "закрепить право на землю" where the article says "право собственности на земли"; only lemmas
meet across such forms. Russian words go through pymorphy3 (its dictionary is a package, nothing is
downloaded), taking the first parse's normal form; English words lose their plural and participle endings;
Kazakh, with no analyser here, is compared on five-letter prefixes, as the comparison's stemmer does. Each
word keeps its span, so every matched or changed word can be shown where it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from charterwatch.lang.en.numbers import CARDINALS
from charterwatch.lang.ru.morph import lemma as russian_lemma
from charterwatch.lang.stop_words import stop_words

_WORD: Final = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
KK_STEM: Final = 5
# Numbers are content ("a term of four years"), though the English stop list counts them as function words.
NUMBERS: Final = frozenset(CARDINALS)
# Words of any request or of the form of law, which say nothing of what a proposal is about.
GENERIC: Final[dict[str, frozenset[str]]] = {
    "ru": frozenset(
        [
            "статья",
            "пункт",
            "подпункт",
            "часть",
            "раздел",
            "глава",
            "конституция",
            "конституционный",
            "предлагать",
            "предложение",
            "просить",
            "необходимо",
            "нужно",
            "следует",
            "считать",
            "мой",
            "наш",
            "гражданин-автор",
            "также",
            "который",
            "являться",
            "стать",
            "должный",
            "пусть",
        ]
    ),
    "en": frozenset(
        [
            "article",
            "paragraph",
            "section",
            "chapter",
            "constitution",
            "constitutional",
            "propose",
            "proposal",
            "suggest",
            "ask",
            "request",
            "need",
            "think",
            "believe",
            "also",
            "should",
            "must",
        ]
    ),
    "kk": frozenset(["бап", "тарма", "конст", "ұсыны"]),
}


@dataclass(frozen=True)
class Word:
    """One word as printed, where it stands (``start``, ``end``) and the lemma it is compared by."""

    text: str
    start: int
    end: int
    lemma: str


@cache
def lemma(word: str, lang: str) -> str:
    """The form a word is compared by: a Russian normal form, an English stem, a Kazakh prefix."""
    word = word.lower().replace("ё", "е").replace("’", "'")
    if lang == "ru" and re.search("[а-я]", word):
        return russian_lemma(word)
    if lang == "kk":
        return word[:KK_STEM]
    return _english_stem(word.removesuffix("'s"))


def _english_stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("sses"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-1] if word.endswith("eed") else word[:-2]
    return word.removesuffix("e") if len(word) > 4 else word


@cache
def _generic(lang: str) -> frozenset[str]:
    return frozenset(lemma(word, lang) for word in GENERIC.get(lang, ()))


def content_words(text: str, lang: str, *, offset: int = 0) -> list[Word]:
    """The words of ``text`` that carry meaning (no function or generic words), spans shifted by ``offset``."""
    stops = stop_words(lang)
    generic = _generic(lang)
    found = []
    for match in _WORD.finditer(text):
        raw = match.group(0)
        if len(raw) < 2 or (raw.lower() in stops and raw.lower() not in NUMBERS):
            continue
        form = lemma(raw, lang)
        if (form in stops and raw.lower() not in NUMBERS) or form in generic:
            continue
        found.append(Word(raw, offset + match.start(), offset + match.end(), form))
    return found


def lemmas(text: str, lang: str) -> list[str]:
    """The lemmas of the content words of ``text``, in order, repeats kept (what TF-IDF counts)."""
    return [w.lemma for w in content_words(text, lang)]
