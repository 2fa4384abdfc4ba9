"""English constructions that name victims beyond subject and object: one sentence of our own per construction."""

from __future__ import annotations

from charterwatch.incidents.extraction.extract import extract, make_source
from charterwatch.incidents.model import Incident


def _extract(text: str, published: str | None = "2024-06-10") -> list[Incident]:
    return extract(text, source=make_source(text, published=published))


def _found(incidents: list[Incident]) -> set[tuple[str, str]]:
    return {(i.victims[0].label, i.action) for i in incidents}


def test_found_guilty_names_the_people_guilty_is_said_of() -> None:
    text = "On 3 June a court in Taraz found Dana Omarova and Ruslan Beketov guilty of organising a rally."
    assert _found(_extract(text)) == {("Dana Omarova", "sentence"), ("Ruslan Beketov", "sentence")}


def test_a_participle_finding_guilty_is_no_verdict() -> None:
    text = "Immediately finding Dana Omarova guilty, the agency said she had hidden funds."
    assert _extract(text) == []


def test_among_those_held_were_names_the_subject() -> None:
    text = (
        "Police detained dozens of people in Aktobe on 4 June. "
        "Among those held by the police were blogger Timur Iskakov and rights activist Saule Zhakupova."
    )
    found = _found(_extract(text))
    assert {("Timur Iskakov", "detention"), ("Saule Zhakupova", "detention")} <= found


def test_taken_to_a_police_station_is_custody() -> None:
    text = "On 4 June officers took Aliya Nurlanova to a police station in Oral."
    assert _found(_extract(text)) == {("Aliya Nurlanova", "detention")}


def test_taken_to_hospital_is_not_custody() -> None:
    text = "On 4 June medics took Aliya Nurlanova to a hospital in Oral."
    assert _extract(text) == []


def test_a_list_after_a_colon_gives_each_member() -> None:
    text = (
        "On 4 June police detained Dana Omarova along with three other women: Saule Zhakupova, "
        "Aliya Nurlanova and Gulnar Abenova."
    )
    names = {label for label, action in _found(_extract(text)) if action == "detention"}
    assert names == {"Dana Omarova", "Saule Zhakupova", "Aliya Nurlanova", "Gulnar Abenova"}


def test_all_five_stands_for_the_five_people_named_before() -> None:
    text = (
        "Dana Omarova and Ruslan Beketov unfurled a banner in Almaty on 4 June. "
        "Their friends Timur Iskakov, Saule Zhakupova and Aliya Nurlanova filmed it. "
        "All five were taken to a police station."
    )
    names = {label for label, action in _found(_extract(text)) if action == "detention"}
    assert names == {"Dana Omarova", "Ruslan Beketov", "Timur Iskakov", "Saule Zhakupova", "Aliya Nurlanova"}


def test_both_with_nobody_named_before_is_nobody() -> None:
    assert _extract("Both were detained in Almaty on 4 June.") == []


def test_a_term_received_is_a_sentence() -> None:
    text = "Ruslan Beketov, an activist from Taraz, received seven years in a penal colony on 3 June."
    assert _found(_extract(text)) == {("Ruslan Beketov", "sentence")}


def test_detained_and_arrested_on_one_day_is_one_custody() -> None:
    text = "Police detained Dana Omarova in Almaty on 4 June. Her arrest on 4 June was filmed by passers-by."
    custody = [i for i in _extract(text) if i.victims[0].label == "Dana Omarova"]
    assert len(custody) == 1 and set(custody[0].actions) == {"detention", "arrest"}


def test_a_counted_group_in_the_lede_is_the_people_named_below() -> None:
    text = (
        "Two activists have been detained in Almaty.\n\n"
        "Dana Omarova and Ruslan Beketov were detained by police on 4 June after a picket."
    )
    assert {i.victims[0].label for i in _extract(text)} == {"Dana Omarova", "Ruslan Beketov"}


def test_a_counted_group_told_after_other_names_stays() -> None:
    text = (
        "On 2 June Dana Omarova and Ruslan Beketov were fined in Almaty.\n\n"
        "The court said the picket had not been agreed.\n\n"
        "In a separate case, two students were fined in Taraz."
    )
    assert "two students" in {i.victims[0].label for i in _extract(text)}


def test_a_date_opening_the_sentence_dates_its_action() -> None:
    text = (
        "Police detained Dana Omarova on 3 June. "
        "On 5 June, Dana Omarova, who had organised the picket, was fined by a court."
    )
    dates = {(i.action, i.date.value if i.date else None) for i in _extract(text)}
    assert ("fine", "2024-06-05") in dates


def test_an_event_named_as_a_landmark_is_not_told_again() -> None:
    text = "Two days before his arrest, Ruslan Beketov posted a video about the court in Taraz."
    assert _extract(text) == []


def test_the_possessive_of_a_role_word_is_one_person() -> None:
    text = "Police detained journalist Dana Omarova on 3 June. Officers also searched the journalist's home."
    assert ("Dana Omarova", "search") in _found(_extract(text))


def test_dates_in_figures_are_whole_days() -> None:
    text = "date 2024-03-05 A court in Taraz sentenced Ruslan Beketov to five years in prison."
    assert [(i.action, i.date.value if i.date else None) for i in _extract(text)] == [
        ("sentence", "2024-03-05")
    ]
    dotted = "On 16.12.2012 police detained Dana Omarova in Almaty."
    assert [i.date.value if i.date else None for i in _extract(dotted)] == ["2012-12-16"]


def test_a_term_followed_by_after_is_no_date() -> None:
    text = "Dana Omarova, who was jailed for 15 days after a picket on 3 June, went on hunger strike."
    assert [i.date.value if i.date else None for i in _extract(text)] == ["2024-06-03"]


