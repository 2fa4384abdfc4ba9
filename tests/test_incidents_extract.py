"""The extractor on wording other than the seeds': each rule on short texts in the style of news reports."""

from __future__ import annotations

import pytest

from charterwatch.incidents.extraction.dates import DateResolver, find_dates
from charterwatch.incidents.extraction.extract import extract, make_source
from charterwatch.incidents.extraction.geo import coordinates, place_named
from charterwatch.incidents.extraction.legal import find_legal_bases
from charterwatch.incidents.extraction.pipeline import REGISTRY, default_pipeline, get_component
from charterwatch.incidents.extraction.places import closest_place
from charterwatch.incidents.extraction.sanctions import find_sanctions
from charterwatch.incidents.model import Incident, filled_fields


def _extract(text: str, published: str | None = None) -> list[Incident]:
    incidents = extract(text, source=make_source(text, published=published))
    for incident in incidents:
        assert set(filled_fields(incident)) <= {e.field for e in incident.evidence}
        for e in incident.evidence:
            assert text[e.start : e.end] == e.quote
    return incidents


def _summary(incidents: list[Incident]) -> list[tuple[str, str, str | None]]:
    return [(i.victims[0].label, i.action, i.date.value if i.date else None) for i in incidents]


def test_passive_victims_with_role_place_and_sanction() -> None:
    text = (
        "Blogger Aigerim Tleuzhan was detained by police in Shymkent on 5 May 2022. "
        "The next day a court sentenced her to 10 days of administrative arrest for an unsanctioned rally."
    )
    detention, incident = _extract(text)  # one incident per victim x action x date
    assert _summary([detention, incident]) == [
        ("Aigerim Tleuzhan", "detention", "2022-05-05"),
        ("Aigerim Tleuzhan", "administrative_arrest", "2022-05-06"),
    ]
    assert detention.perpetrator == "police"
    assert incident.victims[0].role == "blogger"
    assert incident.place == "Shymkent" and incident.country == "KZ"
    assert incident.sanction is not None and incident.sanction.arrest_days == 10
    assert "assembly" in incident.rights and "expression" in incident.rights


def test_active_voice_and_unnamed_groups() -> None:
    text = "On March 3, 2024, police in Bishkek detained at least eight journalists covering the protest."
    [incident] = _extract(text)
    assert incident.victims[0].kind == "group"
    assert incident.victims[0].description == "at least eight journalists"
    assert incident.victims[0].role == "journalist"
    assert (incident.action, incident.place, incident.country) == ("detention", "Bishkek", "KG")


def test_fines_with_amount_and_currency() -> None:
    text = "In late January 2021, a court in Uralsk fined activist Marat Zhanuzakov 138,000 tenge for a Facebook post."
    [incident] = _extract(text)
    assert _summary([incident]) == [("Marat Zhanuzakov", "fine", "2021-01")]
    assert incident.place == "Uralsk"  # as the text says; the gazetteer knows it as Oral
    assert (named := place_named("Uralsk", "KZ")) is not None and named.name == "Oral"
    assert incident.sanction is not None
    assert (incident.sanction.fine_amount, incident.sanction.fine_currency) == (138000.0, "KZT")


def test_prison_sentence_and_legal_basis() -> None:
    text = (
        "Journalist Makhambet Abzhan was sentenced to seven years in prison under Article 190 of the Criminal "
        "Code in Astana on 2 March 2023."
    )
    [incident] = _extract(text)
    assert incident.action == "sentence"
    assert incident.sanction is not None and incident.sanction.prison_months == 84
    assert incident.legal_basis == ["Article 190 of the Criminal Code"]


def test_pronouns_refer_to_the_last_named_person() -> None:
    text = (
        "Lawyer Gulnara Bazhkenova was detained on 1 June 2021. "
        "Investigators later charged her with spreading false information."
    )
    incidents = _extract(text)  # a dated detention and a later charge: two incidents
    assert [(i.victims[0].name, i.action) for i in incidents] == [
        ("Gulnara Bazhkenova", "detention"),
        ("Gulnara Bazhkenova", "criminal_case"),
    ]


def test_generic_statements_are_not_incidents() -> None:
    text = "Peaceful protesters are regularly detained and fined. Journalists are often questioned by police."
    assert _extract(text) == []


