"""Names and noun phrases put back into the nominative, the form monitors and gold lists cite.

A victim is told in whatever case the sentence needs ("задержали Айгуль Утепову", "в отношении активистов");
records keep the nominative ("Айгуль Утепова", "активисты"), with the gender and number of the text kept, so
a feminine surname never turns masculine. pymorphy3 guesses unknown (Kazakh, Kyrgyz) surnames from their
endings, which is what the case and gender of the phrase need.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_WORD = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі-]+")


@cache
def _analyser() -> Any:
    import pymorphy3  # type: ignore[import-untyped]

    return pymorphy3.MorphAnalyzer()


def nominative(phrase: str) -> str:
    """``phrase`` with each inflected word in the nominative of its own number and gender."""
    morph = _analyser()
    words = list(_WORD.finditer(phrase))
    if not words:
        return phrase
    texts = [m.group() for m in words]
    gender = _gender(morph, texts)
    case = _phrase_case(morph, texts, gender)
    if case is None or case == "nomn":
        return phrase
    out, last = [], 0
    for match in words:
        out.append(phrase[last : match.start()])
        out.append(_inflect(morph, match.group(), case, gender))
        last = match.end()
    out.append(phrase[last:])
    return "".join(out)


def _phrase_case(morph: Any, words: list[str], gender: str | None) -> str | None:
    """The case of the phrase: that of its last noun-like word's likeliest reading of the phrase's gender."""
    for word in reversed(words):
        parses = morph.parse(word)[:4]
        if gender:
            parses = sorted(parses, key=lambda p: p.tag.gender not in (None, gender))
        for parse in parses:
            if parse.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR") and parse.tag.case:
                return str(parse.tag.case)
    return None


_FEMININE_OBLIQUE = ("ову", "еву", "ёву", "ину", "ыну", "овой", "евой", "иной", "ской", "цкой")


def _gender(morph: Any, words: list[str]) -> str | None:
    """ "femn" when a given name is feminine, or the surname has a feminine oblique ending and no other
    word is a masculine dative ("Айгуль Утепову", "Утепову" alone), so -ову becomes -ова, not -ов."""
    for word in words:
        for parse in morph.parse(word)[:2]:
            if "Name" in parse.tag and parse.tag.gender:
                if parse.tag.case not in (None, "nomn") or word[-1:] not in "ьаяь":
                    return str(parse.tag.gender)
                if parse.tag.gender == "femn":
                    return "femn"
    if words and words[-1].lower().endswith(_FEMININE_OBLIQUE):
        return "femn"
    return None


def _inflect(morph: Any, word: str, case: str, gender: str | None = None) -> str:
    parses = morph.parse(word)
    if gender:
        parses = sorted(parses, key=lambda p: p.tag.gender not in (None, gender))
    for parse in parses:
        if parse.tag.case != case or parse.tag.POS not in ("NOUN", "ADJF", "PRTF", "NUMR"):
            continue
        wanted = {"nomn"}
        inflected = parse.inflect(wanted)
        if inflected is None:
            continue
        return _same_shape(word, str(inflected.word))
    return word


def _same_shape(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
