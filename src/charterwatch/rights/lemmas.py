"""Words with their offsets and lemmas, so phrases match whatever case or number the text puts them in.

Russian goes through pymorphy3 (its dictionary ships in the ``pymorphy3-dicts-ru`` package, nothing is
downloaded): "общественного порядка" and "общественный порядок" share lemmas. A word keeps every lemma its
parses allow, and two words match when their lemma sets meet, so an ambiguous form never fails to match.
English needs only lower-casing and a light plural/participle strip; Kazakh, which has no analyser here, is
compared on its prefixes of five letters and more, so a stem meets its suffixed forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from charterwatch.lang.ru.morph import lemma, normal_forms

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_KK_STEM = 5


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    lemmas: frozenset[str]


@cache
def lemmas(word: str, lang: str, *, pattern: bool = False) -> frozenset[str]:
    """Every lemma a (lower-cased) word may have in a language, the word itself included.

    A Kazakh word of the text also stands for its prefixes, so a phrase's word (``pattern``) matches the text's
    words that begin with it; negation and case, being suffixes, stay with the longer words.
    """
    # The Latin schwa stands for the Kazakh letter: sources mix the two.
    word = word.lower().replace("ё", "е").replace("ə", "ә")
    if lang == "kk" and pattern:
        return frozenset({word})
    if lang == "ru":
        return frozenset({word, *normal_forms(word)})
    if lang == "kk":
        return frozenset({word, *(word[:n] for n in range(_KK_STEM, len(word)))})
    return frozenset({word, *_english_stems(word)})


@cache
def dictionary_form(word: str) -> str:
    """One lemma per Russian word form, for keys that must be a single word (search indexes).

    The normal form of pymorphy3's first parse, its most frequent reading ("права" and "право" give "право",
    "выборов" and "выборы" give "выбор"). Lower-cased, ё as е.
    """
    return lemma(word.lower().replace("ё", "е"))


def _english_stems(word: str) -> set[str]:
    stems: set[str] = set()
    if len(word) > 4 and word.endswith("ies"):
        stems.add(word[:-3] + "y")
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        stems.add(word[:-1])
    if len(word) > 5 and word.endswith("ing"):
        stems.add(word[:-3])
    if len(word) > 4 and word.endswith("ed"):
        stems.update({word[:-2], word[:-1]})
    return stems


def tokenize(text: str, lang: str, *, offset: int = 0) -> list[Token]:
    """The words of ``text`` with their offsets (plus ``offset``) and lemmas."""
    return [
        Token(m.group(0), offset + m.start(), offset + m.end(), lemmas(m.group(0), lang))
        for m in _WORD.finditer(text)
    ]
