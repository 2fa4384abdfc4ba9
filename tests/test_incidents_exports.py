"""Reports from the seeds: ingest -> store -> report; public files without private names; ACLED columns;
statistics; chart files that are real PNG and SVG; the same incidents give the same files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from sqlalchemy import Engine

from charterwatch.incidents.exports.acled import COLUMNS, to_acled_csv
from charterwatch.incidents.exports.exports import to_csv, to_json
from charterwatch.incidents.exports.report import write_report
from charterwatch.incidents.exports.stats import table
from charterwatch.incidents.extraction.extract import extract, make_source
from charterwatch.incidents.model import Incident, Source, Victim
from charterwatch.incidents.workflow.merging import merge_pair
from charterwatch.incidents.workflow.privacy import with_default_privacy
from charterwatch.incidents.workflow.public import name_words, private_names, public_edition
from charterwatch.incidents.workflow.review import edit
from charterwatch.incidents.workflow.service import ingest_into_store
from charterwatch.incidents.workflow.store import list_incidents, load_sources
from charterwatch.store.db import open_store, session_scope

SHARED_DIR = Path(os.environ.get("CHARTERWATCH_SHARED", Path(__file__).resolve().parents[2] / "shared"))
PUBLIC_FILES = ("incidents_public.json", "incidents_public.csv", "acled.csv")


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Incident], list[Source]]:
    """The seeds ingested into a SQLite store and read back, as `incidents report` does (once per module:
    the shared_dir fixture is per test, so its folder is found here the same way)."""
    if not (SHARED_DIR / "seeds").is_dir():
        pytest.skip(f"no seeds in {SHARED_DIR}")
    engine: Engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('store') / 'charterwatch.db'}")
    try:
        with session_scope(engine) as session:
            ingest_into_store(session, [SHARED_DIR / "seeds"], default_date="2026-03-01")
        with session_scope(engine) as session:
            return list_incidents(session), load_sources(session)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def report(stored: tuple[list[Incident], list[Source]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    write_report(*stored, out)
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _person_names(incidents: list[dict[str, object]]) -> set[str]:
    return {
        v["name"]  # type: ignore[index]
        for i in incidents
        for v in i["victims"]  # type: ignore[attr-defined]
        if v["kind"] == "person" and v["name"]  # type: ignore[index]
    }


def test_the_report_has_every_file(report: Path) -> None:
    names = sorted(p.name for p in report.iterdir())
    assert names == sorted(
        [
            "acled.csv",
            "incidents_full.csv",
            "incidents_full.json",
            "incidents_public.csv",
            "incidents_public.json",
            "stats_action.csv",
            "stats_month.csv",
            "stats_place.csv",
            "stats_role.csv",
            "summary.md",
            "timeline.png",
            "timeline.svg",
        ]
    )


def test_the_full_json_round_trips(report: Path, stored: tuple[list[Incident], list[Source]]) -> None:
    data = json.loads((report / "incidents_full.json").read_text(encoding="utf-8"))
    assert (data["schema"], data["edition"]) == ("charterwatch.incidents.v1", "full")
    assert [Incident.from_dict(i) for i in data["incidents"]] == stored[0]
    assert {s["id"] for s in data["sources"]} == {s for i in stored[0] for s in i.source_ids}


def test_public_files_name_no_private_victim(report: Path) -> None:
    full = json.loads((report / "incidents_full.json").read_text(encoding="utf-8"))["incidents"]
    names = _person_names(full)
    assert {"Olesya Khalabuzar", "Zhanar Akhmet", "Talgat Ayan", "Max Bokayev"} <= names
    full_text = (report / "incidents_full.csv").read_text(encoding="utf-8")
    assert all(name in full_text for name in names)
    surnames = {name.split()[-1] for name in names}
    for file in PUBLIC_FILES:
        text = (report / file).read_text(encoding="utf-8")
        leaked = {w for w in names | surnames if re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE)}
        assert not leaked, (file, leaked)
    public = json.loads((report / "incidents_public.json").read_text(encoding="utf-8"))["incidents"]
    assert all("review_log" not in i and "private_fields" not in i for i in public)
    assert "an activist (name withheld)" in {v["description"] for i in public for v in i["victims"]}
    organisations = {v["name"] for i in public for v in i["victims"] if v["kind"] == "organisation"}
    assert {"Ratel.kz", "KazTAG"} <= organisations  # organisations stay public
    assert "reviewers" not in _rows(report / "incidents_public.csv")[0]
    assert "review_notes" in _rows(report / "incidents_full.csv")[0]


def test_a_reviewer_publishes_and_withholds() -> None:
    text = (
        "Blogger Aidos Sadykov was detained by police in Almaty on 3 May 2024 for a Facebook post. "
        "Contact his lawyer at defence@example.org."
    )
    source = make_source(text, location="a.txt")
    [machine] = [with_default_privacy(i) for i in extract(text, source=source)]
    assert machine.private_fields == ["victims[0].name"]
    hidden = public_edition(machine, name_words(["Aidos Sadykov"])).to_dict()
    assert hidden["victims"][0] == {
        "kind": "person",
        "role": "blogger",
        "name": None,
        "description": "a blogger (name withheld)",
    }
    assert "Sadykov" not in json.dumps(hidden)
    published = edit(machine, reviewer="kibhr-1", private_fields=["place"])
    shown = public_edition(published, name_words([])).to_dict()
    assert shown["victims"][0]["name"] == "Aidos Sadykov" and shown["place"] is None
    assert not [e for e in shown["evidence"] if e["field"] == "place"]
    assert "Almaty" in to_json([published], [source], edition="full")
    assert "Almaty" not in to_csv([published], [source], edition="public")


def test_a_withheld_group_name_and_date_stay_out_of_every_public_file() -> None:
    text = (
        "On 12 May 2026 police in Taraz detained at least six journalists of a local weekly newspaper "
        "who covered a protest."
    )
    source = make_source(text, location="https://example.org/taraz-weekly", published="2026-05-13")
    [machine] = [with_default_privacy(i) for i in extract(text, source=source)]
    assert machine.victims[0].kind == "group" and machine.private_fields == []
    named = edit(machine, reviewer="kibhr-1", victim_name="the staff of the Qarabas weekly")
    withheld = edit(
        named, reviewer="kibhr-1", note="Qarabas asked us", private_fields=["victims[0].name", "date"]
    )
    public = public_edition(withheld, name_words(private_names([withheld])))
    assert not hasattr(public, "private_fields") and not hasattr(public, "review_log")
    assert public.victims[0] == Victim("group", "journalist", None, "a journalist (name withheld)")
    assert public.date is None and public.place == "Taraz"
    assert not [e for e in public.evidence if e.field in ("date", "victims[0].description")]
    assert all("2026" not in e.quote for e in public.evidence)
    files = [to_json([withheld], [source], edition="public"), to_csv([withheld], [source], edition="public")]
    files.append(to_acled_csv([withheld], [source]))
    for made in files:
        assert "Qarabas" not in made and "2026-05" not in made and "kibhr" not in made
    assert json.loads(files[0])["sources"][0]["published"] is None
    assert "Qarabas" in to_json([withheld], [source], edition="full")


def test_a_report_of_some_incidents_withholds_names_private_in_the_others(tmp_path: Path) -> None:
    text = (
        "Activist Saule Temirbek and the Bolashak Foundation were fined by a court in Aktobe on 4 June 2026 "
        "for an unsanctioned rally."
    )
    source = make_source(text, location="a.txt", title="Saule Temirbek and Bolashak Foundation fined")
    foundation, person = sorted(
        (with_default_privacy(i) for i in extract(text, source=source)), key=lambda i: i.victims[0].kind
    )
    assert person.private_fields == ["victims[0].name"] and not foundation.private_fields
    assert "Temirbek" in to_json([foundation], [source], edition="public")  # alone, it cannot know the name
    words = name_words(private_names([foundation, person]))  # what `incidents report` reads from the store
    write_report([foundation], [source], tmp_path, chart=False, words=words)
    for name in ("incidents_public.json", "incidents_public.csv", "acled.csv", "summary.md"):
        assert "Temirbek" not in (tmp_path / name).read_text(encoding="utf-8"), name
    assert "Bolashak" in (tmp_path / "incidents_public.csv").read_text(encoding="utf-8")


def test_acled_columns_and_event_types(report: Path) -> None:
    rows = _rows(report / "acled.csv")
    header = (report / "acled.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(COLUMNS)
    assert len(rows) == 41
    assert {r["fatalities"] for r in rows} == {"0"} and {r["country"] for r in rows} == {"Kazakhstan"}
    for row in rows:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["event_date"]), row["event_date"]
        action = row["tags"].split(";")[0].removeprefix("charterwatch_action=")
        if action in ("detention", "arrest", "administrative_arrest"):
            assert (row["event_type"], row["sub_event_type"]) == ("Strategic developments", "Arrests")
        elif action == "ill_treatment":
            assert (row["event_type"], row["sub_event_type"]) == ("Violence against civilians", "Attack")
        else:
            assert (row["event_type"], row["sub_event_type"]) == ("Strategic developments", "Other")
    khalabuzar = next(
        r
        for r in rows
        if r["event_date"] == "2017-02-24"
        and "detention" in r["tags"]
        and r["assoc_actor_2"] == "Activists (Kazakhstan)"
        and r["admin1"] == "Almaty"
    )
    assert (khalabuzar["actor1"], khalabuzar["time_precision"], khalabuzar["location"]) == (
        "Police Forces of Kazakhstan",
        "1",
        "Almaty",
    )
    ratel = next(r for r in rows if "Ratel.kz" in r["assoc_actor_2"])
    assert ratel["source"] == "002_472d80a3d5390b28.txt" and "Ratel.kz" in ratel["notes"]
    ridder = next(r for r in rows if r["location"] == "Ridder")
    assert ridder["admin1"] == "East Kazakhstan"


def test_acled_maps_dispersal_and_ill_treatment() -> None:
    text = (
        "On 5 March 2026 police in Almaty dispersed protesters at a rally against the draft. "
        "Activist Bota Zhan was beaten by unknown assailants in Shymkent on 7 March 2026."
    )
    incidents = extract(text, source=make_source(text, location="https://example.org/a"))
    rows = _rows_of(to_acled_csv(incidents, [make_source(text, location="https://example.org/a")]))
    types = {(r["event_type"], r["sub_event_type"], r["civilian_targeting"], r["actor1"]) for r in rows}
    assert types == {
        ("Protests", "Protest with intervention", "", "Police Forces of Kazakhstan"),
        ("Violence against civilians", "Attack", "Civilian targeting", "Unidentified Group (Kazakhstan)"),
    }
    assert {r["source"] for r in rows} == {"example.org"}


def _rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_statistics_count_each_incident_once(
    report: Path, stored: tuple[list[Incident], list[Source]]
) -> None:
    incidents = stored[0]
    for dimension in ("action", "role", "month", "place"):
        rows = _rows(report / f"stats_{dimension}.csv")
        assert sum(int(r["incidents"]) for r in rows) == len(incidents)
    months = [key for key, _ in table(incidents, "month").rows]
    assert months == sorted(months) and "2017-02" in months and "2016 (month not given)" in months
    summary = (report / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("# Civic-space incidents\n\n41 incidents from 2 sources")
    assert "15 days of administrative arrest" in summary and "| detention | 9 |" in summary


def test_chart_files_are_png_and_svg_and_reproducible(
    report: Path, stored: tuple[list[Incident], list[Source]], tmp_path: Path
) -> None:
    png = (report / "timeline.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width > 1000 and height > 300
    root = ElementTree.fromstring((report / "timeline.svg").read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    write_report(*stored, tmp_path)
    for name in ("timeline.png", "timeline.svg", "incidents_public.json", "acled.csv", "summary.md"):
        assert (tmp_path / name).read_bytes() == (report / name).read_bytes(), name


def test_the_committed_example_is_up_to_date(
    shared_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/examples/incidents/ is what its README's commands make (text files; the chart is checked above)."""
    root = Path(__file__).resolve().parents[1]
    if shared_dir.resolve() != (root.parent / "shared").resolve():
        pytest.skip("the example names the seeds as ../shared/seeds")
    monkeypatch.chdir(root)
    engine = open_store(f"sqlite:///{tmp_path / 'seeds.db'}")
    try:
        with session_scope(engine) as session:
            ingest_into_store(session, [Path("../shared/seeds")])
        with session_scope(engine) as session:
            write_report(list_incidents(session), load_sources(session), tmp_path / "out", chart=False)
    finally:
        engine.dispose()
    example = root / "docs" / "examples" / "incidents"
    for made in sorted((tmp_path / "out").iterdir()):
        assert made.read_text(encoding="utf-8") == (example / made.name).read_text(encoding="utf-8"), (
            made.name
        )


