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


def _found(text: str, published: str | None = "2024-03-08") -> list[tuple[str, str, str, str | None]]:
    """(victim, role, action, date) of each incident of ``text``."""
    source = make_source(text, language="ru", published=published)
    return [
        (i.victims[0].label, i.victims[0].role, i.action, i.date.value if i.date else None)
        for i in extract(text, source=source)
    ]


def test_a_name_is_cited_in_the_nominative_its_sentence_gives() -> None:
    """An object in -ова is a man in the accusative; a subject in -ова is a woman in the nominative."""
    man = "Полиция задержала 3 марта 2024 года корреспондента газеты Эльмира Сапарова."
    woman = "Журналистка Гульнара Бекова была задержана 3 марта 2024 года."
    assert [f[0] for f in _found(man)] == ["Эльмир Сапаров"]
    assert [f[0] for f in _found(woman)] == ["Гульнара Бекова"]


def test_an_animate_target_after_a_verb_that_opens_a_case_and_its_list_of_role_nouns() -> None:
    text = "5 марта 2024 года дело завели на корреспондента Арсена Мухамедова, оператора Дамира Исаева."
    assert [(f[0], f[2]) for f in _found(text)] == [
        ("Арсен Мухамедов", "criminal_case"),
        ("Дамир Исаев", "criminal_case"),
    ]


def test_a_relative_pronoun_stands_for_the_noun_its_clause_describes() -> None:
    text = "Суд отпустил активиста Нурлана Ахметова, которого задержали 2 марта 2024 года."
    assert ("Нурлан Ахметов", "activist", "detention", "2024-03-02") in _found(text)


def test_days_told_as_ordinal_words_and_weekdays() -> None:
    ordinal = "Активиста Ерлана Садыкова задержали семнадцатого мая 2023 года."
    weekday = "Во вторник полиция задержала журналиста Армана Касымова."  # published on Friday 8 March
    assert [f[3] for f in _found(ordinal)] == ["2023-05-17"]
    assert [f[3] for f in _found(weekday)] == ["2024-03-05"]


def test_a_numeric_date_and_a_day_before_it() -> None:
    text = "07.03.2024 в Баку задержали журналиста Фуада Алиева. Днём ранее у него провели обыск."
    assert _found(text)[0][3] == "2024-03-07"


def test_a_reflexive_passive_tells_the_action() -> None:
    text = "Блогер Аслан Каримов 4 марта 2024 года обвиняется в распространении ложной информации."
    assert [(f[0], f[2]) for f in _found(text)] == [("Аслан Каримов", "criminal_case")]


def test_recognised_as_a_suspect_is_a_criminal_case() -> None:
    text = "4 марта 2024 года главного редактора Асхата Нурланова признали подозреваемым по делу о клевете."
    assert [(f[0], f[2]) for f in _found(text)] == [("Асхат Нурланов", "criminal_case")]


def test_legal_wording_tells_an_administrative_arrest_a_fine_and_a_verdict_apart() -> None:
    served = "Активист Берик Жумабаев в марте 2024 года отбывал административный арест."
    fined = "Журналист Даурен Омаров 4 марта 2024 года был приговорён к штрафу."
    verdict = "4 марта 2024 года суд признал активиста Нурбека Серикова виновным и оштрафовал его."
    assert [f[2] for f in _found(served)] == ["administrative_arrest"]
    assert [f[2] for f in _found(fined)] == ["fine"]
    assert [f[2] for f in _found(verdict)] == ["fine"]


def test_people_named_after_among_them_share_the_groups_action() -> None:
    text = (
        "4 марта 2024 года в Минске задержали нескольких правозащитников. "
        "Среди них юрист Максим Орлов и правозащитница Ольга Белова."
    )
    named = {(f[0], f[2]) for f in _found(text)}
    assert {("Максим Орлов", "detention"), ("Ольга Белова", "detention")} <= named


def test_a_headline_role_noun_is_the_person_the_body_names() -> None:
    text = "Задержали журналистку\n\nЖурналистка Мадина Оспанова была задержана 4 марта 2024 года в Астане."
    assert _found(text) == [("Мадина Оспанова", "journalist", "detention", "2024-03-04")]


def test_an_uncounted_plural_sums_up_the_people_the_story_names() -> None:
    text = (
        "В Алматы задержаны активисты.\n\n"
        "4 марта 2024 года полиция задержала активистов Ерлана Сейтова и Данияра Ахметова."
    )
    assert [f[0] for f in _found(text)] == ["Ерлан Сейтов", "Данияр Ахметов"]


def test_the_police_named_as_an_organisation_is_no_victim_and_people_are_not_closed() -> None:
    police = "4 марта 2024 года в Алмалинское районное управление внутренних дел был доставлен Арман Ержанов."
    closed = "4 марта 2024 года суд запретил деятельность организации, и её членов Асета Бекова закрыли."
    assert [f[0] for f in _found(police)] == ["Арман Ержанов"]
    assert all(f[2] != "closure" or f[0] != "Асет Беков" for f in _found(closed))


def test_a_detained_protester_is_counted_under_assembly_and_liberty() -> None:
    text = "4 марта 2024 года на митинге в Алматы полиция задержала активиста Серика Абдрахманова."
    incident = extract(text, source=make_source(text, language="ru", published="2024-03-05"))[0]
    assert sorted(incident.rights) == ["assembly", "liberty"]


def test_a_publication_month_gives_the_year_of_a_day_told_without_one(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "story.txt"
    path.write_text(
        "https://example.org/2019/05/story\n2019-05\n\nАктивистку Асель Нурову задержали 9 мая.\n",
        encoding="utf-8",
    )
    report = ingest([path])
    assert [(i.victims[0].label, i.date.value if i.date else None) for i in report.incidents] == [
        ("Асель Нурова", "2019-05-09")
    ]


def test_a_passive_light_verb_and_a_date_of_another_clause() -> None:
    """ "был привлечён к административной ответственности" names its subject; "а на 5 марта назначили суд"
    dates the hearing, not the detention told before it."""
    liable = "Журналист Тимур Алиев раскритиковал приказ и был привлечён к административной ответственности."
    taken = (
        "4 марта 2024 года журналиста Тимура Алиева доставили в отдел полиции, а на 5 марта назначили "
        "судебное заседание."
    )
    assert [(f[0], f[2]) for f in _found(liable)] == [("Тимур Алиев", "fine")]
    assert ("Тимур Алиев", "journalist", "detention", "2024-03-04") in _found(taken)
