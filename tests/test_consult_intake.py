"""Intake: CSV and JSON Lines as the commission or Polis exports them, one clear error per bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charterwatch.consult.intake import read_files, read_proposals
from charterwatch.errors import CharterwatchError, E

POLIS = Path("data/consultations/polis-opendata")


def test_polis_comments_import_as_they_are(shared_dir: Path) -> None:
    path = shared_dir / POLIS / "brexit-consensus" / "comments.csv"
    proposals = read_proposals(path, id_prefix="brexit:", submitter_kind="citizen")
    assert len(proposals) == 50
    first = proposals[0]
    assert first.id == "brexit:36"
    assert first.moderation == 1
    assert first.language == "en"
    assert first.submitted_at is not None and first.submitted_at.year == 2017
    assert first.meta["agrees"] == "38"
    assert first.text.startswith("Opposition to Brexit as a whole")


def test_polis_moderation_flags_and_languages(shared_dir: Path) -> None:
    taiwan = read_proposals(shared_dir / POLIS / "vtaiwan.uberx" / "comments.csv")
    assert {p.moderation for p in taiwan} == {-1, 0, 1}
    assert sum(p.language == "zh" for p in taiwan) >= 195
    austria = read_proposals(shared_dir / POLIS / "austria-climate.5twd2jsnkf.2022-08-08" / "comments.csv")
    assert sum(p.language == "de" for p in austria) / len(austria) > 0.9


def test_commission_csv_with_semicolons_and_cp1251(tmp_path: Path) -> None:
    path = tmp_path / "proposals.csv"
    rows = [
        "id;text;channel;submitter_kind;contact;submitted_at",
        "17;Прошу сохранить статью 26 о праве собственности;social;citizen;+7 701 000 00 00;2025-11-02T10:00",
        "18;;web;citizen;;",
        "19;Изменить 23-бап;organisation;organisation;;2025-11-03",
    ]
    path.write_bytes("\n".join(rows).encode("cp1251"))
    proposals = read_proposals(path)
    assert [p.id for p in proposals] == ["17", "19"]
    assert proposals[0].articles == ["26"]
    assert proposals[0].channel == "social" and proposals[0].contact == "+7 701 000 00 00"
    assert proposals[0].language == "ru"
    assert proposals[1].articles == ["23"]


def test_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "proposals.jsonl"
    lines = [{"text": "Keep Article 20 on free speech", "channel": "expert", "language": "en"}, {"text": "x"}]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    proposals = read_proposals(path, id_prefix="j:")
    assert [(p.id, p.channel, p.articles) for p in proposals] == [
        ("j:1", "expert", ["20"]),
        ("j:2", "web", []),
    ]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.csv", "name,email\nA,a@b.c\n", E.CONSULT_NO_TEXT),
        ("b.csv", "text,channel\nhello,fax\n", E.CONSULT_ROW_INVALID),
        ("c.csv", "text,channel\nhello\n", E.CONSULT_ROW_INVALID),
        ("d.jsonl", '{"text": "ok"}\n{"text": \n', E.JSONL_LINE_INVALID),
        ("e.jsonl", "[1, 2]\n", E.JSONL_LINE_INVALID),
        ("f.csv", "   \n", E.FILE_EMPTY),
        ("g.xlsx", "text\nhi\n", E.CONSULT_FORMAT),
        ("h.csv", "text,submitted_at\nhi,yesterday\n", E.CONSULT_ROW_INVALID),
    ],
)
def test_one_clear_error_per_bad_file(tmp_path: Path, name: str, content: str, code: E) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CharterwatchError) as caught:
        read_proposals(path)
    assert caught.value.code is code
    assert name in caught.value.message


def test_limits(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(
        "text\n" + "\n".join(f"proposal {n}" for n in range(20)) + "\n" + "x" * 500, encoding="utf-8"
    )
    with pytest.raises(CharterwatchError) as caught:
        read_proposals(path, max_bytes=100)
    assert caught.value.code is E.FILE_TOO_LARGE
    with pytest.raises(CharterwatchError) as caught:
        read_proposals(path, max_rows=10)
    assert caught.value.code is E.CONSULT_TOO_MANY
    with pytest.raises(CharterwatchError) as caught:
        read_proposals(path, max_chars=200)
    assert caught.value.code is E.CONSULT_TOO_LONG and "row 22" in caught.value.message


def test_read_files_goes_on_past_a_bad_file(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text("text\nKeep article 1\n", encoding="utf-8")
    bad.write_bytes(b"text\n\x00\x01binary")
    intake = read_files([bad, good, tmp_path / "missing.jsonl"])
    assert [p.text for p in intake.proposals] == ["Keep article 1"]
    assert {path: error.code for path, error in intake.errors.items()} == {
        str(bad): E.FILE_BINARY,
        str(tmp_path / "missing.jsonl"): E.FILE_NOT_FOUND,
    }


def test_a_million_columns_are_refused_not_stored(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(
        "text,"
        + ",".join(f"c{n}" for n in range(1_000_000))
        + "\nKeep article 20,"
        + ",".join("v" * 1_000_000),
        encoding="utf-8",
    )
    with pytest.raises(CharterwatchError) as caught:
        read_proposals(path)
    assert caught.value.code is E.CONSULT_TOO_MANY_COLUMNS and "1000001 columns" in caught.value.message
    wide = tmp_path / "wide.jsonl"
    wide.write_text(
        json.dumps({"text": "Keep article 20", **{f"k{n}": n for n in range(101)}}), encoding="utf-8"
    )
    with pytest.raises(CharterwatchError) as caught:
        read_proposals(wide)
    assert caught.value.code is E.CONSULT_TOO_MANY_COLUMNS and "line 1" in caught.value.message


@pytest.mark.parametrize(
    ("name", "content", "column"),
    [
        ("note.csv", "text,note\nKeep article 20," + "n" * 2_001 + "\n", "note"),
        ("contact.jsonl", json.dumps({"text": "Keep article 20", "email": "e" * 3_000}), "contact"),
        (
            "nested.jsonl",
            json.dumps({"text": "Keep article 20", "extra": {"deep": ["x" * 50] * 50}}),
            "extra",
        ),
        ("name.csv", "text," + "h" * 2_001 + "\nKeep article 20,v\n", "hhh"),
    ],
)
def test_a_field_over_the_limit_is_refused(tmp_path: Path, name: str, content: str, column: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CharterwatchError) as caught:
        read_proposals(path)
    assert caught.value.code is E.CONSULT_FIELD_TOO_LONG and column in caught.value.message
    assert "\n" not in caught.value.message and len(caught.value.message) < 300


def test_fields_within_the_limits_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text("text,note\nKeep article 20," + "n" * 2_000 + "\n", encoding="utf-8")
    assert read_proposals(path)[0].meta == {"note": "n" * 2_000}
