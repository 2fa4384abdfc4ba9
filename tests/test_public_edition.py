"""Nothing private reaches the public: every anonymous route and every public file of `incidents report`,
over a store where reviewers withheld a person's name, a group's name, a date, a place and a perpetrator,
wrote notes, rejected one incident and left the rest unreviewed (docs/incidents.md, "Privacy")."""

from __future__ import annotations

import csv
import importlib
import io
import itertools
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from charterwatch.cli.app import run
from charterwatch.consult.models import ThemeRow, WorkingGroupRow
from charterwatch.consult.store import submit_proposal
from charterwatch.incidents.workflow.service import ingest_into_store, review_incident
from charterwatch.incidents.workflow.store import list_incidents, save_incident
from charterwatch.store.db import open_store, session_scope
from charterwatch.web.app import PAGE_MODULES
from conftest import SHARED_DIR
from web_fixtures import SHOWCASE

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:matplotlib.*")

REVIEWER = "qzx-reviewer"
GROUP_NAME = "Qzxmothers Collective"
PLACE = "Qzxgrad"
PERPETRATOR = "Qzxburo special unit"
DATE = "1911-11-11"
CONTACT = "qzx.contact@example.org"
AMBIGUOUS = "feed"  # the prefix of two unpublished incidents made for the test


@dataclass(frozen=True)
class Seeded:
    path: Path
    published: list[str]  # ids the public may see
    hidden: list[str]  # ids of unreviewed and rejected incidents
    secrets: list[str]  # strings no anonymous response and no public file may hold (lower case)


