"""JSON and Markdown exports: JSON gives back the exact tree, Markdown reads back to the same structure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.corpus import corpus_entries
from charterwatch.texts.export import JSON_SCHEMA, JSON_SCHEMA_VERSION, from_json, to_json, to_markdown
from charterwatch.texts.parse import parse_text
from charterwatch.texts.readers import read_source
from charterwatch.texts.tree import ParsedText

FILES = [entry.file for entry in corpus_entries()]


@pytest.fixture(scope="module")
def corpus() -> dict[str, ParsedText]:
    return {
        entry.file: parse_text(entry.path().read_text(encoding="utf-8"), lang=entry.lang, path=entry.file)
        for entry in corpus_entries()
    }


def reread_markdown(markdown: str, tmp_path: Path, *, lang: str) -> ParsedText:
    path = tmp_path / "export.md"
    path.write_text(markdown, encoding="utf-8")
    return parse_text(read_source(path).text, lang=lang)


def test_the_corpus_has_nine_texts() -> None:
    assert len(FILES) == 9


# -- JSON


@pytest.mark.parametrize("file", FILES)
def test_json_round_trip_is_exact(corpus: dict[str, ParsedText], file: str) -> None:
    parsed = corpus[file]
    again = from_json(to_json(parsed))
    assert again == parsed  # title, lang, every node with its spans, and the source text
    assert [p.span for p in again.walk()] == [p.span for p in parsed.walk()]


def test_json_carries_a_schema_name_and_version(corpus: dict[str, ParsedText]) -> None:
    data = json.loads(to_json(corpus[FILES[0]]))
    assert (data["schema"], data["schema_version"]) == (JSON_SCHEMA, JSON_SCHEMA_VERSION)
    assert data["source_text"] == corpus[FILES[0]].source_text


def test_json_file_reads_through_read_source(corpus: dict[str, ParsedText], tmp_path: Path) -> None:
    parsed = corpus["kz-2026-ru.txt"]
    path = tmp_path / "kz.json"
    path.write_text(to_json(parsed), encoding="utf-8")
    source = read_source(path)
    assert (source.source_format, source.title) == ("json", parsed.title)
    assert from_json(source.text, path=str(path)) == parsed


def _broken(change: str) -> str:
    parsed = parse_text("Article 1\n1. The words.\n", lang="en")
    data = json.loads(to_json(parsed))
    if change == "version":
        data["schema_version"] = 99
    elif change == "schema":
        del data["schema"]
    elif change == "span":
        data["provisions"][0]["children"][0]["text_span"] = [0, 5]
    elif change == "kind":
        data["provisions"][0]["kind"] = "clause"
    elif change == "lang":
        del data["lang"]
    return json.dumps(data)


@pytest.mark.parametrize("change", ["version", "schema", "span", "kind", "lang"])
def test_from_json_refuses_what_is_not_our_export(change: str) -> None:
    with pytest.raises(CharterwatchError) as info:
        from_json(_broken(change), path="x.json")
    assert info.value.code is E.JSON_INVALID
    assert "x.json" in info.value.message


@pytest.mark.parametrize("text", ["{", "[]", "null", '"text"'])
def test_from_json_refuses_non_objects(text: str) -> None:
    with pytest.raises(CharterwatchError) as info:
        from_json(text)
    assert info.value.code is E.JSON_INVALID


# -- Markdown


@pytest.mark.parametrize("file", FILES)
def test_markdown_reads_back_to_the_same_structure(
    corpus: dict[str, ParsedText], file: str, tmp_path: Path
) -> None:
    parsed = corpus[file]
    again = reread_markdown(to_markdown(parsed), tmp_path, lang=parsed.lang)
    assert again.structure() == parsed.structure()
    assert again.title == parsed.title


def test_markdown_layout(corpus: dict[str, ParsedText]) -> None:
    markdown = to_markdown(corpus["ru-1993-ru-original.txt"])
    assert markdown.startswith("# КОНСТИТУЦИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ\n\n> Принята всенародным голосованием")
    assert (
        "\n## РАЗДЕЛ ПЕРВЫЙ\n\n### ГЛАВА 1\n\n**ОСНОВЫ КОНСТИТУЦИОННОГО СТРОЯ**\n\n#### Статья 1\n\n1. "
        in markdown
    )
    kk = to_markdown(corpus["kz-1995-kk-as-of-2022.txt"])
    assert "\n#### 1-бап\n" in kk and "\n## I бөлім\n\n**Жалпы ережелер**\n" in kk
    en = to_markdown(corpus["kz-1995-en-as-of-2022.txt"])
    assert "\n> Footnote: See Resolution No. 18/2" in en


def test_markdown_title_option(corpus: dict[str, ParsedText]) -> None:
    markdown = to_markdown(corpus["kz-2026-ru.txt"], title="Конституция РК 2026 года")
    assert markdown.startswith("# Конституция РК 2026 года\n")


def test_editorial_tail_stays_on_its_line(corpus: dict[str, ParsedText]) -> None:
    markdown = to_markdown(corpus["ru-1993-ru-as-of-2020-03-14.txt"])
    assert "Москва, Санкт-Петербург, Севастополь - города федерального значения; (В редакции" in markdown


_MARKUP = st.text(alphabet=st.sampled_from(list("ab Жж*_#>\\`[]()-.!|~")), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=_MARKUP, heading=_MARKUP)
def test_markdown_escapes_whatever_the_words_hold(words: str, heading: str, tmp_path: Path) -> None:
    words, heading = words.strip(), heading.strip()
    text = f"Section I\n{heading}\nArticle 1\n1. {words}\n2. x\n{words}\n"
    try:
        parsed = parse_text(text, lang="en")
    except CharterwatchError:
        return
    again = reread_markdown(to_markdown(parsed), tmp_path, lang="en")
    assert again.structure() == parsed.structure()
