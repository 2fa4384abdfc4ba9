"""read_source: every format to parser-ready text, and one clear coded error for each way a file can be wrong."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.parse import parse_text
from charterwatch.texts.readers import read_source, strip_markdown
from charterwatch.texts.readers_pdf import join_wrapped_lines
from charterwatch.texts.tree import ParsedText

FIXTURES = Path(__file__).parent / "fixtures" / "texts"
EN_EXCERPT = FIXTURES / "kz-1995-en-excerpt.txt"
RU_EXCERPT = FIXTURES / "kz-1995-ru-excerpt.txt"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def error_of(path: Path, **options: int) -> CharterwatchError:
    with pytest.raises(CharterwatchError) as info:
        read_source(path, **options)
    return info.value


def provisions(parsed: ParsedText) -> list[tuple[str, str | None, str | None, str | None, str]]:
    """The tree as a list, whitespace inside texts collapsed: what must survive any container format."""
    return [(p.kind, p.num, p.label, p.heading, " ".join(p.text.split())) for p in parsed.walk()]


def excerpt(path: Path) -> ParsedText:
    return parse_text(path.read_text(encoding="utf-8"))


# -- the checks every file goes through, in order


def test_missing_file(tmp_path: Path) -> None:
    error = error_of(tmp_path / "nowhere.txt")
    assert error.code is E.FILE_NOT_FOUND
    assert "nowhere.txt" in error.message


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    assert error_of(tmp_path).code is E.FILE_NOT_FOUND


def test_200_mb_file_is_refused_from_its_size_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(200 * 2**20)  # sparse: costs no disk

    def refuse(self: Path) -> bytes:
        raise AssertionError("read a file that is too large")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    error = error_of(path)
    assert error.code is E.FILE_TOO_LARGE
    assert error.details["size_mb"] == pytest.approx(200)
    assert "200.0 MB, over the 50 MB limit" in error.message


def test_max_bytes_is_an_option(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"Article 1\n1. Words.\n")
    assert error_of(path, max_bytes=10).code is E.FILE_TOO_LARGE
    assert read_source(path, max_bytes=100).text.startswith("Article 1")


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n", "\u00a0\n".encode()]
)
def test_empty_or_blank_file(tmp_path: Path, data: bytes) -> None:
    assert error_of(write(tmp_path, "empty.txt", data)).code is E.FILE_EMPTY


def test_empty_is_checked_before_the_extension(tmp_path: Path) -> None:
    assert error_of(write(tmp_path, "empty.rtf", b"")).code is E.FILE_EMPTY


@pytest.mark.parametrize(
    "name", ["constitution.rtf", "constitution.doc", "constitution", "constitution.txt.gz"]
)
def test_unknown_extension(tmp_path: Path, name: str) -> None:
    error = error_of(write(tmp_path, name, b"Article 1\n"))
    assert error.code is E.FILE_EXTENSION
    assert error.details["suffix"] == Path(name).suffix


def test_extensions_are_case_insensitive(tmp_path: Path) -> None:
    assert read_source(write(tmp_path, "A.TXT", b"Article 1\n")).source_format == "txt"
    assert read_source(write(tmp_path, "a.text", b"Article 1\n")).source_format == "txt"


# -- text encodings


def test_checksum_is_sha256_of_the_raw_bytes(tmp_path: Path) -> None:
    data = "Статья 1\r\n1. Текст.\r\n".encode("cp1251")
    source = read_source(write(tmp_path, "a.txt", data))
    assert source.checksum == hashlib.sha256(data).hexdigest()
    assert source.title is None


def test_cp1251_russian_text_decodes(tmp_path: Path) -> None:
    original = RU_EXCERPT.read_text(encoding="utf-8")
    source = read_source(write(tmp_path, "ru.txt", original.encode("cp1251")))
    assert source.text == original
    assert provisions(parse_text(source.text)) == provisions(excerpt(RU_EXCERPT))


def test_short_cp1251_line_decodes(tmp_path: Path) -> None:
    text = "Статья 5. Каждый имеет право на жизнь — «основное» право №1."
    assert read_source(write(tmp_path, "a.txt", text.encode("cp1251"))).text == text


def test_truncated_utf8_is_refused_with_the_offset(tmp_path: Path) -> None:
    data = RU_EXCERPT.read_bytes()
    cut = data[: len(data) - 1] if data[-1] >= 0x80 else data + "я".encode()[:1]
    error = error_of(write(tmp_path, "cut.txt", cut))
    assert error.code is E.FILE_UNDECODABLE
    assert f"at byte {len(cut) - 1}" in error.message
    assert "truncated" in error.message


def test_invalid_byte_in_the_middle_of_utf8_is_refused_with_the_offset(tmp_path: Path) -> None:
    data = RU_EXCERPT.read_bytes()
    at = data.index(b"\n", 1000) + 1
    error = error_of(write(tmp_path, "broken.txt", data[:at] + b"\xff" + data[at:]))
    assert error.code is E.FILE_UNDECODABLE
    assert f"0xFF at byte {at}" in error.message


def test_stray_high_byte_in_english_text_is_not_taken_for_cp1251(tmp_path: Path) -> None:
    data = EN_EXCERPT.read_bytes()
    error = error_of(write(tmp_path, "en.txt", data[:500] + b"\xe9" + data[500:]))
    assert error.code is E.FILE_UNDECODABLE
    assert "at byte 500" in error.message


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks(tmp_path: Path, encoding: str) -> None:
    text = "Статья 1\n1. Текст статьи.\n"
    assert read_source(write(tmp_path, "a.txt", text.encode(encoding))).text == text


def test_broken_utf16_after_a_bom(tmp_path: Path) -> None:
    data = "Статья 1".encode("utf-16") + b"\x00\xd8"  # a lone high surrogate
    assert error_of(write(tmp_path, "a.txt", data)).code is E.FILE_UNDECODABLE


def test_line_endings_and_nbsp_are_normalised(tmp_path: Path) -> None:
    data = "Статья\u00a01\r\n1.\u00a0Текст.\rПродолжение\r\n\u2028x\x0c".encode()
    assert read_source(write(tmp_path, "a.txt", data)).text == "Статья 1\n1. Текст.\nПродолжение\n\nx\n"


@pytest.mark.parametrize(
    "data",
    [
        b"Article 1\x00\x00\x00",
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"Article 1\n" + b"\x01\x02\x03\x04\x05\x06" * 20,
    ],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes) -> None:
    assert error_of(write(tmp_path, "a.txt", data)).code is E.FILE_BINARY


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=2000) | st.text(max_size=500).map(lambda s: s.encode("utf-8", "surrogatepass"))
)
def test_arbitrary_bytes_give_text_or_a_coded_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "fuzz.txt", data)
    try:
        source = read_source(path)
    except CharterwatchError as e:
        assert e.code in {E.FILE_EMPTY, E.FILE_BINARY, E.FILE_UNDECODABLE}
    else:
        assert source.text.strip()
        assert "\r" not in source.text and "\u00a0" not in source.text


# -- Markdown


def test_markdown_markup_is_stripped_line_by_line(tmp_path: Path) -> None:
    markdown = (
        "# Конституция\n\n## Раздел I\n\n**Общие положения**\n\n#### Статья 1 ####\n\n"
        "1. Текст _с курсивом_ и __жирным__ и *звёздочкой*.\n\n> Сноска. Примечание.\n>\n> > вложенная\n\n"
        "\\# не заголовок, \\*не курсив\\*, snake\\_case, a\\\\b\n"
    )
    source = read_source(write(tmp_path, "a.md", markdown.encode()))
    assert source.source_format == "md"
    assert source.title == "Конституция"
    assert source.text.split("\n") == [
        "Конституция", "", "Раздел I", "", "Общие положения", "", "Статья 1", "",
        "1. Текст с курсивом и жирным и звёздочкой.", "", "Сноска. Примечание.", "", "вложенная", "",
        "# не заголовок, *не курсив*, snake_case, a\\b", "",
    ]  # fmt: skip


def test_markdown_leaves_lone_stars_and_underscores() -> None:
    assert (
        strip_markdown("Article 5* and 2 * 3 and snake_case_name")
        == "Article 5* and 2 * 3 and snake_case_name"
    )


# -- HTML


def test_html_page_gives_the_constitution_without_site_chrome() -> None:
    source = read_source(FIXTURES / "kz-1995-en-excerpt.html")
    assert source.source_format == "html"
    assert source.title == "Constitution of the Republic of Kazakhstan"
    for noise in (
        "cookies",
        "News",
        "Subscribe",
        "All rights reserved",
        "Latest news",
        "gtag",
        "display:flex",
    ):
        assert noise not in source.text
    assert provisions(parse_text(source.text)) == provisions(excerpt(EN_EXCERPT))


def test_html_whose_headings_trafilatura_drops_falls_back_to_lxml() -> None:
    from charterwatch.texts.readers_html import _trafilatura_lines

    page = (FIXTURES / "kz-1995-en-excerpt-divs.html").read_text(encoding="utf-8")
    kept, _ = _trafilatura_lines(page)
    assert "Article 1" not in kept  # why the fallback exists
    source = read_source(FIXTURES / "kz-1995-en-excerpt-divs.html")
    for noise in ("cookies", "Contacts", "Subscribe", "Latest news", "gtag"):
        assert noise not in source.text
    assert provisions(parse_text(source.text)) == provisions(excerpt(EN_EXCERPT))


@pytest.mark.parametrize(
    "page",
    [
        b"<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        b"<html><body><script>var a = 1;</script></body></html>",
        b"<!-- nothing -->",
    ],
)
def test_html_without_text(tmp_path: Path, page: bytes) -> None:
    assert error_of(write(tmp_path, "a.html", page)).code is E.HTML_NO_TEXT


def test_html_with_xml_declaration_and_cp1251(tmp_path: Path) -> None:
    page = "<?xml version='1.0' encoding='windows-1251'?><html><body><p>Статья 1</p><p>1. Текст.</p></body></html>"
    source = read_source(write(tmp_path, "a.htm", page.encode("cp1251")))
    assert source.text == "Статья 1\n1. Текст."


# -- PDF


def test_pdf_text_layer_with_wrapped_lines_joined() -> None:
    source = read_source(FIXTURES / "kz-1995-ru-excerpt.pdf")
    assert source.source_format == "pdf"
    assert source.title == "Конституция Республики Казахстан (извлечение)"
    assert provisions(parse_text(source.text)) == provisions(excerpt(RU_EXCERPT))


def test_pdf_without_text_layer() -> None:
    error = error_of(FIXTURES / "image-only.pdf")
    assert error.code is E.PDF_NO_TEXT


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\nnot really a pdf\n", b"hello, I am a text file", b"%PDF-1.7\n" * 50]
)
def test_broken_pdf(tmp_path: Path, data: bytes) -> None:
    assert error_of(write(tmp_path, "a.pdf", data)).code is E.PDF_UNREADABLE


def test_truncated_pdf(tmp_path: Path) -> None:
    data = (FIXTURES / "kz-1995-ru-excerpt.pdf").read_bytes()
    path = write(tmp_path, "cut.pdf", data[: len(data) // 3])
    try:
        source = read_source(path)
    except CharterwatchError as e:
        assert e.code in {E.PDF_UNREADABLE, E.PDF_NO_TEXT}
    else:  # pypdf may recover the pages it has
        assert source.text.strip()


def test_join_wrapped_lines_never_swallows_a_provision() -> None:
    lines = [
        ("Сноска. Статья 2 с изменениями, внесенными законами РК от", True),
        ("21.05.2007 № 254-III.", False),
        ("Статья 3", False),
        ("1. Единственным источником государственной власти является", True),
        ("народ, а также государ-", True),
        ("ственные органы.", False),
        ("2. Народ осуществляет власть непосредственно через референдум.", True),
        ("Государство обеспечивает целостность.", True),
        ("а) первое;", False),
        ("Article 5", False),
    ]
    assert join_wrapped_lines(lines) == [
        "Сноска. Статья 2 с изменениями, внесенными законами РК от 21.05.2007 № 254-III.",
        "Статья 3",
        "1. Единственным источником государственной власти является народ, а также государственные органы.",
        "2. Народ осуществляет власть непосредственно через референдум.",
        "Государство обеспечивает целостность.",
        "а) первое;",
        "Article 5",
    ]


# -- DOCX


def test_docx_paragraphs_and_table_cells() -> None:
    source = read_source(FIXTURES / "kz-1995-ru-excerpt.docx")
    assert source.source_format == "docx"
    assert source.title == "Конституция Республики Казахстан (извлечение)"
    import docx

    table = docx.Document(str(FIXTURES / "kz-1995-ru-excerpt.docx")).tables[0]
    assert table.rows[0].cells[0].text == "1."  # Article 3 is laid out as a table...
    assert (
        "\n1. Единственным источником государственной власти является народ.\n" in source.text
    )  # ...read whole
    assert provisions(parse_text(source.text)) == provisions(excerpt(RU_EXCERPT))


def test_broken_docx(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "a.docx", b"PK\x03\x04 this is not a zip at all"))
    assert error.code is E.DOCX_UNREADABLE


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert error_of(write(tmp_path, "a.docx", buffer.getvalue())).code is E.DOCX_UNREADABLE


def test_docx_with_damaged_document_part(tmp_path: Path) -> None:
    good = (FIXTURES / "kz-1995-ru-excerpt.docx").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:200] if item.filename == "word/document.xml" else data)
    assert error_of(write(tmp_path, "a.docx", buffer.getvalue())).code is E.DOCX_UNREADABLE


# -- Akoma Ntoso and JSON are passed on whole


def test_xml_is_passed_on_as_akn(tmp_path: Path) -> None:
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>'
    for name in ("a.xml", "a.akn"):
        source = read_source(write(tmp_path, name, xml.encode()))
        assert (source.source_format, source.text) == ("akn", xml)


def test_json_export_is_recognised(tmp_path: Path) -> None:
    data = b'{"schema": "charterwatch.parsed-text", "title": "T", "lang": "en", "provisions": []}'
    source = read_source(write(tmp_path, "a.json", data))
    assert (source.source_format, source.title) == ("json", "T")


@pytest.mark.parametrize("data", [b"{not json", b"[1, 2]", b'{"title": "no provisions"}'])
def test_json_that_is_not_our_export(tmp_path: Path, data: bytes) -> None:
    assert error_of(write(tmp_path, "a.json", data)).code is E.JSON_INVALID
