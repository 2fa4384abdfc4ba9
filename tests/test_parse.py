"""The plain-text parser on the real bundled texts, and on anything hypothesis can throw at it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.corpus import corpus_entries, corpus_entry
from charterwatch.texts.numbering import classify
from charterwatch.texts.numbering_inserted import restore_flattened
from charterwatch.texts.parse import parse_text
from charterwatch.texts.tree import ParsedText

GOLDEN = Path(__file__).parent / "golden"
KZ_1995_EXTRA = ["83-1", "94-1", "94-2"]


def parsed(file: str) -> ParsedText:
    entry = corpus_entry(file)
    return parse_text(entry.path().read_text(encoding="utf-8"), lang=entry.lang, path=file)


@pytest.fixture(scope="module")
def corpus() -> dict[str, ParsedText]:
    return {entry.file: parsed(entry.file) for entry in corpus_entries()}


EXPECTED_ARTICLES = {
    "kz-2026-ru.txt": [str(n) for n in range(1, 97)],
    "kz-1995-en-as-of-2022.txt": None,
    "kz-1995-ru-as-of-2023.txt": None,
    "kz-1995-kk-as-of-2022.txt": None,
    "ru-1993-ru-original.txt": [str(n) for n in range(1, 138)],
    "ru-1993-ru-as-of-2007-07-21.txt": [str(n) for n in range(1, 138)],
    "ru-1993-ru-as-of-2008-12-30-6fkz.txt": [str(n) for n in range(1, 138)],
    "ru-1993-ru-as-of-2019-03-27.txt": [str(n) for n in range(1, 138)],
}


def kz_1995_numbers() -> list[str]:
    numbers = [str(n) for n in range(1, 100)]
    for extra in KZ_1995_EXTRA:
        numbers.insert(numbers.index(extra.split("-")[0]) + int(extra.split("-")[1]), extra)
    return numbers


def ru_2020_numbers() -> list[str]:
    numbers = []
    for n in range(1, 138):
        numbers.append(str(n))
        if n in (67, 75, 79, 92, 103):
            numbers.append(f"{n}.1")
    return numbers


@pytest.mark.parametrize("file", [e.file for e in corpus_entries()])
def test_every_bundled_text_has_its_printed_articles_in_order(
    corpus: dict[str, ParsedText], file: str
) -> None:
    expected = EXPECTED_ARTICLES.get(file)
    if file.startswith("kz-1995"):
        expected = kz_1995_numbers()
    if file == "ru-1993-ru-as-of-2020-03-14.txt":
        expected = ru_2020_numbers()
    assert [a.num for a in corpus[file].articles()] == expected


def test_article_counts_match_the_printed_headings(corpus: dict[str, ParsedText]) -> None:
    counts = {file: len(text.articles()) for file, text in corpus.items()}
    assert counts["kz-2026-ru.txt"] == 96
    assert counts["kz-1995-en-as-of-2022.txt"] == counts["kz-1995-ru-as-of-2023.txt"] == 102
    assert counts["kz-1995-kk-as-of-2022.txt"] == 102
    assert counts["ru-1993-ru-original.txt"] == 137
    assert counts["ru-1993-ru-as-of-2020-03-14.txt"] == 142


def test_flattened_superscripts_keep_their_printed_label(corpus: dict[str, ParsedText]) -> None:
    article = corpus["ru-1993-ru-as-of-2020-03-14.txt"].article("67.1")
    assert article is not None
    assert article.label == "Статья 671"
    assert article.eid == "sec_1__chp_3__art_67-1"
    assert "правопреемником Союза ССР" in article.norm_text()


def test_repealed_article_84_is_present_with_its_note_only(corpus: dict[str, ParsedText]) -> None:
    for file in ("kz-1995-en-as-of-2022.txt", "kz-1995-ru-as-of-2023.txt", "kz-1995-kk-as-of-2022.txt"):
        article = corpus[file].article("84")
        assert article is not None, file
        assert article.norm_text() == "", file
        assert [c.kind for c in article.children] == ["note"], file


def paragraph_numbers(text: ParsedText) -> dict[str, list[str | None]]:
    return {a.num or "": [c.num for c in a.norm_children() if c.kind == "paragraph"] for a in text.articles()}


def test_en_ru_kk_of_1995_agree_on_paragraphs_except_where_the_texts_differ(
    corpus: dict[str, ParsedText],
) -> None:
    en = paragraph_numbers(corpus["kz-1995-en-as-of-2022.txt"])
    ru = paragraph_numbers(corpus["kz-1995-ru-as-of-2023.txt"])
    kk = paragraph_numbers(corpus["kz-1995-kk-as-of-2022.txt"])
    assert list(en) == list(ru) == list(kk)
    differences = {num: (en[num], ru[num], kk[num]) for num in en if not en[num] == ru[num] == kk[num]}
    # Article 50(4) (repealed in 2007) is printed as "4. Excluded ..." in EN and RU; the Kazakh text omits it.
    assert differences == {
        "50": (["1", "2", "3", "4", "5"], ["1", "2", "3", "4", "5"], ["1", "2", "3", "5"]),
    }


def test_editorial_notes_never_enter_the_norm_text(corpus: dict[str, ParsedText]) -> None:
    markers = ("Footnote", "Сноска.", "Примечание.", "(В редакции", "(Статья введена")
    for file, text in corpus.items():
        for node in text.walk():
            if node.kind != "note":
                assert not any(marker in node.text for marker in markers), (file, node.eid)


def test_inline_amendment_marks_of_2020_become_notes(corpus: dict[str, ParsedText]) -> None:
    article = corpus["ru-1993-ru-as-of-2020-03-14.txt"].article("67")
    assert article is not None
    paragraph_1 = article.norm_children()[0]
    assert paragraph_1.text.endswith("устанавливается указанным федеральным законом.")
    assert [c.text[:27] for c in paragraph_1.children] == ["(В редакции Закона Российск"]
    article_81 = corpus["ru-1993-ru-as-of-2020-03-14.txt"].article("81")
    assert article_81 is not None
    assert [(c.num, c.label) for c in article_81.norm_children()] == [
        ("1", "1."),
        ("2", "2."),
        ("3", "3."),
        ("3.1", "31."),
        ("4", "4."),
    ]
    assert article_81.children[-1].text.startswith("(Статья в редакции Закона")


def test_text_is_exactly_the_source_at_its_span(corpus: dict[str, ParsedText]) -> None:
    for file, text in corpus.items():
        for node in text.walk():
            start, end = node.text_span
            assert text.source_text[start:end] == node.text, (file, node.eid)
            if node.text:
                assert node.span[0] <= start and end <= node.span[1], (file, node.eid)


def test_eids_are_unique_and_follow_akn_naming(corpus: dict[str, ParsedText]) -> None:
    for file, text in corpus.items():
        eids = [node.eid for node in text.walk()]
        assert len(eids) == len(set(eids)), file
    assert corpus["kz-2026-ru.txt"].article("20") is not None
    assert corpus["kz-1995-en-as-of-2022.txt"].article("20").eid == "sec_2__art_20"  # type: ignore[union-attr]
    article_2 = corpus["kz-1995-en-as-of-2022.txt"].article("2")
    assert article_2 is not None
    assert [p.num for p in article_2.norm_children()] == ["1", "2", "3", "3-1", "4"]
    assert article_2.norm_children()[3].eid == "sec_1__art_2__para_3-1"


def test_sections_chapters_and_headings(corpus: dict[str, ParsedText]) -> None:
    kz2026 = [p for p in corpus["kz-2026-ru.txt"].provisions if p.kind == "section"]
    assert len(kz2026) == 11
    assert (kz2026[0].num, kz2026[0].heading) == ("I", "Основы конституционного строя")
    en = [p for p in corpus["kz-1995-en-as-of-2022.txt"].provisions if p.kind == "section"]
    assert (en[1].num, en[1].heading) == ("II", "Man and citizen")
    kk = [p for p in corpus["kz-1995-kk-as-of-2022.txt"].provisions if p.kind == "section"]
    assert (kk[0].label, kk[0].heading) == ("I бөлім", "Жалпы ережелер")
    ru = corpus["ru-1993-ru-original.txt"]
    sections = [p for p in ru.provisions if p.kind == "section"]
    assert [s.num for s in sections] == ["1", "2"]
    chapters = [c for c in sections[0].children if c.kind == "chapter"]
    assert len(chapters) == 9
    assert chapters[1].heading == "ПРАВА И СВОБОДЫ ЧЕЛОВЕКА И ГРАЖДАНИНА"


def test_preamble_title_and_front_matter(corpus: dict[str, ParsedText]) -> None:
    kz = corpus["kz-1995-ru-as-of-2023.txt"]
    assert kz.title == "Конституция Республики Казахстан"
    assert kz.provisions[0].kind == "note"  # "Конституция принята на республиканском референдуме ..."
    preamble = kz.provisions[1]
    assert preamble.kind == "preamble"
    assert preamble.norm_text().startswith("Мы, народ Казахстана,")
    assert preamble.norm_text().endswith("принимаем настоящую Конституцию.")
    assert not any(p.kind == "preamble" for p in corpus["kz-2026-ru.txt"].provisions)


def test_intro_items_and_continuation_lines(corpus: dict[str, ParsedText]) -> None:
    article = corpus["kz-2026-ru.txt"].article("46")
    assert article is not None
    assert article.text == "Президент Республики Казахстан:"
    items = article.norm_children()
    assert [i.num for i in items] == [str(n) for n in range(1, 23)]
    assert "вправе распустить Курултай" in items[1].text  # the line after item 2 continues it
    article_5 = corpus["kz-2026-ru.txt"].article("5")
    assert article_5 is not None
    assert "обратной силы не имеют" in article_5.children[4].text


def test_tree_is_json_serialisable_and_round_trips(corpus: dict[str, ParsedText]) -> None:
    text = corpus["kz-2026-ru.txt"]
    data = json.loads(json.dumps(text.to_dict(with_source=True), ensure_ascii=False))
    again = ParsedText.from_dict(data)
    assert again.to_dict(with_source=True) == text.to_dict(with_source=True)


def test_article_7_of_2026_matches_golden(corpus: dict[str, ParsedText]) -> None:
    article = corpus["kz-2026-ru.txt"].article("7")
    assert article is not None
    golden = json.loads((GOLDEN / "kz-2026-ru-art-7.json").read_text(encoding="utf-8"))
    assert article.to_dict() == golden


@pytest.mark.parametrize(
    ("line", "kind", "num"),
    [
        ("Article 44-1", "article", "44-1"),
        ("Статья 5.", "article", "5"),
        ("  Статья 67¹", "article", "67¹"),
        ("5-бап", "article", "5"),
        ("94-2-бап", "article", "94-2"),
        ("Section IX", "section", "IX"),
        ("Раздел VIII Местное государственное управление", "section", "VIII"),
        ("РАЗДЕЛ ВТОРОЙ", "section", "2"),
        ("III бөлім", "section", "III"),
        ("ГЛАВА 3", "chapter", "3"),
        ("3-1. A special legal regime", "paragraph", "3-1"),
        ("1.The President", "paragraph", "1"),
        ("12) учреждает награды;", "item", "12"),
        ("а) принятие и изменение", "item", "а"),
        ("Сноска. Статья 6 с изменением", "note", None),
        ("Footnote: See Resolution", "note", None),
        ("(Статья введена - Закон Российской Федерации)", "note", None),
        ("2020 год", "text", None),
    ],
)
def test_classify_lines(line: str, kind: str, num: str | None) -> None:
    match = classify(line)
    assert (match.kind, match.num) == (kind, num)


def test_a_sentence_that_starts_like_a_heading_stays_text() -> None:
    text = "Статья 1\nПервая статья.\nСтатья 2\n1. Вторая статья.\nСтатья 1 Конституции применяется прямо.\nСтатья 3\nТретья."
    result = parse_text(text)
    assert [a.num for a in result.articles()] == ["1", "2", "3"]
    assert result.article("2").norm_children()[0].text.endswith("применяется прямо.")  # type: ignore[union-attr]


def test_restore_flattened_superscripts_from_context() -> None:
    assert restore_flattened(["66", "67", "671", "68"]) == ["66", "67", "67.1", "68"]
    assert restore_flattened(["102", "103", "1031", "104"]) == ["102", "103", "103.1", "104"]
    assert restore_flattened(["1", "2", "3"]) == ["1", "2", "3"]
    assert restore_flattened(["1", "10", "11"]) == ["1", "10", "11"]  # a gap, not a superscript
    assert restore_flattened(["8", "9", "91", "92", "10"]) == ["8", "9", "9.1", "9.2", "10"]


def test_no_article_headings_is_the_parsers_own_error() -> None:
    with pytest.raises(CharterwatchError) as info:
        parse_text("Just a letter to the editor.\n\nNothing numbered here.", path="letter.txt")
    assert info.value.code is E.NO_ARTICLES
    assert "letter.txt" in info.value.message


LINE_PIECES = st.sampled_from(
    [
        "Article 5",
        "Статья 671",
        "12-бап",
        "Раздел II",
        "Section IV",
        "ГЛАВА 2",
        "1. ",
        "3-1. ",
        "2) ",
        "а) ",
        "Сноска. ",
        "(В редакции Закона)",
        "\n",
        "\n\n",
        " ",
        "text",
        "Текст",
        ".",
        "(",
        ")",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(LINE_PIECES, st.text(max_size=20)), max_size=40).map("".join))
def test_parser_returns_a_tree_or_raises_its_own_error(text: str) -> None:
    try:
        result = parse_text(text)
    except CharterwatchError as error:
        assert error.code in (E.NO_ARTICLES, E.FILE_TOO_LARGE)
        return
    assert result.articles()
    for node in result.walk():
        assert result.source_text[node.text_span[0] : node.text_span[1]] == node.text
    assert Counter(node.eid for node in result.walk()).most_common(1)[0][1] == 1
