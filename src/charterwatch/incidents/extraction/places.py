"""Places from the shipped gazetteer of the region's cities, regions and countries.

Spellings come from data (GeoNames variants plus hand-kept ones); Russian case forms are matched by their stem
(geo.py), and a mention keeps the spelling its text uses, in the nominative. A region written a little
differently from every gazetteer spelling ("Mangustau region") is matched to the closest one when the word
"region", "oblast" or "city of" says it is a place, so transliteration noise does not lose the place.
"""

from __future__ import annotations

import difflib
import re
from functools import cache

from charterwatch.incidents.extraction.geo import lookup
from charterwatch.incidents.extraction.lexicon import Place, gazetteer, lexicon
from charterwatch.incidents.extraction.pipeline import PlaceMention, State, Token, component

_PLACE_WORD = re.compile(
    r"\b(?:city|town|village|region|province|district)\s+of\s+(?P<a>[A-ZА-Я][\w'’-]+)"
    r"|(?P<b>[A-ZА-Я][\w'’-]+)\s+(?:region|oblast|province|district|область|области)\b"
)


_SUFFIX = re.compile(r"(?:['’]s|-based|-born)$")


@cache
def _country_words() -> dict[str, Place]:
    """Country words the gazetteer lacks ("Kazakh", "Kyrgyz Republic"), from the English vocabulary."""
    return {word: Place(word, "country", code) for word, code in lexicon("en").countries.items()}


def _named(words: list[str]) -> tuple[str, Place] | None:
    found = lookup(words)
    if found is not None:
        return found
    country = _country_words().get(" ".join(words))
    return (country.name, country) if country is not None else None


@cache
def _fuzzy_candidates() -> tuple[str, ...]:
    return tuple(name for name, place in gazetteer().items() if place.kind != "country" and len(name) >= 6)


@cache
def closest_place(word: str) -> Place | None:
    """The gazetteer place spelled closest to ``word`` (one or two letters off), if any."""
    match = difflib.get_close_matches(word, _fuzzy_candidates(), n=1, cutoff=0.85)
    return gazetteer()[match[0]] if match else None


# "the Kazakh capital", "capital of Kyrgyzstan", "в столице Казахстана" name a city: (English, Russian) names.
CAPITALS = {
    "KZ": ("Astana", "Астана"),
    "KG": ("Bishkek", "Бишкек"),
    "UZ": ("Tashkent", "Ташкент"),
    "TJ": ("Dushanbe", "Душанбе"),
    "TM": ("Ashgabat", "Ашхабад"),
    "AZ": ("Baku", "Баку"),
    "GE": ("Tbilisi", "Тбилиси"),
    "AM": ("Yerevan", "Ереван"),
    "MN": ("Ulan Bator", "Улан-Батор"),
    "RU": ("Moscow", "Москва"),
    "BY": ("Minsk", "Минск"),
}


def _capitals(tokens: list[Token], found: list[PlaceMention], sentence: int) -> list[PlaceMention]:
    """The capital a country's mention names with "capital" / "столица" beside it."""
    starts = {t.start: k for k, t in enumerate(tokens)}
    capitals = []
    for country in (p for p in found if p.kind == "country" and p.country in CAPITALS):
        k = starts.get(country.start)
        if k is None:
            continue
        before = [t.lower for t in tokens[max(0, k - 2) : k]]
        after = next((t for t in tokens[k + 1 : k + 3] if t.lower not in ("'s", "’s")), None)
        span: tuple[int, int] | None = None
        if before[-2:] == ["capital", "of"]:
            span = (tokens[k - 2].start, country.end)
        elif before and before[-1].startswith("столиц"):
            span = (tokens[k - 1].start, country.end)
        elif after is not None and after.lower == "capital":
            span = (country.start, after.end)
        if span is not None:
            english, russian = CAPITALS[country.country]
            name = russian if "а" <= tokens[k].text[0].lower() <= "я" else english  # the text's script
            capitals.append(PlaceMention(*span, sentence, name, "city", country.country))
    return capitals


def find_places(text: str, tokens: list[Token], sentence: int) -> list[PlaceMention]:
    """Gazetteer spellings and case forms of up to three words (longest first), then fuzzy "X region" forms."""
    found: list[PlaceMention] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].text[0].isupper():
            i += 1
            continue
        for n in (3, 2, 1):
            words = [t.text for t in tokens[i : i + n]]
            if len(words) < n:
                continue
            last = words[-1]
            suffix = _SUFFIX.search(last) if ("-" in last or "'" in last or "’" in last) else None
            if suffix:
                words[-1] = words[-1][: suffix.start()]
            named = _named(words)
            if named is not None:
                spelling, place = named
                name = place.name if place.kind == "country" else spelling
                s, e = tokens[i].start, tokens[i + n - 1].end - (len(suffix.group()) if suffix else 0)
                found.append(PlaceMention(s, e, sentence, name, place.kind, place.country))
                i += n - 1
                break
        i += 1
    if not tokens:
        return found
    found += _capitals(tokens, found, sentence)
    for m in _PLACE_WORD.finditer(text, tokens[0].start, tokens[-1].end):
        group = "a" if m.group("a") else "b"
        s, e = m.span(group)
        if any(p.start <= s < p.end for p in found):
            continue
        close = closest_place(m.group(group))
        if close is not None:
            found.append(PlaceMention(s, e, sentence, close.name, close.kind, close.country))
    return sorted(found, key=lambda p: p.start)


@component("incidents.places.v1")
def places_v1(state: State) -> None:
    for sentence in state.sentences:
        state.places += find_places(state.text, sentence.tokens, sentence.index)