def test_a_merge_that_takes_the_other_victims_keeps_their_names_private() -> None:
    text = "Blogger Aidos Sadykov was detained by police in Almaty on 3 May 2024 for a Facebook post."
    [named] = [with_default_privacy(i) for i in extract(text, source=make_source(text))]
    unnamed = edit(named, reviewer="kibhr-1", victim_role="other", private_fields=[])
    unnamed.victims[0] = Victim("person", "other", "Sadykov", None)
    merged, _ = merge_pair(unnamed, named)
    assert merged.victims[0].name == "Aidos Sadykov" and merged.private_fields == ["victims[0].name"]


def test_acled_has_every_column_of_acleds_export_with_outlets_and_interaction() -> None:
    assert len(COLUMNS) == 31 and COLUMNS[:3] == ("event_id_cnty", "event_date", "year")
    assert COLUMNS[-2:] == ("tags", "timestamp") and COLUMNS.index("inter1") == COLUMNS.index("actor1") + 2
    text = "On 5 March 2026 police in Almaty detained activist Bota Zhan at a rally against the draft."
    for location, name, scale in (
        ("https://www.rferl.org/a/some-story/1.html", "Radio Free Europe/Radio Liberty", "International"),
        ("https://vlast.kz/novosti/1.html", "Vlast.kz", "National"),
        ("https://news.example.kz/a/1", "news.example.kz", "National"),
        ("https://t.me/somechannel/12", "Telegram", "New media"),
    ):
        source = make_source(text, location=location, published="2026-03-06")
        when = dt.datetime(2026, 3, 6, tzinfo=dt.UTC)
        (row,) = _rows_of(to_acled_csv(extract(text, source=source), [source]))
        assert (row["source"], row["source_scale"]) == (name, scale), location
        assert (row["inter1"], row["inter2"], row["interaction"]) == (
            "State forces",
            "Civilians",
            "State forces-Civilians",
        )
        assert row["timestamp"] == str(int(when.timestamp())) and row["admin2"] == ""
