"""``consult run`` and ``consult themes-file`` end to end, on generated proposals and a real Polis file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charterwatch.cli.app import run
from charterwatch.consult.synthetic import generate, polis_ideas

POLIS = Path("data/consultations/polis-opendata")


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("workers", ["0", pytest.param("1", marks=pytest.mark.slow)])
def test_run_writes_groups_themes_and_a_summary(
    capsys: pytest.CaptureFixture[str], shared_dir: Path, tmp_path: Path, workers: str
) -> None:
    synthetic = generate(polis_ideas(shared_dir / POLIS), size=400, seed=5)
    proposals, _ = synthetic.write(tmp_path / "in")
    status, out, err = cli(
        capsys, "consult", "run", str(proposals), "--workers", workers, "--out", str(tmp_path)
    )
    assert status == 0, err
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["proposals"] == 400 and summary["campaigns"] == 6
    assert f"{summary['ideas']} unique ideas" in out and "Campaigns" in out and "Largest themes" in out
    lines = (tmp_path / "groups.jsonl").read_text(encoding="utf-8").splitlines()
    assert sum(len(json.loads(line)["members"]) for line in lines) == 400
    assert (tmp_path / "themes.jsonl").read_text(encoding="utf-8").count("\n") == summary["themes"]


def test_themes_file_on_a_polis_conversation(capsys: pytest.CaptureFixture[str], shared_dir: Path) -> None:
    path = shared_dir / POLIS / "scoop-hivemind.biodiversity" / "comments.csv"
    status, out, err = cli(capsys, "consult", "themes-file", str(path), "--json", "--limit", "3")
    assert status == 0, err
    themes = json.loads(out)
    assert len(themes) == 3 and all(len(t["keywords"]) == 6 for t in themes)
    assert len(themes[0]["members"]) >= len(themes[-1]["members"]) >= 3


def test_bad_files_give_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = cli(capsys, "consult", "run", str(tmp_path / "missing.csv"), "--workers", "0")
    assert status == 2 and "FILE_NOT_FOUND" in err and len(err.strip().splitlines()) == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Keep the land public."}\nnot json\n', encoding="utf-8")
    status, _, err = cli(capsys, "consult", "run", str(bad), "--workers", "0")
    assert status == 2 and "JSONL_LINE_INVALID" in err and len(err.strip().splitlines()) == 1
