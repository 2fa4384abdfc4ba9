"""An ACLED-like flat CSV: one row per incident, with ACLED's column names and event types.

ACLED codes political violence and protest; most civic-space incidents are what its codebook calls
"Strategic developments" (arrests of prominent people, and "Other"). The mapping of our actions
(docs/incidents.md, "ACLED-like CSV"):

| actions | disorder_type | event_type | sub_event_type |
| --- | --- | --- | --- |
| detention, arrest, administrative_arrest | Strategic developments | Strategic developments | Arrests |
| dispersal | Demonstrations | Protests | Protest with intervention |
| ill_treatment | Political violence | Violence against civilians | Attack |
| every other action | Strategic developments | Strategic developments | Other |

Our action stays in ``tags`` (``charterwatch_action=fine``). Every value comes from the public edition
(incidents/workflow/public.py) and the public form of the sources, so the file can be shared as it is. Coordinates
come from the gazetteer's GeoNames data by the place's name (incidents/extraction/geo.py): a town's own, a region's seat's
(``geo_precision`` 3, as ACLED codes a place known only by its region). Every column of ACLED's export is
there, in its order, so a file loads wherever ACLED's does: ``inter1``/``inter2``/``interaction`` in the
codebook's words ("State forces", "Civilians", "State forces-Civilians"); ``source`` the outlet's name and
``source_scale`` its reach (data/outlets.yaml, by web domain); ``timestamp`` the Unix time of the newest
publication the row rests on (empty when no source is dated);
``admin2`` and ``admin3`` empty, as the gazetteer stops at the first level.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlparse

from charterwatch.incidents.exports.exports import incident_dicts
from charterwatch.incidents.extraction.geo import coordinates, geo_precision, place_named
from charterwatch.incidents.model import Incident, Source
from charterwatch.incidents.workflow.public import public_sources

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)  # ACLED's 31 columns in the order of its exports (codebook 2024)
EVENT_TYPES: dict[str, tuple[str, str, str]] = {
    "detention": ("Strategic developments", "Strategic developments", "Arrests"),
    "arrest": ("Strategic developments", "Strategic developments", "Arrests"),
    "administrative_arrest": ("Strategic developments", "Strategic developments", "Arrests"),
    "dispersal": ("Demonstrations", "Protests", "Protest with intervention"),
    "ill_treatment": ("Political violence", "Violence against civilians", "Attack"),
}
OTHER = ("Strategic developments", "Strategic developments", "Other")
# ISO 3166 alpha-2 -> (numeric code, name, ACLED region)
COUNTRIES = {
    "KZ": (398, "Kazakhstan", "Caucasus and Central Asia"),
    "KG": (417, "Kyrgyzstan", "Caucasus and Central Asia"),
    "UZ": (860, "Uzbekistan", "Caucasus and Central Asia"),
    "TJ": (762, "Tajikistan", "Caucasus and Central Asia"),
    "TM": (795, "Turkmenistan", "Caucasus and Central Asia"),
    "RU": (643, "Russia", "Europe"),
    "AZ": (31, "Azerbaijan", "Caucasus and Central Asia"),
    "GE": (268, "Georgia", "Caucasus and Central Asia"),
    "AM": (51, "Armenia", "Caucasus and Central Asia"),
    "MN": (496, "Mongolia", "East Asia"),
    "BY": (112, "Belarus", "Europe"),
}
ROLE_GROUPS = {
    "journalist": "Journalists",
    "blogger": "Journalists",
    "media_outlet": "Journalists",
    "website": "Journalists",
    "lawyer": "Lawyers",
    "human_rights_defender": "Human Rights Defenders",
    "activist": "Activists",
    "trade_unionist": "Labor Group",
    "trade_union": "Labor Group",
    "worker": "Labor Group",
    "protester": "Protesters",
    "religious_believer": "Religious Group",
    "politician": "Political Party",
    "ngo": "Civil Society Organisations",
    "social_media_user": "Civilians",
}
# ACLED's time_precision: 1 the day is known, 2 within a week, 3 within a month (or coarser)
TIME_PRECISION = {"day": 1, "month": 3, "year": 3}


@cache
def admin1_of() -> dict[str, str]:
    """City -> first-level division (oblast or city of republican significance), from data/admin1.tsv."""
    text = resources.files("charterwatch.incidents").joinpath("data/admin1.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {city: admin1 for city, admin1 in rows}


def to_acled_csv(
    incidents: Sequence[Incident], sources: Sequence[Source], *, words: frozenset[str] = frozenset()
) -> str:
    """The ACLED-like CSV of ``incidents`` (undated incidents included with an empty event_date); ``words``
    as for the public edition (exports.py)."""
    by_id = {s["id"]: s for s in public_sources(incidents, sources, words=words)}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for data in incident_dicts(incidents, edition="public", words=words):
        writer.writerow(acled_row(data, by_id))
    return out.getvalue()


def acled_row(data: dict[str, Any], sources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One row from the public dict of an incident and the public dicts of the sources."""
    numeric, country, region = COUNTRIES.get(data["country"] or "", (0, data["country"] or "", ""))
    disorder, event, sub_event = EVENT_TYPES.get(data["action"], OTHER)
    victim = data["victims"][0]
    date = data["date"]
    value = date["value"] if date else ""
    place = data["place"]
    named = place_named(place, data["country"]) if place else None
    latitude, longitude = coordinates(place, data["country"]) or ("", "")
    actor1 = _actor1(data["perpetrator"], country)
    inter1 = "Political militia" if actor1.startswith("Unidentified") else "State forces"
    inter2 = "Protesters" if victim["role"] == "protester" else "Civilians"
    cited = [sources[s] for s in data["source_ids"] if s in sources]
    return {
        "event_id_cnty": f"{_iso3(data['country'])}CW{data['id'][:8]}",
        "event_date": _first_day(value),
        "year": value[:4],
        "time_precision": TIME_PRECISION[date["precision"]] if date else "",
        "disorder_type": disorder,
        "event_type": event,
        "sub_event_type": sub_event,
        "actor1": actor1,
        "assoc_actor_1": data["perpetrator"] or "",
        "inter1": inter1,
        "actor2": f"{inter2} ({country})",
        "assoc_actor_2": _assoc2(victim, country),
        "inter2": inter2,
        "interaction": f"{inter1}-{inter2}",
        "civilian_targeting": "Civilian targeting" if event == "Violence against civilians" else "",
        "iso": numeric or "",
        "region": region,
        "country": country,
        "admin1": place
        if named and named.kind == "region"
        else admin1_of().get(named.name if named else "", ""),
        "admin2": "",
        "admin3": "",
        "location": place or country,
        "latitude": latitude,
        "longitude": longitude,
        "geo_precision": geo_precision(place, data["country"]),
        "source": "; ".join(dict.fromkeys(outlet(s)[0] for s in cited)),
        "source_scale": "-".join(dict.fromkeys(outlet(s)[1] for s in cited)),
        "notes": notes(data),
        "fatalities": 0,
        "tags": f"charterwatch_action={data['action']}; review={data['review']}",
        "timestamp": _timestamp(cited),
    }


