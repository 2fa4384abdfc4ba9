"""Names and noun phrases put back into the nominative, the form monitors and gold lists cite.

A victim is told in whatever case the sentence needs ("задержали Айгуль Утепову", "в отношении активистов");
records keep the nominative ("Айгуль Утепова", "активисты"), with the gender and number of the text kept, so
a feminine surname never turns masculine. Given names are declined by pymorphy3's dictionary; Kazakh, Kyrgyz
and Azerbaijani surnames are mostly unknown to it, so a surname is declined by the endings Russian gives
surnames (-ов/-ев/-ин and their feminines, adjectival -ский, foreign names ending in a consonant), in the
case and gender its given name shows, else the ones its own ending shows.
"""

from __future__ import annotations

import re
from typing import Any

from charterwatch.lang.ru.morph import analyser

_WORD = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі-]+|\d+")
_DECLINABLE = ("NOUN", "ADJF", "PRTF", "NUMR")
# a surname's oblique ending -> its nominative ending, by gender; the longest ending that fits wins
_MASCULINE = [
    ("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
    ("цкого", "цкий"), ("цкому", "цкий"), ("цким", "цкий"), ("цком", "цкий"),
    ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"),
    ("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("ыну", "ын"),
    ("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ыным", "ын"), ("ове", "ов"), ("еве", "ев"), ("ине", "ин"),
    ("ом", ""), ("ем", ""), ("а", ""), ("у", ""), ("е", ""), ("я", "й"), ("ю", "й"),
]  # fmt: skip
_FEMININE = [
    ("скую", "ская"), ("ской", "ская"),
    ("ову", "ова"), ("еву", "ева"), ("ёву", "ёва"), ("ину", "ина"), ("ыну", "ына"),
    ("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ыной", "ына"),
]  # fmt: skip
_FEMININE_OBLIQUE = tuple(ending for ending, _ in _FEMININE)
_PATRONYMIC_PARTICLES = frozenset({"кызы", "улы", "уулу", "оглы", "гызы"})


def nominative(phrase: str, *, person: bool = False, case: str | None = None) -> str:
    """``phrase`` in the nominative: a person's name (``person``) word by word, any other noun phrase by its
    head noun's case and number. ``case`` is the case the sentence gives the name, when its grammar tells
    (pymorphy3's tags: ``nomn``, ``gent``, ``accs``...): a subject is nominative, "задержали Айгуль X" puts X
    in the accusative, whatever the endings of a name the dictionary does not know suggest."""
    words = list(_WORD.finditer(phrase))
    if not words or (person and case == "nomn"):
        return phrase
    if person:
        forms = _person(tuple(m.group() for m in words), case)
    else:
        forms = _noun_phrase(tuple(m.group() for m in words))
    out, last = [], 0
    for match, form in zip(words, forms, strict=True):
        out.append(phrase[last : match.start()])
        out.append(form)
        last = match.end()
    out.append(phrase[last:])
    return "".join(out)


def _person(words: tuple[str, ...], told_case: str | None = None) -> list[str]:
    """Given names by the dictionary, surnames by their endings, in the case and gender the given name shows,
    else the surname's own ending. ``told_case``, the case the sentence gives the name, wins over both: in an
    oblique case a surname in -ова is a man's (a woman's would be -ову or -овой)."""
    morph = analyser(probabilities=True)
    case, gender = None, None
    given_at: set[int] = set()
    feminine = any(w.lower().endswith(_FEMININE_OBLIQUE) for w in words[1:])
    if told_case is not None and not feminine and _masculine_surname_oblique(words):
        case, gender = told_case, "masc"
    for k, word in enumerate(words):
        names = [
            p
            for p in morph.parse(word)[:4]
            if "Name" in p.tag and p.tag.gender in ("masc", "femn") and p.tag.number != "plur"
        ]  # a person has one given name: "Касенов" is a surname, not the genitive plural of a name
        names.sort(key=lambda p: p.tag.gender != ("femn" if feminine else "masc"))
        if names and word[:1].isupper():
            given_at.add(k)
            declined = [p for p in names if p.normal_form != word.lower() and p.tag.case != "nomn"]
            if gender == "masc":  # the sentence and the surname told the case and gender
                break
            if declined:
                case, gender = str(declined[0].tag.case), str(declined[0].tag.gender)
            else:
                gender = str(names[0].tag.gender)  # "Айгуль": indeclinable; its gender only a guess
            break
    surnames = [
        w for k, w in enumerate(words) if k not in given_at and w.lower() not in _PATRONYMIC_PARTICLES
    ]
    if case is None and any(w.lower().endswith(_FEMININE_OBLIQUE) for w in surnames):
        gender = "femn"  # "-ову", "-овой" are feminine whatever an undeclined given name suggests
    elif case is None and not given_at and len(words) > 1 and _masculine_oblique(words):
        case, gender = "gent", "masc"  # "Орынбая Охасова": an unknown given name declined like the surname
        given_at = {0}
    if case == "nomn" or (case is None and gender == "femn" and not any(
        w.lower().endswith(_FEMININE_OBLIQUE) for w in surnames
    )):  # fmt: skip
        return list(words)
    out = []
    for k, word in enumerate(words):
        if k in given_at:
            out.append(_given_name(morph, word, gender, case))
        elif word.lower() in _PATRONYMIC_PARTICLES:
            out.append(word)
        else:
            out.append(_surname(word, gender or "masc", oblique=case is not None))
    return out


def _masculine_surname_oblique(words: tuple[str, ...]) -> bool:
    """The last word ends as a man's surname does in the genitive or accusative ("Аббасова", "Сулейменова")."""
    return words[-1].lower().endswith(("ова", "ева", "ёва", "ина", "ына")) and len(words[-1]) > 4


def _masculine_oblique(words: tuple[str, ...]) -> bool:
    """ "Орынбая Охасова": an unknown given name declined like the masculine surname after it."""
    first, last = words[0].lower(), words[-1].lower()
    return first[-1:] in ("а", "я") and last.endswith(("ова", "ева", "ёва", "ина", "ына"))


def _given_name(morph: Any, word: str, gender: str | None, case: str | None = None) -> str:
    parses = sorted(morph.parse(word)[:4], key=lambda p: case is not None and p.tag.case != case)
    for parse in parses:  # in the case the name was found in: "Дулата" is Дулат's genitive, not Дулата
        if "Name" in parse.tag and (gender is None or parse.tag.gender == gender):
            return _same_shape(word, str(parse.normal_form))
    lower = word.lower()
    if gender == "masc" and lower[-1:] in ("а", "я") and len(lower) > 3:  # an unknown name: "Орынбая"
        return _same_shape(word, lower[:-1] + ("й" if lower.endswith(("ая", "ея", "уя")) else ""))
    return word


def _surname(word: str, gender: str, *, oblique: bool) -> str:
    """ "Утепову" -> "Утепова" (feminine), "Бокаева" -> "Бокаев", "Аяна" -> "Аян" (masculine, oblique)."""
    lower = word.lower()
    known = [
        q
        for q in analyser(probabilities=True).parse(word)[:4]
        if "Surn" in q.tag and q.tag.gender == gender and q.tag.number == "sing" and q.tag.case != "nomn"
    ]  # a surname the dictionary knows ("Беляцкого") is declined by it
    if known and oblique and (nominal := known[0].inflect({"nomn"})) is not None:
        return _same_shape(word, str(nominal.word))
    rules = _FEMININE if gender == "femn" else _MASCULINE
    for ending, nominative_ending in rules:
        if not lower.endswith(ending) or len(lower) - len(ending) < 2:
            continue
        short = ending in ("а", "у", "е", "я", "ю", "ом", "ем")
        if short and not oblique:
            return word  # "Аяна" alone may be a nominative: decline it only when the given name was declined
        return _same_shape(word, lower[: len(lower) - len(ending)] + nominative_ending)
    return word


_COUNTING = frozenset(
    {"несколько", "около", "более", "менее", "почти", "свыше", "десятки", "сотни", "ряд", "много"}
)


def _noun_phrase(words: tuple[str, ...]) -> list[str]:
    """ "гражданских активистов" -> "гражданские активисты"; a counted phrase ("трое активистов", "около 15
    человек") keeps its words, since after a number the noun stays in the genitive in the nominative too."""
    morph = analyser(probabilities=True)
    if any(
        w.lower() in _COUNTING or w.isdigit() or any(p.tag.POS == "NUMR" for p in morph.parse(w)[:1])
        for w in words
    ):
        return list(words)
    case = None
    for word in reversed(words):
        parses = [p for p in morph.parse(word)[:3] if p.tag.POS in _DECLINABLE and p.tag.case]
        if parses:
            case = str(parses[0].tag.case)
            break
    if case is None or case == "nomn":
        return list(words)
    return [_inflect(morph, word, case) for word in words]


def _inflect(morph: Any, word: str, case: str) -> str:
    for parse in morph.parse(word):
        if parse.tag.case != case or parse.tag.POS not in _DECLINABLE:
            continue
        inflected = parse.inflect({"nomn"})
        if inflected is not None:
            return _same_shape(word, str(inflected.word))
    return word


def _same_shape(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
