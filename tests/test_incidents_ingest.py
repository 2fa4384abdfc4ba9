"""Ingest: every kind of bad file is reported on its own, the rest of the batch goes on, re-ingesting is idle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charterwatch.errors import CharterwatchError
from charterwatch.incidents.workflow.ingest import ingest
from charterwatch.lang.detect import detect_language

ARTICLE = (
    "Kazakh police detain blogger\n"
    "Blogger Aidos Sadykov was detained by police in Almaty on 3 May 2024 and fined 200,000 tenge "
    "for a Facebook post criticising the draft law."
)
PAGE = (
    "<html><head><title>Blogger detained</title>"
    '<meta property="article:published_time" content="2024-05-04T10:00:00Z"></head>'
    "<body><article><h1>Blogger detained</h1><p>On Friday, police in Shymkent detained blogger Arman Ospan "
    "over a video about the referendum. He was questioned for five hours and released the same evening, his "
    "lawyer told reporters after the hearing at the district court.</p></article></body></html>"
)


def _batch(tmp_path: Path) -> list[Path]:
    files = {
        "good.txt": ARTICLE.encode("utf-8"),
        "page.html": PAGE.encode("utf-8"),
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
        "huge.txt": b"word " * 30_000,
        "latin1.txt": "Le journaliste a \xe9t\xe9 d\xe9tenu \xe0 Almaty, apr\xe8s une manifestation.".encode(
            "latin-1"
        ),
        "blank.html": b"<html><head><title>x</title></head><body><nav>menu</nav></body></html>",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    lines = [
        json.dumps(
            {"url": "https://example.org/a", "date": "2024-06-01", "text": ARTICLE.replace("3 May", "30 May")}
        ),
        "not json",
        json.dumps({"url": "https://example.org/b"}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [tmp_path]


def test_a_bad_batch_reports_each_file_and_ingests_the_rest(tmp_path: Path) -> None:
    report = ingest(_batch(tmp_path), default_date="2024-05-06", max_bytes=100_000)
    codes = {Path(e.location).name: e.code for e in report.errors}
    assert codes == {
        "empty.txt": "FILE_EMPTY",
        "binary.txt": "FILE_BINARY",
        "huge.txt": "FILE_TOO_LARGE",
        "latin1.txt": "FILE_UNDECODABLE",
        "blank.html": "HTML_NO_TEXT",
        "feed.jsonl:2": "JSONL_LINE_INVALID",
        "feed.jsonl:3": "JSONL_LINE_INVALID",
    }
    assert sorted(Path(s.location).name for s in report.sources) == ["a", "good.txt", "page.html"]
    page = next(s for s in report.sources if s.location.endswith("page.html"))
    assert (page.published, page.language) == ("2024-05-04", "en")
    victims = sorted((i.victims[0].label, i.date.value if i.date else None) for i in report.incidents)
    assert ("Aidos Sadykov", "2024-05-03") in victims and ("Aidos Sadykov", "2024-05-30") in victims
    assert ("Arman Ospan", "2024-05-03") in victims  # "on Friday" before the page's publication date
    json.dumps(report.to_dict())


def test_reingesting_the_same_sources_changes_nothing(tmp_path: Path) -> None:
    first = ingest(_batch(tmp_path), max_bytes=100_000)
    again = ingest(_batch(tmp_path), max_bytes=100_000, known_checksums=[s.checksum for s in first.sources])
    assert again.sources == [] and again.incidents == []
    assert len(again.skipped) == len(first.sources)
    assert [i.to_dict() for i in ingest(_batch(tmp_path), max_bytes=100_000).incidents] == [
        i.to_dict() for i in first.incidents
    ]


def test_the_same_story_from_two_sources_is_one_incident(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(
        "Police in Almaty detained blogger Aidos Sadykov on 3 May 2024.", encoding="utf-8"
    )
    report = ingest([tmp_path / "one.txt", tmp_path / "two.txt"])
    # one incident per victim x action x date: the detention told twice, the fine told once
    assert sorted((i.action, len(i.source_ids)) for i in report.incidents) == [("detention", 2), ("fine", 1)]
    [incident] = [i for i in report.incidents if i.action == "detention"]
    assert {e.source_id for e in incident.evidence} == set(incident.source_ids)


def test_a_bad_default_date_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CharterwatchError, match="BAD_DATE"):
        ingest([tmp_path], default_date="May 2024")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (ARTICLE, "en"),
        ("Полиция задержала блогера в Алматы после публикации поста в Facebook о проекте конституции.", "ru"),
        ("Алматыда полиция блогерді ұстады, ол Конституция жобасы туралы пост жариялаған еді.", "kk"),
        ("12 345", "und"),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_merges_are_logged_and_can_be_undone(tmp_path: Path) -> None:
    from charterwatch.incidents.workflow.merging import MergeRecord, undo_merge

    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(
        "Police in Almaty detained blogger Aidos Sadykov on 3 May 2024.", encoding="utf-8"
    )
    report = ingest([tmp_path / "one.txt", tmp_path / "two.txt"])
    [record] = report.merges
    assert MergeRecord.from_dict(json.loads(json.dumps(record.to_dict()))) == record
    separate = undo_merge(report.incidents, record)
    assert [len(i.source_ids) for i in separate] == [1, 1, 1]  # the two detentions apart again, and the fine
    with pytest.raises(ValueError, match="no incident"):
        undo_merge([], record)
