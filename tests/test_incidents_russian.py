"""Russian: natasha's offline tagger feeds the same pipeline; lemmas make one vocabulary serve every case form."""

from __future__ import annotations

from charterwatch.incidents.extraction.extract import extract, make_source
from charterwatch.incidents.extraction.pipeline import default_pipeline
from charterwatch.incidents.model import filled_fields
from charterwatch.incidents.workflow.ingest import ingest

TEXT = (
    "Журналист Махамбет Абжан был задержан 3 марта 2023 года в Астане. На следующий день суд арестовал его "
    "на два месяца.\n"
    "24 февраля полиция Шымкента задержала гражданскую активистку Айгуль Утепову. Суд оштрафовал её на 300 "
    "тысяч тенге по статье 488 КоАП.\n"
    "Трое активистов были оштрафованы на 100 МРП за участие в несанкционированном митинге.\n"
    "Полиция регулярно задерживает участников мирных акций."
)


def test_russian_incidents_with_evidence() -> None:
    incidents = extract(TEXT, source=make_source(TEXT, language="ru", published="2024-03-01"))
    for incident in incidents:
        assert set(filled_fields(incident)) <= {e.field for e in incident.evidence}
        assert all(TEXT[e.start : e.end] == e.quote for e in incident.evidence)
    summary = [(i.victims[0].role, i.action, i.date.value if i.date else None, i.place) for i in incidents]
    assert summary == [  # one incident per victim x action x date
        ("journalist", "detention", "2023-03-03", "Астана"),
        ("journalist", "arrest", "2023-03-04", "Астана"),
        ("activist", "detention", "2024-02-24", "Шымкент"),
        ("activist", "fine", "2024-02-24", "Шымкент"),
        ("activist", "fine", "2024-02-24", None),  # no date of its own: the story's latest event date
    ]
    fined = incidents[3]
    assert fined.sanction is not None and (fined.sanction.fine_amount, fined.sanction.fine_currency) == (
        300000.0,
        "KZT",
    )
    assert fined.legal_basis == ["статье 488 КоАП"]
    assert incidents[4].victims[0].description == "Трое активистов"


def test_ingest_routes_russian_sources_to_the_russian_pipeline(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "ru.txt").write_text(TEXT, encoding="utf-8")
    report = ingest([folder], default_date="2024-03-01")
    assert [s.language for s in report.sources] == ["ru"]
    assert report.incidents and all(i.extractor == default_pipeline("ru").name for i in report.incidents)


def test_a_posting_word_in_an_oblique_case_names_a_social_media_user() -> None:
    """The posting word matches by lemma ("публикации" -> "публикация"); it used to be looked up by its surface
    form afterwards and crash the whole ingest with StopIteration."""
    text = "Полиция задержала Ивана Сергеева 5 мая 2025 года в Алматы из-за публикации в соцсетях."
    incidents = extract(text, source=make_source(text, language="ru", published="2025-05-06"))
    assert [(i.action, i.victims[0].role) for i in incidents] == [("detention", "social_media_user")]


def test_a_light_verb_sends_a_list_of_named_activists_under_arrest() -> None:
    """ "отправил под арест на 15 суток активистов X, Y и Z": an administrative arrest of each, each an activist."""
    text = (
        "Суд в Таразе 4 июня 2025 года отправил под административный арест на 10 суток активистов "
        "Ерлана Сейтова и Данияра Ахметова."
    )
    found = [
        (i.victims[0].label, i.victims[0].role, i.action)
        for i in extract(text, source=make_source(text, language="ru", published="2025-06-05"))
    ]
    assert found == [
        ("Ерлан Сейтов", "activist", "administrative_arrest"),
        ("Данияр Ахметов", "activist", "administrative_arrest"),
    ]