def test_negated_and_adjectival_uses_are_not_incidents() -> None:
    text = (
        "He was released without charge. The group called for the release of arrested journalist Ivan Petrov."
    )
    assert _extract(text) == []


def test_the_same_detention_told_twice_is_one_incident() -> None:
    text = (
        "Activist Dina Baidildayeva was detained on 12 February 2022. "
        "The authorities also detained a number of students, including Dina Baidildayeva, on 12 February 2022."
    )
    incidents = _extract(text)
    assert _summary(incidents) == [("Dina Baidildayeva", "detention", "2022-02-12")]


def test_blocking_of_a_named_site() -> None:
    text = "The independent news site Orda.kz was blocked on Monday after it published an investigation."
    [incident] = _extract(text, published="2023-11-08")
    assert (incident.victims[0].name, incident.victims[0].role) == ("Orda.kz", "media_outlet")
    assert incident.date is not None and incident.date.value == "2023-11-06"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("on 24 February 2017", "2017-02-24"),
        ("on Feb. 3, 2020", "2020-02-03"),
        ("in late January 2017", "2017-01"),
        ("in 2016", "2016"),
        ("in early February", "2026-02"),
        ("the following day", "2026-03-16"),
        ("a week earlier", "2026-03"),
        ("yesterday", "2026-03-19"),
        ("on Monday", "2026-03-16"),
    ],
)
def test_dates_resolve_against_the_story_and_the_publication(words: str, expected: str) -> None:
    from datetime import date

    from charterwatch.incidents.model import IncidentDate

    resolver = DateResolver(date(2026, 3, 20))
    resolver.anchor, resolver.year = IncidentDate("2026-03-15", "day"), 2026
    [mention] = find_dates(words, 0, len(words), resolver, 0)
    assert mention.date is not None and mention.date.value == expected


def test_sanction_parts() -> None:
    text = "jailed for 15 days; a fine of 50 monthly calculation indices; sentenced to 2 years and 6 months"
    parts = [
        (s.arrest_days, s.fine_amount, s.fine_currency, s.prison_months)
        for *_, s in find_sanctions(text, 0, len(text))
    ]
    assert parts == [(15, None, None, None), (None, 50.0, "MCI", None), (None, None, None, 30)]


def test_legal_bases_as_cited() -> None:
    text = (
        "charged under Article 174 of the Criminal Code and fined under the law on peaceful assemblies, which"
    )
    assert [text[s:e] for s, e in find_legal_bases(text, 0, len(text))] == [
        "Article 174 of the Criminal Code",
        "the law on peaceful assemblies",
    ]


def test_gazetteer_knows_variants_and_near_spellings() -> None:
    place = closest_place("Shymkentt")
    assert place is not None and place.name == "Shymkent"
    text = "Police detained activist Nurlan Ospanov in Nur-Sultan on 1 May 2020."
    [incident] = _extract(text)
    assert incident.place == "Nur-Sultan"
    assert coordinates(incident.place, incident.country) == coordinates("Astana", "KZ") is not None


def test_components_are_registered_by_versioned_name() -> None:
    pipeline = default_pipeline("en")
    for name in pipeline.components:
        assert get_component(name) is REGISTRY[name].function
        assert name.startswith("incidents.") and name.rsplit(".", 1)[-1].startswith("v")
    with pytest.raises(ValueError, match="no incidents component"):
        get_component("incidents.nothing.v9")


def test_relative_dates_count_from_the_last_event_and_pronouns_from_the_last_victim() -> None:
    text = (
        "Activist Aliya Nurova was detained on January 5 by police in Oral. "
        "Her lawyer, Bolat Seitov, said on January 7 that she would appeal. "
        "The next day, police also searched the home of her colleague, journalist Erlan Dosov."
    )
    incidents = _extract(text, published="2025-01-09")
    assert _summary(incidents) == [
        ("Aliya Nurova", "detention", "2025-01-05"),
        ("Erlan Dosov", "search", "2025-01-06"),
    ]


def test_a_year_from_another_paragraph_gives_way_to_the_publication_date() -> None:
    text = (
        "Police arrested blogger Saken Ibraev in June 2023.\n"
        "Separately, on July 15, police in Astana detained Vlast.kz editor-in-chief Vera Isayeva."
    )
    incidents = _extract(text, published="2024-08-02")
    assert _summary(incidents)[-1] == ("Vera Isayeva", "detention", "2024-07-15")