def test_later_keeps_the_month_of_the_event_before() -> None:
    text = "Ruslan Beketov was detained on 3 June and later fined."
    dates = {i.action: i.date.value if i.date else None for i in _extract(text)}
    assert dates == {"detention": "2024-06-03", "fine": "2024-06"}


def test_a_verdict_of_days_and_found_guilty_on_one_day_are_one_decision() -> None:
    text = (
        "Ruslan Beketov was sentenced to 15 days in jail on 3 June. "
        "He was found guilty of holding an unsanctioned rally and sentenced on the same day."
    )
    verdicts = [i for i in _extract(text) if i.action in ("sentence", "administrative_arrest")]
    assert [(i.action, sorted(i.actions)) for i in verdicts] == [
        ("administrative_arrest", ["administrative_arrest", "sentence"])
    ]


def test_an_action_told_of_nobody_still_dates_the_story() -> None:
    text = (
        "Update: on 20 January 2024 an appeal court upheld the verdicts.\n\n"
        "The convictions on 28 November 2023 were condemned by rights groups.\n\n"
        "The court in Atyrau also fined Dana Omarova and Ruslan Beketov."
    )
    assert {i.date.value if i.date else None for i in _extract(text) if i.action == "fine"} == {"2023-11-28"}


def test_a_month_told_with_last_year_is_in_that_year() -> None:
    text = "On November 20 last year, Ruslan Beketov was detained. On the same day his house was searched."
    found = {(i.action, i.date.value if i.date else None) for i in _extract(text, "2024-02-09")}
    assert found == {("detention", "2023-11-20"), ("search", "2023-11-20")}


def test_an_outlet_is_not_arrested_its_journalists_are() -> None:
    text = "On 3 June police arrested six journalists of the news site Abai Times in Almaty."
    labels = {i.victims[0].label for i in _extract(text)}
    assert "Abai Times" not in labels and labels


def test_a_reporting_outlet_is_not_the_detainee() -> None:
    text = "The relatives whom the police had detained on 3 June, Radio Kazakh Voice reports, are still held."
    assert all(i.victims[0].label != "Radio Kazakh Voice" for i in _extract(text))


def test_what_may_happen_is_not_told_by_the_word_order_either() -> None:
    text = "On 3 June police detained Ruslan Beketov in Almaty. If proven guilty, he can be sentenced to three years."
    assert {i.action for i in _extract(text)} == {"detention"}


def test_accused_by_the_state_is_a_criminal_case() -> None:
    text = "On 3 June the FSB accused Ruslan Beketov of spying."
    assert _found(_extract(text)) == {("Ruslan Beketov", "criminal_case")}
    passive = "On 3 June Ruslan Beketov was accused of spying by investigators."
    assert _found(_extract(passive)) == {("Ruslan Beketov", "criminal_case")}


def test_an_accusation_by_anyone_else_is_no_case() -> None:
    assert _extract("On 3 June Ruslan Beketov accused the mayor of lying.") == []


def test_people_accused_of_something_are_told_for_another_action() -> None:
    text = "On 3 June police detained three people accused of planning a rally."
    assert {i.action for i in _extract(text)} == {"detention"}


def test_an_event_a_generation_before_the_story_is_background() -> None:
    text = "Her great-grandfather, Serik Abenov, was arrested in 1937 and shot."
    assert _extract(text, "2024-06-10") == []


def test_a_headline_and_its_body_are_one_incident() -> None:
    text = (
        "Blogger Ruslan Beketov detained in Taraz\n\n"
        "Police in Taraz detained blogger Ruslan Beketov on 3 June after a live stream."
    )
    incidents = _extract(text)
    assert [(i.victims[0].label, i.action, i.date.value if i.date else None) for i in incidents] == [
        ("Ruslan Beketov", "detention", "2024-06-03")
    ]
    assert len(incidents[0].evidence_for("action")) == 2  # the headline is evidence too


def test_a_headline_group_is_the_people_the_body_names() -> None:
    text = (
        "Abai Times employees summoned for questioning\n\n"
        "On 3 June the editor of Abai Times, Dana Omarova, was summoned for questioning by police."
    )
    assert {i.victims[0].label for i in _extract(text)} == {"Dana Omarova"}


def test_a_title_closed_by_the_word_order_is_an_organisation() -> None:
    text = "The court in Almaty shut Tribune down on 3 June."
    assert {i.victims[0].kind for i in _extract(text)} <= {"organisation"}


def test_a_title_case_headline_run_is_no_name() -> None:
    text = "Opposition Weekly Banned In First Of Many Closures\n\nA court in Almaty banned the Tribune weekly on 3 June."
    assert all(" Of " not in i.victims[0].label for i in _extract(text))


def test_the_women_are_the_named_one_and_the_others() -> None:
    text = (
        "Dana Omarova and three other women approached worshippers on 3 June outside a mosque in Almaty. "
        "Police detained the women and fined them."
    )
    found = _found(_extract(text))
    assert found == {
        ("Dana Omarova", "detention"),
        ("three other women", "detention"),
        ("Dana Omarova", "fine"),
        ("three other women", "fine"),
    }


def test_charges_beside_an_arrest_are_its_grounds() -> None:
    text = (
        "On 13 December police arrested journalist Ruslan Beketov in Almaty. "
        "He was charged under Article 206 of the Criminal Code."
    )
    incidents = _extract(text)
    assert [(i.action, sorted(i.actions)) for i in incidents] == [("arrest", ["arrest", "criminal_case"])]


def test_numbers_in_a_web_address_are_no_dates() -> None:
    text = "Source: example.kz/news/1905-activists-detained\n\nPolice detained Dana Omarova in Almaty."
    assert [i.date for i in _extract(text, None)] == [None]
