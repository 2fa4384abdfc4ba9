"""Places: the gazetteer's countries and coordinates, Russian case forms, and the place a story gives a trigger."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charterwatch.incidents.exports.acled import COLUMNS, to_acled_csv
from charterwatch.incidents.extraction.extract import extract, make_source
from charterwatch.incidents.extraction.geo import coordinates, geo_precision, lookup, place_named, stem_key
from charterwatch.incidents.extraction.lexicon import gazetteer
from charterwatch.incidents.model import Incident
from charterwatch.lang.detect import detect_language


def _places(text: str) -> list[str | None]:
    return [i.place for i in extract(text, source=make_source(text, language=detect_language(text)))]


@pytest.mark.parametrize(
    ("phrase", "spelling", "name"),
    [
        ("Ташкенте", "Ташкент", "Tashkent"),
        ("Шымкенте", "Шымкент", "Shymkent"),
        ("Бишкека", "Бишкек", "Bishkek"),
        ("Москве", "Москва", "Moscow"),
        ("Казани", "Казань", "Kazan"),
        ("Уральске", "Уральск", "Oral"),
        ("Алма-Ате", "Алма-Ата", "Almaty"),
        ("Оренбургской области", "Оренбургская область", "Orenburg Oblast"),
        ("Краснодарском крае", "Краснодарский край", "Krasnodar Krai"),
        ("ALMATY", "Almaty", "Almaty"),
        ("Nur-Sultan", "Nur-Sultan", "Astana"),
        ("Yerevan", "Yerevan", "Yerevan"),
        ("Minsk", "Minsk", "Minsk"),
    ],
)
def test_case_forms_and_spellings_find_the_place_in_the_nominative(
    phrase: str, spelling: str, name: str
) -> None:
    found = lookup(phrase.split())
    assert found is not None
    assert found[0] == spelling and found[1].name == name


def test_surnames_and_first_names_are_not_towns() -> None:
    for word in ("Иванова", "Владимира", "Ivanov", "Kazakh", "Дархан", "Artyom"):
        assert lookup([word]) is None, word


def test_every_city_and_region_has_coordinates_in_its_country() -> None:
    places = set(gazetteer().values())
    assert {"AZ", "GE", "AM", "MN", "RU", "BY"} <= {p.country for p in places}
    for place in places:
        if place.kind == "country":
            continue
        assert place.latitude is not None and place.longitude is not None, place
        assert 35 < place.latitude < 72 and 19 < place.longitude < 180, place


def test_coordinates_come_from_the_name_in_any_spelling() -> None:
    almaty = coordinates("Almaty", "KZ")
    assert almaty is not None and almaty == pytest.approx((43.25, 76.91), abs=0.05)
    assert coordinates("Алматы", "KZ") == coordinates("Alma-Ata") == almaty
    assert coordinates("Almaty", "KG") is None  # not in that country
    assert coordinates("Kazakhstan") is None  # a country alone is no place
    assert coordinates("Atlantis") is None and coordinates(None) is None
    region = coordinates("Мангистауская область", "KZ")
    assert region is not None and region == coordinates("Aktau", "KZ")  # a region stands at its seat
    assert (geo_precision("Aktau"), geo_precision("Mangystau"), geo_precision(None)) == (1, 3, 3)


@given(st.text(max_size=40))
def test_lookups_never_fail_on_any_text(text: str) -> None:
    stem_key(text)
    lookup(text.split() or [""])
    place_named(text)
    coordinates(text, "KZ")


def test_a_russian_sentence_gives_the_place_in_the_nominative() -> None:
    text = "Вчера в Уральске полицейские задержали активиста Ерлана Касымова на площади."
    assert _places(text) == ["Уральск"]


def test_a_sentence_without_a_place_takes_the_dateline_city() -> None:
    text = (
        "TARAZ, Kazakhstan -- Local authorities have started a crackdown on critics.\n\n"
        "Police on Tuesday detained blogger Serik Omarov after a post about the governor.\n"
    )
    assert _places(text) == ["Taraz"]


def test_a_russian_dateline_gives_the_place() -> None:
    text = "ШЫМКЕНТ, 4 марта — Городской суд оштрафовал журналиста Алию Садыкову за пост в соцсетях.\n"
    assert _places(text) == ["Шымкент"]


def test_a_story_place_carries_over_paragraphs() -> None:
    text = (
        "Residents of Pavlodar gathered outside the city hall on Saturday.\n\n"
        "Several speakers criticised the new tariffs.\n\n"
        "Police later detained activist Dana Bekova, her lawyer said.\n"
    )
    assert _places(text) == ["Pavlodar"]


def test_a_lead_without_a_place_takes_the_place_of_the_next_paragraph() -> None:
    text = (
        "Police detained journalist Timur Azatov on Monday.\n\n"
        "He was stopped outside his office in Kostanay while filming a queue.\n"
    )
    assert _places(text) == ["Kostanay"]


def test_a_country_alone_is_no_place() -> None:
    text = "Police in Kazakhstan detained activist Nurlan Abenov on 2 June 2021."
    [incident] = extract(text, source=make_source(text))
    assert incident.place is None and incident.country == "KZ"


def test_places_of_other_phrases_are_not_the_incidents() -> None:
    relatives = (
        "Police in Almaty detained activist Bota Serikova, whose relatives live in Urumqi, on 3 April 2022. "
        "A welder from Zhanaozen, Arman Kenzhe, was fined in Atyrau on 5 April 2022."
    )
    assert sorted(p or "" for p in _places(relatives)) == ["Almaty", "Atyrau"]
    unrest = (
        "A court in Aktau sentenced activist Erzhan Tulegenov on 9 October 2023.\n\n"
        "Prosecutors said he had stirred the unrest in Zhanaozen, and a court convicted him on 10 October 2023.\n"
    )
    assert set(_places(unrest)) == {"Aktau"}


def test_the_acled_csv_has_the_coordinates_and_the_json_too() -> None:
    text = "Police detained blogger Aidana Kairatova in Shymkent on 6 June 2023 for a video."
    source = make_source(text, location="x.txt")
    [incident] = extract(text, source=source)
    assert isinstance(incident, Incident)
    [row] = list(csv.DictReader(io.StringIO(to_acled_csv([incident], [source]))))
    assert list(row) == list(COLUMNS)
    latitude, longitude = float(row["latitude"]), float(row["longitude"])
    assert (latitude, longitude) == coordinates("Shymkent", "KZ") and row["geo_precision"] == "1"
    assert incident.to_dict()["coordinates"] == {"latitude": latitude, "longitude": longitude}


def test_a_place_inside_a_name_is_not_where_it_happened() -> None:
    text = (
        'The weekly "Voice of Taraz" reported the case.\n\n'
        "Its editor Asel Nurova was questioned by police in Kyzylorda region on 4 May 2021.\n\n"
        "Her deputy Bolat Sadyk was questioned as well on 5 May 2021.\n"
    )
    assert _places(text) == ["Kyzylorda region", "Kyzylorda region"]


def test_a_sentence_set_in_a_whole_country_takes_no_town_from_the_story() -> None:
    text = (
        "Police in Semey detained blogger Arman Dosov on 2 June 2021.\n\n"
        "In Kazakhstan police detained at least 30 activists on 5 June 2021.\n"
    )
    assert _places(text) == ["Semey", None]


def test_a_report_of_many_towns_lends_none_of_them() -> None:
    text = (
        "Police in Aktobe detained activist Kanat Serikbay on 1 March 2022.\n\n"
        "A court in Atyrau fined blogger Mira Zhunus on 2 March 2022.\n\n"
        "Officers in Taraz questioned journalist Olzhas Bek on 3 March 2022.\n\n"
        "Police also detained activist Gulnar Ospan on 4 March 2022.\n"
    )
    assert _places(text)[-1] is None
    assert _places(text)[:3] == ["Aktobe", "Atyrau", "Taraz"]


def test_the_town_is_more_precise_than_its_region() -> None:
    text = "On 7 May 2021 police in Pavlodar region detained activist Erik Sultan at his home in Ekibastuz."
    assert _places(text) == ["Ekibastuz"]
