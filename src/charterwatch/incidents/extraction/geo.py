"""Looking places up in the gazetteer by any spelling and case form, and their coordinates.

Russian inflects place names ("в Шымкенте", "из Бишкека", "Оренбургской области"), and the gazetteer keeps only
nominatives. Rather than listing every form, a word and a gazetteer spelling are compared by their stem: the
word with one case or adjective ending cut off ("Шымкенте" and "Шымкент" are both "шымкент", "области" and
"область" both "област"). Neuter -о names (Иваново) keep their ending, so a surname in -ова is not a town.
An incident's place is the spelling its text uses (``Уральск``, ``Nur-Sultan``); ``coordinates`` finds the
place again from that spelling, so nothing but the name needs storing.
"""

from __future__ import annotations

import re
from functools import cache

from charterwatch.incidents.extraction.lexicon import Place, gazetteer

# One case or adjective ending, at least two letters after the start (a regex search takes the leftmost, i.e.
# the longest, ending that leaves a stem of two letters).
_ENDING = re.compile(
    r"(?<=..)(?:ией|ого|его|ому|ему|ыми|ими|ями|ами|ой|ей|ий|ый|ая|яя|ое|ее|ую|юю|ом|ем|ым|им|ах|ях|ию|ия|ии|ие|ью"
    r"|а|я|е|и|ы|у|ю|ь|й)$"
)
_CYRILLIC_WORD = re.compile(r"^[а-яёәғқңөұүһі-]+$")


def stem_key(word: str) -> str:
    """A Cyrillic word without its case ending ("Ташкенте" -> "ташкент"); other words lower-cased."""
    word = word.lower()
    if not _CYRILLIC_WORD.match(word):
        return word
    ending = _ENDING.search(word)
    return word[: ending.start()] if ending else word


def phrase_key(words: list[str] | tuple[str, ...]) -> str:
    return " ".join(stem_key(w) for w in words)


@cache
def _exact() -> dict[str, tuple[str, Place]]:
    """Lower-cased spelling -> (the gazetteer's spelling, place)."""
    found: dict[str, tuple[str, Place]] = {}
    for spelling, place in gazetteer().items():
        found.setdefault(spelling.lower(), (spelling, place))
    return found


@cache
def _stems() -> dict[str, tuple[list[str], Place]]:
    """Stem key of Cyrillic spellings -> (the nominative spellings, place); keys two places share dropped."""
    found: dict[str, tuple[list[str], Place]] = {}
    clashes: set[str] = set()
    for spelling, place in gazetteer().items():
        words = spelling.split()
        if not all(_CYRILLIC_WORD.match(w.lower()) for w in words):
            continue
        key = phrase_key(words)
        if key in found and found[key][1] != place:
            clashes.add(key)
        found.setdefault(key, ([], place))[0].append(spelling)
    return {key: value for key, value in found.items() if key not in clashes}


def _nominative(spellings: list[str], word: str) -> str:
    """Of one place's spellings with one stem, the nominative of ``word``: "Казани" is Казань, not Казан."""
    if word.lower().endswith(("и", "ью")):
        soft = [s for s in spellings if s.endswith("ь")]
        if soft:
            return soft[0]
    return spellings[0]


def lookup(words: list[str] | tuple[str, ...]) -> tuple[str, Place] | None:
    """The place a phrase names and its nominative spelling: exact spellings first, then Russian case forms."""
    exact = _exact().get(" ".join(words).lower())
    if exact is not None:
        spelling, place = exact
        text = " ".join(words)
        return (spelling if text.isupper() else text), place  # "ALMATY, Kazakhstan --" is Almaty
    stemmed = _stems().get(phrase_key(words))
    return (_nominative(stemmed[0], words[-1]), stemmed[1]) if stemmed else None


def place_named(name: str, country: str | None = None) -> Place | None:
    """The gazetteer place of an incident's place name (any spelling or case form), in ``country`` if given."""
    found = lookup(name.split())
    if found is None or (country is not None and found[1].country != country):
        return None
    return found[1]


def coordinates(place: str | None, country: str | None = None) -> tuple[float, float] | None:
    """(latitude, longitude) of a place name from GeoNames: a city's own, a region's seat's; None if unknown."""
    found = place_named(place, country) if place else None
    if found is None or found.latitude is None or found.longitude is None:
        return None
    return found.latitude, found.longitude


def geo_precision(place: str | None, country: str | None = None) -> int:
    """ACLED's geo_precision: 1 the town is known, 3 only a region (its seat's coordinates) or the country."""
    found = place_named(place, country) if place else None
    return 1 if found is not None and found.kind == "city" else 3


def coordinates_dict(place: str | None, country: str | None = None) -> dict[str, float] | None:
    """The coordinates of an incident's place as its JSON gives them, or None."""
    found = coordinates(place, country)
    return {"latitude": found[0], "longitude": found[1]} if found else None
