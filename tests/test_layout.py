"""Layouts the parser must read from the whole document: first parts on the heading line, inserted numbers in
every printed form, repealed articles, documents without article keywords or section headings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from charterwatch.texts.numbering import classify
from charterwatch.texts.parse import parse_text
from charterwatch.texts.structure import is_repealed, structure_report

LONG_FIRST_PART = (
    "Государство обеспечивает каждому гражданину право на участие в управлении делами общества, "
    "включая право избирать и быть избранным в органы власти, участвовать в референдумах, "
    "обращаться лично и направлять коллективные обращения, а также право на равный доступ к "
    "государственной службе без каких-либо ограничений, кроме прямо установленных законом в "
    "целях защиты основ строя."
)


def test_first_part_on_the_heading_line_is_norm_text_at_any_length() -> None:
    assert len(LONG_FIRST_PART) > 300
    text = (
        "Статья 1. Страна является единым государством.\n"
        f"Статья 2. {LONG_FIRST_PART}\n"
        "Статья 3. Земля и недра принадлежат народу.\n"
    )
    parsed = parse_text(text)
    assert [a.num for a in parsed.articles()] == ["1", "2", "3"]
    second = parsed.articles()[1]
    assert second.heading is None
    assert second.text == LONG_FIRST_PART
    assert second.label == "Статья 2."
    assert parsed.source_text[second.text_span[0] : second.text_span[1]] == LONG_FIRST_PART


def test_titles_stay_titles_and_first_parts_stay_text() -> None:
    """A title is short and ends without a full stop; a first part is a sentence. The test says which is which."""
    titled = parse_text(
        "Статья 1. Основные понятия\nВ законе используются следующие понятия.\n"
        "Статья 2. Сфера действия\nЗакон действует на всей территории.\n"
        "Статья 3. Исключена.\n"
    )
    first, second, third = titled.articles()
    assert (first.heading, first.text) == ("Основные понятия", "В законе используются следующие понятия.")
    assert (second.heading, second.text) == ("Сфера действия", "Закон действует на всей территории.")
    assert third.heading is None and third.text == "Исключена."
    assert is_repealed(third) and not is_repealed(first)

    prose = parse_text(
        "Article 1. The state is a democratic republic.\n"
        "Article 2. Power belongs to the people.\n"
        "Article 3. Citizens.\n"
    )
    assert [a.heading for a in prose.articles()] == [None, None, None]
    assert prose.articles()[2].text == "Citizens."


def test_a_sentence_quoting_an_article_out_of_sequence_stays_text() -> None:
    parsed = parse_text(
        "Статья 1. Народ является источником власти.\n"
        "Статья 12 Конституции применяется к выборам напрямую.\n"
        "Статья 2. Государство защищает права.\n"
    )
    assert [a.num for a in parsed.articles()] == ["1", "2"]
    assert "Статья 12 Конституции" in parsed.articles()[0].norm_text()


def test_inserted_numbers_in_every_printed_form() -> None:
    parsed = parse_text(
        "Статья 31. Первое правило.\nСтатья 32. Второе правило.\nСтатья 32-1. Третье правило.\n"
        "Статья 32.2. Четвёртое правило.\nСтатья 32³. Пятое правило.\nСтатья 33. Шестое правило.\n"
        "1. Первая часть.\n1.1. Вставленная часть.\n2¹. Ещё одна вставленная часть.\n"
        "3. Последняя часть:\n1) первый пункт;\n1-1) вставленный пункт;\n2) второй пункт.\n"
    )
    assert [a.num for a in parsed.articles()] == ["31", "32", "32-1", "32.2", "32.3", "33"]
    last = parsed.articles()[-1]
    assert [p.num for p in last.norm_children()] == ["1", "1.1", "2.1", "3"]
    assert [i.num for i in last.norm_children()[-1].norm_children()] == ["1", "1-1", "2"]
    assert structure_report(parsed).ok


def test_flattened_superscripts_are_read_from_the_sequence() -> None:
    lines = [f"Статья {n}. Правило номер {n}." for n in ("66", "67", "671", "672", "68", "69", "70")]
    parsed = parse_text("\n".join(lines))
    assert [a.num for a in parsed.articles()] == ["66", "67", "67.1", "67.2", "68", "69", "70"]


def test_repealed_articles_are_kept_as_repealed_provisions() -> None:
    parsed = parse_text(
        "Статья 1. Правило.\nСтатья 2 утратила силу.\nСтатья 3. Исключена.\nArticle 4. Repealed.\n"
    )
    assert [a.num for a in parsed.articles()] == ["1", "2", "3", "4"]
    assert [is_repealed(a) for a in parsed.articles()] == [False, True, True, True]
    assert structure_report(parsed).repealed == 3


def test_roman_numerals_typed_in_cyrillic() -> None:
    assert classify("Раздел ІІ. Права").num == "II"
    assert classify("Глава ХІ").num == "XI"
    assert classify("ІV бөлім").num == "IV"
    parsed = parse_text("Раздел ІХ. Итоги\n1-бап. Ереже.\n")
    assert parsed.provisions[0].eid == "sec_9"


def test_headings_split_over_lines() -> None:
    parsed = parse_text(
        "ГЛАВА 1\nОБЩИЕ ПОЛОЖЕНИЯ\nИ ОСНОВЫ СТРОЯ\nСтатья 1. Основные начала\nи принципы\nТекст статьи.\n"
    )
    chapter = parsed.provisions[0]
    assert chapter.heading == "ОБЩИЕ ПОЛОЖЕНИЯ И ОСНОВЫ СТРОЯ"
    article = chapter.children[0]
    assert (article.heading, article.text) == ("Основные начала и принципы", "Текст статьи.")


def test_no_section_headings_and_a_preamble() -> None:
    parsed = parse_text(
        "Мы, народ, принимаем этот основной закон.\n\n"
        "Статья 1\nВласть принадлежит народу.\nСтатья 2\nЗемля принадлежит народу.\n"
    )
    assert [p.kind for p in parsed.provisions] == ["preamble", "article", "article"]
    assert structure_report(parsed).summary() == "2 articles (1-2), numbering continuous"


def test_english_section_and_numbered_first_articles() -> None:
    sections = parse_text(
        "Section 1. The republic is one state.\nSection 2. Power belongs to the people.\n"
        "Section 3. The law binds all.\n"
    )
    assert [a.num for a in sections.articles()] == ["1", "2", "3"]
    numbered = parse_text(
        "Chapter 1\nFounding provisions\n1. Republic\nThe republic is one state.\n"
        "(1) It is democratic.\n(2) It is sovereign:\n(a) at home; and\n(b) abroad.\n"
        "2. Supremacy\nThis law is supreme.\n3. Citizenship\nThere is one citizenship.\n"
    )
    assert [a.num for a in numbered.articles()] == ["1", "2", "3"]
    first = numbered.articles()[0]
    assert first.label == "1."
    assert first.heading == "Republic"
    assert [p.num for p in first.norm_children()] == ["1", "2"]
    assert [i.num for i in first.norm_children()[1].norm_children()] == ["a", "b"]


def test_kazakh_articles_with_first_parts() -> None:
    parsed = parse_text("1-бап. Мемлекет біртұтас болып табылады.\n2-бап. Билік халыққа тиесілі.\n")
    assert [(a.num, a.heading, a.text) for a in parsed.articles()] == [
        ("1", None, "Мемлекет біртұтас болып табылады."),
        ("2", None, "Билік халыққа тиесілі."),
    ]


def test_structure_report_names_every_problem() -> None:
    parsed = parse_text(
        "Статья 1. Правило.\nСтатья 2. Правило.\nСтатья 5. Правило.\nСтатья 6. Правило.\n"
        "Статья 2. Ещё правило.\nСтатья 7\n"
    )
    parsed.articles()[1].heading = (
        "Очень длинное название без точки " * 8
    )  # as an AKN or JSON import may give
    report = structure_report(parsed)
    codes = {p.code for p in report.problems}
    assert codes == {"numbering_gaps", "duplicate_numbers", "long_headings", "empty_articles"}
    where = {p.code: p.where for p in report.problems}
    assert where["numbering_gaps"] == ("3-4",)
    assert where["duplicate_numbers"] == ("2",)
    assert where["empty_articles"] == ("7",)
    assert report.summary() == "6 articles (1-7), 4 structure warning(s)"


def test_text_outside_articles_is_reported() -> None:
    parsed = parse_text(
        "Глава 1\nСтатья 1. Правило.\nГлава 2\nЗаключительные положения\n1. Срок.\n2. Порядок.\n"
    )
    report = structure_report(parsed)
    assert [(p.code, p.where) for p in report.problems] == [
        ("text_outside_articles", ("chp_2__para_1", "chp_2__para_2"))
    ]


_SENTENCE = st.lists(
    st.sampled_from(["народ", "власть", "закон", "право", "суд", "государство", "гражданин"]),
    min_size=2,
    max_size=120,
).map(lambda words: " ".join(words).capitalize() + ".")
_INSERTED = st.sampled_from(["", "-1", ".1", "¹", "-2"])


@settings(max_examples=60, deadline=None)
@given(
    count=st.integers(min_value=1, max_value=25),
    inserted=st.lists(_INSERTED, min_size=25, max_size=25),
    first_parts=st.lists(_SENTENCE, min_size=25, max_size=25),
    keyword=st.sampled_from(["Статья {}.", "Article {}.", "{}-бап."]),
)
def test_any_numbering_sequence_parses_to_its_articles(
    count: int, inserted: list[str], first_parts: list[str], keyword: str
) -> None:
    """Regular and inserted numbers with first parts of any length: every heading is one article."""
    printed: list[str] = []
    for n in range(1, count + 1):
        printed.append(str(n))
        if inserted[n - 1] and n < count:
            printed.append(f"{n}{inserted[n - 1]}")
    lines = [f"{keyword.format(num)} {first_parts[i % 25]}" for i, num in enumerate(printed)]
    parsed = parse_text("\n".join(lines))
    expected = [num.replace("¹", ".1") for num in printed]
    assert [a.num for a in parsed.articles()] == expected
    assert [a.text for a in parsed.articles()] == [first_parts[i % 25] for i in range(len(printed))]
    assert structure_report(parsed).ok