@pytest.fixture(scope="module")
def seeded(corpus_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    """The corpus store with the seeds' incidents, three of them published with withheld fields."""
    if not (SHARED_DIR / "seeds").is_dir():
        pytest.skip(f"no seed articles in {SHARED_DIR}")
    path = tmp_path_factory.mktemp("public-edition") / "store.db"
    shutil.copyfile(corpus_store_file, path)
    engine = open_store(f"sqlite:///{path}")
    try:
        with session_scope(engine) as session:
            ingest_into_store(session, [SHARED_DIR / "seeds"], default_date="2026-03-01")
        with session_scope(engine) as session:
            found = _review(session)
    finally:
        engine.dispose()
    return replace(found, path=path)


def _review(session: Any) -> Seeded:
    incidents = list_incidents(session)
    names = [i.victims[0].name for i in incidents]
    person = next(
        i
        for i in incidents
        if i.victims[0].kind == "person" and i.private_fields and names.count(i.victims[0].name) == 1
    )
    group = next(i for i in incidents if i.victims[0].kind == "group")
    placed = next(i for i in incidents if i.victims[0].kind == "organisation" and i.date and i.place)
    rejected = next(i for i in incidents if i.id not in (person.id, group.id, placed.id))
    notes = {k: f"qzxnote{k} checked by telephone with a relative" for k in range(4)}
    review_incident(session, person.id, "accept", reviewer=REVIEWER, note=notes[0])
    review_incident(
        session,
        group.id,
        "edit",
        reviewer=REVIEWER,
        note=notes[1],
        victim_name=GROUP_NAME,
        private_fields=["victims[0].name"],
    )
    review_incident(
        session,
        placed.id,
        "edit",
        reviewer=REVIEWER,
        note=notes[2],
        date=DATE,
        place=PLACE,
        perpetrator=PERPETRATOR,
        private_fields=["date", "place", "perpetrator"],
    )
    review_incident(session, rejected.id, "reject", reviewer=REVIEWER, note=notes[3])
    twins = [replace(rejected, id=f"{AMBIGUOUS}{n:012x}", review="machine") for n in (1, 2)]
    for twin in twins:
        save_incident(session, twin)
    submit_proposal(
        session,
        "Article 20 should protect the right to gather in public without asking permission first.",
        channel="web",
        submitter_kind="citizen",
        contact=CONTACT,
    )
    published = [person.id, group.id, placed.id]
    hidden = [i.id for i in incidents if i.id not in published] + [t.id for t in twins]
    private = {str(v.name) for i in incidents for v in i.victims if v.name and i.private_fields}
    secrets = [*private, *(name.split()[-1] for name in private)]  # every person's name, published or not
    secrets += [GROUP_NAME, "qzxmothers", PLACE, PERPETRATOR, DATE]
    secrets += [DATE[:7], REVIEWER, "qzxnote", CONTACT]
    secrets += [i[:8] for i in hidden]  # an unpublished incident's id, even as ACLED's 8 characters
    return Seeded(Path(""), published, hidden, [s.lower() for s in secrets])


@pytest.fixture
def web_db_url(seeded: Seeded, tmp_path: Path) -> str:
    """Overrides web_fixtures' store: this test's copy of the seeded store."""
    copy = tmp_path / "web.db"
    shutil.copyfile(seeded.path, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def anonymous(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app) as test_client:
        yield test_client


def _leaks(text: str, secrets: list[str], *, asked: tuple[str, ...] = ()) -> list[str]:
    """The secrets in ``text``, once what the request itself asked for (an id it echoes) is taken out."""
    folded = text.lower()
    for value in asked:
        folded = folded.replace(value.lower(), "")
    return [s for s in secrets if s in folded]


def _path_values(web_app: FastAPI, seeded: Seeded) -> dict[str, list[str]]:
    with session_scope(web_app.state.engine) as session:
        themes = [str(t) for t in session.scalars(select(ThemeRow.id))][:3] or ["1"]
        groups = [str(g) for g in session.scalars(select(WorkingGroupRow.name))][:2] or ["nobody"]
    incident_ids = [*seeded.published, *seeded.hidden, *(i[:4] for i in seeded.hidden), AMBIGUOUS, "0000ffff"]
    return {
        "ref": list(SHOWCASE),
        "num": ["1", "20"],
        "old_ref": [SHOWCASE[0]],
        "new_ref": [SHOWCASE[1]],
        "incident_id": incident_ids,
        "theme_id": themes,
        "group": groups,
        "proposal_id": ["web:1"],
        "token": ["x" * 32],  # a follow link nobody was given
        "fmt": ["csv", "json", "acled.csv", "md", "akn"],  # downloads: the public edition only
    }


def _anonymous_urls(values: dict[str, list[str]]) -> list[tuple[str, tuple[str, ...]]]:
    """Every GET route of the app, its path parameters filled with each value given for them (with them)."""
    urls = []
    for name in PAGE_MODULES:
        for route in importlib.import_module(name).router.routes:
            if not isinstance(route, APIRoute) or "GET" not in route.methods:
                continue
            params = [p.name for p in route.dependant.path_params]
            for combination in itertools.product(*(values[p] for p in params)):
                url = route.path
                for param, value in zip(params, combination, strict=True):
                    url = url.replace("{" + param + "}", value)
                urls.append((url, combination))
    return urls


def test_no_anonymous_route_shows_anything_private(
    anonymous: TestClient, web_app: FastAPI, seeded: Seeded
) -> None:
    urls = _anonymous_urls(_path_values(web_app, seeded))
    assert len(urls) > 100 and {"/incidents/timeline.svg", "/api/", "/"} <= {url for url, _ in urls}
    for url, asked in urls:
        response = anonymous.get(url)
        assert response.status_code < 500, (url, response.text[:300])
        leaked = _leaks(response.text, seeded.secrets, asked=asked)
        assert not leaked, (url, leaked)
    for published in seeded.published:
        assert anonymous.get(f"/api/incidents/{published}").status_code == 200


def test_counts_are_the_public_count(anonymous: TestClient, seeded: Seeded) -> None:
    listed = anonymous.get("/api/incidents", params={"limit": "500"}).json()
    assert sorted(i["id"] for i in listed["incidents"]) == sorted(seeded.published)
    dashboard = anonymous.get("/api/").json()
    assert dashboard["counts"]["incidents"] == listed["total"] == len(seeded.published)
    months = [e["count"] for e in dashboard["timeline"] if e["kind"] == "incidents"]
    dated = [i for i in listed["incidents"] if i["date"] and i["date"]["precision"] != "year"]
    assert sum(months) == len(dated) == sum(listed["by_month"].values())
    assert listed["undated"] == len(seeded.published) - len(dated)


@pytest.mark.parametrize(
    "params",
    [
        {"who": "qzxmothers"},
        {"place": PLACE},
        {"date_from": DATE[:4], "date_to": DATE[:4]},
        {"date_to": DATE},
    ],
)
def test_filters_cannot_probe_what_is_withheld(anonymous: TestClient, params: dict[str, str]) -> None:
    found = anonymous.get("/api/incidents", params=params).json()
    assert (found["total"], found["incidents"], found["by_month"]) == (0, [], {})
    assert b" 0 dated" in anonymous.get("/incidents/timeline.svg", params=params).content


def _error(response: Any, asked: str) -> tuple[int, Any]:
    return response.status_code, re.sub(re.escape(asked), "ID", response.text)


def test_ambiguous_unknown_and_unpublished_ids_are_one_404(
    anonymous: TestClient, seeded: Seeded, sign_in: Any
) -> None:
    unknown = "0000ffff0000ffff"
    for prefix in ("/api", ""):
        expected = _error(anonymous.get(f"{prefix}/incidents/{unknown}"), unknown)
        assert expected[0] == 404
        for asked in [AMBIGUOUS, *seeded.hidden, *(i[:6] for i in seeded.hidden)]:
            assert _error(anonymous.get(f"{prefix}/incidents/{asked}"), asked) == expected, asked
    analyst = sign_in("analyst")
    assert analyst.get(f"/api/incidents/{AMBIGUOUS}").status_code == 409  # staff are told to give more


def test_no_public_file_of_the_report_shows_anything_private(seeded: Seeded, tmp_path: Path) -> None:
    out = tmp_path / "report"
    store = tmp_path / "store.db"
    shutil.copyfile(seeded.path, store)
    assert run(["--db", f"sqlite:///{store}", "incidents", "report", "--out", str(out)]) == 0
    public = [p for p in sorted(out.iterdir()) if not p.name.startswith("incidents_full")]
    assert {p.name for p in public} >= {"incidents_public.json", "acled.csv", "summary.md", "stats_month.csv"}
    for path in public:
        if path.suffix != ".png":
            text = path.read_text(encoding="utf-8")
            assert not _leaks(text, seeded.secrets), (path.name, _leaks(text, seeded.secrets))
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert summary.splitlines()[2].startswith(f"{len(seeded.published)} incidents from")
    for dimension in ("action", "role", "month", "place"):
        rows = csv.DictReader(io.StringIO((out / f"stats_{dimension}.csv").read_text(encoding="utf-8")))
        assert sum(int(row["incidents"]) for row in rows) == len(seeded.published)
    full = (out / "incidents_full.json").read_text(encoding="utf-8").lower()
    assert PLACE.lower() in full and "qzxnote" in full  # the staff's edition keeps them


def test_downloads_hold_what_the_list_shows(anonymous: TestClient, seeded: Seeded) -> None:
    """The web's files are the CLI's exports, cut by the same rule: the public gets published incidents only."""
    as_json = anonymous.get("/incidents/download.json")
    assert as_json.status_code == 200 and "attachment" in as_json.headers["content-disposition"]
    data = as_json.json()
    assert data["edition"] == "public" and sorted(i["id"] for i in data["incidents"]) == sorted(
        seeded.published
    )
    rows = list(csv.DictReader(io.StringIO(anonymous.get("/incidents/download.csv").text)))
    assert len(rows) == len(seeded.published)
    acled = list(csv.DictReader(io.StringIO(anonymous.get("/incidents/download.acled.csv").text)))
    assert len(acled) == len(seeded.published) and len(acled[0]) == 31
    filtered = anonymous.get("/incidents/download.json", params={"action": "no_such_action"})
    assert filtered.status_code in (200, 422)
    text = anonymous.get(f"/texts/{SHOWCASE[0]}/download.md")
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/markdown")
