"""published.py: one publication date per input, from metadata, a header, a prefix, the address or the dateline."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charterwatch.incidents.workflow.ingest import ingest
from charterwatch.incidents.workflow.published import (
    blank_header,
    html_metadata,
    publication_date,
    read_header,
)

BODY = "Police in Taraz detained a local journalist on Monday after she filmed a queue at the akimat.\n"


@pytest.mark.parametrize(
    ("text", "location", "expected"),
    [
        (f"https://news.example.kz/a/123.html\n2023-09-14\n\n{BODY}", None, ("2023-09-14", "header")),
        (f"2023-09-14\n\n{BODY}", None, ("2023-09-14", "header")),
        (f"https://news.example.kz/2022/10/05/story\nunknown\n\n{BODY}", None, ("2022-10-05", "address")),
        (BODY, "https://example.org/news/2021-04-30-taraz.html", ("2021-04-30", "address")),
        (
            f"https://example.org/x\nunknown\n\n date 2020-02-11 Menu Search\n{BODY}",
            None,
            ("2020-02-11", "prefix"),
        ),
        (f"Вторник, 14 Марта 2023\n{BODY}", None, ("2023-03-14", "date_line")),
        (f"TARAZ, Kazakhstan, Sept. 14, 2023 (Reuters) - {BODY}", None, ("2023-09-14", "dateline")),
        (f"ТАРАЗ, 14 сентября — {BODY}", None, (None, "none")),  # no year anywhere
        (BODY, None, (None, "none")),
    ],
)
def test_each_cue_gives_the_date(text: str, location: str | None, expected: tuple[str | None, str]) -> None:
    found = publication_date(text, location=location)
    assert (found.value, found.source_kind) == expected
    if found.span is not None:
        assert found.value is not None and text[found.span[0] : found.span[1]]


def test_the_dateline_takes_its_year_from_the_fallback() -> None:
    found = publication_date(f"ТАРАЗ, 14 сентября — {BODY}", fallback="2023-11-02")
    assert (found.value, found.source_kind) == ("2023-09-14", "dateline")
    assert publication_date(BODY, fallback="2023-11-02").source_kind == "fallback"


def test_a_partial_header_gives_the_dateline_its_year() -> None:
    found = publication_date(f"https://example.org/a\n2023-09\n\nТАРАЗ, 14 сентября — {BODY}")
    assert (found.value, found.source_kind) == ("2023-09-14", "dateline")
    other = publication_date(f"https://example.org/a\n2023-09\n\nТАРАЗ, 14 мая — {BODY}")
    assert (other.value, other.source_kind) == ("2023-09", "header")  # a dateline of another month is not it


def test_metadata_comes_first_and_a_partial_header_comes_last() -> None:
    text = f"https://example.org/a\n2024-03\n\n{BODY}"
    assert publication_date(text, metadata={"date": "2024-03-09T08:00:00Z"}).value == "2024-03-09"
    partial = publication_date(text)
    assert (partial.value, partial.precision, partial.day) == ("2024-03", "month", None)
    assert publication_date(text, fallback="2024-03-20").value == "2024-03-20"


def test_a_header_is_blanked_with_the_same_offsets() -> None:
    text = f"https://www.example.kz/a/1\n2023-09-14\n\n{BODY}"
    header = read_header(text)
    assert (header.address, header.publisher, header.date_text) == (
        "https://www.example.kz/a/1",
        "example.kz",
        "2023-09-14",
    )
    blanked = blank_header(text, header)
    assert len(blanked) == len(text) and blanked.strip() == BODY.strip()
    assert blanked.index("Police") == text.index("Police")
    assert read_header(BODY).end == 0
    assert read_header(f"unknown\n{BODY}").end == 0  # a placeholder alone is text, not a header


def test_html_metadata_reads_the_meta_date() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2022-07-01T09:00:00Z">'
        "<title>Court</title></head><body><p>The court fined two bloggers.</p></body></html>"
    )
    assert html_metadata(page)["date"] == "2022-07-01"


def test_ingest_uses_the_header_for_date_address_and_publisher(tmp_path: Path) -> None:
    path = tmp_path / "001.txt"
    path.write_text(
        "https://www.example.kz/news/shymkent-blogger\n2023-05-12\n\n"
        "Police in Shymkent detained blogger Arman Ospan on 11 May over a video about the referendum.\n",
        encoding="utf-8",
    )
    report = ingest([path])
    [source] = report.sources
    assert (source.published, source.location, source.publisher) == (
        "2023-05-12",
        "https://www.example.kz/news/shymkent-blogger",
        "example.kz",
    )
    [incident] = report.incidents
    assert incident.date is not None and incident.date.value == "2023-05-11"
    text = path.read_text(encoding="utf-8")
    assert all(text[e.start : e.end] == e.quote for e in incident.evidence)
    assert report.notes == []
    path.write_text(path.read_text(encoding="utf-8").replace("2023-05-12", "unknown"), encoding="utf-8")
    assert ingest([path]).notes == [
        "1 of 1 sources without a publication date: a date the text gives without its year stays undated "
        "(give --date)"
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789-/:. \nhtps:wwDATEdate,ALMTYмартаMarch()—"), max_size=120))
def test_any_text_gives_a_date_or_none_without_raising(text: str) -> None:
    found = publication_date(text, location=text[:40], fallback="2024-01-31")
    assert found.value is None or found.value[:4].isdigit()
    if found.span is not None:
        assert 0 <= found.span[0] < found.span[1] <= len(text)
    assert len(blank_header(text, read_header(text))) == len(text)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_dev_text_gets_the_date_of_its_header(shared_dir: Path, language: str) -> None:
    """The news-dev texts start with an address line and a date line (or ``unknown``): read, never guessed."""
    folder = shared_dir / "gold" / f"news-dev-{language}"
    if not folder.is_dir():
        pytest.skip(f"no {folder}")
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        address, told = text.splitlines()[:2]
        header = read_header(text)
        assert header.address == address and text[: header.end].strip().endswith(told), path.name
        found = publication_date(text, location=str(path))
        if told != "unknown":
            assert (found.value, found.source_kind) == (told, "header"), path.name
        else:
            assert found.source_kind != "header", path.name