def _timestamp(cited: Sequence[dict[str, Any]]) -> int | str:
    """The Unix time of the newest publication the row rests on (its information's age), or empty."""
    days = sorted(str(s["published"])[:10] for s in cited if s.get("published"))
    if not days or len(days[-1]) != 10:
        return ""
    return int(dt.datetime.fromisoformat(days[-1]).replace(tzinfo=dt.UTC).timestamp())


def _first_day(value: str) -> str:
    """ACLED dates are days: a month or a year is given as its first day (time_precision says so)."""
    return {4: f"{value}-01-01", 7: f"{value}-01"}.get(len(value), value)


def _iso3(code: str | None) -> str:
    iso3 = {"KZ": "KAZ", "KG": "KGZ", "UZ": "UZB", "TJ": "TJK", "TM": "TKM", "RU": "RUS", "AZ": "AZE"}
    iso3 |= {"GE": "GEO", "AM": "ARM", "MN": "MNG", "BY": "BLR"}
    return iso3.get(code or "", "XXX")


def _actor1(perpetrator: str | None, country: str) -> str:
    words = (perpetrator or "").lower()
    if any(
        w in words for w in ("police", "law enforcement", "interior", "security service", "national guard")
    ):
        return f"Police Forces of {country}"
    if any(w in words for w in ("unknown", "unidentified", "assailant")):
        return f"Unidentified Group ({country})"
    return f"Government of {country}"


def _assoc2(victim: dict[str, Any], country: str) -> str:
    group = ROLE_GROUPS.get(victim["role"])
    label = f"{group} ({country})" if group else ""
    if victim["kind"] == "organisation" and victim["name"]:
        return f"{label}; {victim['name']}" if label else victim["name"]
    return label


@cache
def outlets() -> dict[str, dict[str, str]]:
    """Web domain -> the outlet's name and ACLED source scale (data/outlets.yaml)."""
    import yaml

    text = resources.files("charterwatch.incidents").joinpath("data/outlets.yaml").read_text(encoding="utf-8")
    found: dict[str, dict[str, str]] = yaml.safe_load(text)
    return found


_REGION_DOMAINS = (".kz", ".kg", ".uz", ".tj", ".tm", ".ru", ".by", ".az", ".am", ".ge", ".mn", ".қаз")


def outlet(source: dict[str, Any]) -> tuple[str, str]:
    """``(name, source_scale)`` of a source: its outlet by web domain, else its publisher or file name."""
    location = str(source["location"] or source["id"])
    host = urlparse(location).netloc.lower().removeprefix("www.")
    parts = host.split(".")
    for k in range(len(parts) - 1):
        known = outlets().get(".".join(parts[k:]))
        if known is not None:
            return known["name"], known["scale"]
    if host:
        return str(source["publisher"] or host).removeprefix("www."), (
            "National" if host.endswith(_REGION_DOMAINS) else "Other"
        )
    return str(source["publisher"] or location.replace("\\", "/").rsplit("/", 1)[-1]), "Other"


def notes(data: dict[str, Any]) -> str:
    """A one-sentence summary in ACLED's manner: "On 24 February 2017, police detained ..." (public names)."""
    victim = data["victims"][0]
    who = victim["name"] or victim["description"] or "someone"
    role = victim["role"].replace("_", " ")
    date = data["date"]
    when = f"On {date['value']} ({date['precision']})" if date else "On an unknown date"
    by = data["perpetrator"] or "the authorities"
    where = f" in {data['place']}" if data["place"] else ""
    text = f"{when}, {by}: {data['action'].replace('_', ' ')} of {who} ({role}){where}."
    if data["sanction"]:
        text += f" Sanction: {data['sanction']['text']}."
    if data["legal_basis"]:
        text += f" Legal basis: {'; '.join(data['legal_basis'])}."
    return text
