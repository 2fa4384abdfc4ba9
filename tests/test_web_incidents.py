"""Incidents pages over the seed articles: table, filters, chart, evidence marks, review, merge, privacy."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from charterwatch.incidents.workflow.service import ingest_into_store
from charterwatch.store.db import open_store, session_scope
from charterwatch.web.audit import entries
from conftest import SHARED_DIR

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:matplotlib.*")


@pytest.fixture(scope="module")
def incidents_store_file(corpus_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus store with the seed articles' incidents ingested, made once for this module."""
    if not (SHARED_DIR / "seeds").is_dir():
        pytest.skip(f"no seed articles in {SHARED_DIR}")
    path = tmp_path_factory.mktemp("web-incidents") / "incidents.db"
    shutil.copyfile(corpus_store_file, path)
    engine = open_store(f"sqlite:///{path}")
    try:
        with session_scope(engine) as session:
            ingest_into_store(session, [SHARED_DIR / "seeds"], default_date="2026-03-01")
    finally:
        engine.dispose()
    return path


@pytest.fixture
def web_db_url(incidents_store_file: Path, tmp_path: Path) -> str:
    """Overrides web_fixtures' store: this test's own copy of the store with incidents."""
    copy = tmp_path / "web.db"
    shutil.copyfile(incidents_store_file, copy)
    return f"sqlite:///{copy}"


def _all(client: TestClient, **params: str) -> dict[str, Any]:
    response = client.get("/api/incidents", params={"limit": "500", **params})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def _csrf(client: TestClient, path: str = "/incidents") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found.group(1)