def test_relative_clauses_headings_threats_and_blocked_access() -> None:
    text = (
        "Lawyer sentenced, activists harassed\n"
        "Lawyer Timur Aliyev, who had defended members of a banned party, was arrested in September 2015. "
        "Police warned journalist Dana Serikova that she could face criminal charges. "
        "On 12 February 2024, the authorities blocked access to the website of the outlet Vlast.kz."
    )
    incidents = _extract(text)
    assert _summary(incidents) == [
        ("Timur Aliyev", "arrest", "2015-09"),
        ("Vlast.kz", "blocking", "2024-02-12"),
    ]


def test_roles_after_the_name() -> None:
    text = (
        "Marat Omarov, a former leader of the unregistered Democratic Choice party, was detained on 3 May 2021. "
        "Aida Sultanova kyzy, the outlet's director, was fined on 4 May 2021."
    )
    roles = [(i.victims[0].label, i.victims[0].role) for i in _extract(text)]
    assert roles == [("Marat Omarov", "politician"), ("Aida Sultanova kyzy", "journalist")]


def test_appositions_outlet_names_and_house_arrest() -> None:
    text = (
        "On 4 February 2025, Serik Nurlanov, an author of satirical posts on Instagram, was placed under house "
        "arrest in Astana. A court in Aktobe fined the editor of the Aktobe Times newspaper, Ruslan Abdrakhmanov, "
        "147,000 tenge on 18 February 2025. In Kostanay, correspondent of the newspaper Nasha Gazeta Irina Petrova "
        "was attacked by unknown men on 11 February 2025."
    )
    found = [(i.victims[0].label, i.victims[0].role, i.action) for i in _extract(text)]
    assert found == [
        ("Serik Nurlanov", "social_media_user", "arrest"),
        ("Ruslan Abdrakhmanov", "journalist", "fine"),
        ("Irina Petrova", "other", "ill_treatment"),
    ]
    fine = _extract(text)[1].sanction
    assert fine is not None and (fine.text, fine.fine_amount) == ("147,000 tenge", 147000.0)


def test_groups_with_numbers_members_after_including_and_datelines() -> None:
    text = (
        "ALMATY (May 6, 2024) — Police detained at least 20 protesters in Almaty on Saturday, including activist "
        "Asel Nurmagambetova, who had called for the rally.\n"
        "Kazakh police raided the offices of the opposition Democratic Party on May 2.\n"
        "Journalists covering a rally in Shymkent were beaten by unidentified men on 1 May 2024."
    )
    found = [
        (i.victims[0].label, i.action, i.date.value if i.date else None, i.perpetrator)
        for i in _extract(text, published="2024-05-06")
    ]
    assert found == [
        ("Asel Nurmagambetova", "detention", "2024-05-04", "Police"),
        ("Democratic Party", "search", "2024-05-02", "police"),
        ("Journalists", "ill_treatment", "2024-05-01", "unidentified men"),
    ]


def test_a_trigger_in_a_relative_clause_belongs_to_its_antecedent() -> None:
    text = "Blogger Yerzhan Tokenov, who was detained on 5 May 2023, went on hunger strike."
    assert _summary(_extract(text)) == [("Yerzhan Tokenov", "detention", "2023-05-05")]


def test_datelines_and_landmark_dates_do_not_date_the_incident() -> None:
    text = (
        "(Berlin, February 20, 2026) – Police have detained activist Arman Seitov in the weeks before the "
        "March 15 referendum, Human Rights Watch said."
    )
    assert _summary(_extract(text)) == [("Arman Seitov", "detention", "2026")]


def test_a_raising_verb_passes_its_subject_and_a_dateline_names_no_victim() -> None:
    text = (
        "ALMATY, Kazakhstan -- Reporter Dina Omarova appeared to have been detained on Tuesday, her editor said. "
        "People were detained too, witnesses said."
    )
    found = _summary(_extract(text, published="2025-06-12"))
    assert found == [("Dina Omarova", "detention", "2025-06-10")]


def test_an_outlet_named_in_apposition_to_its_kind_is_the_victim() -> None:
    text = "The news portal Qazpress reported being blocked by two internet providers on 2 March 2025."
    assert ("Qazpress", "blocking", "2025-03-02") in _summary(_extract(text))
