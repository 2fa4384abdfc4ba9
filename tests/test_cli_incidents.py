"""``charterwatch incidents ...`` and ``charterwatch eval incidents`` end to end, with their exit statuses."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from charterwatch.cli.app import run

ARTICLE = "Blogger Aidos Sadykov was detained by police in Almaty on 3 May 2024 for a Facebook post.\n"
RETELLING = (
    "Police in Almaty detained the blogger Aidos Sadykov on 3 May 2024 over a video about the draft law. "
    "He was later fined 100,000 tenge.\n"
)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def listed(capsys: pytest.CaptureFixture[str], db: str, *options: str) -> list[dict[str, object]]:
    status, out, err = cli(capsys, "--db", db, "incidents", "list", "--json", *options)
    assert status == 0, err
    found: list[dict[str, object]] = json.loads(out)
    return found


@pytest.fixture
def seeded(capsys: pytest.CaptureFixture[str], sqlite_url: str, shared_dir: Path) -> str:
    status, _, err = cli(capsys, "--db", sqlite_url, "incidents", "ingest", str(shared_dir / "seeds"))
    assert status == 0, err
    return sqlite_url


def test_ingest_reports_each_bad_file_and_stores_the_rest(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, shared_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    args = ("--db", sqlite_url, "incidents", "ingest", str(shared_dir / "seeds"), str(tmp_path))
    status, out, err = cli(capsys, *args, "--date", "2026-03-01")
    assert status == 2
    assert [line.split(":")[0] for line in err.splitlines()] == ["error FILE_BINARY", "error FILE_EMPTY"]
    assert "6 new sources, 42 incidents added" in out
    assert len(listed(capsys, sqlite_url)) == 42
    status, out, _ = cli(capsys, *args)
    assert status == 2 and "0 new sources, 0 incidents added, 0 merged; 6 sources already stored" in out
    assert len(listed(capsys, sqlite_url)) == 42
    status, _, err = cli(capsys, "--db", sqlite_url, "incidents", "ingest", str(tmp_path), "--date", "March")
    assert status == 2 and "BAD_DATE" in err


def test_list_filters_by_action_and_state(capsys: pytest.CaptureFixture[str], seeded: str) -> None:
    detentions = listed(capsys, seeded, "--action", "detention")
    assert len(detentions) == 9 and {i["action"] for i in detentions} == {"detention"}
    assert listed(capsys, seeded, "--state", "accepted") == []
    status, out, _ = cli(capsys, "--db", seeded, "incidents", "list", "--action", "sentence")
    assert status == 0 and "Talgat Ayan" in out and out.strip().endswith("2 incidents")
    status, _, err = cli(capsys, "--db", seeded, "incidents", "list", "--state", "approved")
    assert status == 2 and err.startswith("error BAD_FORMAT: unknown format 'approved'")


def test_review_in_the_terminal(
    capsys: pytest.CaptureFixture[str], seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [i["id"] for i in listed(capsys, seeded, "--action", "detention")][1:4]
    answers = [
        "a",  # accept the first
        "",  # no note
        "r",  # reject the second
        "not about civic space",
        "e",  # edit the third: action, date, place, perpetrator, role, rights, publish the name, note
        "administrative_arrest",
        "2017-02",
        "",
        "",
        "",
        "assembly",
        "y",
        "checked with the lawyer",
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(answers) + "\n"))
    status, out, err = cli(capsys, "--db", seeded, "incidents", "review", *ids, "--reviewer", "kibhr-1")
    assert status == 0, err
    assert "3 decisions stored by kibhr-1" in out
    accepted, rejected, edited = (
        listed(capsys, seeded, "--state", s) for s in ("accepted", "rejected", "edited")
    )
    assert [i["id"] for i in accepted + rejected + edited] == ids
    assert rejected[0]["review_log"][0]["note"] == "not about civic space"
    assert (edited[0]["action"], edited[0]["date"], edited[0]["rights"]) == (
        "administrative_arrest",
        {"value": "2017-02", "precision": "month"},
        ["assembly"],
    )
    assert edited[0]["private_fields"] == []  # the name was published
    assert len(listed(capsys, seeded, "--state", "machine")) == 38


def test_review_quits_and_skips(
    capsys: pytest.CaptureFixture[str], seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s\nq\n"))
    status, out, _ = cli(capsys, "--db", seeded, "incidents", "review")
    assert status == 0 and "0 decisions stored" in out
    assert len(listed(capsys, seeded, "--state", "machine")) == 41


def test_merge_unmerge_and_their_errors(capsys: pytest.CaptureFixture[str], seeded: str) -> None:
    first, second = (i["id"] for i in listed(capsys, seeded, "--action", "sentence"))
    status, out, _ = cli(capsys, "--db", seeded, "incidents", "merge", str(first), str(second)[:6])
    assert status == 0 and out.startswith(f"merge 2: {second} merged into {first}")
    assert len(listed(capsys, seeded)) == 40
    status, out, _ = cli(capsys, "--db", seeded, "incidents", "merges")
    assert status == 0 and str(second) in out
    status, _, err = cli(capsys, "--db", seeded, "incidents", "merge", str(second), str(first))
    assert status == 3 and err.startswith("error INCIDENT_MERGED")
    assert cli(capsys, "--db", seeded, "incidents", "unmerge", "2")[0] == 0
    assert len(listed(capsys, seeded)) == 41
    status, _, err = cli(capsys, "--db", seeded, "incidents", "unmerge", "2")
    assert status == 3 and "already undone" in err
    status, _, err = cli(capsys, "--db", seeded, "incidents", "show", "0000000000")
    assert status == 3 and err.startswith("error INCIDENT_NOT_FOUND")


def test_a_second_source_is_merged_on_ingest(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    for name, text in (("a.txt", ARTICLE), ("b.txt", RETELLING)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        status, out, _ = cli(capsys, "--db", sqlite_url, "incidents", "ingest", str(tmp_path / name))
        assert status == 0
    assert (
        "1 incidents added, 1 merged" in out
    )  # the detention told again; the fine is an incident of its own
    incident, fine = listed(capsys, sqlite_url)
    assert (incident["action"], fine["action"]) == ("detention", "fine")
    assert len(listed(capsys, sqlite_url, "--victim", "Айдос Садыков")) == 2  # any spelling finds them
    assert listed(capsys, sqlite_url, "--victim", "Aidos Bekov") == []
    assert len(incident["source_ids"]) == 2  # type: ignore[arg-type]
    status, out, _ = cli(capsys, "--db", sqlite_url, "incidents", "show", str(incident["id"]))
    assert status == 0 and "detained" in out and "a.txt" in out and "b.txt" in out


def test_organisations_and_report(capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path) -> None:
    status, out, _ = cli(capsys, "--db", seeded, "incidents", "organisations")
    assert status == 0 and "Ratel.kz" in out and "2017-04-04 lawsuit" in out
    status, out, _ = cli(capsys, "--db", seeded, "incidents", "report", "--out", str(tmp_path / "out"))
    assert status == 0 and out.strip().endswith("0 incidents")  # by default only reviewed incidents go out
    everything = ("--state", "machine", "--state", "accepted", "--state", "edited")
    status, out, _ = cli(
        capsys, "--db", seeded, "incidents", "report", "--out", str(tmp_path / "out"), *everything
    )
    assert status == 0 and out.strip().endswith("41 incidents")
    assert (tmp_path / "out" / "acled.csv").is_file() and (tmp_path / "out" / "timeline.svg").is_file()
    status, _, err = cli(capsys, "--db", seeded, "incidents", "report", "--out", "/proc/no/such/dir")
    assert status == 2 and "CANNOT_WRITE" in err


def test_eval_incidents_scores_the_seeds(
    capsys: pytest.CaptureFixture[str], shared_dir: Path, tmp_path: Path
) -> None:
    gold = shared_dir / "gold" / "incidents_seeds.jsonl"
    status, out, _ = cli(
        capsys, "eval", "incidents", "--gold", str(gold), "--docs", str(shared_dir / "seeds")
    )
    assert status == 0
    assert out.startswith("precision ") and "recall 1.000" in out.splitlines()[0]
    assert out.splitlines()[1].startswith("  en              precision")  # and per language
    # one gold line changed: a miss and a false alarm, each printed
    lines = gold.read_text(encoding="utf-8").splitlines()
    changed = [json.loads(line) for line in lines]
    target = next(g for g in changed if g["victim"] == "Zhanbolat Mamay")
    target["date"] = "2017-03-10"
    edited = tmp_path / "gold.jsonl"
    edited.write_text("\n".join(json.dumps(g) for g in changed) + "\n", encoding="utf-8")
    status, out, _ = cli(
        capsys, "eval", "incidents", "--gold", str(edited), "--docs", str(shared_dir / "seeds")
    )
    assert status == 0
    assert "missed       002_472d80a3d5390b28.txt  Zhanbolat Mamay" in out
    assert "false alarm  002_472d80a3d5390b28.txt  Zhanbolat Mamay  detention  2017-02-10" in out
    status, out, _ = cli(
        capsys, "eval", "incidents", "--gold", str(edited), "--docs", str(shared_dir / "seeds"), "--json"
    )
    assert json.loads(out)["recall"] == pytest.approx(24 / 25)
    (tmp_path / "bad.jsonl").write_text('{"doc": "x.txt"}\n', encoding="utf-8")
    status, _, err = cli(capsys, "eval", "incidents", "--gold", str(tmp_path / "bad.jsonl"), "--docs", ".")
    assert status == 2 and err.startswith("error INCIDENTS_GOLD_INVALID")