def _accept(client: TestClient, incident_id: str, note: str = "checked against the source") -> None:
    token = _csrf(client, f"/incidents/{incident_id}")
    response = client.post(
        f"/incidents/{incident_id}/review",
        data={"decision": "accept", "note": note, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def test_analyst_sees_every_incident_and_filters(sign_in: Callable[..., TestClient]) -> None:
    client = sign_in("analyst")
    data = _all(client)
    assert data["private"] and data["total"] >= 20 and len(data["incidents"]) == data["total"]
    first = data["incidents"][0]
    assert first["review"] == "machine" and "private_fields" in first
    detentions = _all(client, action="detention")["incidents"]
    assert detentions and all("detention" in i["actions"] for i in detentions)
    assert len(detentions) < data["total"]
    dated = [i for i in data["incidents"] if i["date"]]
    year = dated[0]["date"]["value"][:4]
    in_year = _all(client, date_from=year, date_to=year)["incidents"]
    assert in_year and all(i["date"]["value"].startswith(year) for i in in_year)
    place = next(i["place"] for i in data["incidents"] if i["place"])
    assert all(place.lower() in (i["place"] or "").lower() for i in _all(client, place=place)["incidents"])
    name = next(v["name"] for i in data["incidents"] for v in i["victims"] if v["name"])
    found = _all(client, who=name)["incidents"]
    assert found and all(any(name == v["name"] for v in i["victims"]) for i in found)
    paged = client.get("/api/incidents", params={"limit": "5", "offset": "5"}).json()
    assert [i["id"] for i in paged["incidents"]] == [i["id"] for i in data["incidents"][5:10]]
    page = client.get("/incidents", params={"action": "detention"})
    assert page.status_code == 200 and 'src="/incidents/timeline.svg?action=detention"' in page.text
    assert client.get("/api/incidents", params={"action": "flogging"}).status_code == 422
    assert client.get("/api/incidents", params={"date_from": "March"}).status_code == 422


def test_timeline_chart_is_svg_of_the_filtered_incidents(client: TestClient) -> None:
    response = client.get("/incidents/timeline.svg")
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in response.content and b"0 dated" in response.content  # nothing published yet


def test_the_public_timeline_leaves_out_a_withheld_date(
    client: TestClient, sign_in: Callable[..., TestClient], web_app: FastAPI
) -> None:
    analyst = TestClient(web_app)
    analyst.cookies.update(sign_in("analyst").cookies)
    dated = next(i for i in _all(analyst)["incidents"] if i["date"])
    token = _csrf(analyst, f"/incidents/{dated['id']}")
    withheld = {"decision": "edit", "set_private": "true", "private_fields": "date", "csrf_token": token}
    assert analyst.post(f"/incidents/{dated['id']}/review", data=withheld).status_code in (200, 303)
    _accept(analyst, dated["id"])
    client.cookies.clear()
    assert b"1 dated" in analyst.get("/incidents/timeline.svg", params={"status": "accepted"}).content
    public = client.get("/incidents/timeline.svg").content
    assert b"0 dated, 1 undated" in public


def test_evidence_is_marked_at_its_spans_in_the_source(sign_in: Callable[..., TestClient]) -> None:
    client = sign_in("analyst")
    incident_id = _all(client)["incidents"][0]["id"]
    data = client.get(f"/api/incidents/{incident_id}").json()
    evidence = data["incident"]["evidence"]
    assert evidence and set(data["legend"]) == {e["field"] for e in evidence}
    for source in data["sources"]:
        text = "".join(s["text"] for s in source["segments"])
        for e in (e for e in evidence if e["source_id"] == source["id"]):
            assert text[e["start"] : e["end"]] == e["quote"]
            covering = [s for s in source["segments"] if s["start"] >= e["start"] and s["end"] <= e["end"]]
            assert covering and all(e["field"] in s["fields"] for s in covering)
        plain = [s for s in source["segments"] if not s["fields"]]
        assert plain and all(s["mark"] is None for s in plain)
    page = client.get(f"/incidents/{incident_id}").text
    first = evidence[0]
    assert f'data-start="{first["start"]}"' in page
    marked = re.findall(r"<mark class=\"ev-\d\"[^>]*>(.*?)</mark>", page, flags=re.S)
    assert html.escape(first["quote"], quote=False) in "".join(marked)
    assert "<script" not in page.split("</head>")[1]  # the source's text is escaped, never markup


def test_public_sees_published_incidents_without_private_fields(
    client: TestClient, make_user: Callable[..., str], web_app: FastAPI
) -> None:
    assert client.get("/api/incidents").json()["total"] == 0  # nothing accepted yet
    analyst = TestClient(web_app)
    make_user("ana", "analyst")
    token = _csrf(analyst, "/login")
    analyst.post("/login", data={"name": "ana", "password": "correct horse battery", "csrf_token": token})
    incidents = _all(analyst)["incidents"]
    named = next(i for i in incidents if any(p.startswith("victims[") for p in i["private_fields"]))
    name = named["victims"][0]["name"]
    _accept(analyst, named["id"])
    public = client.get("/api/incidents").json()
    assert [i["id"] for i in public["incidents"]] == [named["id"]]
    shown = public["incidents"][0]
    assert "private_fields" not in shown and "review_log" not in shown
    assert shown["victims"][0]["name"] is None and "name withheld" in shown["victims"][0]["description"]
    assert name not in client.get("/incidents").text
    assert client.get("/api/incidents", params={"who": name.split()[-1]}).json()["total"] == 0
    detail = client.get(f"/api/incidents/{named['id']}").json()
    assert detail["history"] == [] and all(s["segments"] == [] for s in detail["sources"])
    assert all(name.split()[-1] not in e["quote"] for e in detail["incident"]["evidence"])
    assert name not in client.get(f"/incidents/{named['id']}").text
    other = next(i for i in incidents if i["id"] != named["id"])
    assert client.get(f"/api/incidents/{other['id']}").status_code == 404
    assert client.get(f"/incidents/{other['id']}").status_code == 404
    assert client.get("/api/incidents", params={"status": "machine"}).status_code == 403


@pytest.mark.parametrize("role", [None, "public", "working_group"])
def test_review_actions_are_refused_to_others(
    client: TestClient, sign_in: Callable[..., TestClient], role: str | None, web_app: FastAPI
) -> None:
    with session_scope(web_app.state.engine) as session:
        from charterwatch.incidents.workflow.store import list_incidents

        incident_id = list_incidents(session)[0].id
    if role is not None:
        sign_in(role, group="Human rights" if role == "working_group" else None)
    token = _csrf(client, "/login")
    for path, form in (
        (f"/incidents/{incident_id}/review", {"decision": "accept"}),
        (f"/incidents/{incident_id}/merge", {"other": incident_id}),
        ("/incidents/merges/1/unmerge", {}),
    ):
        response = client.post(
            path, data={**form, "csrf_token": token}, headers={"accept": "application/json"}
        )
        assert response.status_code == 403, (path, response.text)
    with session_scope(web_app.state.engine) as session:
        assert not [row for row in entries(session, limit=500)[1] if row.action.startswith("incident.")]


def test_review_merge_and_unmerge_through_the_web_are_audited(
    sign_in: Callable[..., TestClient], web_app: FastAPI
) -> None:
    client = sign_in("analyst", name="ana")
    incidents = _all(client)["incidents"]
    first, second = incidents[0]["id"], incidents[1]["id"]
    _accept(client, first)
    token = _csrf(client, f"/incidents/{first}")
    edited = client.post(
        f"/incidents/{second}/review",
        data={
            "decision": "edit",
            "place": "Astana",
            "note": "place from the photo caption",
            "csrf_token": token,
        },
        headers={"accept": "application/json"},
    )
    assert (
        edited.status_code == 200
        and edited.json()["place"] == "Astana"
        and edited.json()["review"] == "edited"
    )
    assert not any(e["field"] == "place" for e in edited.json()["evidence"])
    bad = client.post(
        f"/incidents/{second}/review", data={"decision": "edit", "csrf_token": token}, follow_redirects=False
    )
    assert bad.status_code == 422
    merged = client.post(
        f"/incidents/{first}/merge", data={"other": second[:8], "csrf_token": token}, follow_redirects=False
    )
    assert merged.status_code == 303 and merged.headers["location"] == f"/incidents/{first}"
    assert second not in {i["id"] for i in _all(client)["incidents"]}
    page = client.get(f"/api/incidents/{first}").json()
    merge = next(m for m in page["merges"] if m["absorbed"] == second)
    assert [h["state"] for h in page["history"]] == ["accepted"]
    assert client.get(f"/api/incidents/{second}").json()["merged_into"] == first
    undone = client.post(
        f"/incidents/merges/{merge['id']}/unmerge",
        data={"csrf_token": token},
        headers={"accept": "application/json"},
    )
    assert undone.status_code == 200 and undone.json()["absorbed"]["id"] == second
    assert {first, second} <= {i["id"] for i in _all(client)["incidents"]}
    again = client.post(f"/incidents/merges/{merge['id']}/unmerge", data={"csrf_token": token})
    assert again.status_code == 409
    with session_scope(web_app.state.engine) as session:
        rows = [row for row in entries(session, actor="ana")[1] if row.action.startswith("incident.")]
        actions = [row.action for row in reversed(rows)]
        assert actions == ["incident.accept", "incident.edit", "incident.merge", "incident.unmerge"]
        accept = rows[-1]
        assert accept.actor_role == "analyst" and accept.target == f"incident:{first}"
        assert accept.before["review"] == "machine" and accept.after["review"] == "accepted"
        assert rows[0].after["absorbed"]["id"] == second


def test_review_without_csrf_is_refused(sign_in: Callable[..., TestClient]) -> None:
    client = sign_in("analyst")
    incident_id = _all(client)["incidents"][0]["id"]
    response = client.post(f"/incidents/{incident_id}/review", data={"decision": "accept"})
    assert response.status_code == 403
    assert client.get(f"/api/incidents/{incident_id}").json()["incident"]["review"] == "machine"
